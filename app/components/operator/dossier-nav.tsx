import { Link } from "@remix-run/react";

/**
 * The sections of the dossier the operator's roles open. Plain links (prefetch "none", the
 * default): a section is loaded, and logged, only when the operator opens it.
 */
export function DossierNav({
  citizenId,
  sections,
  current,
}: {
  citizenId: number;
  sections: ReadonlyArray<{ key: string; label: string }>;
  current: string;
}) {
  return (
    <nav className="portal-dossier-nav" aria-label="Sezioni del fascicolo">
      <ul>
        {sections.map((s) => (
          <li key={s.key}>
            <Link
              to={`/operatore/cittadini/${citizenId}/${s.key}`}
              prefetch="none"
              aria-current={s.key === current ? "page" : undefined}
            >
              {s.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

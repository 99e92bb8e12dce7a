import { Link } from "@remix-run/react";

export type TaxpayerSection =
  "riepilogo" | "immobili" | "imu" | "tari" | "veicoli" | "accertamenti" | "f24" | "rimborsi";

const BASE = "/area-personale/contribuente";

/** Links of the taxpayer dossier. IMU and TARI point at a year: the latest one given. */
export function taxpayerSections(latest: { imu?: number | null; tari?: number | null } = {}) {
  return [
    { key: "riepilogo", label: "Riepilogo", to: BASE },
    { key: "immobili", label: "Immobili", to: `${BASE}/immobili` },
    { key: "imu", label: "IMU", to: latest.imu ? `${BASE}/imu/${latest.imu}` : null },
    { key: "tari", label: "TARI", to: latest.tari ? `${BASE}/tari/${latest.tari}` : null },
    { key: "veicoli", label: "Veicoli e bollo", to: `${BASE}/veicoli` },
    { key: "accertamenti", label: "Accertamenti", to: `${BASE}/accertamenti` },
    { key: "f24", label: "Versamenti F24", to: `${BASE}/f24` },
    { key: "rimborsi", label: "Rimborsi", to: `${BASE}/rimborsi` },
  ] as Array<{ key: TaxpayerSection; label: string; to: string | null }>;
}

/**
 * The sections of the taxpayer dossier as a row of links that wraps on small screens. The IMU and
 * TARI links are shown only where the page knows a year to point at.
 */
export function TaxpayerNav({
  current,
  latest,
}: {
  current: TaxpayerSection;
  latest?: { imu?: number | null; tari?: number | null };
}) {
  return (
    <nav className="portal-tax-nav" aria-label="Sezioni del fascicolo del contribuente">
      <ul>
        {taxpayerSections(latest).map((s) =>
          s.key === current ? (
            <li key={s.key}>
              <span className="portal-tax-nav-current" aria-current="page">
                {s.label}
              </span>
            </li>
          ) : s.to ? (
            <li key={s.key}>
              <Link to={s.to}>{s.label}</Link>
            </li>
          ) : null,
        )}
      </ul>
    </nav>
  );
}

/** Links to the other years of a tax (IMU or TARI), the current one marked. */
export function YearNav({
  years,
  current,
  basePath,
  label,
}: {
  years: number[];
  current: number;
  basePath: string;
  label: string;
}) {
  if (years.length <= 1) return null;
  return (
    <nav className="portal-year-nav" aria-label={label}>
      <span className="portal-year-nav-label" aria-hidden="true">
        Anno:
      </span>
      <ul>
        {years.map((y) => (
          <li key={y}>
            {y === current ? (
              <span className="portal-tax-nav-current" aria-current="page">
                {y}
              </span>
            ) : (
              <Link to={`${basePath}/${y}`}>{y}</Link>
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}

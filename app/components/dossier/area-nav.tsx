import { Link, useLocation } from "@remix-run/react";
import { pathAllowed, type DelegationArea } from "~/rules/delegation";

export const AREA = "/area-personale";

interface NavLink {
  label: string;
  to: string;
  /** Shown after the label, e.g. the number of unread messages. */
  badge?: { count: number; text: string };
}

interface NavGroup {
  label: string;
  links: NavLink[];
}

type NavEntry = NavLink | NavGroup;

function isGroup(e: NavEntry): e is NavGroup {
  return "links" in e;
}

/** The sections of the Area personale, grouped as in the Designers Italia municipal model. */
export function areaNavEntries(unread: number): NavEntry[] {
  return [
    { label: "Scrivania", to: AREA },
    {
      label: "Messaggi",
      to: `${AREA}/messaggi`,
      badge: unread > 0 ? { count: unread, text: unread === 1 ? "non letto" : "non letti" } : undefined,
    },
    {
      label: "Attività",
      links: [
        { label: "Pratiche", to: `${AREA}/pratiche` },
        { label: "Pagamenti", to: `${AREA}/pagamenti` },
      ],
    },
    {
      label: "Servizi",
      links: [
        { label: "Certificati", to: `${AREA}/certificati` },
        { label: "Appuntamenti", to: `${AREA}/appuntamenti` },
        { label: "Paga un avviso", to: "/paga-un-avviso" },
      ],
    },
    {
      label: "Fascicolo del cittadino",
      links: [
        { label: "Dati anagrafici", to: `${AREA}/anagrafe` },
        { label: "Documenti d'identità", to: `${AREA}/documenti` },
      ],
    },
    {
      label: "Fascicolo del contribuente",
      links: [{ label: "Tributi, immobili e veicoli", to: `${AREA}/contribuente` }],
    },
    {
      label: "I tuoi dati",
      links: [
        { label: "Chi ha visto i miei dati", to: `${AREA}/accessi` },
        { label: "Profilo e contatti", to: `${AREA}/profilo` },
        { label: "Deleghe", to: `${AREA}/deleghe` },
      ],
    },
  ];
}

/**
 * The menu while acting for someone: only the sections the tie opens (and the delegations page,
 * to go back); groups left empty disappear. `areas` null: the person's own area, every section.
 */
export function entriesFor(entries: NavEntry[], areas: readonly DelegationArea[] | null): NavEntry[] {
  if (areas === null) return entries;
  return entries.flatMap((e): NavEntry[] => {
    if (!isGroup(e)) return pathAllowed(e.to, areas) ? [e] : [];
    const links = e.links.filter((l) => pathAllowed(l.to, areas));
    return links.length ? [{ ...e, links }] : [];
  });
}

/** "page" on the link of this very page, "true" on the section the page belongs to. */
export function currentFor(to: string, pathname: string): "page" | "true" | undefined {
  const path = pathname.replace(/\/+$/, "") || "/";
  if (path === to) return "page";
  if (to !== AREA && path.startsWith(`${to}/`)) return "true";
  return undefined;
}

function allLinks(entries: NavEntry[]): NavLink[] {
  return entries.flatMap((e) => (isGroup(e) ? e.links : [e]));
}

function NavItem({ link, pathname }: { link: NavLink; pathname: string }) {
  const current = currentFor(link.to, pathname);
  return (
    <li>
      <Link to={link.to} className={`list-item${current ? " active" : ""}`} aria-current={current}>
        <span>{link.label}</span>
        {link.badge ? (
          <>
            {" "}
            <span className="badge bg-primary ms-1 portal-nav-badge">
              {link.badge.count}
              <span className="visually-hidden"> {link.badge.text}</span>
            </span>
          </>
        ) : null}
      </Link>
    </li>
  );
}

function NavList({ entries, pathname, idPrefix }: { entries: NavEntry[]; pathname: string; idPrefix: string }) {
  return (
    <ul className="link-list">
      {entries.map((e, i) =>
        isGroup(e) ? (
          <li key={e.label} className="portal-nav-group">
            <span className="portal-nav-group-label" id={`${idPrefix}-g${i}`}>
              {e.label}
            </span>
            <ul className="link-list link-sublist" aria-labelledby={`${idPrefix}-g${i}`}>
              {e.links.map((l) => (
                <NavItem key={l.to} link={l} pathname={pathname} />
              ))}
            </ul>
          </li>
        ) : (
          <NavItem key={e.to} link={e} pathname={pathname} />
        ),
      )}
    </ul>
  );
}

/**
 * The Area personale menu. On large screens a sidebar; on phones the same list folded in a
 * `<details>` element, which opens and closes without JavaScript. Only one of the two is displayed
 * at a time (the other is `display: none`, hence absent for assistive technologies too).
 */
export function AreaNav({ unread, areas = null }: { unread: number; areas?: readonly DelegationArea[] | null }) {
  const { pathname } = useLocation();
  const entries = entriesFor(areaNavEntries(unread), areas);
  const current = allLinks(entries).find((l) => currentFor(l.to, pathname));
  return (
    <>
      <nav className="d-none d-lg-block sidebar-wrapper it-line-right-side portal-area-nav" aria-label="Area personale">
        <div className="sidebar-linklist-wrapper">
          <div className="link-list-wrapper">
            <NavList entries={entries} pathname={pathname} idPrefix="area-nav" />
          </div>
        </div>
      </nav>
      <nav className="d-lg-none portal-area-nav-mobile" aria-label="Area personale">
        <details key={pathname}>
          <summary>
            <span className="portal-area-nav-summary">Menu dell&apos;area personale</span>
            {current ? <span className="portal-area-nav-current">: {current.label}</span> : null}
          </summary>
          <div className="link-list-wrapper">
            <NavList entries={entries} pathname={pathname} idPrefix="area-nav-m" />
          </div>
        </details>
      </nav>
    </>
  );
}

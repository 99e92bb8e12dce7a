import { Link, useLocation } from "@remix-run/react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { pathAllowed, type DelegationArea } from "~/rules/delegation";
import type { Credential } from "~/rules/identity";

export const AREA = "/area-personale";

interface NavLink {
  /** Key in the "area" namespace. */
  label: string;
  to: string;
  /** Shown after the label, e.g. the number of unread messages (key of its plural words). */
  badge?: { count: number; text: string };
}

interface NavGroup {
  /** Key in the "area" namespace. */
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
    { label: "nav.scrivania", to: AREA },
    {
      label: "nav.messages",
      to: `${AREA}/messaggi`,
      badge: unread > 0 ? { count: unread, text: "nav.unread" } : undefined,
    },
    {
      label: "nav.activity",
      links: [
        { label: "nav.pratiche", to: `${AREA}/pratiche` },
        { label: "nav.payments", to: `${AREA}/pagamenti` },
      ],
    },
    {
      label: "nav.services",
      links: [
        { label: "nav.certificates", to: `${AREA}/certificati` },
        { label: "nav.appointments", to: `${AREA}/appuntamenti` },
        { label: "nav.payNotice", to: "/paga-un-avviso" },
      ],
    },
    {
      label: "nav.citizenDossier",
      links: [
        { label: "nav.registry", to: `${AREA}/anagrafe` },
        { label: "nav.idDocuments", to: `${AREA}/documenti` },
      ],
    },
    {
      label: "nav.taxpayerDossier",
      links: [{ label: "nav.taxes", to: `${AREA}/contribuente` }],
    },
    {
      label: "nav.yourData",
      links: [
        { label: "nav.accessLog", to: `${AREA}/accessi` },
        { label: "nav.profile", to: `${AREA}/profilo` },
        { label: "nav.delegations", to: `${AREA}/deleghe` },
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
  const { t } = useTranslation("area");
  const current = currentFor(link.to, pathname);
  return (
    <li>
      <Link to={link.to} className={`list-item${current ? " active" : ""}`} aria-current={current}>
        <span>{t(link.label)}</span>
        {link.badge ? (
          <>
            {" "}
            <span className="badge bg-primary ms-1 portal-nav-badge">
              {link.badge.count}
              <span className="visually-hidden"> {t(link.badge.text, { count: link.badge.count })}</span>
            </span>
          </>
        ) : null}
      </Link>
    </li>
  );
}

function NavList({ entries, pathname, idPrefix }: { entries: NavEntry[]; pathname: string; idPrefix: string }) {
  const { t } = useTranslation("area");
  return (
    <ul className="link-list">
      {entries.map((e, i) =>
        isGroup(e) ? (
          <li key={e.label} className="portal-nav-group">
            <span className="portal-nav-group-label" id={`${idPrefix}-g${i}`}>
              {t(e.label)}
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
  const { t } = useTranslation("area");
  return (
    <>
      <nav className="d-none d-lg-block sidebar-wrapper it-line-right-side portal-area-nav" aria-label={t("nav.label")}>
        <div className="sidebar-linklist-wrapper">
          <div className="link-list-wrapper">
            <NavList entries={entries} pathname={pathname} idPrefix="area-nav" />
          </div>
        </div>
      </nav>
      <nav className="d-lg-none portal-area-nav-mobile" aria-label={t("nav.label")}>
        <details key={pathname}>
          <summary>
            <span className="portal-area-nav-summary">{t("nav.mobileSummary")}</span>
            {current ? <span className="portal-area-nav-current">: {t(current.label)}</span> : null}
          </summary>
          <div className="link-list-wrapper">
            <NavList entries={entries} pathname={pathname} idPrefix="area-nav-m" />
          </div>
        </details>
      </nav>
    </>
  );
}

/**
 * "SPID livello 2 (password e secondo fattore)" in the page's language, for the Area personale's
 * pages: the level names of app/auth/spid-labels.ts, kept in the "area" namespace by credential
 * and level (`t` of that namespace).
 */
export function accessLabel(t: TFunction, credential: Credential, level: number): string {
  return t(`level.${credential}.${level}`, {
    defaultValue: t("level.other", { credential: credential.toUpperCase(), level }),
  });
}

import { Link, useLocation } from "@remix-run/react";
import { useEffect, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { getBootstrap } from "~/components/bootstrap-italia";
import { Icon } from "~/components/icon";
import type { LayoutUser } from "~/auth/layout-user.server";
import type { SiteInfo } from "~/components/site";
import { LOCALE_NAMES, LOCALES } from "~/i18n/config";
import { useLocale } from "~/i18n/react";

export const LOGIN_URL = "/saml/login";
export const LOGOUT_URL = "/saml/logout";

interface NavItem {
  /** Key in the common namespace. */
  label: string;
  to: string;
  isActive: (path: string) => boolean;
}

const PAYMENTS = "/area-personale/pagamenti";

const NAV_ITEMS: NavItem[] = [
  { label: "nav.home", to: "/", isActive: (p) => p === "/" },
  {
    label: "nav.area",
    to: "/area-personale",
    isActive: (p) => (p === "/area-personale" || p.startsWith("/area-personale/")) && !isUnder(p, PAYMENTS),
  },
  { label: "nav.payments", to: PAYMENTS, isActive: (p) => isUnder(p, PAYMENTS) },
  { label: "nav.payNotice", to: "/paga-un-avviso", isActive: (p) => isUnder(p, "/paga-un-avviso") },
];

function isUnder(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(`${prefix}/`);
}

const NAV_ID = "main-nav";

/**
 * The design system's header: slim bar (administration and access to the personal area), centre
 * bar (portal name) and the main navigation, which collapses into a side menu on small screens.
 */
export function SiteHeader({
  site,
  user,
  children,
}: {
  site: SiteInfo;
  user: LayoutUser | null;
  /** Shown below the navigation bar, e.g. the demo notice. */
  children?: ReactNode;
}) {
  const { pathname, key } = useLocation();
  const { t } = useTranslation();

  // The side menu stays open across client-side navigations unless it is closed explicitly (the
  // key changes with every navigation, also to the page already shown).
  useEffect(() => {
    getBootstrap()?.NavBarCollapsible?.getInstance(document.getElementById(NAV_ID))?.hide();
  }, [key]);

  return (
    <header className="it-header-wrapper">
      <div className="it-header-slim-wrapper">
        <div className="container">
          <div className="row">
            <div className="col-12">
              <div className="it-header-slim-wrapper-content">
                <a className="d-lg-block navbar-brand" href={site.enteUrl}>
                  {site.enteName}
                </a>
                <div className="it-header-slim-right-zone">
                  <LanguageSwitcher />
                  {user ? <UserMenu user={user} /> : <LoginButton />}
                </div>
              </div>
            </div>
          </div>
        </div>
      </div>
      <div className="it-nav-wrapper">
        <div className="it-header-center-wrapper">
          <div className="container">
            <div className="row">
              <div className="col-12">
                <div className="it-header-center-content-wrapper">
                  <div className="it-brand-wrapper">
                    <Link to="/">
                      <Icon name="it-pa" />
                      <div className="it-brand-text">
                        <div className="it-brand-title">{site.portalName}</div>
                        <div className="it-brand-tagline d-none d-md-block">{t("tagline")}</div>
                      </div>
                    </Link>
                  </div>
                </div>
              </div>
            </div>
          </div>
        </div>
        <div className="it-header-navbar-wrapper">
          <div className="container">
            <div className="row">
              <div className="col-12">
                <nav className="navbar navbar-expand-lg" aria-label={t("nav.label")}>
                  <button
                    className="custom-navbar-toggler"
                    type="button"
                    aria-controls={NAV_ID}
                    aria-expanded="false"
                    aria-label={t("nav.open")}
                    data-bs-toggle="navbarcollapsible"
                    data-bs-target={`#${NAV_ID}`}
                  >
                    <Icon name="it-burger" />
                  </button>
                  <div className="navbar-collapsable" id={NAV_ID}>
                    <div className="overlay" />
                    <div className="close-div">
                      <button className="btn close-menu" type="button">
                        <span className="visually-hidden">{t("nav.close")}</span>
                        <Icon name="it-close-big" />
                      </button>
                    </div>
                    <div className="menu-wrapper">
                      <ul className="navbar-nav">
                        {NAV_ITEMS.map((item) => {
                          const active = item.isActive(pathname);
                          return (
                            <li className="nav-item" key={item.to}>
                              <Link
                                className={`nav-link${active ? " active" : ""}`}
                                to={item.to}
                                aria-current={active ? "page" : undefined}
                              >
                                <span>{t(item.label)}</span>
                              </Link>
                            </li>
                          );
                        })}
                      </ul>
                    </div>
                  </div>
                </nav>
              </div>
            </div>
          </div>
        </div>
      </div>
      {children}
    </header>
  );
}

/**
 * The other languages as buttons of a plain form: choosing one reloads the page in it (the cookie
 * is set by /lingua), with or without JavaScript.
 */
function LanguageSwitcher() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { pathname, search } = useLocation();
  return (
    <form method="post" action="/lingua" className="portal-language-switcher me-2 me-lg-3">
      <input type="hidden" name="ritorno" value={`${pathname}${search}`} />
      <span className="visually-hidden">{t("language.current", { language: LOCALE_NAMES[locale] })}</span>
      {LOCALES.filter((l) => l !== locale).map((l) => (
        <button
          key={l}
          type="submit"
          name="lingua"
          value={l}
          lang={l}
          className="btn btn-link text-white p-0"
        >
          {l.toUpperCase()}
          <span className="visually-hidden"> – {LOCALE_NAMES[l]}</span>
        </button>
      ))}
    </form>
  );
}

function LoginButton() {
  const { t } = useTranslation();
  // A document navigation: the login starts in Express (SAML), not in a Remix route.
  return (
    <a className="btn btn-primary btn-icon btn-full" href={LOGIN_URL}>
      <span className="rounded-icon">
        <Icon name="it-user" className="icon-primary" />
      </span>
      <span className="d-none d-lg-block">{t("login")}</span>
      <span className="visually-hidden d-lg-none">{t("login")}</span>
    </a>
  );
}

function UserMenu({ user }: { user: LayoutUser }) {
  const { t } = useTranslation();
  const links =
    user.kind === "operator"
      ? [{ label: t("userMenu.operator"), to: "/operatore" }]
      : [
          { label: t("nav.area"), to: "/area-personale" },
          { label: t("userMenu.profile"), to: "/area-personale/profilo" },
        ];
  return (
    <div className="it-user-wrapper nav-item dropdown">
      <button
        type="button"
        id="user-menu-toggle"
        className="btn btn-primary btn-icon btn-full dropdown-toggle"
        data-bs-toggle="dropdown"
        aria-expanded="false"
      >
        <span className="rounded-icon">
          <Icon name="it-user" className="icon-primary" />
        </span>
        <span className="d-none d-lg-block">
          {user.name}
          {user.ente ? <span className="fw-normal">{` · ${user.ente}`}</span> : null}
        </span>
        <span className="visually-hidden d-lg-none">
          {user.name}
          {user.ente ? `, ${user.ente}` : ""}
        </span>
        <Icon name="it-expand" className="icon-white d-none d-lg-block" />
      </button>
      <div className="dropdown-menu dropdown-menu-end" aria-labelledby="user-menu-toggle">
        <div className="link-list-wrapper">
          <ul className="link-list">
            {links.map((l) => (
              <li key={l.to}>
                <Link className="dropdown-item list-item" to={l.to}>
                  <span>{l.label}</span>
                </Link>
              </li>
            ))}
            <li>
              <span className="divider" />
            </li>
            <li>
              {/* A document POST: the logout ends the SAML session in Express. */}
              <form method="post" action={LOGOUT_URL}>
                {user.csrfToken ? <input type="hidden" name="csrf" value={user.csrfToken} /> : null}
                <button type="submit" className="dropdown-item list-item left-icon portal-logout">
                  <Icon name="it-logout" className="icon-primary icon-sm left" />
                  <span className="fw-bold">{t("userMenu.logout")}</span>
                </button>
              </form>
            </li>
          </ul>
        </div>
      </div>
    </div>
  );
}

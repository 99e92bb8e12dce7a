import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Icon } from "~/components/icon";
import { formatPhone, type SiteInfo } from "~/components/site";

/** Pages every page links to from the footer; labels are keys of the common namespace. */
export const FOOTER_LINKS = {
  accessibility: { to: "/dichiarazione-di-accessibilita", label: "footer.accessibility" },
  privacy: { to: "/privacy", label: "footer.privacy" },
  legal: { to: "/note-legali", label: "footer.legal" },
  openData: { to: "/dati-aperti", label: "footer.openData" },
} as const;

export function SiteFooter({ site }: { site: SiteInfo }) {
  const { t } = useTranslation();
  return (
    <footer className="it-footer" id="footer" tabIndex={-1}>
      <div className="it-footer-main">
        <div className="container">
          <section>
            <div className="row clearfix">
              <div className="col-sm-12">
                <div className="it-brand-wrapper">
                  <Link to="/">
                    <Icon name="it-pa" />
                    <div className="it-brand-text">
                      <div className="portal-footer-brand-title">{site.portalName}</div>
                      <div className="portal-footer-brand-tagline">{site.enteName}</div>
                    </div>
                  </Link>
                </div>
              </div>
            </div>
          </section>
          <section className="py-4 border-white border-top">
            <div className="row">
              <div className="col-md-6 pb-3">
                <h2 className="portal-footer-heading">{t("footer.contacts")}</h2>
                <p className="mb-2">
                  <strong>{site.enteName}</strong>
                  <br />
                  {site.address}
                </p>
                <ul className="list-unstyled mb-0">
                  <li className="mb-1">
                    <Icon name="it-mail" className="icon-white icon-sm me-2" />
                    <span className="visually-hidden">{t("footer.email")} </span>
                    <a href={`mailto:${site.email}`}>{site.email}</a>
                  </li>
                  <li>
                    <Icon name="it-telephone" className="icon-white icon-sm me-2" />
                    <span className="visually-hidden">{t("footer.phone")} </span>
                    <a href={`tel:${site.phone}`}>{formatPhone(site.phone)}</a>
                  </li>
                </ul>
              </div>
              <div className="col-md-6 pb-3">
                <h2 className="portal-footer-heading">{t("footer.services")}</h2>
                <ul className="list-unstyled mb-0 portal-footer-list">
                  <li>
                    <Link to="/area-personale">{t("nav.area")}</Link>
                  </li>
                  <li>
                    <Link to="/area-personale/pagamenti">{t("nav.payments")}</Link>
                  </li>
                  <li>
                    <Link to="/paga-un-avviso">{t("footer.payNotice")}</Link>
                  </li>
                </ul>
              </div>
            </div>
          </section>
        </div>
      </div>
      <div className="it-footer-small-prints clearfix">
        <div className="container">
          <h2 className="visually-hidden">{t("footer.usefulLinks")}</h2>
          <ul className="it-footer-small-prints-list list-inline mb-0 d-flex flex-column flex-md-row">
            {Object.values(FOOTER_LINKS).map((l) => (
              <li className="list-inline-item" key={l.to}>
                <Link to={l.to}>{t(l.label)}</Link>
              </li>
            ))}
            <li className="list-inline-item">
              {/* A JSON endpoint served by Express, not a Remix page. */}
              <a href="/status">{t("footer.status")}</a>
            </li>
          </ul>
        </div>
      </div>
    </footer>
  );
}

import { Link } from "@remix-run/react";
import { Icon } from "~/components/icon";
import { formatPhone, type SiteInfo } from "~/components/site";

/** Pages every page links to from the footer. */
export const FOOTER_LINKS = {
  accessibility: { to: "/dichiarazione-di-accessibilita", label: "Dichiarazione di accessibilità" },
  privacy: { to: "/privacy", label: "Informativa sulla privacy" },
  legal: { to: "/note-legali", label: "Note legali" },
  openData: { to: "/dati-aperti", label: "Dati aperti" },
} as const;

export function SiteFooter({ site }: { site: SiteInfo }) {
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
                <h2 className="portal-footer-heading">Contatti</h2>
                <p className="mb-2">
                  <strong>{site.enteName}</strong>
                  <br />
                  {site.address}
                </p>
                <ul className="list-unstyled mb-0">
                  <li className="mb-1">
                    <Icon name="it-mail" className="icon-white icon-sm me-2" />
                    <span className="visually-hidden">Posta elettronica: </span>
                    <a href={`mailto:${site.email}`}>{site.email}</a>
                  </li>
                  <li>
                    <Icon name="it-telephone" className="icon-white icon-sm me-2" />
                    <span className="visually-hidden">Telefono: </span>
                    <a href={`tel:${site.phone}`}>{formatPhone(site.phone)}</a>
                  </li>
                </ul>
              </div>
              <div className="col-md-6 pb-3">
                <h2 className="portal-footer-heading">Servizi</h2>
                <ul className="list-unstyled mb-0 portal-footer-list">
                  <li>
                    <Link to="/area-personale">Area personale</Link>
                  </li>
                  <li>
                    <Link to="/area-personale/pagamenti">Pagamenti</Link>
                  </li>
                  <li>
                    <Link to="/paga-un-avviso">Paga un avviso pagoPA</Link>
                  </li>
                </ul>
              </div>
            </div>
          </section>
        </div>
      </div>
      <div className="it-footer-small-prints clearfix">
        <div className="container">
          <h2 className="visually-hidden">Link utili</h2>
          <ul className="it-footer-small-prints-list list-inline mb-0 d-flex flex-column flex-md-row">
            {Object.values(FOOTER_LINKS).map((l) => (
              <li className="list-inline-item" key={l.to}>
                <Link to={l.to}>{l.label}</Link>
              </li>
            ))}
            <li className="list-inline-item">
              {/* A JSON endpoint served by Express, not a Remix page. */}
              <a href="/status">Stato del servizio</a>
            </li>
          </ul>
        </div>
      </div>
    </footer>
  );
}

import type { MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { Card } from "~/components/card";
import { Icon } from "~/components/icon";
import { LOGIN_URL } from "~/components/site-header";
import { pageMeta, useSiteInfo } from "~/components/site";
import { metaT } from "~/i18n/instance";
import { messagesLoader } from "~/i18n/react";

export const handle = { i18n: ["home"] };

/**
 * A server loader with nothing to load: without one, Remix would run the clientLoader at hydration
 * and render no page on the server.
 */
export const loader = () => null;

export const clientLoader = messagesLoader(["home"]);

export const meta: MetaFunction = ({ matches }) => {
  const t = metaT(matches, "home");
  return pageMeta(null, matches, t("description"));
};

export default function Home() {
  const site = useSiteInfo();
  const { t } = useTranslation("home");
  const strong = { strong: <strong /> };
  return (
    <>
      <section className="portal-hero" aria-labelledby="home-title">
        <div className="container">
          <div className="row">
            <div className="col-lg-9">
              <h1 id="home-title">{site.portalName}</h1>
              <p className="lead">{t("hero.lead", { ente: site.enteName })}</p>
              <div className="d-flex flex-column flex-sm-row gap-3 mt-4">
                <a className="btn btn-primary btn-icon" href={LOGIN_URL}>
                  <Icon name="it-user" className="icon-white me-2" />
                  <span>{t("hero.login")}</span>
                </a>
                <Link className="btn btn-outline-primary" to="/paga-un-avviso">
                  {t("hero.pay")}
                </Link>
              </div>
            </div>
          </div>
        </div>
      </section>

      <section className="portal-section" aria-labelledby="dossiers-title">
        <div className="container">
          <h2 id="dossiers-title">{t("dossiers.title")}</h2>
          <p className="col-lg-9">{t("dossiers.text")}</p>
          <div className="row g-4 mt-1">
            <div className="col-12 col-md-6 col-lg-4">
              <Card title={t("dossiers.citizen.title")} to="/area-personale" icon="it-user">
                <p className="it-card-text">{t("dossiers.citizen.text")}</p>
              </Card>
            </div>
            <div className="col-12 col-md-6 col-lg-4">
              <Card title={t("dossiers.taxpayer.title")} to="/area-personale/contribuente" icon="it-files">
                <p className="it-card-text">{t("dossiers.taxpayer.text")}</p>
              </Card>
            </div>
            <div className="col-12 col-md-6 col-lg-4">
              <Card title={t("dossiers.payments.title")} to="/area-personale/pagamenti" icon="it-card">
                <p className="it-card-text">{t("dossiers.payments.text")}</p>
              </Card>
            </div>
          </div>
        </div>
      </section>

      <section className="portal-section portal-section-alt" aria-labelledby="audience-title">
        <div className="container">
          {/* A 3rem gutter is wider than the container's padding on a phone: horizontal only from lg. */}
          <div className="row gy-5 gx-lg-5">
            <div className="col-lg-6">
              <h2 id="audience-title">{t("audience.title")}</h2>
              <ul className="portal-link-list">
                <li>
                  <Trans i18nKey="audience.residents" t={t} components={strong} />
                </li>
                <li>
                  <Trans i18nKey="audience.owners" t={t} components={strong} />
                </li>
                <li>
                  <Trans i18nKey="audience.debtors" t={t} components={strong} />
                </li>
                <li>
                  <Trans i18nKey="audience.operators" t={t} components={strong} />
                </li>
              </ul>
            </div>
            <div className="col-lg-6">
              <h2 id="login-title">{t("howTo.title")}</h2>
              <p>
                <Trans i18nKey="howTo.text" t={t} components={strong} />
              </p>
              <ol className="portal-link-list">
                <li>{t("howTo.step1")}</li>
                <li>{t("howTo.step2")}</li>
                <li>{t("howTo.step3")}</li>
              </ol>
              <p className="mt-4">
                <a className="btn btn-primary" href={LOGIN_URL}>
                  {t("howTo.button")}
                </a>
              </p>
              <p className="small">
                <Trans
                  i18nKey="howTo.noSpid"
                  t={t}
                  components={{ a: <a href="https://www.spid.gov.it">www.spid.gov.it</a> }}
                />
              </p>
            </div>
          </div>
        </div>
      </section>

      <section className="portal-section" aria-label={t("more.label")}>
        <div className="container">
          <div className="row g-4">
            <div className="col-lg-6">
              <div className="portal-highlight h-100">
                <h2 className="h3 d-flex align-items-center" id="pay-title">
                  <Icon name="it-card" className="icon-primary me-2" />
                  {t("more.payTitle")}
                </h2>
                <p>
                  <Trans i18nKey="more.payText" t={t} components={strong} />
                </p>
                <Link className="btn btn-outline-primary" to="/paga-un-avviso">
                  {t("more.payButton")}
                </Link>
              </div>
            </div>
            <div className="col-lg-6">
              <div className="portal-highlight h-100">
                <h2 className="h3 d-flex align-items-center" id="transparency-title">
                  <Icon name="it-password-visible" className="icon-primary me-2" />
                  {t("more.transparencyTitle")}
                </h2>
                <p>{t("more.transparencyText1")}</p>
                <p>{t("more.transparencyText2")}</p>
                <Link to="/area-personale/accessi">{t("more.transparencyLink")}</Link>
              </div>
            </div>
          </div>
        </div>
      </section>
    </>
  );
}

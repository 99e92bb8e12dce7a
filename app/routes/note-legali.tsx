import type { MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { pageMeta, useSiteInfo } from "~/components/site";
import { StaticPage } from "~/components/static-page";
import { metaT } from "~/i18n/instance";
import { messagesLoader, useLocale } from "~/i18n/react";

export const handle = { i18n: ["legal"] };

/**
 * A server loader with nothing to load: without one, Remix would run the clientLoader at hydration
 * and render no page on the server.
 */
export const loader = () => null;

export const clientLoader = messagesLoader(["legal"]);

export const meta: MetaFunction = ({ matches }) => {
  const t = metaT(matches, "legal");
  return pageMeta(t("notes.title"), matches, t("notes.description"));
};

export default function LegalNotes() {
  const site = useSiteInfo();
  const { t } = useTranslation("legal");
  const locale = useLocale();
  const names = { portal: site.portalName, ente: site.enteName };
  return (
    <StaticPage title={t("notes.title")} updated={t("updated")} legal>
      <h2 id="diritti-d-autore">{t("notes.copyright.title")}</h2>
      <p>{t("notes.copyright.text", names)}</p>

      <h2 id="licenza">{t("notes.license.title")}</h2>
      <p>
        <Trans
          i18nKey="notes.license.text"
          t={t}
          values={names}
          components={{
            a: (
              <a
                href={`https://creativecommons.org/licenses/by/4.0/deed.${locale === "it" ? "it" : "en"}`}
                hrefLang={locale === "it" ? "it" : "en"}
              >
                CC BY 4.0
              </a>
            ),
          }}
        />
      </p>
      <p>
        <Trans i18nKey="notes.license.personalData" t={t} components={{ a: <Link to="/privacy" /> }} />
      </p>

      <h2 id="software">{t("notes.software.title")}</h2>
      <p>{t("notes.software.text1")}</p>
      <p>{t("notes.software.text2")}</p>

      <h2 id="collegamenti">{t("notes.links.title")}</h2>
      <p>
        <Trans i18nKey="notes.links.text1" t={t} values={names} components={{ en: <span lang="en" /> }} />
      </p>
      <p>{t("notes.links.text2", names)}</p>

      <h2 id="responsabilita">{t("notes.disclaimer.title")}</h2>
      <p>{t("notes.disclaimer.text1")}</p>
      <p>{t("notes.disclaimer.text2", names)}</p>
      {site.demo ? <p>{t("notes.disclaimer.demo")}</p> : null}
    </StaticPage>
  );
}

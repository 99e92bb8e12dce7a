import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { pageMeta, useSiteInfo } from "~/components/site";
import { StaticPage } from "~/components/static-page";
import { metaT } from "~/i18n/instance";
import { messagesLoader } from "~/i18n/react";

export const handle = { i18n: ["legal"] };

export const clientLoader = messagesLoader(["legal"]);

export const meta: MetaFunction = ({ matches }) => {
  const t = metaT(matches, "legal");
  return pageMeta(t("accessibility.title"), matches, t("accessibility.description"));
};

export async function loader({ context }: LoaderFunctionArgs) {
  return json({ publicUrl: context.config.publicUrl });
}

/** Section ids and the keys of their names (accessibility.contents.*). */
const CONTENTS = [
  { id: "stato-di-conformita", key: "conformity" },
  { id: "contenuti-non-accessibili", key: "nonAccessible" },
  { id: "redazione", key: "drafting" },
  { id: "feedback-e-contatti", key: "feedback" },
  { id: "procedura-di-attuazione", key: "enforcement" },
  { id: "informazioni-sul-sito", key: "siteInfo" },
] as const;

export default function AccessibilityStatement() {
  const { publicUrl } = useLoaderData<typeof loader>();
  const site = useSiteInfo();
  const { t } = useTranslation("legal");
  const draftedOn = t("updated");
  const strong = { strong: <strong /> };
  const contents = CONTENTS.map((c) => ({ id: c.id, label: t(`accessibility.contents.${c.key}`) }));
  return (
    <StaticPage
      title={t("accessibility.title")}
      lead={t("accessibility.lead", { ente: site.enteName, portal: site.portalName })}
      contents={contents}
      updated={draftedOn}
      legal
    >
      <p>
        <Trans
          i18nKey="accessibility.scope"
          t={t}
          values={{ url: publicUrl }}
          components={{ code: <code /> }}
        />
      </p>

      <h2 id="stato-di-conformita">{t("accessibility.contents.conformity")}</h2>
      <p>
        <Trans i18nKey="accessibility.conformity" t={t} components={strong} />
      </p>

      <h2 id="contenuti-non-accessibili">{t("accessibility.contents.nonAccessible")}</h2>
      <h3>{t("accessibility.cases.title")}</h3>
      <ul>
        <li>
          <Trans i18nKey="accessibility.cases.pdf" t={t} components={strong} />
        </li>
        <li>
          <Trans i18nKey="accessibility.cases.session" t={t} components={strong} />
        </li>
        <li>
          <Trans i18nKey="accessibility.cases.assistive" t={t} components={strong} />
        </li>
      </ul>
      <h3>{t("accessibility.exempt.title")}</h3>
      <p>{t("accessibility.exempt.text")}</p>

      <h2 id="redazione">{t("accessibility.contents.drafting")}</h2>
      <p>
        <Trans i18nKey="accessibility.drafting.text" t={t} values={{ date: draftedOn }} components={strong} />
      </p>
      <ul>
        <li>{t("accessibility.drafting.axe")}</li>
        <li>{t("accessibility.drafting.keyboard")}</li>
      </ul>

      <h2 id="feedback-e-contatti">{t("accessibility.contents.feedback")}</h2>
      <p>
        <Trans
          i18nKey="accessibility.feedback.text"
          t={t}
          values={{ email: site.email }}
          components={{ mail: <a href={`mailto:${site.email}`}>{site.email}</a> }}
        />
      </p>
      <p>{t("accessibility.feedback.reply", { ente: site.enteName })}</p>

      <h2 id="procedura-di-attuazione">{t("accessibility.contents.enforcement")}</h2>
      <p>
        <Trans
          i18nKey="accessibility.enforcement"
          t={t}
          components={{ ...strong, a: <a href="https://www.agid.gov.it">AgID</a> }}
        />
      </p>

      <h2 id="informazioni-sul-sito">{t("accessibility.contents.siteInfo")}</h2>
      <dl>
        <dt>{t("accessibility.siteInfo.responsible")}</dt>
        <dd>
          {site.enteName}, {site.address}
        </dd>
        <dt>{t("accessibility.siteInfo.made")}</dt>
        <dd>{t("accessibility.siteInfo.madeText")}</dd>
        <dt>{t("accessibility.siteInfo.usability")}</dt>
        <dd>{t("accessibility.siteInfo.usabilityText")}</dd>
        <dt>{t("accessibility.siteInfo.otherDocs")}</dt>
        <dd>
          <Trans
            i18nKey="accessibility.siteInfo.otherDocsText"
            t={t}
            components={{ privacy: <Link to="/privacy" />, legal: <Link to="/note-legali" /> }}
          />
        </dd>
      </dl>
    </StaticPage>
  );
}

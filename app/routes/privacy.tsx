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
  return pageMeta(t("privacy.metaTitle"), matches, t("privacy.description"));
};

/** Retention terms stated to citizens. Changing one here is a change of the notice. */
const RETENTION = {
  operatorAccessLogYears: 5,
  serverLogDays: 90,
  receiptsYears: 10,
};

export async function loader({ context }: LoaderFunctionArgs) {
  return json({
    sessionIdleMinutes: context.config.sessionIdleMinutes,
    sessionMaxHours: context.config.sessionMaxHours,
  });
}

/** Section ids and the keys of their names (privacy.contents.*). */
const CONTENTS = [
  { id: "titolare", key: "controller" },
  { id: "rpd", key: "dpo" },
  { id: "dati", key: "data" },
  { id: "finalita", key: "purposes" },
  { id: "registro-accessi", key: "accessLog" },
  { id: "destinatari", key: "recipients" },
  { id: "conservazione", key: "retention" },
  { id: "diritti", key: "rights" },
  { id: "reclamo", key: "complaint" },
  { id: "cookie", key: "cookie" },
] as const;

/** The rows of the purposes table: keys privacy.purposes.<row>Why and <row>Basis. */
const PURPOSES = ["login", "dossier", "payments", "reminders", "accessLog", "security"] as const;

export default function Privacy() {
  const { sessionIdleMinutes, sessionMaxHours } = useLoaderData<typeof loader>();
  const site = useSiteInfo();
  const { t } = useTranslation("legal");
  const strong = { strong: <strong /> };
  const mail = { mail: <a href={`mailto:${site.email}`}>{site.email}</a> };
  const contents = CONTENTS.map((c) => ({ id: c.id, label: t(`privacy.contents.${c.key}`) }));
  const heading = (id: (typeof CONTENTS)[number]["id"]) => {
    const key = CONTENTS.find((c) => c.id === id)!.key;
    return <h2 id={id}>{t(`privacy.contents.${key}`)}</h2>;
  };
  return (
    <StaticPage
      title={t("privacy.title")}
      lead={t("privacy.lead", { portal: site.portalName })}
      contents={contents}
      updated={t("updated")}
      legal
    >
      {heading("titolare")}
      <p>
        <Trans
          i18nKey="privacy.controller.text1"
          t={t}
          values={{ ente: site.enteName, address: site.address, email: site.email }}
          components={{ ...strong, ...mail }}
        />
      </p>
      <p>{t("privacy.controller.text2")}</p>

      {heading("rpd")}
      <p>
        <Trans
          i18nKey="privacy.dpo"
          t={t}
          values={{ ente: site.enteName, email: site.dpoEmail }}
          components={{ mail: <a href={`mailto:${site.dpoEmail}`}>{site.dpoEmail}</a> }}
        />
      </p>

      {heading("dati")}
      <ul>
        {(["login", "registry", "tax", "payments", "practices", "contact", "technical"] as const).map((k) => (
          <li key={k}>
            <Trans i18nKey={`privacy.data.${k}`} t={t} components={strong} />
          </li>
        ))}
      </ul>
      <p>{t("privacy.data.health")}</p>

      {heading("finalita")}
      <div className="table-responsive">
        <table className="table">
          <caption className="visually-hidden">{t("privacy.purposes.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("privacy.purposes.why")}</th>
              <th scope="col">{t("privacy.purposes.basis")}</th>
            </tr>
          </thead>
          <tbody>
            {PURPOSES.map((row) => (
              <tr key={row}>
                <td>{t(`privacy.purposes.${row}Why`)}</td>
                <td>{t(`privacy.purposes.${row}Basis`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p>{t("privacy.purposes.automated")}</p>

      {heading("registro-accessi")}
      <p>{t("privacy.accessLog.text1")}</p>
      <p>{t("privacy.accessLog.text2")}</p>

      {heading("destinatari")}
      <ul>
        <li>
          <Trans i18nKey="privacy.recipients.operators" t={t} components={strong} />
        </li>
        <li>
          <Trans i18nKey="privacy.recipients.supplier" t={t} components={strong} />
        </li>
        <li>
          <Trans i18nKey="privacy.recipients.pagopa" t={t} components={strong} />
        </li>
        <li>{t("privacy.recipients.authorities")}</li>
      </ul>
      <p>{t("privacy.recipients.noTransfer")}</p>

      {heading("conservazione")}
      <ul>
        <li>
          <Trans
            i18nKey="privacy.retention.session"
            t={t}
            values={{ idle: sessionIdleMinutes, max: sessionMaxHours }}
            components={strong}
          />
        </li>
        <li>
          <Trans
            i18nKey="privacy.retention.accessLog"
            t={t}
            values={{ years: RETENTION.operatorAccessLogYears }}
            components={strong}
          />
        </li>
        <li>
          <Trans
            i18nKey="privacy.retention.serverLogs"
            t={t}
            values={{ days: RETENTION.serverLogDays }}
            components={strong}
          />
        </li>
        <li>
          <Trans
            i18nKey="privacy.retention.receipts"
            t={t}
            values={{ years: RETENTION.receiptsYears }}
            components={strong}
          />
        </li>
        <li>
          <Trans i18nKey="privacy.retention.profile" t={t} components={strong} />
        </li>
        <li>
          <Trans i18nKey="privacy.retention.records" t={t} components={strong} />
        </li>
      </ul>

      {heading("diritti")}
      <p>{t("privacy.rights.intro")}</p>
      <ul>
        <li>{t("privacy.rights.access")}</li>
        <li>{t("privacy.rights.rectification")}</li>
        <li>{t("privacy.rights.erasure")}</li>
        <li>{t("privacy.rights.objection")}</li>
        <li>{t("privacy.rights.consent")}</li>
      </ul>
      <p>
        <Trans
          i18nKey="privacy.rights.how"
          t={t}
          values={{ email: site.email, dpoEmail: site.dpoEmail }}
          components={{ ...mail, dpo: <a href={`mailto:${site.dpoEmail}`}>{site.dpoEmail}</a> }}
        />
      </p>

      {heading("reclamo")}
      <p>
        <Trans
          i18nKey="privacy.complaint"
          t={t}
          components={{ a: <a href="https://www.garanteprivacy.it">www.garanteprivacy.it</a> }}
        />
      </p>

      {heading("cookie")}
      <p>
        <Trans i18nKey="privacy.cookie.text1" t={t} components={strong} />
      </p>
      <p>{t("privacy.cookie.text2")}</p>
      <p>
        <Trans
          i18nKey="privacy.cookie.seeAlso"
          t={t}
          components={{
            accessibility: <Link to="/dichiarazione-di-accessibilita" />,
            legal: <Link to="/note-legali" />,
          }}
        />
      </p>
    </StaticPage>
  );
}

import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useLocation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfInput } from "~/auth/csrf-input";
import { csrfToken, verifyCsrf } from "~/auth/csrf.server";
import { requireCitizen } from "~/auth/guards.server";
import { Breadcrumb } from "~/components/breadcrumb";
import { EmptyState } from "~/components/dossier/empty-state";
import { Pagination } from "~/components/dossier/pagination";
import { notFound, parsePage, readForm, throwNotFound } from "~/http.server";
import { errorMeta, GeneralErrorBoundary } from "~/components/error-boundary";
import { pageMeta } from "~/components/site";
import { portalNow } from "~/clock.server";
import {
  listCitizenAccesses,
  listOnBehalfActions,
  ON_BEHALF_SHOWN,
  reportAccess,
} from "~/operator/citizen-accesses.server";
import { isAuditAction } from "~/audit-actions";
import { parseForm } from "~/form-data.server";
import { accessReportSchema } from "~/forms/citizen.server";
import { metaT } from "~/i18n/instance";
import { messagesLoader, useFormat, useServerText } from "~/i18n/react";
import { REASON_CATEGORIES, reasonCategoryLabel, REPORT_TEXT_MAX } from "~/operator/limits";
import { NO_STORE, operatorHeaders } from "~/operator/http";
import { DOSSIER_SECTIONS, ROLE_LABEL } from "~/operator/sections";
import { DELEGATION_AREA_SHORT } from "~/rules/delegation";

export const handle = { i18n: ["accesses", "delegations"] };

export const clientLoader = messagesLoader(["accesses", "delegations"]);

export const meta: MetaFunction<typeof loader> = ({ error, matches }) => {
  if (error) return errorMeta(error, matches);
  const t = metaT(matches, "accesses");
  return pageMeta(t("title"), matches);
};

/**
 * A name the access log's reader wrote in Italian, with the message that says it in the page's
 * language when the name is one of the domain's labels (null: shown as written).
 */
interface Named {
  key: string | null;
  label: string;
}

function inverse(entries: [code: string, label: string][], prefix: string): Map<string, string> {
  return new Map(entries.map(([code, label]) => [label, `${prefix}${code}`]));
}

const REASON_KEY = inverse(
  REASON_CATEGORIES.map((c) => [c.value, reasonCategoryLabel(c.value)]),
  "accesses:reasonCategory.",
);
const SECTION_KEY = inverse(
  Object.entries(DOSSIER_SECTIONS).map(([code, s]) => [code, s.label]),
  "accesses:section.",
);
const ROLE_KEY = inverse(Object.entries(ROLE_LABEL), "accesses:roles.");
const AREA_KEY = inverse(Object.entries(DELEGATION_AREA_SHORT), "delegations:areaShort.");
const ENTE_GONE = "Ente non più presente";
const SOME_DELEGATE = "Persona delegata";

const named = (keys: Map<string, string>, label: string): Named => ({ key: keys.get(label) ?? null, label });

/** The message of an audit action code ("payment.receipt" → "action.payment_receipt"). */
function auditActionKey(code: string): string {
  return `action.${code.replaceAll(".", "_")}`;
}

export const headers = operatorHeaders;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { session, citizenId } = await requireCitizen(request, context);
  const page = parsePage(new URL(request.url).searchParams);
  if (citizenId === null)
    return json(
      {
        known: false,
        list: { entries: [], total: 0, page: 1, pageCount: 1 },
        onBehalf: [],
        csrf: csrfToken(session),
      },
      { headers: NO_STORE },
    );
  const [list, onBehalf] = await Promise.all([
    listCitizenAccesses(context.db, citizenId, page),
    listOnBehalfActions(context.db, citizenId),
  ]);
  if (page > list.pageCount) throwNotFound();
  return json(
    {
      known: true,
      list: {
        ...list,
        entries: list.entries.map((e) => ({
          ...e,
          enteGone: e.ente === ENTE_GONE,
          reason: named(REASON_KEY, e.reasonCategory),
          roleNames: e.roles ? e.roles.split(", ").map((r) => named(ROLE_KEY, r)) : [],
          sectionNames: e.sections.map((s) => named(SECTION_KEY, s)),
        })),
      },
      onBehalf: onBehalf.map((e) => ({
        ...e,
        someDelegate: e.actor === SOME_DELEGATE,
        whereName: e.where === null ? null : named(AREA_KEY.has(e.where) ? AREA_KEY : SECTION_KEY, e.where),
      })),
      csrf: csrfToken(session),
    },
    { headers: NO_STORE },
  );
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { session, citizenId } = await requireCitizen(request, context);
  if (citizenId === null) throw notFound();
  const form = await readForm(request, context);
  verifyCsrf(request, form, session);
  const parsed = parseForm(accessReportSchema, form);
  if (!parsed.ok) throw notFound();
  const auditId = parsed.data.accesso;
  const result = await reportAccess(context.db, context.config.auditHmacKey, {
    citizenId,
    codiceFiscale: session.fiscal_code,
    auditId,
    text: parsed.data.testo ?? null,
    now: portalNow(context.config),
  });
  if (!result.ok) {
    if (result.status === 404) throw notFound();
    return json({ auditId, message: result.message }, { status: result.status, headers: NO_STORE });
  }
  const back = new URLSearchParams(new URL(request.url).search);
  back.set("segnalato", "1");
  return redirect(`/area-personale/accessi?${back.toString()}`, { status: 303, headers: NO_STORE });
}

export default function ChiHaVisto() {
  const { known, list, onBehalf, csrf } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { search } = useLocation();
  const [params] = useSearchParams();
  const { t } = useTranslation(["accesses", "delegations"]);
  const f = useFormat();
  const serverText = useServerText();
  const say = (n: Named) => (n.key ? t(n.key) : n.label);
  return (
    <>
      <Breadcrumb items={[{ label: t("common:nav.area"), to: "/area-personale" }, { label: t("title") }]} />
      <h1>{t("title")}</h1>
      <p className="lead">{t("lead")}</p>
      {params.get("segnalato") === "1" && !actionData ? (
        <div className="alert alert-success" role="status">
          {t("reported")}
        </div>
      ) : null}
      {actionData ? (
        <div className="alert alert-danger" role="alert">
          {serverText(actionData.message)}
        </div>
      ) : null}

      {list.entries.length === 0 ? (
        <EmptyState title={t("empty.title")}>
          <p className="mb-0">{known ? t("empty.known") : t("empty.unknown")}</p>
        </EmptyState>
      ) : (
        <>
          <p>
            {t("count", { count: list.total })}
            {list.pageCount > 1 ? ` ${t("pageOf", { page: list.page, pageCount: list.pageCount })}` : null}
          </p>
          <ol className="portal-attention-list" aria-label={t("listLabel")}>
            {list.entries.map((e) => (
              <li key={e.id}>
                <h2 className="h5 mb-1">
                  {f.dateTime(e.at)}: {e.enteGone ? t("enteGone") : e.ente}
                </h2>
                <dl className="row portal-dl mb-1">
                  <div className="col-12 col-md-6">
                    <dt>{t("office")}</dt>
                    <dd>
                      {e.office ?? t("notGiven")}
                      {e.operatorName ? t("operatorName", { name: e.operatorName }) : null}
                    </dd>
                  </div>
                  <div className="col-12 col-md-6">
                    <dt>{t("roleLabel")}</dt>
                    <dd>{e.roleNames.length ? e.roleNames.map(say).join(", ") : t("notGiven")}</dd>
                  </div>
                  <div className="col-12">
                    <dt>{t("reason")}</dt>
                    <dd className="portal-wrap">
                      {say(e.reason)}
                      {e.reasonText ? t("reasonText", { text: e.reasonText }) : null}
                    </dd>
                  </div>
                  <div className="col-12">
                    <dt>{e.kind === "pratica" ? t("whatSeen") : t("sectionsSeen")}</dt>
                    <dd>
                      {e.kind === "pratica"
                        ? t("pratica")
                        : e.sectionNames.length
                          ? e.sectionNames.map(say).join(", ")
                          : t("noSection")}
                    </dd>
                  </div>
                </dl>
                {e.reportedAt ? (
                  <p className="small mb-0">{t("reportedAt", { at: f.dateTime(e.reportedAt) })}</p>
                ) : (
                  <details>
                    <summary className="text-primary">{t("report.summary")}</summary>
                    <Form method="post" className="mt-2">
                      <CsrfInput token={csrf} />
                      <input type="hidden" name="accesso" value={e.id} />
                      <div className="form-group">
                        <label htmlFor={`testo-${e.id}`} className="active">
                          {t("report.label")}
                        </label>
                        <textarea
                          id={`testo-${e.id}`}
                          name="testo"
                          rows={3}
                          maxLength={REPORT_TEXT_MAX}
                          className="form-control"
                        />
                      </div>
                      <button type="submit" className="btn btn-outline-primary btn-sm">
                        {t("report.submit")}
                      </button>
                    </Form>
                  </details>
                )}
              </li>
            ))}
          </ol>
          <Pagination page={list.page} pageCount={list.pageCount} search={search} label={t("pagination")} />
        </>
      )}
      <section className="mt-5" aria-labelledby="per-tuo-conto">
        <h2 id="per-tuo-conto">{t("onBehalf.heading")}</h2>
        {onBehalf.length === 0 ? (
          <p>{t("onBehalf.none")}</p>
        ) : (
          <div className="table-responsive">
            <table className="table">
              <caption>
                {onBehalf.length === ON_BEHALF_SHOWN
                  ? t("onBehalf.captionLatest", { shown: ON_BEHALF_SHOWN })
                  : t("onBehalf.caption")}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t("onBehalf.when")}</th>
                  <th scope="col">{t("onBehalf.who")}</th>
                  <th scope="col">{t("onBehalf.what")}</th>
                </tr>
              </thead>
              <tbody>
                {onBehalf.map((e) => (
                  <tr key={e.id}>
                    <td>{f.dateTime(e.at)}</td>
                    <td>
                      {e.someDelegate ? t("someDelegate") : e.actor}
                      <div className="small">{e.actorCodiceFiscale}</div>
                    </td>
                    <td>
                      {isAuditAction(e.action) ? t(auditActionKey(e.action)) : e.action}
                      {e.whereName
                        ? ` (${f.locale === "it" ? say(e.whereName).toLowerCase() : say(e.whereName)})`
                        : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <p className="small mt-4">{t("footnote")}</p>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

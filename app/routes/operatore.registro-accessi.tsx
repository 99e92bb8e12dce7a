import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useLoaderData, useLocation } from "@remix-run/react";
import { requireOperator } from "~/auth/guards.server";
import { Breadcrumb } from "~/components/breadcrumb";
import { EmptyState } from "~/components/dossier/empty-state";
import { AuditVerifyForm } from "~/components/operator/audit-verify-form";
import { formatDateTimeIt } from "~/rules/time";
import { Pagination } from "~/components/dossier/pagination";
import { errorMeta, GeneralErrorBoundary } from "~/components/error-boundary";
import { pageMeta } from "~/components/site";
import { portalNow } from "~/clock.server";
import { actorFrom } from "~/operator/actor";
import { AUDIT_ACTION_FILTERS, auditActionLabel } from "~/operator/audit-labels";
import {
  listAuditRows,
  listCitizenReports,
  listEnteOperatorNames,
  logAuditRead,
  parseAuditFilters,
} from "~/operator/audit-log.server";
import { NO_STORE, operatorHeaders } from "~/operator/http";
import { AUDIT_EXPORT_MAX } from "~/operator/limits";
import { DOSSIER_SECTIONS, SECTION_ORDER } from "~/operator/sections";

export const meta: MetaFunction<typeof loader> = ({ error, matches }) =>
  error ? errorMeta(error, matches) : pageMeta("Registro degli accessi", matches);

export const headers = operatorHeaders;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { session, operator } = await requireOperator(request, context, "auditor");
  const parsed = await parseAuditFilters(context.db, new URL(request.url).searchParams);
  const [operators, reports] = await Promise.all([
    listEnteOperatorNames(context.db, operator.enteId),
    listCitizenReports(context.db, operator.enteId),
  ]);
  if (!parsed.ok)
    return json(
      { error: parsed.message, filters: parsed.filters, page: null, operators, reports },
      { status: 400, headers: NO_STORE },
    );
  const page = await listAuditRows(context.db, operator.enteId, parsed.filters, parsed.citizenId);
  // Reading the log is itself logged.
  await logAuditRead(context.db, context.config.auditHmacKey, {
    actor: actorFrom(session, operator),
    kind: "audit.read",
    filters: parsed.filters,
    citizenId: parsed.citizenId,
    rows: page.rows.length,
    now: portalNow(context.config),
  });
  return json({ error: null, filters: parsed.filters, page, operators, reports }, { headers: NO_STORE });
}

export default function RegistroAccessi() {
  const { error, filters, page, operators, reports } = useLoaderData<typeof loader>();
  const { search } = useLocation();
  const exportParams = new URLSearchParams(search);
  exportParams.delete("pagina");
  const exportQs = exportParams.toString();
  return (
    <>
      <Breadcrumb
        items={[{ label: "Area operatore", to: "/operatore" }, { label: "Registro degli accessi" }]}
      />
      <h1 className="mt-3">Registro degli accessi</h1>
      <p className="lead">
        Ogni consultazione dei dati delle persone e ogni operazione svolta per il tuo ente, con il motivo
        dichiarato. Il registro è a prova di manomissione e la sua consultazione è a sua volta registrata.
      </p>

      <section aria-labelledby="verify-title" className="portal-section-box">
        <h2 id="verify-title" className="h4">
          Integrità del registro
        </h2>
        <p>
          Controlla che nessuna riga sia stata alterata, cancellata, riordinata o tolta dalla coda: la
          verifica ricalcola i sigilli di tutto il registro e viene a sua volta registrata.
        </p>
        <AuditVerifyForm />
      </section>

      <section aria-labelledby="reports-title" className="portal-section-box">
        <h2 id="reports-title">Segnalazioni dei cittadini</h2>
        {reports.length ? (
          <ul className="portal-attention-list">
            {reports.map((r) => (
              <li key={r.id}>
                <p className="mb-1">
                  <strong>{formatDateTimeIt(r.at)}</strong>: {r.citizenName ?? "Cittadino"}
                  {r.citizenCf ? (
                    <>
                      {" "}
                      (<code>{r.citizenCf}</code>)
                    </>
                  ) : null}{" "}
                  segnala come improprio{" "}
                  {r.accessId
                    ? `l'accesso n. ${r.accessId}`
                    : `l'operazione registrata alla riga ${r.reportedAuditId}`}
                  .
                </p>
                <p className="mb-0 portal-pre-line portal-wrap">«{r.text}»</p>
              </li>
            ))}
          </ul>
        ) : (
          <p className="mb-0">Nessuna segnalazione ricevuta.</p>
        )}
      </section>

      <Form method="get" className="portal-section-box" aria-labelledby="filters-title">
        <h2 id="filters-title" className="h4">
          Filtra il registro
        </h2>
        <div className="row g-3">
          <div className="col-12 col-md-6 col-lg-3">
            <label htmlFor="da" className="form-label">
              Dal giorno
            </label>
            <input id="da" name="da" type="date" className="form-control" defaultValue={filters.from} />
          </div>
          <div className="col-12 col-md-6 col-lg-3">
            <label htmlFor="a" className="form-label">
              Al giorno
            </label>
            <input id="a" name="a" type="date" className="form-control" defaultValue={filters.to} />
          </div>
          <div className="col-12 col-md-6 col-lg-3">
            <div className="select-wrapper">
              <label htmlFor="operatore">Operatore</label>
              <select id="operatore" name="operatore" defaultValue={filters.operatorId ?? ""}>
                <option value="">Tutti</option>
                {operators.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.label}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <div className="col-12 col-md-6 col-lg-3">
            <label htmlFor="cf" className="form-label">
              Codice fiscale della persona
            </label>
            <input
              id="cf"
              name="cf"
              type="text"
              className="form-control"
              defaultValue={filters.cf}
              maxLength={20}
              autoComplete="off"
              spellCheck={false}
            />
          </div>
          <div className="col-12 col-md-6">
            <div className="select-wrapper">
              <label htmlFor="sezione">Sezione del fascicolo</label>
              <select id="sezione" name="sezione" defaultValue={filters.section}>
                <option value="">Tutte</option>
                {SECTION_ORDER.map((s) => (
                  <option key={s} value={s}>
                    {DOSSIER_SECTIONS[s].label}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <div className="col-12 col-md-6">
            <div className="select-wrapper">
              <label htmlFor="azione">Operazione</label>
              <select id="azione" name="azione" defaultValue={filters.action}>
                <option value="">Tutte</option>
                {AUDIT_ACTION_FILTERS.map((a) => (
                  <option key={a} value={a}>
                    {auditActionLabel(a)}
                  </option>
                ))}
              </select>
            </div>
          </div>
        </div>
        <div className="d-flex flex-wrap gap-3 mt-3">
          <button type="submit" className="btn btn-primary">
            Applica i filtri
          </button>
          {page ? (
            <a
              className="btn btn-outline-primary"
              href={`/operatore/registro-accessi.csv${exportQs ? `?${exportQs}` : ""}`}
            >
              Esporta in CSV
              <span className="visually-hidden"> le righe filtrate (al massimo {AUDIT_EXPORT_MAX})</span>
            </a>
          ) : null}
        </div>
      </Form>

      {error ? (
        <div className="alert alert-danger" role="alert">
          {error}
        </div>
      ) : null}

      {page ? (
        page.total === 0 ? (
          <EmptyState title="Nessuna riga del registro con questi filtri" />
        ) : (
          <>
            <p aria-live="polite">
              {page.total === 1 ? "1 riga." : `${page.total} righe.`}
              {page.pageCount > 1 ? ` Pagina ${page.page} di ${page.pageCount}.` : null}
            </p>
            <div className="portal-table-wrap">
              <table className="table table-sm">
                <caption className="visually-hidden">
                  Righe del registro degli accessi, dalla più recente
                </caption>
                <thead>
                  <tr>
                    <th scope="col">N.</th>
                    <th scope="col">Quando</th>
                    <th scope="col">Chi</th>
                    <th scope="col">Operazione</th>
                    <th scope="col">Persona</th>
                    <th scope="col">Motivo</th>
                  </tr>
                </thead>
                <tbody>
                  {page.rows.map((r) => (
                    <tr key={r.id}>
                      <td>{r.id}</td>
                      <td>{formatDateTimeIt(r.at)}</td>
                      <td>
                        {r.actor}
                        {r.role ? <span className="d-block small">Ruolo: {r.role}</span> : null}
                      </td>
                      <td>
                        {r.actionLabel}
                        {r.section ? <span className="d-block small">Sezione: {r.section}</span> : null}
                        {r.accessId ? <span className="d-block small">Accesso n. {r.accessId}</span> : null}
                      </td>
                      <td>
                        {r.subjectName ?? "—"}
                        {r.subjectCf ? <code className="d-block small">{r.subjectCf}</code> : null}
                      </td>
                      <td className="portal-wrap">
                        {r.reasonCategory ? <strong>{r.reasonCategory}</strong> : null}
                        {r.reasonText ? <span className="d-block">{r.reasonText}</span> : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <Pagination
              page={page.page}
              pageCount={page.pageCount}
              search={search}
              label="Pagine del registro"
            />
          </>
        )
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

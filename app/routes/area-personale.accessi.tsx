import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useLocation, useSearchParams } from "@remix-run/react";
import { CsrfInput } from "~/auth/csrf-input";
import { csrfToken, verifyCsrf } from "~/auth/csrf.server";
import { requireCitizen } from "~/auth/guards.server";
import { Breadcrumb } from "~/components/breadcrumb";
import { EmptyState } from "~/components/dossier/empty-state";
import { formatDateTimeIt } from "~/rules/time";
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
import { auditActionLabel } from "~/audit-actions";
import { parseForm } from "~/form-data.server";
import { accessReportSchema } from "~/forms/citizen.server";
import { REPORT_TEXT_MAX } from "~/operator/limits";
import { NO_STORE, operatorHeaders } from "~/operator/http";

export const meta: MetaFunction<typeof loader> = ({ error, matches }) =>
  error ? errorMeta(error, matches) : pageMeta("Chi ha visto i miei dati", matches);

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
  return json({ known: true, list, onBehalf, csrf: csrfToken(session) }, { headers: NO_STORE });
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
  return (
    <>
      <Breadcrumb
        items={[{ label: "Area personale", to: "/area-personale" }, { label: "Chi ha visto i miei dati" }]}
      />
      <h1>Chi ha visto i miei dati</h1>
      <p className="lead">
        Ogni volta che un operatore di un ente consulta i tuoi dati deve indicare il motivo. Qui trovi ogni
        accesso, dal più recente, con l&apos;ente, l&apos;ufficio, il ruolo, il motivo dichiarato e le sezioni
        consultate.
      </p>
      {params.get("segnalato") === "1" && !actionData ? (
        <div className="alert alert-success" role="status">
          Segnalazione inviata al responsabile dei controlli dell&apos;ente. Ne trovi la ricevuta tra i tuoi
          messaggi.
        </div>
      ) : null}
      {actionData ? (
        <div className="alert alert-danger" role="alert">
          {actionData.message}
        </div>
      ) : null}

      {list.entries.length === 0 ? (
        <EmptyState title="Nessun accesso ai tuoi dati">
          <p className="mb-0">
            {known
              ? "Finora nessun operatore ha consultato il tuo fascicolo."
              : "Il tuo codice fiscale non compare nelle anagrafi dei comuni aderenti."}
          </p>
        </EmptyState>
      ) : (
        <>
          <p>
            {list.total === 1 ? "1 accesso." : `${list.total} accessi.`}
            {list.pageCount > 1 ? ` Pagina ${list.page} di ${list.pageCount}.` : null}
          </p>
          <ol className="portal-attention-list" aria-label="Accessi ai tuoi dati, dal più recente">
            {list.entries.map((e) => (
              <li key={e.id}>
                <h2 className="h5 mb-1">
                  {formatDateTimeIt(e.at)}: {e.ente}
                </h2>
                <dl className="row portal-dl mb-1">
                  <div className="col-12 col-md-6">
                    <dt>Ufficio</dt>
                    <dd>
                      {e.office ?? "Non indicato"}
                      {e.operatorName ? `, operatore ${e.operatorName}` : null}
                    </dd>
                  </div>
                  <div className="col-12 col-md-6">
                    <dt>Ruolo</dt>
                    <dd>{e.roles || "Non indicato"}</dd>
                  </div>
                  <div className="col-12">
                    <dt>Motivo dichiarato</dt>
                    <dd className="portal-wrap">
                      {e.reasonCategory}
                      {e.reasonText ? `: «${e.reasonText}»` : null}
                    </dd>
                  </div>
                  <div className="col-12">
                    <dt>{e.kind === "pratica" ? "Cosa è stato consultato" : "Sezioni consultate"}</dt>
                    <dd>
                      {e.kind === "pratica"
                        ? "Una tua pratica, dall'elenco delle pratiche dell'ufficio"
                        : e.sections.length
                          ? e.sections.join(", ")
                          : "Nessuna sezione aperta"}
                    </dd>
                  </div>
                </dl>
                {e.reportedAt ? (
                  <p className="small mb-0">
                    Hai segnalato questo accesso il {formatDateTimeIt(e.reportedAt)}.
                  </p>
                ) : (
                  <details>
                    <summary className="text-primary">Segnala un accesso che ritieni improprio</summary>
                    <Form method="post" className="mt-2">
                      <CsrfInput token={csrf} />
                      <input type="hidden" name="accesso" value={e.id} />
                      <div className="form-group">
                        <label htmlFor={`testo-${e.id}`} className="active">
                          Perché ritieni improprio questo accesso? (facoltativo)
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
                        Invia la segnalazione
                      </button>
                    </Form>
                  </details>
                )}
              </li>
            ))}
          </ol>
          <Pagination
            page={list.page}
            pageCount={list.pageCount}
            search={search}
            label="Pagine degli accessi"
          />
        </>
      )}
      <section className="mt-5" aria-labelledby="per-tuo-conto">
        <h2 id="per-tuo-conto">Chi ha agito per tuo conto</h2>
        {onBehalf.length === 0 ? (
          <p>Nessuna persona delegata ha agito per tuo conto.</p>
        ) : (
          <div className="table-responsive">
            <table className="table">
              <caption>
                Le azioni delle persone che hai delegato (o di un genitore, per i minorenni), dalla più
                recente
                {onBehalf.length === ON_BEHALF_SHOWN ? `: le ultime ${ON_BEHALF_SHOWN}` : ""}.
              </caption>
              <thead>
                <tr>
                  <th scope="col">Quando</th>
                  <th scope="col">Chi</th>
                  <th scope="col">Che cosa</th>
                </tr>
              </thead>
              <tbody>
                {onBehalf.map((e) => (
                  <tr key={e.id}>
                    <td>{formatDateTimeIt(e.at)}</td>
                    <td>
                      {e.actor}
                      <div className="small">{e.actorCodiceFiscale}</div>
                    </td>
                    <td>
                      {auditActionLabel(e.action)}
                      {e.where ? ` (${e.where.toLowerCase()})` : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <p className="small mt-4">
        La segnalazione arriva al responsabile dei controlli dell&apos;ente che ha fatto l&apos;accesso. Il
        nome dell&apos;operatore è mostrato solo dove l&apos;ente lo ha deciso.
      </p>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

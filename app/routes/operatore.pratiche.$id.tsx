import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { CsrfInput } from "~/auth/csrf-input";
import { csrfToken, verifyCsrf } from "~/auth/csrf.server";
import { requireOperator } from "~/auth/guards.server";
import { portalNow, todayIso } from "~/clock.server";
import { Breadcrumb } from "~/components/breadcrumb";
import { formatBytes } from "~/rules/italian";
import { formatDateTimeIt, formatDayIt } from "~/rules/time";
import { PraticaBadge } from "~/components/dossier/pratica-badge";
import { errorMeta, GeneralErrorBoundary } from "~/components/error-boundary";
import { pageMeta } from "~/components/site";
import { PRATICA_STATE_LABEL } from "~/rules/pratiche";
import { actorFrom } from "~/operator/actor";
import { NO_STORE, operatorHeaders } from "~/operator/http";
import { INTEGRATION_DAYS, NOTE_MAX, NOTE_MIN } from "~/operator/limits";
import { praticaAreasForRoles } from "~/operator/sections";
import {
  changePraticaState,
  getWorkPratica,
  isPraticaInScope,
  recordPraticaView,
  requestIntegration,
  takeCharge,
  type ActionResult,
} from "~/operator/worklist.server";
import { notFound, parseId, readForm } from "~/http.server";
import { parseForm, UNKNOWN_INTENT } from "~/form-data.server";
import { praticaActionSchema } from "~/forms/operator.server";

export const meta: MetaFunction<typeof loader> = ({ data, error, matches }) =>
  error || !data ? errorMeta(error, matches) : pageMeta(`Pratica: ${data.pratica.title}`, matches);

export const headers = operatorHeaders;

const ACTOR_LABEL: Record<string, string> = {
  cittadino: "dal cittadino",
  operatore: "dall'ufficio",
  sistema: "automatica",
};

const OUTCOME: Record<string, string> = {
  presa: "Hai preso in carico la pratica.",
  stato: "Stato aggiornato: il cittadino ha ricevuto un messaggio con la tua nota.",
  integrazione:
    "Richiesta di integrazione inviata: il cittadino ha ricevuto l'elenco dei documenti da inviare.",
};

async function guard(request: Request, context: LoaderFunctionArgs["context"], id: string | undefined) {
  const { session, operator } = await requireOperator(request, context);
  const areas = praticaAreasForRoles(operator.roles);
  if (!areas.length) throw notFound();
  const praticaId = parseId(id);
  if (praticaId === null) throw notFound();
  return { session, operator, areas, praticaId, actor: actorFrom(session, operator) };
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { session, areas, praticaId, actor } = await guard(request, context, params.id);
  const pratica = await getWorkPratica(context.db, { actor, areas, praticaId });
  if (!pratica) throw notFound();
  await recordPraticaView(context.db, context.config.auditHmacKey, {
    actor,
    pratica,
    now: portalNow(context.config),
  });
  return json(
    { pratica, mine: pratica.assignedOperatorId === actor.id, csrf: csrfToken(session) },
    { headers: NO_STORE },
  );
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { session, areas, praticaId, actor } = await guard(request, context, params.id);
  if (!(await isPraticaInScope(context.db, { actor, areas, praticaId }))) throw notFound();
  const form = await readForm(request, context);
  verifyCsrf(request, form, session);
  const now = portalNow(context.config);
  const today = todayIso(context.config);
  const key = context.config.auditHmacKey;
  const intent = String(form.get("intent") ?? "");
  const parsed = parseForm(praticaActionSchema, form);
  if (!parsed.ok) return json({ intent, message: UNKNOWN_INTENT }, { status: 400, headers: NO_STORE });
  const input = parsed.data;
  let result: ActionResult;
  let outcome: string;
  switch (input.intent) {
    case "prendi":
      result = await takeCharge(context.db, key, { actor, areas, praticaId, now });
      outcome = "presa";
      break;
    case "stato":
      result = await changePraticaState(context.db, key, {
        actor,
        areas,
        praticaId,
        to: input.stato,
        note: input.nota,
        today,
        now,
      });
      outcome = "stato";
      break;
    case "integrazione":
      result = await requestIntegration(context.db, key, {
        actor,
        areas,
        praticaId,
        documents: input.documenti,
        note: input.nota_integrazione,
        today,
        now,
      });
      outcome = "integrazione";
      break;
  }
  if (!result.ok) {
    if (result.status === 404) throw notFound();
    return json({ intent, message: result.message }, { status: result.status, headers: NO_STORE });
  }
  return redirect(`/operatore/pratiche/${praticaId}?esito=${outcome}`, { status: 303, headers: NO_STORE });
}

export default function PraticaOperatore() {
  const { pratica: p, mine, csrf } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const outcome = OUTCOME[params.get("esito") ?? ""];
  const final = p.status === "accettata" || p.status === "respinta";
  const canIntegrate = p.status === "in_lavorazione";
  return (
    <>
      <Breadcrumb
        items={[
          { label: "Area operatore", to: "/operatore" },
          { label: "Pratiche", to: "/operatore/pratiche" },
          { label: p.title },
        ]}
      />
      <h1 className="mt-3">{p.title}</h1>
      {outcome && !actionData ? (
        <div className="alert alert-success" role="status">
          {outcome}
        </div>
      ) : null}
      {actionData ? (
        <div className="alert alert-danger" role="alert">
          {actionData.message}
        </div>
      ) : null}
      <p>
        <PraticaBadge status={p.status} />
      </p>
      <dl className="row portal-dl">
        <div className="col-12 col-md-6">
          <dt>Richiedente</dt>
          <dd>
            {p.applicant.surname} {p.applicant.name} (<code>{p.applicant.codiceFiscale}</code>)
          </dd>
        </div>
        <div className="col-12 col-md-6">
          <dt>Protocollo</dt>
          <dd>
            {p.protocolNumber
              ? `n. ${p.protocolNumber} del ${formatDayIt(p.protocolDate ?? "")}`
              : "Non ancora protocollata"}
          </dd>
        </div>
        <div className="col-6 col-md-3">
          <dt>Presentata</dt>
          <dd>{p.submittedDate ? formatDayIt(p.submittedDate) : "—"}</dd>
        </div>
        <div className="col-6 col-md-3">
          <dt>Scadenza</dt>
          <dd>{p.deadlineDate ? formatDayIt(p.deadlineDate) : "—"}</dd>
        </div>
        <div className="col-12 col-md-6">
          <dt>Ufficio e assegnazione</dt>
          <dd>
            {p.office ?? "Ufficio non indicato"};{" "}
            {mine ? "assegnata a te" : p.assignedTo ? `assegnata a ${p.assignedTo}` : "non assegnata"}
          </dd>
        </div>
        {p.nextSteps ? (
          <div className="col-12">
            <dt>Prossimi passi indicati al cittadino</dt>
            <dd className="portal-message-body portal-pre-line">{p.nextSteps}</dd>
          </div>
        ) : null}
      </dl>
      <p>
        <Link to={`/operatore/cittadini/${p.citizenId}?sezione=pratiche`} prefetch="none">
          Apri il fascicolo di {p.applicant.surname} {p.applicant.name}
        </Link>{" "}
        (ti sarà chiesto il motivo).
      </p>

      {!final ? (
        <section aria-labelledby="actions-title" className="portal-section-box">
          <h2 id="actions-title">Lavora la pratica</h2>
          {!mine ? (
            <Form method="post" className="mb-4">
              <CsrfInput token={csrf} />
              <input type="hidden" name="intent" value="prendi" />
              <button type="submit" className="btn btn-outline-primary">
                Prendi in carico
              </button>
            </Form>
          ) : null}

          {p.nextStates.length ? (
            <Form method="post" className="mb-4" aria-labelledby="state-title">
              <h3 id="state-title" className="h5">
                Cambia stato
              </h3>
              <CsrfInput token={csrf} />
              <input type="hidden" name="intent" value="stato" />
              <div className="select-wrapper mb-3">
                <label htmlFor="stato">Nuovo stato</label>
                <select id="stato" name="stato" defaultValue={p.nextStates[0]}>
                  {p.nextStates.map((s) => (
                    <option key={s} value={s}>
                      {PRATICA_STATE_LABEL[s]}
                    </option>
                  ))}
                </select>
              </div>
              <div className="form-group">
                <label htmlFor="nota" className="active">
                  Nota per il cittadino (diventa la tappa della pratica e un messaggio nella sua area
                  personale)
                </label>
                <textarea
                  id="nota"
                  name="nota"
                  rows={3}
                  className="form-control"
                  required
                  minLength={NOTE_MIN}
                  maxLength={NOTE_MAX}
                />
              </div>
              <button type="submit" className="btn btn-primary">
                Aggiorna lo stato e avvisa il cittadino
              </button>
            </Form>
          ) : null}

          {canIntegrate ? (
            <Form method="post" aria-labelledby="integration-title">
              <h3 id="integration-title" className="h5">
                Chiedi un&apos;integrazione
              </h3>
              <CsrfInput token={csrf} />
              <input type="hidden" name="intent" value="integrazione" />
              <div className="form-group">
                <label htmlFor="documenti" className="active">
                  Documenti da inviare, uno per riga
                </label>
                <textarea
                  id="documenti"
                  name="documenti"
                  rows={4}
                  className="form-control"
                  required
                  aria-describedby="documenti-hint"
                />
                <small id="documenti-hint" className="form-text">
                  La pratica passa a «Da integrare»; il cittadino ha {INTEGRATION_DAYS} giorni per rispondere.
                </small>
              </div>
              <div className="form-group">
                <label htmlFor="nota_integrazione" className="active">
                  Nota per il cittadino (facoltativa)
                </label>
                <textarea
                  id="nota_integrazione"
                  name="nota_integrazione"
                  rows={2}
                  className="form-control"
                  maxLength={NOTE_MAX}
                />
              </div>
              <button type="submit" className="btn btn-primary">
                Chiedi i documenti
              </button>
            </Form>
          ) : null}
        </section>
      ) : null}

      <section aria-labelledby="events-title" className="mt-4">
        <h2 id="events-title" className="h4">
          Tappe
        </h2>
        <ol className="portal-timeline">
          {p.events.map((e) => (
            <li key={e.id}>
              <p className="mb-1">
                <strong>
                  {PRATICA_STATE_LABEL[e.status as keyof typeof PRATICA_STATE_LABEL] ?? e.status}
                </strong>
                , {formatDateTimeIt(e.at)} ({ACTOR_LABEL[e.actor] ?? e.actor})
              </p>
              {e.note ? <p className="mb-0 portal-pre-line">{e.note}</p> : null}
            </li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="attachments-title" className="mt-4">
        <h2 id="attachments-title" className="h4">
          Allegati
        </h2>
        {p.attachments.length ? (
          <ul>
            {p.attachments.map((a) => (
              <li key={a.id}>
                <a href={`/operatore/pratiche/${p.id}/allegati/${a.id}`} download>
                  {a.filename}
                </a>{" "}
                ({formatBytes(a.sizeBytes)}), inviato da{" "}
                {a.uploadedBy === "cittadino" ? "il cittadino" : "l'ufficio"} il {formatDayIt(a.uploadedAt)}
              </li>
            ))}
          </ul>
        ) : (
          <p>Nessun allegato.</p>
        )}
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

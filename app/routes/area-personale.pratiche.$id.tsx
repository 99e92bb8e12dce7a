import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { csrfToken, verifyCsrf } from "~/auth/csrf.server";
import { citizenAuditActor, requireCitizen } from "~/auth/guards.server";
import { nowIso } from "~/clock.server";
import { Breadcrumb } from "~/components/breadcrumb";
import { CsrfInput } from "~/auth/csrf-input";
import { formatBytes } from "~/rules/italian";
import { formatDateIt, formatDateTimeIt, formatDayIt } from "~/rules/time";
import { checkFormRequest, requireId, throwNotFound } from "~/http.server";
import { PraticaBadge } from "~/components/dossier/pratica-badge";
import { errorMeta, GeneralErrorBoundary } from "~/components/error-boundary";
import { Textarea, TextField } from "~/components/form";
import { Icon } from "~/components/icon";
import { pageMeta } from "~/components/site";
import { getMessagesForPratica } from "~/dossier/messages.server";
import { getCitizen } from "~/dossier/registry.server";
import {
  getPratica,
  getPraticaAttachments,
  getPraticaEvents,
  listIntegrationDueDates,
  praticaTypeLabel,
  submitIntegration,
} from "~/dossier/practices.server";
import {
  discardUpload,
  finalizeUpload,
  parseUploadForm,
  UPLOAD_PROBLEM_TEXT,
  UploadRefused,
  type UploadProblem,
} from "~/dossier/uploads.server";
import { PRATICA_STATE_LABEL } from "~/rules/pratiche";

export const meta: MetaFunction<typeof loader> = ({ data, error, matches }) =>
  error || !data ? errorMeta(error, matches) : pageMeta(data.pratica.title, matches);

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { session, citizenId } = await requireCitizen(request, context);
  const id = requireId(params.id);
  if (citizenId === null) throwNotFound();
  const [pratica, events, attachments, messages, citizen, integrationDue] = await Promise.all([
    getPratica(context.db, citizenId, id),
    getPraticaEvents(context.db, citizenId, id),
    getPraticaAttachments(context.db, citizenId, id),
    getMessagesForPratica(context.db, citizenId, id),
    getCitizen(context.db, citizenId),
    listIntegrationDueDates(context.db, citizenId, id),
  ]);
  if (!pratica || !citizen) throwNotFound();
  // The request as sent: the first "inviata" milestone, and what the citizen attached up to then.
  const submission = events.find((e) => e.status === "inviata") ?? null;
  const sentWith = submission
    ? attachments
        .filter((a) => a.uploadedBy === "cittadino" && a.uploadedAt <= submission.at)
        .map((a) => a.id)
    : [];
  return json({
    pratica: { ...pratica, typeLabel: praticaTypeLabel(pratica.type) },
    applicant: { name: `${citizen.name} ${citizen.surname}`, codiceFiscale: citizen.codice_fiscale },
    submission: submission
      ? { at: submission.at, note: submission.actor === "cittadino" ? submission.note : null }
      : null,
    sentWith,
    integrationDue: integrationDue.get(id) ?? null,
    events,
    attachments,
    messages,
    csrf: csrfToken(session),
  });
}

type ActionErrors = { file?: string; note?: string; form?: string };

function refused(errors: ActionErrors, status: number, note = "") {
  return json({ errors, note }, { status });
}

const NOTE_MAX = 1000;

export async function action({ request, context, params }: ActionFunctionArgs) {
  const access = await requireCitizen(request, context);
  const { session, citizenId } = access;
  const id = requireId(params.id);
  if (citizenId === null) throwNotFound();
  // Origin and media type as for every form (403, 415); then the streaming parser for the file.
  checkFormRequest(request, context, "multipart");

  let parsed;
  try {
    parsed = await parseUploadForm(request, context.config.dataDir, "allegato");
  } catch (err) {
    if (err instanceof UploadRefused) {
      const errors: ActionErrors =
        err.problem === "too_large"
          ? { file: UPLOAD_PROBLEM_TEXT.too_large }
          : { form: UPLOAD_PROBLEM_TEXT[err.problem] };
      return refused(errors, err.status);
    }
    throw err;
  }
  const { fields, file } = parsed;
  const problem: UploadProblem | null = parsed.problem;
  try {
    const form = new FormData();
    for (const [k, v] of fields) form.set(k, v);
    verifyCsrf(request, form, session);

    const note = (fields.get("nota") ?? "").trim();
    const errors: ActionErrors = {};
    if (note.length > NOTE_MAX)
      errors.note = `La nota può contenere al massimo ${NOTE_MAX} caratteri (ne hai scritti ${note.length}).`;
    if (problem) errors.file = UPLOAD_PROBLEM_TEXT[problem];
    else if (!file) errors.file = UPLOAD_PROBLEM_TEXT.missing;
    if (errors.file || errors.note || !file) {
      if (file) await discardUpload(file);
      const status = problem === "too_large" ? 413 : problem === "bad_type" ? 415 : 400;
      return refused(errors, status, note.slice(0, NOTE_MAX));
    }

    const result = await submitIntegration(context.db, {
      citizenId,
      codiceFiscale: session.fiscal_code,
      actorKind: citizenAuditActor(access).actorKind,
      delegateName: access.onBehalf ? `${session.name} ${session.surname}` : null,
      praticaId: id,
      note,
      file: {
        filename: file.filename,
        storedName: file.storedName,
        mime: file.mime,
        sizeBytes: file.sizeBytes,
      },
      now: nowIso(context.config),
      auditKey: context.config.auditHmacKey,
    });
    if (!result.ok) {
      await discardUpload(file);
      if (result.reason === "not_found") throwNotFound();
      return refused({ form: result.message }, 409, note);
    }
    await finalizeUpload(context.config.dataDir, file);
    return redirect(`/area-personale/pratiche/${id}?integrazione=inviata#esito`, 303);
  } catch (err) {
    if (file) await discardUpload(file).catch(() => undefined);
    throw err;
  }
}

const ACTOR_LABEL = { cittadino: "Tu", operatore: "L'ufficio", sistema: "Il portale" } as const;

export default function PraticaDetail() {
  const { pratica, applicant, submission, sentWith, integrationDue, events, attachments, messages, csrf } =
    useLoaderData<typeof loader>();
  const requestAttachments = attachments.filter((a) => sentWith.includes(a.id));
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [searchParams] = useSearchParams();
  const sent = searchParams.get("integrazione") === "inviata";
  const errors: ActionErrors = actionData?.errors ?? {};
  const submitting = navigation.state === "submitting";
  const lastEventId = events.length ? events[events.length - 1].id : null;

  return (
    <>
      <Breadcrumb
        items={[
          { label: "Area personale", to: "/area-personale" },
          { label: "Pratiche", to: "/area-personale/pratiche" },
          { label: pratica.title },
        ]}
      />
      <h1>{pratica.title}</h1>
      <p>
        <PraticaBadge status={pratica.status} />
        <span className="ms-2">{pratica.typeLabel}</span>
      </p>

      {errors.form ? (
        <div className="alert alert-danger" role="alert">
          {errors.form}
        </div>
      ) : null}

      {sent ? (
        <div className="alert alert-success" role="status" id="esito">
          <p className="mb-0">
            Abbiamo ricevuto la tua integrazione e l&apos;abbiamo aggiunta alla pratica: ora è di nuovo in
            lavorazione presso l&apos;ufficio.
          </p>
        </div>
      ) : null}

      <section className="portal-section-box" aria-labelledby="pr-dati">
        <h2 id="pr-dati">Dati della pratica</h2>
        <dl className="row portal-dl mb-0">
          <div className="col-12 col-md-6">
            <dt>Numero di protocollo</dt>
            <dd>
              {pratica.protocolNumber
                ? `${pratica.protocolNumber}${pratica.protocolDate ? ` del ${formatDateIt(pratica.protocolDate)}` : ""}`
                : "Non ancora protocollata"}
            </dd>
          </div>
          <div className="col-12 col-md-6">
            <dt>Data di presentazione</dt>
            <dd>{pratica.submittedDate ? formatDateIt(pratica.submittedDate) : "Non ancora presentata"}</dd>
          </div>
          <div className="col-12 col-md-6">
            <dt>Termine di conclusione</dt>
            <dd>{pratica.deadlineDate ? formatDateIt(pratica.deadlineDate) : "Non indicato"}</dd>
          </div>
          {pratica.status === "da_integrare" && integrationDue ? (
            <div className="col-12 col-md-6">
              <dt>Termine per inviare l&apos;integrazione</dt>
              <dd>{formatDateIt(integrationDue)}</dd>
            </div>
          ) : null}
          <div className="col-12 col-md-6">
            <dt>Stato</dt>
            <dd>
              {PRATICA_STATE_LABEL[pratica.status]}, aggiornato il {formatDayIt(pratica.updatedAt)}
            </dd>
          </div>
          <div className="col-12 col-md-6">
            <dt>Ente</dt>
            <dd>{pratica.enteName}</dd>
          </div>
          <div className="col-12 col-md-6">
            <dt>Ufficio competente</dt>
            <dd>
              {pratica.office ? (
                <>
                  {pratica.office.name}
                  <br />
                  {pratica.office.address}
                  {pratica.office.phone ? (
                    <>
                      <br />
                      Telefono{" "}
                      <a href={`tel:${pratica.office.phone.replace(/\s+/g, "")}`}>{pratica.office.phone}</a>
                    </>
                  ) : null}
                  {pratica.office.email ? (
                    <>
                      <br />
                      Email <a href={`mailto:${pratica.office.email}`}>{pratica.office.email}</a>
                    </>
                  ) : null}
                  {pratica.office.openingHours ? (
                    <>
                      <br />
                      Orari: {pratica.office.openingHours}
                    </>
                  ) : null}
                </>
              ) : (
                "Non ancora assegnato"
              )}
            </dd>
          </div>
        </dl>
      </section>

      <section className="portal-section-box" aria-labelledby="pr-richiesta">
        <h2 id="pr-richiesta">La richiesta presentata</h2>
        <dl className="row portal-dl">
          <div className="col-12 col-md-6">
            <dt>Servizio</dt>
            <dd>{pratica.typeLabel}</dd>
          </div>
          <div className="col-12 col-md-6">
            <dt>Oggetto della domanda</dt>
            <dd>{pratica.title}</dd>
          </div>
          <div className="col-12 col-md-6">
            <dt>Richiedente</dt>
            <dd>
              {applicant.name}, codice fiscale {applicant.codiceFiscale}
            </dd>
          </div>
          <div className="col-12 col-md-6">
            <dt>Presentata a</dt>
            <dd>
              {pratica.enteName}
              {pratica.office ? `, ${pratica.office.name}` : ""}
            </dd>
          </div>
          <div className="col-12 col-md-6">
            <dt>Inviata</dt>
            <dd>
              {submission
                ? `Il ${formatDateTimeIt(submission.at)}`
                : pratica.submittedDate
                  ? `Il ${formatDateIt(pratica.submittedDate)}`
                  : "Non ancora: la domanda è in bozza"}
            </dd>
          </div>
          <div className="col-12 col-md-6">
            <dt>Nota alla domanda</dt>
            <dd className="portal-message-body">{submission?.note ?? "Nessuna"}</dd>
          </div>
        </dl>
        <h3 className="h5">Documenti allegati alla domanda</h3>
        {requestAttachments.length === 0 ? (
          <p className="mb-0">Alla domanda non sono stati allegati documenti.</p>
        ) : (
          <ul className="portal-attention-list mb-0">
            {requestAttachments.map((a) => (
              <AttachmentItem key={a.id} praticaId={pratica.id} attachment={a} />
            ))}
          </ul>
        )}
      </section>

      <section className="portal-section-box" aria-labelledby="pr-passi">
        <h2 id="pr-passi">Prossimi passi</h2>
        <p className="mb-0">{pratica.nextSteps ?? defaultNextSteps(pratica.status)}</p>
      </section>

      {pratica.status === "da_integrare" ? (
        <section className="portal-section-box" aria-labelledby="pr-integra" id="integrazione">
          <h2 id="pr-integra">Invia l&apos;integrazione richiesta</h2>
          <p>
            L&apos;ufficio ti chiede documenti o informazioni per proseguire
            {integrationDue ? `, entro il ${formatDateIt(integrationDue)}` : ""}. Allega un file PDF, JPEG o
            PNG di al massimo 10 MB e, se vuoi, scrivi una nota. Dopo l&apos;invio la pratica torna in
            lavorazione.
          </p>
          <Form method="post" encType="multipart/form-data" noValidate>
            <CsrfInput token={csrf} />
            <TextField
              id="allegato"
              type="file"
              label="File da allegare (obbligatorio)"
              wrapperClassName="mb-4"
              labelClassName="d-block fw-semibold mb-2"
              accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
              required
              hint="Formati accettati: PDF, JPEG, PNG. Dimensione massima: 10 MB."
              error={errors.file}
              errorRole="alert"
            />
            <Textarea
              id="nota"
              label="Nota per l'ufficio (facoltativa)"
              rows={4}
              maxLength={NOTE_MAX}
              defaultValue={actionData?.note ?? ""}
              error={errors.note}
              errorRole="alert"
            />
            <button type="submit" className="btn btn-primary" disabled={submitting}>
              <Icon name="it-upload" size="sm" className="icon-white me-2" />
              {submitting ? "Invio in corso…" : "Invia l'integrazione"}
            </button>
          </Form>
        </section>
      ) : null}

      <section className="portal-section-box" aria-labelledby="pr-tappe">
        <h2 id="pr-tappe">Tappe della pratica</h2>
        {events.length === 0 ? (
          <p className="mb-0">Non sono ancora registrate tappe per questa pratica.</p>
        ) : (
          <ol className="portal-timeline" aria-label="Tappe, dalla prima all'ultima">
            {events.map((e) => (
              <li key={e.id} className={e.id === lastEventId ? "portal-timeline-current" : undefined}>
                <span className="portal-timeline-date">
                  <time dateTime={e.at}>{formatDateTimeIt(e.at)}</time>
                  {e.id === lastEventId ? " · stato attuale" : ""}
                </span>
                <span className="fw-semibold">{PRATICA_STATE_LABEL[e.status] ?? e.status}</span>
                <span className="small"> · {ACTOR_LABEL[e.actor] ?? e.actor}</span>
                {e.note ? <div>{e.note}</div> : null}
              </li>
            ))}
          </ol>
        )}
      </section>

      <section className="portal-section-box" aria-labelledby="pr-allegati">
        <h2 id="pr-allegati">Allegati</h2>
        {attachments.length === 0 ? (
          <p className="mb-0">Non ci sono allegati.</p>
        ) : (
          <ul className="portal-attention-list">
            {attachments.map((a) => (
              <AttachmentItem key={a.id} praticaId={pratica.id} attachment={a} />
            ))}
          </ul>
        )}
      </section>

      <section className="portal-section-box" aria-labelledby="pr-messaggi">
        <h2 id="pr-messaggi">Messaggi su questa pratica</h2>
        {messages.length === 0 ? (
          <p className="mb-0">Non ci sono messaggi su questa pratica.</p>
        ) : (
          <ul className="portal-attention-list">
            {messages.map((m) => (
              <li key={m.id}>
                <Link
                  to={`/area-personale/messaggi/${m.id}`}
                  className={m.read ? undefined : "portal-unread"}
                >
                  {m.subject}
                </Link>
                {m.read ? null : (
                  <>
                    {" "}
                    <span className="badge bg-primary ms-1">Da leggere</span>
                  </>
                )}
                <div className="small">
                  {m.senderName} · {formatDayIt(m.sentAt)}
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>

      <p>
        <Link to="/area-personale/pratiche">Torna all&apos;elenco delle pratiche</Link>
      </p>
    </>
  );
}

type AttachmentView = ReturnType<typeof useLoaderData<typeof loader>>["attachments"][number];

/** One attachment: its download link, kind, size, who uploaded it and when. */
function AttachmentItem({ praticaId, attachment: a }: { praticaId: number; attachment: AttachmentView }) {
  return (
    <li>
      <Icon name="it-clip" size="sm" className="me-1" />
      <a href={`/area-personale/pratiche/${praticaId}/allegati/${a.id}`} download>
        {a.filename}
        <span className="visually-hidden"> (scarica il file)</span>
      </a>
      <div className="small">
        {mimeLabel(a.mime)}, {formatBytes(a.sizeBytes)} · caricato{" "}
        {a.uploadedBy === "cittadino" ? "da te" : "dall'ufficio"} il {formatDateTimeIt(a.uploadedAt)}
      </div>
      {a.note ? <div className="small">Nota: {a.note}</div> : null}
    </li>
  );
}

function mimeLabel(mime: string): string {
  if (mime === "application/pdf") return "PDF";
  if (mime === "image/jpeg") return "Immagine JPEG";
  if (mime === "image/png") return "Immagine PNG";
  return "File";
}

function defaultNextSteps(status: string): string {
  switch (status) {
    case "bozza":
      return "La pratica non è ancora stata inviata.";
    case "inviata":
      return "L'ente deve protocollare la tua richiesta: riceverai il numero di protocollo.";
    case "protocollata":
      return "La richiesta è stata protocollata e sarà assegnata a un ufficio.";
    case "in_lavorazione":
      return "L'ufficio sta esaminando la tua richiesta. Ti avviseremo quando ci saranno novità.";
    case "da_integrare":
      return "L'ufficio ti chiede documenti o informazioni: usa il modulo qui sotto per inviarli.";
    case "accettata":
      return "La pratica si è conclusa con l'accoglimento della richiesta.";
    case "respinta":
      return "La pratica si è conclusa con il rigetto della richiesta. Trovi le motivazioni nei messaggi dell'ufficio.";
    default:
      return "";
  }
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

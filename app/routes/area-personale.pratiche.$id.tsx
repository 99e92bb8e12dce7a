import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { csrfToken, verifyCsrf } from "~/auth/csrf.server";
import { citizenAuditActor, requireCitizen } from "~/auth/guards.server";
import { nowIso } from "~/clock.server";
import { Breadcrumb } from "~/components/breadcrumb";
import { CsrfInput } from "~/auth/csrf-input";
import { formatBytes } from "~/rules/italian";
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
import { isPraticaState } from "~/rules/pratiche";
import type { Locale } from "~/i18n/config";
import { messagesLoader, useFormat, useServerText } from "~/i18n/react";

export const handle = { i18n: ["pratiche"] };

export const clientLoader = messagesLoader(["pratiche"]);

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

/** `noteLength`: how long the refused note was, for the message in the page's language. */
function refused(errors: ActionErrors, status: number, note = "", noteLength: number | null = null) {
  return json({ errors, note, noteLength }, { status });
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
      return refused(errors, status, note.slice(0, NOTE_MAX), errors.note ? note.length : null);
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
  const { t } = useTranslation("pratiche");
  const f = useFormat();
  const serverText = useServerText();
  const typeLabel = t(`type.${pratica.type}`, { defaultValue: pratica.typeLabel });

  return (
    <>
      <Breadcrumb
        items={[
          { label: t("common:nav.area"), to: "/area-personale" },
          { label: t("title"), to: "/area-personale/pratiche" },
          { label: pratica.title },
        ]}
      />
      <h1>{pratica.title}</h1>
      <p>
        <PraticaBadge status={pratica.status} />
        <span className="ms-2">{typeLabel}</span>
      </p>

      {errors.form ? (
        <div className="alert alert-danger" role="alert">
          {serverText(errors.form)}
        </div>
      ) : null}

      {sent ? (
        <div className="alert alert-success" role="status" id="esito">
          <p className="mb-0">{t("detail.sent")}</p>
        </div>
      ) : null}

      <section className="portal-section-box" aria-labelledby="pr-dati">
        <h2 id="pr-dati">{t("detail.data")}</h2>
        <dl className="row portal-dl mb-0">
          <div className="col-12 col-md-6">
            <dt>{t("detail.protocol")}</dt>
            <dd>
              {pratica.protocolNumber
                ? pratica.protocolDate
                  ? t("detail.protocolOf", {
                      number: pratica.protocolNumber,
                      date: f.date(pratica.protocolDate),
                    })
                  : pratica.protocolNumber
                : t("detail.notProtocolled")}
            </dd>
          </div>
          <div className="col-12 col-md-6">
            <dt>{t("detail.submittedOn")}</dt>
            <dd>{pratica.submittedDate ? f.date(pratica.submittedDate) : t("detail.notSubmitted")}</dd>
          </div>
          <div className="col-12 col-md-6">
            <dt>{t("detail.deadline")}</dt>
            <dd>{pratica.deadlineDate ? f.date(pratica.deadlineDate) : t("detail.notStated")}</dd>
          </div>
          {pratica.status === "da_integrare" && integrationDue ? (
            <div className="col-12 col-md-6">
              <dt>{t("detail.integrationDue")}</dt>
              <dd>{f.date(integrationDue)}</dd>
            </div>
          ) : null}
          <div className="col-12 col-md-6">
            <dt>{t("detail.status")}</dt>
            <dd>
              {t("detail.statusUpdated", {
                status: t(`status.${pratica.status}`),
                date: f.date(pratica.updatedAt),
              })}
            </dd>
          </div>
          <div className="col-12 col-md-6">
            <dt>{t("detail.ente")}</dt>
            <dd>{pratica.enteName}</dd>
          </div>
          <div className="col-12 col-md-6">
            <dt>{t("detail.office")}</dt>
            <dd>
              {pratica.office ? (
                <>
                  {pratica.office.name}
                  <br />
                  {pratica.office.address}
                  {pratica.office.phone ? (
                    <>
                      <br />
                      {t("detail.phone")}{" "}
                      <a href={`tel:${pratica.office.phone.replace(/\s+/g, "")}`}>{pratica.office.phone}</a>
                    </>
                  ) : null}
                  {pratica.office.email ? (
                    <>
                      <br />
                      {t("detail.email")}{" "}
                      <a href={`mailto:${pratica.office.email}`}>{pratica.office.email}</a>
                    </>
                  ) : null}
                  {pratica.office.openingHours ? (
                    <>
                      <br />
                      {t("detail.hours", { hours: pratica.office.openingHours })}
                    </>
                  ) : null}
                </>
              ) : (
                t("detail.notAssigned")
              )}
            </dd>
          </div>
        </dl>
      </section>

      <section className="portal-section-box" aria-labelledby="pr-richiesta">
        <h2 id="pr-richiesta">{t("detail.request")}</h2>
        <dl className="row portal-dl">
          <div className="col-12 col-md-6">
            <dt>{t("detail.service")}</dt>
            <dd>{typeLabel}</dd>
          </div>
          <div className="col-12 col-md-6">
            <dt>{t("detail.subject")}</dt>
            <dd>{pratica.title}</dd>
          </div>
          <div className="col-12 col-md-6">
            <dt>{t("detail.applicant")}</dt>
            <dd>
              {applicant.name}, {t("detail.fiscalCode")} {applicant.codiceFiscale}
            </dd>
          </div>
          <div className="col-12 col-md-6">
            <dt>{t("detail.sentTo")}</dt>
            <dd>
              {pratica.enteName}
              {pratica.office ? `, ${pratica.office.name}` : ""}
            </dd>
          </div>
          <div className="col-12 col-md-6">
            <dt>{t("detail.sentAt")}</dt>
            <dd>
              {submission
                ? t("detail.on", { date: f.dateTime(submission.at) })
                : pratica.submittedDate
                  ? t("detail.on", { date: f.date(pratica.submittedDate) })
                  : t("detail.draft")}
            </dd>
          </div>
          <div className="col-12 col-md-6">
            <dt>{t("detail.note")}</dt>
            <dd className="portal-message-body">{submission?.note ?? t("detail.none")}</dd>
          </div>
        </dl>
        <h3 className="h5">{t("detail.requestDocuments")}</h3>
        {requestAttachments.length === 0 ? (
          <p className="mb-0">{t("detail.noRequestDocuments")}</p>
        ) : (
          <ul className="portal-attention-list mb-0">
            {requestAttachments.map((a) => (
              <AttachmentItem key={a.id} praticaId={pratica.id} attachment={a} />
            ))}
          </ul>
        )}
      </section>

      <section className="portal-section-box" aria-labelledby="pr-passi">
        <h2 id="pr-passi">{t("detail.nextSteps")}</h2>
        <p className="mb-0">
          {pratica.nextSteps ?? (isPraticaState(pratica.status) ? t(`nextSteps.${pratica.status}`) : "")}
        </p>
      </section>

      {pratica.status === "da_integrare" ? (
        <section className="portal-section-box" aria-labelledby="pr-integra" id="integrazione">
          <h2 id="pr-integra">{t("integration.title")}</h2>
          <p>
            {integrationDue
              ? t("integration.textDue", { date: f.date(integrationDue) })
              : t("integration.text")}
          </p>
          <Form method="post" encType="multipart/form-data" noValidate>
            <CsrfInput token={csrf} />
            <TextField
              id="allegato"
              type="file"
              label={t("integration.file")}
              wrapperClassName="mb-4"
              labelClassName="d-block fw-semibold mb-2"
              accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
              required
              hint={t("integration.fileHint")}
              error={errors.file && serverText(errors.file)}
              errorRole="alert"
            />
            <Textarea
              id="nota"
              label={t("integration.note")}
              rows={4}
              maxLength={NOTE_MAX}
              defaultValue={actionData?.note ?? ""}
              error={
                errors.note && actionData?.noteLength && f.locale !== "it"
                  ? t("integration.noteTooLong", { max: NOTE_MAX, written: actionData.noteLength })
                  : errors.note
              }
              errorRole="alert"
            />
            <button type="submit" className="btn btn-primary" disabled={submitting}>
              <Icon name="it-upload" size="sm" className="icon-white me-2" />
              {submitting ? t("integration.busy") : t("integration.submit")}
            </button>
          </Form>
        </section>
      ) : null}

      <section className="portal-section-box" aria-labelledby="pr-tappe">
        <h2 id="pr-tappe">{t("detail.events")}</h2>
        {events.length === 0 ? (
          <p className="mb-0">{t("detail.noEvents")}</p>
        ) : (
          <ol className="portal-timeline" aria-label={t("detail.eventsLabel")}>
            {events.map((e) => (
              <li key={e.id} className={e.id === lastEventId ? "portal-timeline-current" : undefined}>
                <span className="portal-timeline-date">
                  <time dateTime={e.at}>{f.dateTime(e.at)}</time>
                  {e.id === lastEventId ? ` · ${t("detail.current")}` : ""}
                </span>
                <span className="fw-semibold">{t(`status.${e.status}`, { defaultValue: e.status })}</span>
                <span className="small"> · {t(`actor.${e.actor}`, { defaultValue: e.actor })}</span>
                {e.note ? <div>{e.note}</div> : null}
              </li>
            ))}
          </ol>
        )}
      </section>

      <section className="portal-section-box" aria-labelledby="pr-allegati">
        <h2 id="pr-allegati">{t("detail.attachments")}</h2>
        {attachments.length === 0 ? (
          <p className="mb-0">{t("detail.noAttachments")}</p>
        ) : (
          <ul className="portal-attention-list">
            {attachments.map((a) => (
              <AttachmentItem key={a.id} praticaId={pratica.id} attachment={a} />
            ))}
          </ul>
        )}
      </section>

      <section className="portal-section-box" aria-labelledby="pr-messaggi">
        <h2 id="pr-messaggi">{t("detail.messages")}</h2>
        {messages.length === 0 ? (
          <p className="mb-0">{t("detail.noMessages")}</p>
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
                    <span className="badge bg-primary ms-1">{t("detail.unread")}</span>
                  </>
                )}
                <div className="small">
                  {m.senderName} · {f.date(m.sentAt)}
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>

      <p>
        <Link to="/area-personale/pratiche">{t("detail.back")}</Link>
      </p>
    </>
  );
}

type AttachmentView = ReturnType<typeof useLoaderData<typeof loader>>["attachments"][number];

/** One attachment: its download link, kind, size, who uploaded it and when. */
function AttachmentItem({ praticaId, attachment: a }: { praticaId: number; attachment: AttachmentView }) {
  const { t } = useTranslation("pratiche");
  const f = useFormat();
  const uploaded = f.dateTime(a.uploadedAt);
  return (
    <li>
      <Icon name="it-clip" size="sm" className="me-1" />
      <a href={`/area-personale/pratiche/${praticaId}/allegati/${a.id}`} download>
        {a.filename}
        <span className="visually-hidden"> {t("attachment.download")}</span>
      </a>
      <div className="small">
        {t(`mime.${mimeKey(a.mime)}`)}, {bytesText(a.sizeBytes, f.locale)} ·{" "}
        {a.uploadedBy === "cittadino"
          ? t("attachment.byYou", { date: uploaded })
          : t("attachment.byOffice", { date: uploaded })}
      </div>
      {a.note ? <div className="small">{t("attachment.note", { note: a.note })}</div> : null}
    </li>
  );
}

function mimeKey(mime: string): "pdf" | "jpeg" | "png" | "other" {
  if (mime === "application/pdf") return "pdf";
  if (mime === "image/jpeg") return "jpeg";
  if (mime === "image/png") return "png";
  return "other";
}

/** A file's size: the portal's Italian wording, or the same units with English numbers. */
function bytesText(n: number, locale: Locale): string {
  if (locale === "it") return formatBytes(n);
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MB`;
  if (n >= 1024) return `${Math.max(1, Math.round(n / 1024))} kB`;
  return n === 1 ? "1 byte" : `${n} bytes`;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { csrfToken, verifyCsrf } from "~/auth/csrf.server";
import { citizenAuditActor, requireCitizen } from "~/auth/guards.server";
import { nowIso } from "~/clock.server";
import { Breadcrumb } from "~/components/breadcrumb";
import { CsrfInput } from "~/auth/csrf-input";
import { humanizeCode } from "~/rules/italian";
import { formatDateTimeIt, formatLongDayIt, formatTimeIt, romeDay } from "~/rules/time";
import { readForm, requireId, throwBadRequest, throwNotFound } from "~/http.server";
import { errorMeta, GeneralErrorBoundary } from "~/components/error-boundary";
import { Icon } from "~/components/icon";
import { pageMeta } from "~/components/site";
import { cancelAppointment, getAppointment } from "~/dossier/appointments.server";
import { parseForm, UNKNOWN_INTENT } from "~/form-data.server";
import { appointmentCancelSchema } from "~/forms/citizen.server";

export const meta: MetaFunction<typeof loader> = ({ error, matches }) =>
  error ? errorMeta(error, matches) : pageMeta("Appuntamento", matches);

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { session, citizenId } = await requireCitizen(request, context);
  const id = requireId(params.id);
  if (citizenId === null) throwNotFound();
  const appointment = await getAppointment(context.db, citizenId, id, nowIso(context.config));
  if (!appointment) throwNotFound();
  return json({ appointment, csrf: csrfToken(session) });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const access = await requireCitizen(request, context);
  const { session, citizenId } = access;
  const id = requireId(params.id);
  if (citizenId === null) throwNotFound();
  const form = await readForm(request, context);
  verifyCsrf(request, form, session);
  const parsed = parseForm(appointmentCancelSchema, form);
  if (!parsed.ok) throwBadRequest(parsed.errors.intent ?? UNKNOWN_INTENT);
  const result = await cancelAppointment(context.db, {
    citizenId,
    codiceFiscale: session.fiscal_code,
    actorKind: citizenAuditActor(access).actorKind,
    appointmentId: id,
    now: nowIso(context.config),
    auditKey: context.config.auditHmacKey,
  });
  if (!result.ok) {
    if (result.reason === "not_found") throwNotFound();
    return json(
      { error: "Questo appuntamento non si può più annullare: è già passato oppure è stato annullato." },
      { status: 409 },
    );
  }
  return redirect("/area-personale/appuntamenti?annullato=1", 303);
}

const STATUS_TEXT = {
  prenotato: "Prenotato",
  annullato: "Annullato",
  svolto: "Svolto",
} as const;

export default function AppuntamentoDetail() {
  const { appointment: a, csrf } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const booked = searchParams.get("prenotato") === "1";
  return (
    <>
      <Breadcrumb
        items={[
          { label: "Area personale", to: "/area-personale" },
          { label: "Appuntamenti", to: "/area-personale/appuntamenti" },
          { label: "Dettaglio" },
        ]}
      />
      <h1>Appuntamento del {formatLongDayIt(romeDay(a.startsAt))}</h1>
      {booked && a.upcoming ? (
        <div className="alert alert-success" role="status">
          <p className="fw-semibold mb-1">Prenotazione confermata.</p>
          <p className="mb-0">
            Ti aspettiamo alle {formatTimeIt(a.startsAt)} presso {a.officeName}. Porta con te un documento d&apos;identità.
          </p>
        </div>
      ) : null}
      {actionData?.error ? (
        <div className="alert alert-danger" role="alert">
          {actionData.error}
        </div>
      ) : null}
      <dl className="row portal-dl">
        <div className="col-12 col-md-6">
          <dt>Data e ora</dt>
          <dd>
            {formatDateTimeIt(a.startsAt)}, fino alle {formatTimeIt(a.endsAt)}
          </dd>
        </div>
        <div className="col-12 col-md-6">
          <dt>Stato</dt>
          <dd>{a.status === "prenotato" && !a.upcoming ? "Passato" : STATUS_TEXT[a.status]}</dd>
        </div>
        <div className="col-12 col-md-6">
          <dt>Servizio</dt>
          <dd>{humanizeCode(a.service)}</dd>
        </div>
        <div className="col-12 col-md-6">
          <dt>Ufficio</dt>
          <dd>
            {a.officeName}, {a.enteName}
            <br />
            <Icon name="it-map-marker" size="sm" className="me-1" />
            {a.officeAddress}
            {a.officePhone ? (
              <>
                <br />
                Telefono <a href={`tel:${a.officePhone.replace(/\s+/g, "")}`}>{a.officePhone}</a>
              </>
            ) : null}
            {a.officeEmail ? (
              <>
                <br />
                Email <a href={`mailto:${a.officeEmail}`}>{a.officeEmail}</a>
              </>
            ) : null}
          </dd>
        </div>
        <div className="col-12 col-md-6">
          <dt>Prenotato il</dt>
          <dd>{formatDateTimeIt(a.bookedAt)}</dd>
        </div>
        {a.cancelledAt ? (
          <div className="col-12 col-md-6">
            <dt>Annullato il</dt>
            <dd>{formatDateTimeIt(a.cancelledAt)}</dd>
          </div>
        ) : null}
        {a.notes ? (
          <div className="col-12">
            <dt>Recapiti e note per l&apos;ufficio</dt>
            <dd className="portal-message-body">{a.notes}</dd>
          </div>
        ) : null}
      </dl>
      {a.upcoming ? (
        <section className="portal-section-box" aria-labelledby="annulla">
          <h2 id="annulla" className="h5">
            Non puoi venire?
          </h2>
          <p>Annulla l&apos;appuntamento per lasciare l&apos;orario libero ad altre persone.</p>
          <Form method="post">
            <CsrfInput token={csrf} />
            <button type="submit" name="intent" value="annulla" className="btn btn-outline-danger">
              Annulla l&apos;appuntamento
            </button>
          </Form>
        </section>
      ) : null}
      <p className="mt-4">
        <Link to="/area-personale/appuntamenti">Torna agli appuntamenti</Link>
      </p>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

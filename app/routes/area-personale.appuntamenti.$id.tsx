import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { csrfToken, verifyCsrf } from "~/auth/csrf.server";
import { citizenAuditActor, requireCitizen } from "~/auth/guards.server";
import { nowIso } from "~/clock.server";
import { Breadcrumb } from "~/components/breadcrumb";
import { CsrfInput } from "~/auth/csrf-input";
import { humanizeCode } from "~/rules/italian";
import { formatTimeIt, romeDay } from "~/rules/time";
import { readForm, requireId, throwBadRequest, throwNotFound } from "~/http.server";
import { errorMeta, GeneralErrorBoundary } from "~/components/error-boundary";
import { Icon } from "~/components/icon";
import { pageMeta } from "~/components/site";
import { cancelAppointment, getAppointment } from "~/dossier/appointments.server";
import { parseForm, UNKNOWN_INTENT } from "~/form-data.server";
import { appointmentCancelSchema } from "~/forms/citizen.server";
import { metaT } from "~/i18n/instance";
import { messagesLoader, useFormat, useServerText } from "~/i18n/react";

export const handle = { i18n: ["appointments"] };

export const clientLoader = messagesLoader(["appointments"]);

export const meta: MetaFunction<typeof loader> = ({ error, matches }) => {
  const t = metaT(matches, "appointments");
  return error ? errorMeta(error, matches) : pageMeta(t("detail.title"), matches);
};

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

export default function AppuntamentoDetail() {
  const { appointment: a, csrf } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const booked = searchParams.get("prenotato") === "1";
  const { t } = useTranslation("appointments");
  const f = useFormat();
  const serverText = useServerText();
  return (
    <>
      <Breadcrumb
        items={[
          { label: t("common:nav.area"), to: "/area-personale" },
          { label: t("title"), to: "/area-personale/appuntamenti" },
          { label: t("detail.crumb") },
        ]}
      />
      <h1>{t("detail.heading", { day: f.longDay(romeDay(a.startsAt)) })}</h1>
      {booked && a.upcoming ? (
        <div className="alert alert-success" role="status">
          <p className="fw-semibold mb-1">{t("detail.confirmed")}</p>
          <p className="mb-0">
            {t("detail.expected", { time: formatTimeIt(a.startsAt), office: a.officeName })}
          </p>
        </div>
      ) : null}
      {actionData?.error ? (
        <div className="alert alert-danger" role="alert">
          {serverText(actionData.error)}
        </div>
      ) : null}
      <dl className="row portal-dl">
        <div className="col-12 col-md-6">
          <dt>{t("detail.when")}</dt>
          <dd>{t("detail.whenValue", { dateTime: f.dateTime(a.startsAt), time: formatTimeIt(a.endsAt) })}</dd>
        </div>
        <div className="col-12 col-md-6">
          <dt>{t("detail.status")}</dt>
          <dd>{a.status === "prenotato" && !a.upcoming ? t("status.passed") : t(`status.${a.status}`)}</dd>
        </div>
        <div className="col-12 col-md-6">
          <dt>{t("detail.service")}</dt>
          <dd>{humanizeCode(a.service)}</dd>
        </div>
        <div className="col-12 col-md-6">
          <dt>{t("detail.office")}</dt>
          <dd>
            {a.officeName}, {a.enteName}
            <br />
            <Icon name="it-map-marker" size="sm" className="me-1" />
            {a.officeAddress}
            {a.officePhone ? (
              <>
                <br />
                {t("detail.phone")} <a href={`tel:${a.officePhone.replace(/\s+/g, "")}`}>{a.officePhone}</a>
              </>
            ) : null}
            {a.officeEmail ? (
              <>
                <br />
                {t("detail.email")} <a href={`mailto:${a.officeEmail}`}>{a.officeEmail}</a>
              </>
            ) : null}
          </dd>
        </div>
        <div className="col-12 col-md-6">
          <dt>{t("detail.bookedAt")}</dt>
          <dd>{f.dateTime(a.bookedAt)}</dd>
        </div>
        {a.cancelledAt ? (
          <div className="col-12 col-md-6">
            <dt>{t("detail.cancelledAt")}</dt>
            <dd>{f.dateTime(a.cancelledAt)}</dd>
          </div>
        ) : null}
        {a.notes ? (
          <div className="col-12">
            <dt>{t("detail.notes")}</dt>
            <dd className="portal-message-body">{a.notes}</dd>
          </div>
        ) : null}
      </dl>
      {a.upcoming ? (
        <section className="portal-section-box" aria-labelledby="annulla">
          <h2 id="annulla" className="h5">
            {t("detail.cantCome")}
          </h2>
          <p>{t("detail.cancelText")}</p>
          <Form method="post">
            <CsrfInput token={csrf} />
            <button type="submit" name="intent" value="annulla" className="btn btn-outline-danger">
              {t("detail.cancel")}
            </button>
          </Form>
        </section>
      ) : null}
      <p className="mt-4">
        <Link to="/area-personale/appuntamenti">{t("detail.back")}</Link>
      </p>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation, useNavigation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { Trans, useTranslation } from "react-i18next";
import { csrfToken, verifyCsrf } from "~/auth/csrf.server";
import { citizenAuditActor, requireCitizen } from "~/auth/guards.server";
import { nowIso, todayIso } from "~/clock.server";
import { Breadcrumb } from "~/components/breadcrumb";
import { CsrfInput } from "~/auth/csrf-input";
import { EmptyState } from "~/components/dossier/empty-state";
import { humanizeCode } from "~/rules/italian";
import { addDays, formatTimeIt, romeDay } from "~/rules/time";
import { parseOptionalId, readForm, throwBadRequest, throwNotFound } from "~/http.server";
import { formIntent, parseForm, UNKNOWN_INTENT } from "~/form-data.server";
import { errorMeta, GeneralErrorBoundary } from "~/components/error-boundary";
import { Textarea, TextField } from "~/components/form";
import { pageMeta } from "~/components/site";
import { BOOKING_HORIZON_DAYS } from "~/dossier/labels";
import {
  bookingFormSchema,
  bookSlot,
  getOffice,
  getSlotSummary,
  listBookableOffices,
  listFreeSlots,
  listOfficeServices,
  MAX_ACTIVE_BOOKINGS,
} from "~/dossier/appointments.server";
import { currentResidenceEnteId, getCitizen } from "~/dossier/registry.server";
import { defaultOfficeId, officesHomeFirst, whatToBring } from "~/rules/appointments";
import { metaT } from "~/i18n/instance";
import { messagesLoader, useFormat, useServerText } from "~/i18n/react";

export const handle = { i18n: ["appointments"] };

export const clientLoader = messagesLoader(["appointments"]);

export const meta: MetaFunction<typeof loader> = ({ error, matches }) => {
  const t = metaT(matches, "appointments");
  return error ? errorMeta(error, matches) : pageMeta(t("book"), matches);
};

const SERVICE_PATTERN = /^[\p{L}\p{N} _'’.,()/-]{1,80}$/u;
const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

function bookingWindow(config: Parameters<typeof todayIso>[0]) {
  const now = nowIso(config);
  const until = addDays(todayIso(config), BOOKING_HORIZON_DAYS + 1);
  return { now, until };
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { session, citizenId } = await requireCitizen(request, context);
  const params = new URL(request.url).searchParams;
  const officeParam = parseOptionalId(params.get("ufficio"));
  if (officeParam === "invalid") throwBadRequest("L'ufficio scelto non esiste.");
  const serviceParam = params.get("servizio") ?? "";
  if (serviceParam && !SERVICE_PATTERN.test(serviceParam)) throwBadRequest("Il servizio scelto non esiste.");
  const dayParam = params.get("giorno") ?? "";
  if (dayParam && !DAY_PATTERN.test(dayParam)) throwBadRequest("Il giorno scelto non è una data valida.");

  if (citizenId === null) return json({ known: false as const });
  const { now, until } = bookingWindow(context.config);
  const [citizen, offices, homeEnteId] = await Promise.all([
    getCitizen(context.db, citizenId),
    listBookableOffices(context.db, now, until),
    currentResidenceEnteId(context.db, citizenId),
  ]);
  if (!citizen) return json({ known: false as const });
  const { home, others } = officesHomeFirst(offices, homeEnteId);

  let office = null;
  let services: string[] = [];
  let service: string | null = null;
  let days: Array<{ day: string; count: number }> = [];
  let day: string | null = null;
  let slots: Array<{ id: number; from: string; to: string }> = [];

  if (officeParam !== null) {
    office = (await getOffice(context.db, officeParam)) ?? null;
    if (!office) throwNotFound();
    services = await listOfficeServices(context.db, office.id, now, until);
    if (serviceParam && services.includes(serviceParam)) service = serviceParam;
  }
  if (office && service) {
    const free = await listFreeSlots(context.db, office.id, service, now, until);
    const byDay = new Map<string, typeof free>();
    for (const s of free) {
      const d = romeDay(s.startsAt);
      const list = byDay.get(d);
      if (list) list.push(s);
      else byDay.set(d, [s]);
    }
    days = [...byDay.entries()].map(([d, list]) => ({ day: d, count: list.length }));
    if (dayParam && byDay.has(dayParam)) {
      day = dayParam;
      slots = byDay
        .get(dayParam)!
        .map((s) => ({ id: s.id, from: formatTimeIt(s.startsAt), to: formatTimeIt(s.endsAt) }));
    }
  }

  return json({
    known: true as const,
    csrf: csrfToken(session),
    person: {
      name: `${citizen.name} ${citizen.surname}`,
      codiceFiscale: citizen.codice_fiscale,
      email: citizen.email ?? "",
      phone: citizen.phone ?? "",
    },
    homeOffices: home,
    otherOffices: others,
    homeEnteName: home[0]?.enteName ?? null,
    selectedOfficeId: office?.id ?? defaultOfficeId(offices, homeEnteId),
    office,
    services: services.map((s) => ({ value: s, label: humanizeCode(s) })),
    service,
    serviceChanged: Boolean(serviceParam && !service),
    days,
    day,
    dayChanged: Boolean(dayParam && !day && service),
    slots,
  });
}

type FieldErrors = Partial<Record<"slot" | "email" | "telefono" | "note" | "form", string>>;
type BookingValues = { slot: string; email: string; telefono: string; note: string };

export interface BookingSummary {
  office: string;
  address: string;
  /** The slot's start and end (instants), written by the page in its language. */
  startsAt: string;
  endsAt: string;
  service: string;
  /** What to bring, in Italian (shown through the validation namespace). */
  bring: string | null;
}

function reply(
  status: number,
  values: BookingValues,
  more: { errors?: FieldErrors; summary?: BookingSummary } = {},
) {
  return json({ errors: more.errors ?? {}, values, summary: more.summary ?? null }, { status });
}

/**
 * Three buttons post here: "Vai al riepilogo" (intent riepilogo, the default) checks the choice
 * and shows what will be booked; "Modifica" goes back to the form with what was typed; only
 * "Conferma prenotazione" (intent conferma) books.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const access = await requireCitizen(request, context);
  const { session, citizenId } = access;
  if (citizenId === null) throwNotFound();
  const form = await readForm(request, context);
  verifyCsrf(request, form, session);
  const raw: BookingValues = {
    slot: String(form.get("slot") ?? ""),
    email: String(form.get("email") ?? ""),
    telefono: String(form.get("telefono") ?? ""),
    note: String(form.get("note") ?? ""),
  };
  // Built here: a `.server` helper called at module level would run in the browser bundle too.
  const intent = formIntent(["riepilogo", "conferma", "modifica"]).safeParse(
    form.get("intent") ?? "riepilogo",
  );
  if (!intent.success) return reply(400, raw, { errors: { form: UNKNOWN_INTENT } });
  if (intent.data === "modifica") return reply(200, raw);
  const parsed = parseForm(bookingFormSchema, raw);
  if (!parsed.ok) return reply(400, raw, { errors: parsed.errors as FieldErrors });
  const v = parsed.data;
  const values: BookingValues = { slot: v.slot, email: v.email, telefono: v.telefono, note: v.note };

  if (intent.data === "riepilogo") {
    const { now, until } = bookingWindow(context.config);
    const slot = await getSlotSummary(context.db, Number(v.slot), now, until);
    if (!slot || !slot.bookable) {
      const message = slot
        ? "Orario non più disponibile: scegli un altro orario."
        : "Scegli un orario tra quelli disponibili.";
      return reply(slot ? 409 : 400, values, { errors: slot ? { form: message } : { slot: message } });
    }
    return reply(200, values, {
      summary: {
        office: `${slot.enteName}: ${slot.officeName}`,
        address: slot.officeAddress,
        startsAt: slot.startsAt,
        endsAt: slot.endsAt,
        service: humanizeCode(slot.service),
        bring: whatToBring(slot.service),
      },
    });
  }

  const notes =
    [v.email && `Email: ${v.email}`, v.telefono && `Telefono: ${v.telefono}`, v.note && `Note: ${v.note}`]
      .filter(Boolean)
      .join("\n") || null;
  const result = await bookSlot(context.db, {
    citizenId,
    codiceFiscale: session.fiscal_code,
    actorKind: citizenAuditActor(access).actorKind,
    slotId: Number(v.slot),
    notes,
    now: nowIso(context.config),
    auditKey: context.config.auditHmacKey,
  });
  if (!result.ok) {
    const message =
      result.reason === "taken"
        ? "Orario non più disponibile: un'altra persona lo ha appena prenotato. Scegli un altro orario."
        : result.reason === "too_many"
          ? `Hai già ${MAX_ACTIVE_BOOKINGS} appuntamenti prenotati: per prenotarne un altro annullane prima uno.`
          : "L'orario scelto non è più prenotabile. Scegli un altro orario.";
    return reply(409, values, { errors: { form: message } });
  }
  return redirect(`/area-personale/appuntamenti/${result.appointmentId}?prenotato=1`, 303);
}

export default function Prenota() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { search } = useLocation();
  const summaryHeading = useRef<HTMLHeadingElement>(null);
  const { t } = useTranslation("appointments");
  const f = useFormat();
  const serverText = useServerText();
  const hasSummary = Boolean(actionData?.summary);
  useEffect(() => {
    if (hasSummary) summaryHeading.current?.focus();
  }, [hasSummary]);
  const crumbs = (
    <Breadcrumb
      items={[
        { label: t("common:nav.area"), to: "/area-personale" },
        { label: t("title"), to: "/area-personale/appuntamenti" },
        { label: t("booking.crumb") },
      ]}
    />
  );
  if (!data.known) {
    return (
      <>
        {crumbs}
        <h1>{t("book")}</h1>
        <EmptyState title={t("booking.notKnownTitle")}>
          <p className="mb-0">{t("booking.notKnown")}</p>
        </EmptyState>
      </>
    );
  }
  const errors: FieldErrors = actionData?.errors ?? {};
  const values = actionData?.values;
  const summary = data.office && data.service && data.day ? (actionData?.summary ?? null) : null;
  const base = "/area-personale/appuntamenti/prenota";
  const step = !data.office ? 1 : !data.service ? 2 : !data.day ? 3 : summary ? 5 : 4;
  const steps = [t("steps.office"), t("steps.service"), t("steps.day"), t("steps.time"), t("steps.summary")];

  return (
    <>
      {crumbs}
      <h1>{t("book")}</h1>
      <p className="lead">{t("booking.lead", { days: BOOKING_HORIZON_DAYS })}</p>
      <ol className="portal-steps list-inline" aria-label={t("booking.steps")}>
        {steps.map((label, i) => (
          <li
            key={label}
            className="list-inline-item me-3"
            aria-current={step === i + 1 ? "step" : undefined}
          >
            <span className={step === i + 1 ? "fw-bold" : undefined}>
              {i + 1}. {label}
              {step > i + 1 ? <span className="visually-hidden"> {t("booking.done")}</span> : null}
            </span>
          </li>
        ))}
      </ol>

      {Object.keys(errors).length ? (
        <div className="alert alert-danger" role="alert">
          {errors.form ? <p className="mb-0">{serverText(errors.form)}</p> : null}
          {errors.slot || errors.email || errors.telefono || errors.note ? (
            <>
              <p className="fw-semibold mb-1">{t("booking.notRegistered")}</p>
              <ul className="mb-0">
                {[errors.slot, errors.email, errors.telefono, errors.note].filter(Boolean).map((e) => (
                  <li key={e}>{serverText(e!)}</li>
                ))}
              </ul>
            </>
          ) : null}
        </div>
      ) : null}

      {summary && values ? (
        <section className="portal-section-box" aria-labelledby="step-riepilogo">
          <h2 id="step-riepilogo" className="h4" tabIndex={-1} ref={summaryHeading}>
            5. {t("steps.summary")}
          </h2>
          <p>{t("summary.intro")}</p>
          <dl className="row portal-dl">
            <div className="col-12 col-md-6">
              <dt>{t("summary.office")}</dt>
              <dd>{summary.office}</dd>
            </div>
            <div className="col-12 col-md-6">
              <dt>{t("summary.address")}</dt>
              <dd>{summary.address}</dd>
            </div>
            <div className="col-12 col-md-6">
              <dt>{t("summary.when")}</dt>
              <dd>
                {f.longDay(romeDay(summary.startsAt))},{" "}
                {t("summary.time", {
                  from: formatTimeIt(summary.startsAt),
                  to: formatTimeIt(summary.endsAt),
                })}
              </dd>
            </div>
            <div className="col-12 col-md-6">
              <dt>{t("summary.service")}</dt>
              <dd>{summary.service}</dd>
            </div>
            {summary.bring ? (
              <div className="col-12">
                <dt>{t("summary.bring")}</dt>
                <dd>{serverText(summary.bring)}</dd>
              </div>
            ) : null}
            <div className="col-12 col-md-6">
              <dt>{t("summary.name")}</dt>
              <dd>{data.person.name}</dd>
            </div>
            <div className="col-12 col-md-6">
              <dt>{t("summary.fiscalCode")}</dt>
              <dd>{data.person.codiceFiscale}</dd>
            </div>
            <div className="col-12 col-md-6">
              <dt>{t("summary.email")}</dt>
              <dd>{values.email || t("summary.noEmail")}</dd>
            </div>
            <div className="col-12 col-md-6">
              <dt>{t("summary.phone")}</dt>
              <dd>{values.telefono || t("summary.noPhone")}</dd>
            </div>
            <div className="col-12">
              <dt>{t("summary.notes")}</dt>
              <dd className="portal-message-body">{values.note || t("summary.noNotes")}</dd>
            </div>
          </dl>
          <Form method="post" action={`${base}${search}`}>
            <CsrfInput token={data.csrf} />
            <input type="hidden" name="slot" value={values.slot} />
            <input type="hidden" name="email" value={values.email} />
            <input type="hidden" name="telefono" value={values.telefono} />
            <input type="hidden" name="note" value={values.note} />
            <button
              type="submit"
              name="intent"
              value="conferma"
              className="btn btn-primary me-3 mb-2"
              disabled={navigation.state === "submitting"}
            >
              {t("summary.confirm")}
            </button>
            <button type="submit" name="intent" value="modifica" className="btn btn-outline-primary mb-2">
              {t("summary.change")}
            </button>
          </Form>
        </section>
      ) : null}

      {summary ? null : (
        <>
          <section className="portal-section-box" aria-labelledby="step-ufficio">
            <h2 id="step-ufficio" className="h4">
              1. {t("steps.office")}
            </h2>
            {data.homeOffices.length + data.otherOffices.length === 0 ? (
              <p className="mb-0">{t("office.none")}</p>
            ) : (
              <Form method="get" action={base}>
                <div className="select-wrapper">
                  <label htmlFor="ufficio">{t("office.label")}</label>
                  {data.homeEnteName ? (
                    <p id="ufficio-aiuto" className="small mb-2">
                      {t("office.help", { ente: data.homeEnteName })}
                    </p>
                  ) : null}
                  <select
                    id="ufficio"
                    name="ufficio"
                    defaultValue={data.selectedOfficeId ?? ""}
                    aria-describedby={data.homeEnteName ? "ufficio-aiuto" : undefined}
                    required
                  >
                    <option value="" disabled>
                      {t("office.choose")}
                    </option>
                    {data.homeOffices.length ? (
                      <optgroup label={t("office.home", { ente: data.homeEnteName })}>
                        {data.homeOffices.map((o) => (
                          <option key={o.id} value={o.id}>
                            {o.enteName}: {o.name}
                          </option>
                        ))}
                      </optgroup>
                    ) : null}
                    <optgroup label={data.homeOffices.length ? t("office.others") : t("office.all")}>
                      {data.otherOffices.map((o) => (
                        <option key={o.id} value={o.id}>
                          {o.enteName}: {o.name}
                        </option>
                      ))}
                    </optgroup>
                  </select>
                </div>
                <button type="submit" className="btn btn-outline-primary mt-3">
                  {data.office ? t("office.change") : t("booking.continue")}
                </button>
              </Form>
            )}
            {data.office ? (
              <p className="mt-3 mb-0 small">{t("office.address", { address: data.office.address })}</p>
            ) : null}
          </section>

          {data.office ? (
            <section className="portal-section-box" aria-labelledby="step-servizio">
              <h2 id="step-servizio" className="h4">
                2. {t("steps.service")}
              </h2>
              {data.serviceChanged ? <p>{t("service.changed")}</p> : null}
              {data.services.length === 0 ? (
                <p className="mb-0">{t("service.none")}</p>
              ) : (
                <Form method="get" action={base}>
                  <input type="hidden" name="ufficio" value={data.office.id} />
                  <div className="select-wrapper">
                    <label htmlFor="servizio">{t("service.label")}</label>
                    <select id="servizio" name="servizio" defaultValue={data.service ?? ""} required>
                      <option value="" disabled>
                        {t("service.choose")}
                      </option>
                      {data.services.map((s) => (
                        <option key={s.value} value={s.value}>
                          {s.label}
                        </option>
                      ))}
                    </select>
                  </div>
                  <button type="submit" className="btn btn-outline-primary mt-3">
                    {data.service ? t("service.change") : t("booking.continue")}
                  </button>
                </Form>
              )}
            </section>
          ) : null}

          {data.office && data.service ? (
            <section className="portal-section-box" aria-labelledby="step-giorno">
              <h2 id="step-giorno" className="h4">
                3. {t("steps.day")}
              </h2>
              {data.dayChanged ? <p>{t("day.changed")}</p> : null}
              {data.days.length === 0 ? (
                <p className="mb-0">{t("day.none")}</p>
              ) : (
                <Form method="get" action={base}>
                  <input type="hidden" name="ufficio" value={data.office.id} />
                  <input type="hidden" name="servizio" value={data.service} />
                  <div className="select-wrapper">
                    <label htmlFor="giorno">{t("day.label")}</label>
                    <select id="giorno" name="giorno" defaultValue={data.day ?? ""} required>
                      <option value="" disabled>
                        {t("day.choose")}
                      </option>
                      {data.days.map((d) => (
                        <option key={d.day} value={d.day}>
                          {f.longDay(d.day)} ({t("day.free", { count: d.count })})
                        </option>
                      ))}
                    </select>
                  </div>
                  <button type="submit" className="btn btn-outline-primary mt-3">
                    {data.day ? t("day.change") : t("booking.continue")}
                  </button>
                </Form>
              )}
            </section>
          ) : null}

          {data.office && data.service && data.day ? (
            <section className="portal-section-box" aria-labelledby="step-orario">
              <h2 id="step-orario" className="h4">
                4. {t("steps.time")}
              </h2>
              <Form method="post" action={`${base}${search}`} noValidate>
                <CsrfInput token={data.csrf} />
                <fieldset>
                  <legend className="h6 fw-semibold">{t("time.legend", { day: f.longDay(data.day) })}</legend>
                  {errors.slot ? (
                    <p className="text-danger fw-semibold" id="slot-errore" role="alert">
                      {serverText(errors.slot)}
                    </p>
                  ) : null}
                  <ul className="portal-slot-grid">
                    {data.slots.map((s) => (
                      <li key={s.id} className="form-check">
                        <input
                          type="radio"
                          id={`slot-${s.id}`}
                          name="slot"
                          value={s.id}
                          defaultChecked={values?.slot === String(s.id)}
                          required
                        />
                        <label htmlFor={`slot-${s.id}`}>
                          {s.from}
                          <span className="visually-hidden"> – {s.to}</span>
                        </label>
                      </li>
                    ))}
                  </ul>
                </fieldset>

                <h3 className="h5 mt-4">{t("time.you")}</h3>
                <dl className="row portal-dl">
                  <div className="col-12 col-md-6">
                    <dt>{t("time.name")}</dt>
                    <dd>{data.person.name}</dd>
                  </div>
                  <div className="col-12 col-md-6">
                    <dt>{t("time.fiscalCode")}</dt>
                    <dd>{data.person.codiceFiscale}</dd>
                  </div>
                </dl>
                <p className="small">
                  <Trans
                    i18nKey="time.contacts"
                    t={t}
                    components={{ a: <Link to="/area-personale/profilo" /> }}
                  />
                </p>
                <div className="row">
                  <TextField
                    id="email"
                    type="email"
                    label={t("time.email")}
                    wrapperClassName="col-12 col-md-6 form-group"
                    autoComplete="email"
                    defaultValue={values?.email ?? data.person.email}
                    error={errors.email && serverText(errors.email)}
                  />
                  <TextField
                    id="telefono"
                    type="tel"
                    label={t("time.phone")}
                    wrapperClassName="col-12 col-md-6 form-group"
                    autoComplete="tel"
                    defaultValue={values?.telefono ?? data.person.phone}
                    error={errors.telefono && serverText(errors.telefono)}
                  />
                </div>
                <Textarea
                  id="note"
                  label={t("time.notes")}
                  rows={3}
                  maxLength={300}
                  defaultValue={values?.note ?? ""}
                  error={errors.note && serverText(errors.note)}
                />
                <button
                  type="submit"
                  name="intent"
                  value="riepilogo"
                  className="btn btn-primary"
                  disabled={navigation.state === "submitting"}
                >
                  {t("time.next")}
                </button>
              </Form>
            </section>
          ) : null}
        </>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { csrfToken, verifyCsrf } from "~/auth/csrf.server";
import { requireCitizen } from "~/auth/guards.server";
import { nowIso } from "~/clock.server";
import { Breadcrumb } from "~/components/breadcrumb";
import { CsrfInput } from "~/auth/csrf-input";
import { errorMeta, GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, FieldError, RadioGroup, SelectField, TextField } from "~/components/form";
import { Icon } from "~/components/icon";
import { pageMeta } from "~/components/site";
import { taxpayerLinks } from "~/components/taxpayer/styles";
import { accessLabel } from "~/components/dossier/area-nav";
import {
  getProfile,
  parseContactPreferences,
  updateContactPreferences,
  type ContactFieldErrors,
} from "~/dossier/profile.server";
import type { ReminderChannel } from "../../db/schema";
import { readForm } from "~/http.server";
import { mailLinks } from "~/mail/links.server";
import { REMINDER_DAYS, STOPPABLE_MAIL_KINDS } from "~/mail/messages";
import { metaT } from "~/i18n/instance";
import { messagesLoader, useFormat, useServerText } from "~/i18n/react";

export const links = taxpayerLinks;

export const handle = { i18n: ["area"] };

export const clientLoader = messagesLoader(["area"]);

export const meta: MetaFunction<typeof loader> = ({ error, matches }) => {
  if (error) return errorMeta(error, matches);
  const t = metaT(matches, "area");
  return pageMeta(t("profile.title"), matches);
};

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { session, citizenId } = await requireCitizen(request, context);
  const profile = citizenId === null ? null : await getProfile(context.db, citizenId);
  return json({
    csrf: csrfToken(session),
    spid: {
      name: session.name,
      surname: session.surname,
      codiceFiscale: session.fiscal_code,
      credential: session.credential,
      level: session.spid_level,
    },
    profile,
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { session, citizenId } = await requireCitizen(request, context);
  const form = await readForm(request, context);
  verifyCsrf(request, form, session);
  const values = {
    email: String(form.get("email") ?? "").slice(0, 300),
    phone: String(form.get("phone") ?? "").slice(0, 50),
    reminderChannel: String(form.get("reminderChannel") ?? ""),
    reminderDaysBefore: String(form.get("reminderDaysBefore") ?? String(REMINDER_DAYS.default)).slice(0, 5),
    mailKinds: form.getAll("mailKinds").map(String).slice(0, 5),
  };
  if (citizenId === null) {
    return json(
      {
        errors: {} as ContactFieldErrors,
        values,
        formError:
          "Le preferenze di contatto si possono salvare solo per le persone iscritte nell'anagrafe di un comune aderente.",
      },
      { status: 422 },
    );
  }
  const parsed = parseContactPreferences(form);
  if (!parsed.ok) {
    return json(
      {
        errors: parsed.errors,
        values,
        formError: "Alcuni dati non sono validi: correggili e salva di nuovo.",
      },
      { status: 400 },
    );
  }
  const saved = await updateContactPreferences(context.db, {
    citizenId,
    value: parsed.value,
    updatedAt: nowIso(context.config),
    auditKey: context.config.auditHmacKey,
    actorCodiceFiscale: session.fiscal_code,
    links: mailLinks(context.config),
  });
  return redirect(`/area-personale/profilo?salvato=${saved.confirmationSentTo ? "conferma" : "1"}`, 303);
}

const CHANNELS: ReminderChannel[] = ["email", "sms", "nessuno"];

const REMINDER_DAY_CHOICES = [1, 2, 3, 5, 7, 10, 15, 30] as const;

/** The checkboxes' labels are profile.mailKind.<kind> in the "area" namespace. */

type ProfileView = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["profile"]>;

/** Where mail goes now, and the address waiting for its link, if any. */
function EmailStatus({ profile }: { profile: ProfileView }) {
  const { t } = useTranslation("area");
  const f = useFormat();
  if (!profile.email && !profile.emailPending) return null;
  return (
    <div className="mb-4 small" id="email-stato">
      {profile.email && profile.emailConfirmedAt ? (
        <p className="mb-1">
          <Icon name="it-check-circle" size="sm" className="icon-success me-1" />
          <Trans
            i18nKey="profile.emailConfirmed"
            t={t}
            values={{ email: profile.email, date: f.date(profile.emailConfirmedAt) }}
            components={{ strong: <strong /> }}
          />
        </p>
      ) : profile.email ? (
        <p className="mb-1">
          <Trans
            i18nKey="profile.emailUnconfirmed"
            t={t}
            values={{ email: profile.email }}
            components={{ strong: <strong /> }}
          />
        </p>
      ) : null}
      {profile.emailPending && profile.emailLinkExpiresAt ? (
        <p className="mb-1">
          <Trans
            i18nKey="profile.emailPending"
            t={t}
            values={{ email: profile.emailPending, until: f.dateTime(profile.emailLinkExpiresAt) }}
            components={{ strong: <strong /> }}
          />
        </p>
      ) : null}
    </div>
  );
}

export default function Profilo() {
  const { csrf, spid, profile } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [searchParams] = useSearchParams();
  const savedParam = actionData ? null : searchParams.get("salvato");
  const saved = savedParam === "1" || savedParam === "conferma";
  const errors: ContactFieldErrors = actionData?.errors ?? {};
  const values = actionData?.values ?? {
    email: profile?.emailPending ?? profile?.email ?? "",
    phone: profile?.phone ?? "",
    reminderChannel: profile?.reminderChannel ?? "nessuno",
    reminderDaysBefore: String(profile?.reminderDaysBefore ?? REMINDER_DAYS.default),
    mailKinds: profile?.mailKinds ?? [...STOPPABLE_MAIL_KINDS],
  };
  const errorList = Object.entries(errors) as Array<[keyof ContactFieldErrors, string]>;
  const fieldId: Record<keyof ContactFieldErrors, string> = {
    email: "email",
    phone: "phone",
    reminderChannel: "channel-email",
    reminderDaysBefore: "reminderDaysBefore",
    mailKinds: "mailKinds-promemoria",
  };
  const comune = profile?.residence?.comune ?? null;
  const { t } = useTranslation("area");
  const f = useFormat();
  const serverText = useServerText();

  return (
    <>
      <Breadcrumb
        items={[{ label: t("layout.title"), to: "/area-personale" }, { label: t("profile.title") }]}
      />
      <h1>{t("profile.title")}</h1>
      <p className="lead">{t("profile.lead")}</p>

      <section className="portal-section-box" aria-labelledby="contatti">
        <h2 id="contatti">{t("profile.contacts")}</h2>
        {saved ? (
          <div className="alert alert-success mb-5" role="status">
            {t("profile.saved")}
            {savedParam === "conferma" && profile?.emailPending
              ? t("profile.savedConfirm", { email: profile.emailPending })
              : ""}
          </div>
        ) : null}
        {actionData?.formError ? (
          <div className="mb-5">
            <ErrorSummary
              title={serverText(actionData.formError)}
              items={errorList.map(([field, message]) => ({
                field: fieldId[field],
                message: serverText(message),
              }))}
            />
          </div>
        ) : null}
        {profile ? (
          <Form method="post" noValidate>
            <CsrfInput token={csrf} />
            <div className="row">
              <TextField
                id="email"
                type="email"
                label={t("profile.email")}
                wrapperClassName="col-12 col-md-6 form-group"
                autoComplete="email"
                maxLength={254}
                defaultValue={values.email}
                error={errors.email && serverText(errors.email)}
              />
              <TextField
                id="phone"
                type="tel"
                label={t("profile.phone")}
                wrapperClassName="col-12 col-md-6 form-group"
                autoComplete="tel"
                inputMode="tel"
                maxLength={20}
                defaultValue={values.phone}
                hint={t("profile.phoneHint")}
                error={errors.phone && serverText(errors.phone)}
              />
            </div>
            <EmailStatus profile={profile} />
            <RadioGroup
              name="reminderChannel"
              idPrefix="channel"
              className="mb-4"
              legend={t("profile.channelLegend")}
              legendClassName="h6 fw-semibold"
              options={CHANNELS.map((c) => ({ value: c, label: t(`reminderChannel.${c}`) }))}
              defaultValue={values.reminderChannel}
              error={errors.reminderChannel && serverText(errors.reminderChannel)}
              errorId="channel-errore"
            />
            <SelectField
              id="reminderDaysBefore"
              label={t("profile.daysLabel")}
              wrapperClassName="mb-4"
              defaultValue={values.reminderDaysBefore}
              hint={t("profile.daysHint")}
              error={errors.reminderDaysBefore && serverText(errors.reminderDaysBefore)}
            >
              {REMINDER_DAY_CHOICES.map((d) => (
                <option key={d} value={String(d)}>
                  {t("profile.daysBefore", { count: d })}
                </option>
              ))}
            </SelectField>
            <fieldset className="mb-4" aria-describedby={errors.mailKinds ? "mailKinds-errore" : undefined}>
              <legend className="h6 fw-semibold">{t("profile.mailLegend")}</legend>
              <input type="hidden" name="mailKindsOffered" value="1" />
              {STOPPABLE_MAIL_KINDS.map((k) => (
                <div className="form-check" key={k}>
                  <input
                    id={`mailKinds-${k}`}
                    type="checkbox"
                    name="mailKinds"
                    value={k}
                    defaultChecked={values.mailKinds.includes(k)}
                  />
                  <label htmlFor={`mailKinds-${k}`}>{t(`profile.mailKind.${k}`)}</label>
                </div>
              ))}
              <FieldError id="mailKinds-errore" message={errors.mailKinds && serverText(errors.mailKinds)} />
            </fieldset>
            <button type="submit" className="btn btn-primary" disabled={navigation.state === "submitting"}>
              {t("profile.save")}
            </button>
            {profile.contactsUpdatedAt ? (
              <p className="small mt-3 mb-0">
                {t("profile.updated", { date: f.dateTime(profile.contactsUpdatedAt) })}
              </p>
            ) : null}
          </Form>
        ) : (
          <p className="mb-0">{t("profile.notResident")}</p>
        )}
      </section>

      <section className="portal-section-box" aria-labelledby="dati-spid">
        <h2 id="dati-spid">
          {t("profile.spid.title")}{" "}
          <span className="portal-source">
            {t("profile.spid.source", { source: t(`credential.${spid.credential}`) })}
          </span>
        </h2>
        <p>{t("profile.spid.text")}</p>
        <dl className="row portal-dl mb-0">
          <div className="col-12 col-sm-6">
            <dt>{t("profile.spid.name")}</dt>
            <dd>
              {spid.name} {spid.surname}
            </dd>
          </div>
          <div className="col-12 col-sm-6">
            <dt>{t("profile.spid.taxCode")}</dt>
            <dd>{spid.codiceFiscale}</dd>
          </div>
          <div className="col-12 col-sm-6">
            <dt>{t("profile.spid.level")}</dt>
            <dd>{accessLabel(t, spid.credential, spid.level)}</dd>
          </div>
        </dl>
        <p className="mb-0">
          <Link to="/area-personale/dati-spid">{t(`receivedData.${spid.credential}`)}</Link>
        </p>
      </section>

      <section className="portal-section-box" aria-labelledby="dati-anagrafe">
        <h2 id="dati-anagrafe">
          {t("profile.registry.title")}{" "}
          <span className="portal-source">
            {comune ? t("profile.registry.sourceComune", { comune }) : t("profile.registry.source")}
          </span>
        </h2>
        {profile ? (
          <>
            <p>{t("profile.registry.text")}</p>
            <dl className="row portal-dl">
              <div className="col-12 col-sm-6">
                <dt>{t("profile.registry.name")}</dt>
                <dd>
                  {profile.surname} {profile.name}
                </dd>
              </div>
              <div className="col-12 col-sm-6">
                <dt>{t("profile.registry.taxCode")}</dt>
                <dd>{profile.codiceFiscale}</dd>
              </div>
              <div className="col-12 col-sm-6">
                <dt>{t("profile.registry.birth")}</dt>
                <dd>
                  {f.date(profile.birthDate)}, {profile.birthPlace}
                  {profile.birthProvince ? ` (${profile.birthProvince})` : ""}
                </dd>
              </div>
              <div className="col-12 col-sm-6">
                <dt>{t("profile.registry.citizenship")}</dt>
                <dd>{profile.citizenship}</dd>
              </div>
              {profile.residence ? (
                <div className="col-12">
                  <dt>{t("profile.registry.residence")}</dt>
                  <dd>
                    {profile.residence.address}, {profile.residence.postalCode}{" "}
                    {comune?.replace(/^Comune di /, "")}
                    {t("profile.registry.since", { date: f.date(profile.residence.since) })}
                  </dd>
                </div>
              ) : null}
            </dl>
            <p className="mb-0">
              <Link to="/area-personale/anagrafe">{t("profile.registry.more")}</Link>
            </p>
          </>
        ) : (
          <p className="mb-0">{t("profile.registry.notFound")}</p>
        )}
      </section>

      <section className="portal-section-box" aria-labelledby="porta-con-te">
        <h2 id="porta-con-te">{t("profile.export.title")}</h2>
        <ul className="list-unstyled mb-0">
          <li className="mb-3">
            <a href="/area-personale/i-miei-dati.json" download="i-miei-dati.json">
              <Icon name="it-download" size="sm" className="icon-primary me-1" />
              {t("profile.export.json")}
            </a>
            <span className="d-block small">{t("profile.export.jsonText")}</span>
          </li>
          <li>
            <a href="/area-personale/scadenze.ics" download="scadenze.ics">
              <Icon name="it-calendar" size="sm" className="icon-primary me-1" />
              {t("profile.export.ics")}
            </a>
            <span className="d-block small">{t("profile.export.icsText")}</span>
          </li>
        </ul>
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

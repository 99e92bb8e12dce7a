import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { CREDENTIAL_LABELS, RECEIVED_DATA, levelLabel } from "~/auth/spid-labels";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { csrfToken, verifyCsrf } from "~/auth/csrf.server";
import { requireCitizen } from "~/auth/guards.server";
import { nowIso } from "~/clock.server";
import { Breadcrumb } from "~/components/breadcrumb";
import { CsrfInput } from "~/auth/csrf-input";
import { formatDateIt, formatDateTimeIt } from "~/rules/time";
import { errorMeta, GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, FieldError, RadioGroup, SelectField, TextField } from "~/components/form";
import { Icon } from "~/components/icon";
import { pageMeta } from "~/components/site";
import { taxpayerLinks } from "~/components/taxpayer/styles";
import { REMINDER_CHANNEL_LABEL } from "~/dossier/labels";
import {
  getProfile,
  parseContactPreferences,
  updateContactPreferences,
  type ContactFieldErrors,
} from "~/dossier/profile.server";
import type { ReminderChannel } from "../../db/schema";
import { readForm } from "~/http.server";
import { mailLinks } from "~/mail/links.server";
import { REMINDER_DAYS, STOPPABLE_MAIL_KINDS, type StoppableMailKind } from "~/mail/messages";

export const links = taxpayerLinks;

export const meta: MetaFunction<typeof loader> = ({ error, matches }) =>
  error ? errorMeta(error, matches) : pageMeta("Profilo e contatti", matches);

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
      source: CREDENTIAL_LABELS[session.credential],
      access: levelLabel(session.credential, session.spid_level),
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

const MAIL_KIND_CHOICE_LABEL: Record<StoppableMailKind, string> = {
  promemoria:
    "Promemoria: avvisi in scadenza o scaduti, carta d'identità in scadenza, appuntamenti del giorno dopo, pratiche che aspettano documenti da te",
  messaggi: "Avviso dei nuovi messaggi arrivati nell'area personale (uno al giorno, con tutti i mittenti)",
  ricevuta: "Ricevute dei pagamenti fatti nel portale, con il PDF allegato",
};

type ProfileView = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["profile"]>;

/** Where mail goes now, and the address waiting for its link, if any. */
function EmailStatus({ profile }: { profile: ProfileView }) {
  if (!profile.email && !profile.emailPending) return null;
  return (
    <div className="mb-4 small" id="email-stato">
      {profile.email && profile.emailConfirmedAt ? (
        <p className="mb-1">
          <Icon name="it-check-circle" size="sm" className="icon-success me-1" />
          Le email arrivano a <strong>{profile.email}</strong>, confermato il{" "}
          {formatDateIt(profile.emailConfirmedAt.slice(0, 10))}.
        </p>
      ) : profile.email ? (
        <p className="mb-1">
          L&apos;indirizzo <strong>{profile.email}</strong> non è ancora confermato: salvalo di nuovo per
          ricevere il collegamento di conferma.
        </p>
      ) : null}
      {profile.emailPending && profile.emailLinkExpiresAt ? (
        <p className="mb-1">
          In attesa di conferma: <strong>{profile.emailPending}</strong>. Il collegamento inviato vale fino al{" "}
          {formatDateTimeIt(profile.emailLinkExpiresAt)}; se non lo trovi, salva di nuovo per riceverne un
          altro.
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

  return (
    <>
      <Breadcrumb
        items={[{ label: "Area personale", to: "/area-personale" }, { label: "Profilo e contatti" }]}
      />
      <h1>Profilo e contatti</h1>
      <p className="lead">
        Come preferisci essere contattato per promemoria e avvisi, e i dati che il portale riceve da SPID e
        dall&apos;anagrafe.
      </p>

      <section className="portal-section-box" aria-labelledby="contatti">
        <h2 id="contatti">Preferenze di contatto</h2>
        {saved ? (
          <div className="alert alert-success mb-5" role="status">
            Preferenze di contatto salvate.
            {savedParam === "conferma" && profile?.emailPending
              ? ` Ti abbiamo inviato un collegamento a ${profile.emailPending}: aprilo entro 24 ore per confermare l'indirizzo. Fino ad allora non ti scriviamo a questo indirizzo.`
              : ""}
          </div>
        ) : null}
        {actionData?.formError ? (
          <div className="mb-5">
            <ErrorSummary
              title={actionData.formError}
              items={errorList.map(([field, message]) => ({ field: fieldId[field], message }))}
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
                label="Email"
                wrapperClassName="col-12 col-md-6 form-group"
                autoComplete="email"
                maxLength={254}
                defaultValue={values.email}
                error={errors.email}
              />
              <TextField
                id="phone"
                type="tel"
                label="Cellulare"
                wrapperClassName="col-12 col-md-6 form-group"
                autoComplete="tel"
                inputMode="tel"
                maxLength={20}
                defaultValue={values.phone}
                hint="Con il prefisso +39, ad esempio +39 333 1234567."
                error={errors.phone}
              />
            </div>
            <EmailStatus profile={profile} />
            <RadioGroup
              name="reminderChannel"
              idPrefix="channel"
              className="mb-4"
              legend="Come vuoi ricevere i promemoria delle scadenze?"
              legendClassName="h6 fw-semibold"
              options={CHANNELS.map((c) => ({ value: c, label: REMINDER_CHANNEL_LABEL[c] }))}
              defaultValue={values.reminderChannel}
              error={errors.reminderChannel}
              errorId="channel-errore"
            />
            <SelectField
              id="reminderDaysBefore"
              label="Quanti giorni prima della scadenza vuoi il promemoria di un pagamento?"
              wrapperClassName="mb-4"
              defaultValue={values.reminderDaysBefore}
              hint="Ricevi anche un promemoria il giorno dopo una scadenza non pagata. Più scadenze nello stesso giorno arrivano in un'unica email."
              error={errors.reminderDaysBefore}
            >
              {REMINDER_DAY_CHOICES.map((d) => (
                <option key={d} value={String(d)}>
                  {d === 1 ? "1 giorno prima" : `${d} giorni prima`}
                </option>
              ))}
            </SelectField>
            <fieldset className="mb-4" aria-describedby={errors.mailKinds ? "mailKinds-errore" : undefined}>
              <legend className="h6 fw-semibold">
                Quali email vuoi ricevere all&apos;indirizzo confermato?
              </legend>
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
                  <label htmlFor={`mailKinds-${k}`}>{MAIL_KIND_CHOICE_LABEL[k]}</label>
                </div>
              ))}
              <FieldError id="mailKinds-errore" message={errors.mailKinds} />
            </fieldset>
            <button type="submit" className="btn btn-primary" disabled={navigation.state === "submitting"}>
              Salva le preferenze
            </button>
            {profile.contactsUpdatedAt ? (
              <p className="small mt-3 mb-0">
                Ultimo aggiornamento: {formatDateTimeIt(profile.contactsUpdatedAt)}.
              </p>
            ) : null}
          </Form>
        ) : (
          <p className="mb-0">
            Le preferenze di contatto si possono salvare solo per le persone iscritte nell&apos;anagrafe di un
            comune aderente al portale.
          </p>
        )}
      </section>

      <section className="portal-section-box" aria-labelledby="dati-spid">
        <h2 id="dati-spid">
          Dati dell&apos;identità digitale <span className="portal-source">Fonte: {spid.source}</span>
        </h2>
        <p>
          Trasmessi dal tuo gestore di identità all&apos;accesso. Per correggerli rivolgiti al tuo gestore.
        </p>
        <dl className="row portal-dl mb-0">
          <div className="col-12 col-sm-6">
            <dt>Nome e cognome</dt>
            <dd>
              {spid.name} {spid.surname}
            </dd>
          </div>
          <div className="col-12 col-sm-6">
            <dt>Codice fiscale</dt>
            <dd>{spid.codiceFiscale}</dd>
          </div>
          <div className="col-12 col-sm-6">
            <dt>Livello di accesso</dt>
            <dd>{spid.access}</dd>
          </div>
        </dl>
        <p className="mb-0">
          <Link to="/area-personale/dati-spid">{RECEIVED_DATA[spid.credential].link}</Link>
        </p>
      </section>

      <section className="portal-section-box" aria-labelledby="dati-anagrafe">
        <h2 id="dati-anagrafe">
          Dati anagrafici{" "}
          <span className="portal-source">{comune ? `Fonte: anagrafe, ${comune}` : "Fonte: anagrafe"}</span>
        </h2>
        {profile ? (
          <>
            <p>
              Registrati dall&apos;ufficio anagrafe. Per correggerli rivolgiti all&apos;ufficio anagrafe del
              tuo comune.
            </p>
            <dl className="row portal-dl">
              <div className="col-12 col-sm-6">
                <dt>Cognome e nome</dt>
                <dd>
                  {profile.surname} {profile.name}
                </dd>
              </div>
              <div className="col-12 col-sm-6">
                <dt>Codice fiscale</dt>
                <dd>{profile.codiceFiscale}</dd>
              </div>
              <div className="col-12 col-sm-6">
                <dt>Nascita</dt>
                <dd>
                  {formatDateIt(profile.birthDate)}, {profile.birthPlace}
                  {profile.birthProvince ? ` (${profile.birthProvince})` : ""}
                </dd>
              </div>
              <div className="col-12 col-sm-6">
                <dt>Cittadinanza</dt>
                <dd>{profile.citizenship}</dd>
              </div>
              {profile.residence ? (
                <div className="col-12">
                  <dt>Residenza</dt>
                  <dd>
                    {profile.residence.address}, {profile.residence.postalCode}{" "}
                    {comune?.replace(/^Comune di /, "")}, dal {formatDateIt(profile.residence.since)}
                  </dd>
                </div>
              ) : null}
            </dl>
            <p className="mb-0">
              <Link to="/area-personale/anagrafe">Residenza, storico e famiglia anagrafica</Link>
            </p>
          </>
        ) : (
          <p className="mb-0">
            Il tuo codice fiscale non compare nelle anagrafi dei comuni aderenti al portale.
          </p>
        )}
      </section>

      <section className="portal-section-box" aria-labelledby="porta-con-te">
        <h2 id="porta-con-te">Porta con te i tuoi dati</h2>
        <ul className="list-unstyled mb-0">
          <li className="mb-3">
            <a href="/area-personale/i-miei-dati.json" download="i-miei-dati.json">
              <Icon name="it-download" size="sm" className="icon-primary me-1" />
              Scarica tutti i tuoi dati (JSON)
            </a>
            <span className="d-block small">
              Il fascicolo completo in un file leggibile da altri programmi: anagrafe, documenti, pratiche,
              tributi, pagamenti e accessi ai tuoi dati.
            </span>
          </li>
          <li>
            <a href="/area-personale/scadenze.ics" download="scadenze.ics">
              <Icon name="it-calendar" size="sm" className="icon-primary me-1" />
              Aggiungi le scadenze al tuo calendario (iCalendar)
            </a>
            <span className="d-block small">
              Pagamenti da fare, documenti in scadenza, appuntamenti e termini delle pratiche, da importare
              nel calendario del telefono o del computer.
            </span>
          </li>
        </ul>
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

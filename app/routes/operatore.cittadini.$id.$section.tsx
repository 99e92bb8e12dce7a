import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { CsrfInput } from "~/auth/csrf-input";
import { csrfToken, verifyCsrf } from "~/auth/csrf.server";
import { requireOperator } from "~/auth/guards.server";
import { portalNow, todayIso } from "~/clock.server";
import { Breadcrumb } from "~/components/breadcrumb";
import { errorMeta, GeneralErrorBoundary } from "~/components/error-boundary";
import { Textarea, TextField } from "~/components/form";
import { AccessBanner } from "~/components/operator/access-banner";
import { DossierNav } from "~/components/operator/dossier-nav";
import { SectionView } from "~/components/operator/dossier-sections";
import { pageMeta } from "~/components/site";
import { formatDateIt } from "~/rules/time";
import { formatEuro } from "~/rules/money";
import { minutesLeft, recordDossierView } from "~/operator/access.server";
import { ErrorSummary } from "~/components/form";
import { actorFrom } from "~/operator/actor";
import { getSectionEnte, loadSection } from "~/operator/dossier.server";
import { NO_STORE, operatorHeaders } from "~/operator/http";
import { BODY_MAX, reasonCategoryLabel, SUBJECT_MAX, SUBJECT_MIN } from "~/operator/limits";
import { parseMessageForm, sendDossierMessage } from "~/operator/messages.server";
import { findTiedCitizen } from "~/operator/scope.server";
import {
  DOSSIER_SECTIONS,
  isDossierSection,
  praticaAreasForRoles,
  rolesForSection,
  sectionsForRoles,
  type DossierSection,
} from "~/operator/sections";
import { checkFormRequest, notFound, parseId, readForm } from "~/http.server";
import { createDelegation } from "~/dossier/delegations.server";
import {
  discardUpload,
  finalizeUpload,
  parseUploadFormFiles,
  UPLOAD_PROBLEM_TEXT,
  UploadRefused,
} from "~/dossier/uploads.server";
import { findCurrentAccess } from "~/operator/access.server";
import { DELEGATION_AREA_SHORT, DELEGATION_STATE_LABEL } from "~/rules/delegation";
import {
  DELEGATION_FIELD_ORDER,
  DelegationFields,
  delegationFieldId,
  type DelegationFieldErrors,
} from "~/components/dossier/delegation-fields";

export const meta: MetaFunction<typeof loader> = ({ data, error, matches }) =>
  error || !data
    ? errorMeta(error, matches)
    : pageMeta(
        `${DOSSIER_SECTIONS[data.section].label} - ${data.person.surname} ${data.person.name}`,
        matches,
      );

export const headers = operatorHeaders;

/**
 * Guard, scope and section checks shared by loader and action: 404 for a section the operator's
 * roles do not open and for a person not tied to the ente (whether or not they exist).
 */
async function resolve(
  request: Request,
  context: LoaderFunctionArgs["context"],
  params: LoaderFunctionArgs["params"],
) {
  const { session, operator } = await requireOperator(request, context);
  const section = params.section ?? "";
  if (!isDossierSection(section)) throw notFound();
  if (!rolesForSection(section, operator.roles).length) throw notFound();
  const citizenId = parseId(params.id);
  if (citizenId === null) throw notFound();
  const today = todayIso(context.config);
  const person = await findTiedCitizen(context.db, operator, citizenId, today);
  if (!person) throw notFound();
  // Only the roles that tie this person open the section: a tie of one area never opens another.
  const roles = rolesForSection(section, person.roles);
  if (!roles.length) throw notFound();
  return { session, operator, section, roles, citizenId, person, today };
}

function reasonForm(citizenId: number, section: DossierSection) {
  return redirect(`/operatore/cittadini/${citizenId}?sezione=${section}`, { status: 303, headers: NO_STORE });
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { session, operator, section, roles, citizenId, person, today } = await resolve(
    request,
    context,
    params,
  );
  const now = portalNow(context.config);
  // The view is logged (one row, its own transaction) only within a valid access; else the reason form.
  const access = await recordDossierView(context.db, context.config.auditHmacKey, {
    actor: actorFrom(session, operator),
    citizenId,
    section,
    roles,
    now,
  });
  if (!access) throw reasonForm(citizenId, section);
  const ente = await getSectionEnte(context.db, operator.enteId);
  const data = await loadSection(context.db, {
    section,
    citizenId,
    ente,
    areas: praticaAreasForRoles(roles),
    today,
    now,
  });
  return json(
    {
      section,
      person: { id: person.id, surname: person.surname, name: person.name },
      ente: ente.name,
      access: {
        category: reasonCategoryLabel(access.reasonCategory),
        text: access.reasonText,
        expiresAt: access.expiresAt,
        minutesLeft: minutesLeft(access, now),
      },
      nav: sectionsForRoles(person.roles)
        .filter((s) => DOSSIER_SECTIONS[s].inNav)
        .map((s) => ({ key: s, label: DOSSIER_SECTIONS[s].label })),
      canMessage: rolesForSection("messaggio", person.roles).length > 0,
      data,
      csrf: csrfToken(session),
    },
    { headers: NO_STORE },
  );
}

type PaperErrors = DelegationFieldErrors & Partial<Record<"form" | "modulo" | "documento", string>>;

const PAPER_FILES = ["modulo", "documento"] as const;

/**
 * A paper delegation registered at the counter for someone who cannot do it online: the signed
 * form and the delegator's identity document are uploaded, the reason is the one stated when the
 * dossier was opened, and the delegation is active at once (the delegate signed the paper).
 */
async function registerPaperDelegation(
  request: Request,
  context: ActionFunctionArgs["context"],
  resolved: Awaited<ReturnType<typeof resolve>>,
) {
  const { session, operator, citizenId, person } = resolved;
  checkFormRequest(request, context, "multipart");
  let parsed;
  try {
    // The token, three text fields, up to three areas, two dates and the two files.
    parsed = await parseUploadFormFiles(request, context.config.dataDir, PAPER_FILES, 12);
  } catch (err) {
    if (err instanceof UploadRefused)
      return json(
        { errors: { form: UPLOAD_PROBLEM_TEXT[err.problem] } as PaperErrors },
        { status: err.status, headers: NO_STORE },
      );
    throw err;
  }
  const { fields, files, problems } = parsed;
  const discardAll = () => Promise.all([...files.values()].map((f) => discardUpload(f)));
  try {
    const form = new FormData();
    for (const [k, v] of fields) form.set(k, v);
    verifyCsrf(request, form, session);
    const now = portalNow(context.config);
    const actor = actorFrom(session, operator);
    const access = await findCurrentAccess(context.db, actor, citizenId, now);
    if (!access) {
      await discardAll();
      return reasonForm(citizenId, "deleghe");
    }
    const errors: PaperErrors = {};
    for (const name of PAPER_FILES) {
      const problem = problems.get(name) ?? (files.has(name) ? null : "missing");
      if (problem) errors[name] = UPLOAD_PROBLEM_TEXT[problem];
    }
    const modulo = files.get("modulo");
    const documento = files.get("documento");
    if (!modulo || !documento || errors.modulo || errors.documento) {
      await discardAll();
      return json({ errors }, { status: 400, headers: NO_STORE });
    }
    const result = await createDelegation(context.db, context.config.auditHmacKey, {
      delegator: { citizenId, codiceFiscale: person.codiceFiscale },
      delegate: {
        codiceFiscale: fields.get("codiceFiscale") ?? "",
        name: fields.get("nome") ?? "",
        surname: fields.get("cognome") ?? "",
      },
      areas: parsed.values.get("aree") ?? [],
      startsOn: fields.get("dal") ?? "",
      endsOn: fields.get("al") ?? "",
      now,
      counter: {
        operatorId: operator.id,
        enteId: operator.enteId,
        operatorCodiceFiscale: session.fiscal_code,
        reason: `${reasonCategoryLabel(access.reasonCategory)}: ${access.reasonText}`,
        documents: {
          form: { storedName: modulo.storedName, filename: modulo.filename },
          idDocument: { storedName: documento.storedName, filename: documento.filename },
        },
      },
    });
    if (!result.ok) {
      await discardAll();
      return json(
        { errors: { ...(result.errors ?? {}), form: result.message } as PaperErrors },
        { status: result.status === 404 ? 400 : result.status, headers: NO_STORE },
      );
    }
    await finalizeUpload(context.config.dataDir, modulo);
    await finalizeUpload(context.config.dataDir, documento);
    return redirect(`/operatore/cittadini/${citizenId}/deleghe?registrata=1`, {
      status: 303,
      headers: NO_STORE,
    });
  } catch (err) {
    await discardAll();
    throw err;
  }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const resolved = await resolve(request, context, params);
  const { session, operator, section, roles, citizenId } = resolved;
  if (section === "deleghe") return registerPaperDelegation(request, context, resolved);
  if (section !== "messaggio")
    throw new Response("Operazione non consentita", { status: 405, headers: NO_STORE });
  const form = await readForm(request, context);
  verifyCsrf(request, form, session);
  const parsed = parseMessageForm(form);
  if (!parsed.ok) return json({ errors: parsed.errors, sent: false }, { status: 400, headers: NO_STORE });
  const result = await sendDossierMessage(context.db, context.config.auditHmacKey, {
    actor: actorFrom(session, operator),
    citizenId,
    roles,
    areas: praticaAreasForRoles(roles),
    subject: parsed.subject,
    body: parsed.body,
    paymentOptionId: parsed.paymentOptionId,
    praticaId: parsed.praticaId,
    now: portalNow(context.config),
  });
  if (!result.ok && result.reason === "no_access") throw reasonForm(citizenId, section);
  if (!result.ok)
    return json({ errors: { link: result.message }, sent: false }, { status: 400, headers: NO_STORE });
  return redirect(`/operatore/cittadini/${citizenId}/messaggio?inviato=1`, {
    status: 303,
    headers: NO_STORE,
  });
}

export default function SezioneFascicolo() {
  const d = useLoaderData<typeof loader>();
  const fullName = `${d.person.surname} ${d.person.name}`;
  const label = DOSSIER_SECTIONS[d.section].label;
  return (
    <>
      <Breadcrumb
        items={[
          { label: "Area operatore", to: "/operatore" },
          { label: "Cerca una persona", to: "/operatore/cittadini" },
          { label: fullName, to: `/operatore/cittadini/${d.person.id}` },
          { label },
        ]}
      />
      <h1 className="mt-3">
        {label}: {fullName}
      </h1>
      <AccessBanner
        citizenId={d.person.id}
        personName={fullName}
        category={d.access.category}
        text={d.access.text}
        expiresAt={d.access.expiresAt}
        minutesLeft={d.access.minutesLeft}
        csrf={d.csrf}
      />
      <DossierNav citizenId={d.person.id} sections={d.nav} current={d.section} />
      {d.canMessage && d.section !== "messaggio" ? (
        <p>
          <Link to={`/operatore/cittadini/${d.person.id}/messaggio`} prefetch="none">
            Invia un messaggio a {fullName}
          </Link>
        </p>
      ) : null}
      {d.data.section === "messaggio" ? (
        <MessageForm links={d.data.links} csrf={d.csrf} ente={d.ente} name={fullName} />
      ) : d.data.section === "deleghe" ? (
        <PaperDelegations
          delegations={d.data.delegations}
          today={d.data.today}
          csrf={d.csrf}
          name={fullName}
        />
      ) : (
        <SectionView data={d.data} />
      )}
      <p className="small mt-4">Pagina in sola lettura: i dati provengono dagli archivi dell&apos;ente.</p>
    </>
  );
}

function MessageForm({
  links,
  csrf,
  ente,
  name,
}: {
  links: {
    options: Array<{ id: number; description: string; amountCents: number; dueDate: string }>;
    pratiche: Array<{ id: number; title: string; protocolNumber: string | null }>;
  };
  csrf: string;
  ente: string;
  name: string;
}) {
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const errors =
    actionData && "errors" in actionData ? (actionData.errors as Record<string, string | undefined>) : {};
  const sent = params.get("inviato") === "1";
  return (
    <section aria-labelledby="message-title" className="portal-section-box">
      <h2 id="message-title">Messaggio a {name}</h2>
      {sent ? (
        <div className="alert alert-success" role="status">
          Messaggio inviato: la persona lo trova tra i messaggi della sua area personale.
        </div>
      ) : null}
      {Object.keys(errors).length ? (
        <div className="alert alert-danger" role="alert">
          Il messaggio non è stato inviato: correggi i campi indicati.
        </div>
      ) : null}
      <p>Il messaggio arriva nell&apos;area personale della persona come comunicazione di {ente}.</p>
      <Form method="post" noValidate>
        <CsrfInput token={csrf} />
        <TextField
          id="oggetto"
          label="Oggetto"
          maxLength={SUBJECT_MAX}
          hint={`Da ${SUBJECT_MIN} a ${SUBJECT_MAX} caratteri: è il titolo che la persona vede nell'elenco dei messaggi.`}
          required
          error={errors.subject}
          errorId="oggetto-error"
        />
        <Textarea
          id="testo"
          label="Testo"
          rows={6}
          maxLength={BODY_MAX}
          hint="Puoi usare **grassetto**, _corsivo_, elenchi con il trattino all'inizio della riga e collegamenti come [testo](https://indirizzo)."
          required
          error={errors.body}
          errorId="testo-error"
        />
        <div className="select-wrapper mb-4">
          <label htmlFor="avviso">Collega a un avviso di pagamento (facoltativo)</label>
          <select
            id="avviso"
            name="avviso"
            defaultValue=""
            aria-describedby={errors.link ? "link-error" : undefined}
          >
            <option value="">Nessun avviso</option>
            {links.options.map((o) => (
              <option key={o.id} value={o.id}>
                {o.description}, € {formatEuro(o.amountCents)}, scadenza {formatDateIt(o.dueDate)}
              </option>
            ))}
          </select>
        </div>
        <div className="select-wrapper mb-4">
          <label htmlFor="pratica">Collega a una pratica (facoltativo)</label>
          <select
            id="pratica"
            name="pratica"
            defaultValue=""
            aria-describedby={errors.link ? "link-error" : undefined}
          >
            <option value="">Nessuna pratica</option>
            {links.pratiche.map((p) => (
              <option key={p.id} value={p.id}>
                {p.title}
                {p.protocolNumber ? ` (prot. ${p.protocolNumber})` : ""}
              </option>
            ))}
          </select>
        </div>
        {errors.link ? (
          <div id="link-error" className="invalid-feedback d-block mb-3">
            {errors.link}
          </div>
        ) : null}
        <button type="submit" className="btn btn-primary">
          Invia il messaggio
        </button>
      </Form>
    </section>
  );
}

type DelegationRows = Extract<
  ReturnType<typeof useLoaderData<typeof loader>>["data"],
  { section: "deleghe" }
>["delegations"];

/** The person's delegations and the form to register a paper one at the counter. */
function PaperDelegations({
  delegations,
  today,
  csrf,
  name,
}: {
  delegations: DelegationRows;
  today: string;
  csrf: string;
  name: string;
}) {
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const errors: PaperErrors = actionData && "errors" in actionData ? (actionData.errors as PaperErrors) : {};
  // In the form's order: the delegation's fields, then the two papers.
  const items = [...DELEGATION_FIELD_ORDER, ...PAPER_FILES]
    .filter((field) => errors[field])
    .map((field) => ({
      field: field === "modulo" || field === "documento" ? field : delegationFieldId(field),
      message: errors[field] ?? "",
    }));
  return (
    <>
      <section aria-labelledby="deleghe-elenco" className="portal-section-box">
        <h2 id="deleghe-elenco">Deleghe date da {name}</h2>
        {params.get("registrata") === "1" ? (
          <div className="alert alert-success" role="status">
            Delega registrata: è già attiva e la persona ne riceve notizia nella sua area personale.
          </div>
        ) : null}
        {delegations.length === 0 ? (
          <p className="mb-0">Nessuna delega.</p>
        ) : (
          <ul className="mb-0">
            {delegations.map((x) => (
              <li key={x.id}>
                {x.delegate.name} {x.delegate.surname} ({x.delegate.codiceFiscale}):{" "}
                {x.areas.map((a) => DELEGATION_AREA_SHORT[a]).join(", ")}, dal {formatDateIt(x.startsOn)} al{" "}
                {formatDateIt(x.endsOn)}, {DELEGATION_STATE_LABEL[x.state].toLowerCase()}
                {x.channel === "sportello" ? ", registrata allo sportello" : ""}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="deleghe-carta" className="portal-section-box">
        <h2 id="deleghe-carta">Registra una delega su carta</h2>
        <p>
          Per chi non può delegare dal portale: carica il modulo di delega firmato da {name} e dalla persona
          delegata e il documento d&apos;identità di {name} (PDF, JPEG o PNG, in tutto al massimo 10 MB). Il
          motivo registrato è quello indicato all&apos;apertura del fascicolo; la delega è attiva da subito.
        </p>
        {items.length || errors.form ? (
          <ErrorSummary
            title={errors.form ?? "La delega non è stata registrata: correggi i campi indicati."}
            items={items}
          />
        ) : null}
        <Form method="post" encType="multipart/form-data" noValidate>
          <CsrfInput token={csrf} />
          <DelegationFields errors={errors} today={today} />
          <div className="row">
            <div className="col-12 col-md-6">
              <TextField
                id="modulo"
                type="file"
                label="Modulo di delega firmato"
                accept="application/pdf,image/jpeg,image/png"
                required
                error={errors.modulo}
              />
            </div>
            <div className="col-12 col-md-6">
              <TextField
                id="documento"
                type="file"
                label={`Documento d'identità di ${name}`}
                accept="application/pdf,image/jpeg,image/png"
                required
                error={errors.documento}
              />
            </div>
          </div>
          <button type="submit" className="btn btn-primary">
            Registra la delega
          </button>
        </Form>
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

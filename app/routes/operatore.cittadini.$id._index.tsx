import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { CsrfInput } from "~/auth/csrf-input";
import { csrfToken, verifyCsrf } from "~/auth/csrf.server";
import { requireOperator } from "~/auth/guards.server";
import { portalNow, todayIso } from "~/clock.server";
import { Breadcrumb } from "~/components/breadcrumb";
import { formatTimeIt } from "~/rules/time";
import { errorMeta, GeneralErrorBoundary } from "~/components/error-boundary";
import { SelectField, Textarea } from "~/components/form";
import { pageMeta } from "~/components/site";
import {
  closeAccess,
  findCurrentAccess,
  minutesLeft,
  openAccess,
  parseReason,
} from "~/operator/access.server";
import {
  ACCESS_MINUTES,
  REASON_CATEGORIES,
  REASON_TEXT_MAX,
  REASON_TEXT_MIN,
  reasonCategoryLabel,
} from "~/operator/limits";
import { actorFrom } from "~/operator/actor";
import { NO_STORE, operatorHeaders } from "~/operator/http";
import { findTiedCitizen } from "~/operator/scope.server";
import { getPersonHit } from "~/operator/search.server";
import {
  DOSSIER_SECTIONS,
  hasDossierRole,
  isDossierSection,
  rolesForSection,
  sectionsForRoles,
  type DossierSection,
} from "~/operator/sections";
import type { OperatorRole } from "../../db/schema";
import { notFound, parseId, readForm } from "~/http.server";

export const meta: MetaFunction<typeof loader> = ({ error, matches }) =>
  error ? errorMeta(error, matches) : pageMeta("Motivo dell'accesso al fascicolo", matches);

export const headers = operatorHeaders;

function targetSection(value: unknown, roles: readonly OperatorRole[]): DossierSection | null {
  const allowed = sectionsForRoles(roles).filter((s) => DOSSIER_SECTIONS[s].inNav);
  if (typeof value === "string" && isDossierSection(value) && rolesForSection(value, roles).length)
    return value;
  return allowed[0] ?? null;
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { session, operator } = await requireOperator(request, context);
  if (!hasDossierRole(operator.roles)) throw notFound();
  const citizenId = parseId(params.id);
  if (citizenId === null) throw notFound();
  const today = todayIso(context.config);
  const tied = await findTiedCitizen(context.db, operator, citizenId, today);
  if (!tied) throw notFound();
  const person = await getPersonHit(
    context.db,
    { enteId: operator.enteId, roles: tied.roles },
    today,
    citizenId,
  );
  if (!person) throw notFound();
  const now = portalNow(context.config);
  const access = await findCurrentAccess(context.db, operator, citizenId, now);
  const section = targetSection(new URL(request.url).searchParams.get("sezione"), tied.roles);
  return json(
    {
      person,
      section,
      sectionLabel: section ? DOSSIER_SECTIONS[section].label : null,
      access: access
        ? {
            category: reasonCategoryLabel(access.reasonCategory),
            text: access.reasonText,
            expiresAt: access.expiresAt,
            minutesLeft: minutesLeft(access, now),
          }
        : null,
      csrf: csrfToken(session),
    },
    { headers: NO_STORE },
  );
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { session, operator } = await requireOperator(request, context);
  if (!hasDossierRole(operator.roles)) throw notFound();
  const citizenId = parseId(params.id);
  if (citizenId === null) throw notFound();
  const person = await findTiedCitizen(context.db, operator, citizenId, todayIso(context.config));
  if (!person) throw notFound();
  const form = await readForm(request, context);
  verifyCsrf(request, form, session);
  const actor = actorFrom(session, operator);
  const now = portalNow(context.config);

  if (form.get("intent") === "chiudi") {
    await closeAccess(context.db, context.config.auditHmacKey, { actor, citizenId, now });
    return redirect("/operatore/cittadini", { status: 303, headers: NO_STORE });
  }

  const reason = parseReason(form);
  if (!reason.ok)
    return json({ errors: reason.errors, values: reason.values }, { status: 400, headers: NO_STORE });
  const section = targetSection(form.get("sezione"), person.roles);
  if (!section) throw notFound();
  await openAccess(context.db, context.config.auditHmacKey, {
    actor,
    citizenId,
    category: reason.category,
    text: reason.text,
    roles: person.roles,
    now,
  });
  return redirect(`/operatore/cittadini/${citizenId}/${section}`, { status: 303, headers: NO_STORE });
}

export default function MotivoAccesso() {
  const { person, section, sectionLabel, access, csrf } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData && "errors" in actionData ? actionData.errors : undefined;
  const values = actionData && "values" in actionData ? actionData.values : undefined;
  const fullName = `${person.surname} ${person.name}`;
  return (
    <>
      <Breadcrumb
        items={[
          { label: "Area operatore", to: "/operatore" },
          { label: "Cerca una persona", to: "/operatore/cittadini" },
          { label: fullName },
        ]}
      />
      <h1 className="mt-3">Fascicolo di {fullName}</h1>
      <dl className="row portal-dl">
        <div className="col-6 col-md-3">
          <dt>Anno di nascita</dt>
          <dd>{person.birthYear}</dd>
        </div>
        <div className="col-6 col-md-4">
          <dt>Comune di residenza</dt>
          <dd>{person.comune ?? "Non residente nei comuni aderenti"}</dd>
        </div>
        <div className="col-12 col-md-5">
          <dt>Codice fiscale (parziale)</dt>
          <dd>
            <code>{person.maskedCf}</code>
          </dd>
        </div>
      </dl>

      {access ? (
        <div className="portal-access-banner" role="status">
          <p>
            Hai già un accesso aperto a questo fascicolo ({access.category}: «{access.text}»), valido fino
            alle {formatTimeIt(access.expiresAt)} (ancora {access.minutesLeft} min).
          </p>
          {section ? (
            <p className="mb-0">
              <Link to={`/operatore/cittadini/${person.id}/${section}`} prefetch="none">
                Continua con questo motivo
              </Link>
            </p>
          ) : null}
        </div>
      ) : null}

      <section aria-labelledby="reason-title" className="portal-section-box mt-4">
        <h2 id="reason-title">Perché consulti questo fascicolo?</h2>
        <p>
          Il motivo è registrato insieme a ogni pagina del fascicolo che apri ed è mostrato alla persona nella
          sua area personale («Chi ha visto i miei dati»). L&apos;accesso dura {ACCESS_MINUTES} minuti e si
          chiude quando apri un altro fascicolo o esci dal portale.
        </p>
        {errors ? (
          <div className="alert alert-danger" role="alert">
            Il motivo non è completo: correggi i campi indicati.
          </div>
        ) : null}
        <Form method="post" noValidate>
          <CsrfInput token={csrf} />
          {section ? <input type="hidden" name="sezione" value={section} /> : null}
          <SelectField
            id="categoria"
            label="Categoria del motivo"
            wrapperClassName="mb-4"
            required
            defaultValue={values?.category ?? ""}
            error={errors?.category}
            errorId="categoria-error"
          >
            <option value="" disabled>
              Scegli una categoria
            </option>
            {REASON_CATEGORIES.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </SelectField>
          <Textarea
            id="motivo"
            label="Descrizione del motivo"
            rows={3}
            required
            minLength={REASON_TEXT_MIN}
            maxLength={REASON_TEXT_MAX}
            defaultValue={values?.text ?? ""}
            hint={`Da ${REASON_TEXT_MIN} a ${REASON_TEXT_MAX} caratteri. Per l'istruttoria di una pratica indica il numero di protocollo.`}
            hintId="motivo-hint"
            error={errors?.text}
            errorId="motivo-error"
          />
          <button type="submit" className="btn btn-primary">
            {sectionLabel ? `Apri il fascicolo (${sectionLabel})` : "Apri il fascicolo"}
          </button>
        </Form>
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

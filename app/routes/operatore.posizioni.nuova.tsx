import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { CsrfInput } from "~/auth/csrf-input";
import { csrfToken, verifyCsrf } from "~/auth/csrf.server";
import { notFound, requireOperator } from "~/auth/guards.server";
import { todayIso } from "~/clock.server";
import { Breadcrumb } from "~/components/breadcrumb";
import { errorMeta, GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, FieldError } from "~/components/operator/error-summary";
import { pageMeta } from "~/components/site";
import { actorFrom } from "~/operator/actor";
import { NO_STORE, operatorHeaders } from "~/operator/http";
import {
  coreErrorsOnForm,
  EMPTY_POSITION_FORM,
  FIELD,
  parsePositionForm,
  POSITION_ROWS,
  readPositionForm,
  type FormErrors,
  type PositionFormValues,
} from "~/operator/position-form";
import { getEnteAccount } from "~/operator/positions.server";
import { OTHER_CATEGORY, TAXONOMY_CATEGORIES } from "~/operator/taxonomy";
// Limits and labels come from the pure module: the form component runs in the browser too.
import { CREDITOR_LIMITS, POSITION_SERVICES, SERVICE_LABEL } from "~/payments/creditor-input";
import { createPosition } from "~/payments/creditor.server";
import { formatDateIt } from "~/rules/money";

export const meta: MetaFunction<typeof loader> = ({ error, matches }) =>
  error ? errorMeta(error, matches) : pageMeta("Nuova posizione debitoria", matches);

export const headers = operatorHeaders;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { session, operator } = await requireOperator(request, context, "pagamenti");
  const ente = await getEnteAccount(context.db, operator.entityId);
  if (!ente) throw notFound();
  return json({ ente, today: todayIso(context.config), csrf: csrfToken(session) }, { headers: NO_STORE });
}

type ActionData = { values: PositionFormValues; errors: FormErrors; message: string };

export async function action({ request, context }: ActionFunctionArgs) {
  const { session, operator } = await requireOperator(request, context, "pagamenti");
  const form = await request.formData();
  verifyCsrf(request, form, session);
  const values = readPositionForm(form);
  const refuse = (errors: FormErrors, status: number, message: string) =>
    json<ActionData>({ values, errors, message }, { status, headers: NO_STORE });

  const parsed = parsePositionForm(values, todayIso(context.config));
  if (!parsed.ok)
    return refuse(parsed.errors, 400, "La posizione non è stata creata: correggi i campi indicati.");
  const created = await createPosition(
    context.db,
    context.config,
    { kind: "operatore", actor: actorFrom(session, operator) },
    parsed.value,
  );
  if (!created.ok) {
    if (created.status === 404) throw notFound();
    const errors =
      created.errors && Object.keys(created.errors).length
        ? coreErrorsOnForm(created.errors, values)
        : created.code === "iupd_esistente"
          ? coreErrorsOnForm({ iupd: created.message }, values)
          : { byField: {}, summary: [{ field: null, message: created.message }] };
    return refuse(errors, created.status, "La posizione non è stata creata.");
  }
  return redirect(`/operatore/posizioni/${created.value.id}?esito=creata`, {
    status: 303,
    headers: NO_STORE,
  });
}

/** aria-describedby for a field with an optional hint and an error. */
function describedBy(id: string, errors: Record<string, string>, hint = false): string | undefined {
  const ids = [hint ? `${id}-aiuto` : null, errors[id] ? `${id}-errore` : null].filter(Boolean);
  return ids.length ? ids.join(" ") : undefined;
}

export default function NuovaPosizione() {
  const { ente, today, csrf } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const v = actionData?.values ?? EMPTY_POSITION_FORM;
  const errors = actionData?.errors.byField ?? {};
  const invalid = (id: string) => (errors[id] ? true : undefined);
  const inputClass = (id: string) => `form-control${errors[id] ? " is-invalid" : ""}`;
  return (
    <>
      <Breadcrumb
        items={[
          { label: "Area operatore", to: "/operatore" },
          { label: "Posizioni debitorie", to: "/operatore/posizioni" },
          { label: "Nuova posizione" },
        ]}
      />
      <h1 className="mt-3">Nuova posizione debitoria</h1>
      <p className="lead">
        La posizione nasce in bozza: il debitore la vede solo dopo che l&apos;hai pubblicata. Gli importi sono
        accreditati a {ente.name} sull&apos;IBAN <code>{ente.iban}</code>.
      </p>

      {actionData ? <ErrorSummary title={actionData.message} items={actionData.errors.summary} /> : null}

      <Form method="post" noValidate className="portal-section-box">
        <CsrfInput token={csrf} />

        <fieldset className="mb-4">
          <legend className="h5 mb-5">Debitore</legend>
          <fieldset
            className="mb-5"
            aria-describedby={errors[FIELD.tipo] ? `${FIELD.tipo}-errore` : undefined}
          >
            <legend className="h6 fw-semibold">Tipo di debitore</legend>
            <FieldError id={FIELD.tipo} message={errors[FIELD.tipo]} />
            {(
              [
                ["F", "Persona fisica (codice fiscale)"],
                ["G", "Persona giuridica (partita IVA)"],
              ] as const
            ).map(([value, label]) => (
              <div className="form-check" key={value}>
                <input
                  className="form-check-input"
                  type="radio"
                  name="tipo"
                  id={`tipo-${value}`}
                  value={value}
                  defaultChecked={v.tipo === value}
                  aria-invalid={value === "F" ? invalid(FIELD.tipo) : undefined}
                />
                <label className="form-check-label" htmlFor={`tipo-${value}`}>
                  {label}
                </label>
              </div>
            ))}
          </fieldset>
          <div className="row">
            <div className="col-12 col-md-5 form-group">
              <label htmlFor={FIELD.cf} className="active">
                Codice fiscale o partita IVA
              </label>
              <input
                id={FIELD.cf}
                name="cf"
                type="text"
                className={inputClass(FIELD.cf)}
                defaultValue={v.cf}
                maxLength={20}
                autoComplete="off"
                spellCheck={false}
                aria-invalid={invalid(FIELD.cf)}
                aria-describedby={describedBy(FIELD.cf, errors, true)}
              />
              <small id={`${FIELD.cf}-aiuto`} className="form-text">
                16 caratteri per una persona fisica, 11 cifre per una persona giuridica.
              </small>
              <FieldError id={FIELD.cf} message={errors[FIELD.cf]} />
            </div>
            <div className="col-12 col-md-7 form-group">
              <label htmlFor={FIELD.nominativo} className="active">
                Cognome e nome, o ragione sociale
              </label>
              <input
                id={FIELD.nominativo}
                name="nominativo"
                type="text"
                className={inputClass(FIELD.nominativo)}
                defaultValue={v.nominativo}
                maxLength={CREDITOR_LIMITS.debtorName}
                autoComplete="off"
                aria-invalid={invalid(FIELD.nominativo)}
                aria-describedby={describedBy(FIELD.nominativo, errors)}
              />
              <FieldError id={FIELD.nominativo} message={errors[FIELD.nominativo]} />
            </div>
          </div>
        </fieldset>

        <fieldset className="mb-4">
          <legend className="h5 mb-5">Che cosa si paga</legend>
          <div className="row">
            <div className="col-12 col-md-5 mb-4">
              <div className="select-wrapper">
                <label htmlFor={FIELD.servizio}>Servizio</label>
                <select
                  id={FIELD.servizio}
                  name="servizio"
                  defaultValue={v.servizio}
                  aria-invalid={invalid(FIELD.servizio)}
                  aria-describedby={describedBy(FIELD.servizio, errors)}
                >
                  <option value="">Scegli un servizio</option>
                  {POSITION_SERVICES.map((s) => (
                    <option key={s} value={s}>
                      {SERVICE_LABEL[s]}
                    </option>
                  ))}
                </select>
              </div>
              <FieldError id={FIELD.servizio} message={errors[FIELD.servizio]} />
            </div>
            <div className="col-12 col-md-7 form-group">
              <label htmlFor={FIELD.descrizione} className="active">
                Causale (la legge il debitore sull&apos;avviso)
              </label>
              <input
                id={FIELD.descrizione}
                name="descrizione"
                type="text"
                className={inputClass(FIELD.descrizione)}
                defaultValue={v.descrizione}
                maxLength={CREDITOR_LIMITS.text}
                autoComplete="off"
                aria-invalid={invalid(FIELD.descrizione)}
                aria-describedby={describedBy(FIELD.descrizione, errors, true)}
              />
              <small id={`${FIELD.descrizione}-aiuto`} className="form-text">
                Al massimo {CREDITOR_LIMITS.text} caratteri, per esempio «TARI 2026 - utenza domestica».
              </small>
              <FieldError id={FIELD.descrizione} message={errors[FIELD.descrizione]} />
            </div>
            <div className="col-12 col-md-6 mb-4">
              <div className="select-wrapper">
                <label htmlFor={FIELD.categoria}>Categoria (tassonomia pagoPA)</label>
                <select
                  id={FIELD.categoria}
                  name="categoria"
                  defaultValue={v.categoria}
                  aria-invalid={invalid(FIELD.categoria)}
                  aria-describedby={describedBy(FIELD.categoria, errors)}
                >
                  <option value="">Scegli una categoria</option>
                  {TAXONOMY_CATEGORIES.map((c) => (
                    <option key={c.code} value={c.code}>
                      {c.label} ({c.code})
                    </option>
                  ))}
                  <option value={OTHER_CATEGORY}>Altra categoria: indico il codice</option>
                </select>
              </div>
              <FieldError id={FIELD.categoria} message={errors[FIELD.categoria]} />
            </div>
            <div className="col-12 col-md-6 form-group">
              <label htmlFor={FIELD.categoriaAltra} className="active">
                Codice di un&apos;altra categoria (facoltativo)
              </label>
              <input
                id={FIELD.categoriaAltra}
                name="categoria_altra"
                type="text"
                className={inputClass(FIELD.categoriaAltra)}
                defaultValue={v.categoriaAltra}
                maxLength={20}
                autoComplete="off"
                spellCheck={false}
                aria-invalid={invalid(FIELD.categoriaAltra)}
                aria-describedby={describedBy(FIELD.categoriaAltra, errors, true)}
              />
              <small id={`${FIELD.categoriaAltra}-aiuto`} className="form-text">
                Solo se hai scelto «Altra categoria», nella forma 9/0101100IM/.
              </small>
              <FieldError id={FIELD.categoriaAltra} message={errors[FIELD.categoriaAltra]} />
            </div>
          </div>
        </fieldset>

        <fieldset className="mb-4">
          <legend className="h5 mb-5">Come si paga</legend>
          <fieldset
            className="mb-3"
            aria-describedby={errors[FIELD.modalita] ? `${FIELD.modalita}-errore` : undefined}
          >
            <legend className="h6 fw-semibold">Modalità di pagamento</legend>
            <FieldError id={FIELD.modalita} message={errors[FIELD.modalita]} />
            {(
              [
                ["unica", "In un'unica soluzione (compila solo la prima riga)"],
                ["rate", `A rate (da 2 a ${POSITION_ROWS} righe)`],
              ] as const
            ).map(([value, label]) => (
              <div className="form-check" key={value}>
                <input
                  className="form-check-input"
                  type="radio"
                  name="modalita"
                  id={`modalita-${value}`}
                  value={value}
                  defaultChecked={v.modalita === value}
                  aria-invalid={value === "unica" ? invalid(FIELD.modalita) : undefined}
                />
                <label className="form-check-label" htmlFor={`modalita-${value}`}>
                  {label}
                </label>
              </div>
            ))}
          </fieldset>
          <p id="righe-aiuto">
            Importi in euro, per esempio 1.234,56. Le righe lasciate vuote sono ignorate; le rate vanno in
            ordine di scadenza. Se non scrivi la descrizione di una riga, vale la causale.
          </p>
          {Array.from({ length: POSITION_ROWS }, (_, i) => i + 1).map((row) => {
            const r = v.righe[row - 1] ?? { importo: "", causale: "", scadenza: "" };
            return (
              <fieldset key={row} className="portal-section-box mb-3">
                <legend className="h6 fw-semibold">
                  {row === 1 ? "Unica soluzione o prima rata" : `Rata ${row}`}
                </legend>
                <div className="row">
                  <div className="col-12 col-md-3 form-group">
                    <label htmlFor={FIELD.importo(row)} className="active">
                      Importo in euro
                    </label>
                    <input
                      id={FIELD.importo(row)}
                      name={`importo_${row}`}
                      type="text"
                      inputMode="decimal"
                      className={inputClass(FIELD.importo(row))}
                      defaultValue={r.importo}
                      maxLength={20}
                      autoComplete="off"
                      aria-invalid={invalid(FIELD.importo(row))}
                      aria-describedby={describedBy(FIELD.importo(row), errors)}
                    />
                    <FieldError id={FIELD.importo(row)} message={errors[FIELD.importo(row)]} />
                  </div>
                  <div className="col-12 col-md-6 form-group">
                    <label htmlFor={FIELD.causale(row)} className="active">
                      Descrizione (facoltativa)
                    </label>
                    <input
                      id={FIELD.causale(row)}
                      name={`causale_${row}`}
                      type="text"
                      className={inputClass(FIELD.causale(row))}
                      defaultValue={r.causale}
                      maxLength={CREDITOR_LIMITS.text}
                      autoComplete="off"
                      aria-invalid={invalid(FIELD.causale(row))}
                      aria-describedby={describedBy(FIELD.causale(row), errors)}
                    />
                    <FieldError id={FIELD.causale(row)} message={errors[FIELD.causale(row)]} />
                  </div>
                  <div className="col-12 col-md-3 form-group">
                    <label htmlFor={FIELD.scadenza(row)} className="active">
                      Scadenza
                    </label>
                    <input
                      id={FIELD.scadenza(row)}
                      name={`scadenza_${row}`}
                      type="date"
                      min={today}
                      className={inputClass(FIELD.scadenza(row))}
                      defaultValue={r.scadenza}
                      aria-invalid={invalid(FIELD.scadenza(row))}
                      aria-describedby={describedBy(FIELD.scadenza(row), errors)}
                    />
                    <FieldError id={FIELD.scadenza(row)} message={errors[FIELD.scadenza(row)]} />
                  </div>
                </div>
              </fieldset>
            );
          })}
          <div className="form-check mt-3">
            <input
              className="form-check-input"
              type="checkbox"
              id="scade"
              name="scade"
              value="1"
              defaultChecked={v.scade}
            />
            <label className="form-check-label" htmlFor="scade">
              Dopo l&apos;ultima scadenza l&apos;avviso non è più pagabile
            </label>
          </div>
        </fieldset>

        <fieldset className="mb-4">
          <legend className="h5 mb-5">Dati facoltativi</legend>
          <div className="row">
            <div className="col-12 col-md-6 form-group">
              <label htmlFor={FIELD.iupd} className="active">
                Identificativo della posizione (IUPD)
              </label>
              <input
                id={FIELD.iupd}
                name="iupd"
                type="text"
                className={inputClass(FIELD.iupd)}
                defaultValue={v.iupd}
                maxLength={CREDITOR_LIMITS.iupd}
                autoComplete="off"
                spellCheck={false}
                aria-invalid={invalid(FIELD.iupd)}
                aria-describedby={describedBy(FIELD.iupd, errors, true)}
              />
              <small id={`${FIELD.iupd}-aiuto`} className="form-text">
                Il codice della posizione nel gestionale dell&apos;ente; se lo lasci vuoto lo genera il
                portale.
              </small>
              <FieldError id={FIELD.iupd} message={errors[FIELD.iupd]} />
            </div>
            <div className="col-12 col-md-6 form-group">
              <label htmlFor={FIELD.validita} className="active">
                Pagabile dal giorno
              </label>
              <input
                id={FIELD.validita}
                name="validita"
                type="date"
                className={inputClass(FIELD.validita)}
                defaultValue={v.validita}
                aria-invalid={invalid(FIELD.validita)}
                aria-describedby={describedBy(FIELD.validita, errors, true)}
              />
              <small id={`${FIELD.validita}-aiuto`} className="form-text">
                Data di validità: se la lasci vuota, l&apos;avviso è pagabile appena lo pubblichi (oggi è il{" "}
                {formatDateIt(today)}).
              </small>
              <FieldError id={FIELD.validita} message={errors[FIELD.validita]} />
            </div>
          </div>
        </fieldset>

        <button type="submit" className="btn btn-primary">
          Crea la posizione in bozza
        </button>
      </Form>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { CsrfInput } from "~/auth/csrf-input";
import { csrfToken, verifyCsrf } from "~/auth/csrf.server";
import { requireOperator } from "~/auth/guards.server";
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
  SERVICE_CATEGORY,
  type FormErrors,
  type PositionFormValues,
} from "~/operator/position-form";
import { getEnteAccount } from "~/operator/positions.server";
import { OTHER_CATEGORY, TAXONOMY_CATEGORIES } from "~/operator/taxonomy";
// Limits and labels come from the pure module: the form component runs in the browser too.
import { CREDITOR_LIMITS, POSITION_SERVICES, SERVICE_LABEL } from "~/payments/creditor-input";
import { createPosition } from "~/payments/creditor-positions.server";
import { formatDateIt } from "~/rules/time";
import { notFound, readForm } from "~/http.server";

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
  const form = await readForm(request, context);
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

/** A labelled text or date input in a grid column, with its optional hint and its error. */
function TextField(props: {
  id: string;
  name: string;
  label: ReactNode;
  defaultValue: string;
  errors: Record<string, string>;
  column: string;
  type?: "text" | "date";
  inputMode?: "decimal";
  maxLength?: number;
  min?: string;
  spellCheck?: false;
  hint?: ReactNode;
}) {
  const { id, errors, type = "text" } = props;
  return (
    <div className={`${props.column} form-group`}>
      <label htmlFor={id} className="active">
        {props.label}
      </label>
      <input
        id={id}
        name={props.name}
        type={type}
        inputMode={props.inputMode}
        min={props.min}
        className={`form-control${errors[id] ? " is-invalid" : ""}`}
        defaultValue={props.defaultValue}
        maxLength={props.maxLength}
        autoComplete={type === "text" ? "off" : undefined}
        spellCheck={props.spellCheck}
        aria-invalid={errors[id] ? true : undefined}
        aria-describedby={describedBy(id, errors, props.hint !== undefined)}
      />
      {props.hint !== undefined ? (
        <small id={`${id}-aiuto`} className="form-text">
          {props.hint}
        </small>
      ) : null}
      <FieldError id={id} message={errors[id]} />
    </div>
  );
}

/** A radio group as a fieldset; the first option carries aria-invalid when the group is in error. */
function RadioFieldset(props: {
  id: string;
  name: string;
  legend: string;
  options: ReadonlyArray<readonly [value: string, label: string]>;
  checked: string;
  errors: Record<string, string>;
  className: string;
}) {
  const { id, name, errors } = props;
  return (
    <fieldset className={props.className} aria-describedby={errors[id] ? `${id}-errore` : undefined}>
      <legend className="h6 fw-semibold">{props.legend}</legend>
      <FieldError id={id} message={errors[id]} />
      {props.options.map(([value, label], i) => (
        <div className="form-check" key={value}>
          <input
            className="form-check-input"
            type="radio"
            name={name}
            id={`${name}-${value}`}
            value={value}
            defaultChecked={props.checked === value}
            aria-invalid={i === 0 && errors[id] ? true : undefined}
          />
          <label className="form-check-label" htmlFor={`${name}-${value}`}>
            {label}
          </label>
        </div>
      ))}
    </fieldset>
  );
}

export default function NuovaPosizione() {
  const { ente, today, csrf } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const v = actionData?.values ?? EMPTY_POSITION_FORM;
  const errors = actionData?.errors.byField ?? {};
  const invalid = (id: string) => (errors[id] ? true : undefined);
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
          <RadioFieldset
            id={FIELD.tipo}
            name="tipo"
            legend="Tipo di debitore"
            options={[
              ["F", "Persona fisica (codice fiscale)"],
              ["G", "Persona giuridica (partita IVA)"],
            ]}
            checked={v.tipo}
            errors={errors}
            className="mb-5"
          />
          <div className="row">
            <TextField
              id={FIELD.cf}
              name="cf"
              label="Codice fiscale o partita IVA"
              defaultValue={v.cf}
              errors={errors}
              column="col-12 col-md-5"
              maxLength={20}
              spellCheck={false}
              hint={<>16 caratteri per una persona fisica, 11 cifre per una persona giuridica.</>}
            />
            <TextField
              id={FIELD.nominativo}
              name="nominativo"
              label="Cognome e nome, o ragione sociale"
              defaultValue={v.nominativo}
              errors={errors}
              column="col-12 col-md-7"
              maxLength={CREDITOR_LIMITS.debtorName}
            />
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
            <TextField
              id={FIELD.descrizione}
              name="descrizione"
              label={<>Causale (la legge il debitore sull&apos;avviso)</>}
              defaultValue={v.descrizione}
              errors={errors}
              column="col-12 col-md-7"
              maxLength={CREDITOR_LIMITS.text}
              hint={
                <>Al massimo {CREDITOR_LIMITS.text} caratteri, per esempio «TARI 2026 - utenza domestica».</>
              }
            />
            <div className="col-12 col-md-6 mb-4">
              <div className="select-wrapper">
                <label htmlFor={FIELD.categoria}>Categoria (tassonomia pagoPA)</label>
                <select
                  id={FIELD.categoria}
                  name="categoria"
                  defaultValue={v.categoria}
                  aria-invalid={invalid(FIELD.categoria)}
                  aria-describedby={describedBy(FIELD.categoria, errors, true)}
                >
                  <option value={SERVICE_CATEGORY}>Quella del servizio scelto</option>
                  {TAXONOMY_CATEGORIES.map((c) => (
                    <option key={c.code} value={c.code}>
                      {c.label} ({c.code})
                    </option>
                  ))}
                  <option value={OTHER_CATEGORY}>Altra categoria: indico il codice</option>
                </select>
              </div>
              <small id={`${FIELD.categoria}-aiuto`} className="form-text">
                IMU, TARI, bollo auto, sanzioni e ticket hanno la loro categoria. Sceglila tu per un avviso di
                accertamento e per i servizi dell&apos;ente: deve corrispondere al servizio.
              </small>
              <FieldError id={FIELD.categoria} message={errors[FIELD.categoria]} />
            </div>
            <TextField
              id={FIELD.categoriaAltra}
              name="categoria_altra"
              label={<>Codice di un&apos;altra categoria (facoltativo)</>}
              defaultValue={v.categoriaAltra}
              errors={errors}
              column="col-12 col-md-6"
              maxLength={20}
              spellCheck={false}
              hint={<>Solo se hai scelto «Altra categoria», nella forma 9/0101100IM/.</>}
            />
          </div>
        </fieldset>

        <fieldset className="mb-4">
          <legend className="h5 mb-5">Come si paga</legend>
          <RadioFieldset
            id={FIELD.modalita}
            name="modalita"
            legend="Modalità di pagamento"
            options={[
              ["unica", "In un'unica soluzione (compila solo la prima riga)"],
              ["rate", `A rate (da 2 a ${POSITION_ROWS} righe)`],
            ]}
            checked={v.modalita}
            errors={errors}
            className="mb-3"
          />
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
                  <TextField
                    id={FIELD.importo(row)}
                    name={`importo_${row}`}
                    label="Importo in euro"
                    defaultValue={r.importo}
                    errors={errors}
                    column="col-12 col-md-3"
                    inputMode="decimal"
                    maxLength={20}
                  />
                  <TextField
                    id={FIELD.causale(row)}
                    name={`causale_${row}`}
                    label="Descrizione (facoltativa)"
                    defaultValue={r.causale}
                    errors={errors}
                    column="col-12 col-md-6"
                    maxLength={CREDITOR_LIMITS.text}
                  />
                  <TextField
                    id={FIELD.scadenza(row)}
                    name={`scadenza_${row}`}
                    label="Scadenza"
                    defaultValue={r.scadenza}
                    errors={errors}
                    column="col-12 col-md-3"
                    type="date"
                    min={today}
                  />
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
            <TextField
              id={FIELD.iupd}
              name="iupd"
              label="Identificativo della posizione (IUPD)"
              defaultValue={v.iupd}
              errors={errors}
              column="col-12 col-md-6"
              maxLength={CREDITOR_LIMITS.iupd}
              spellCheck={false}
              hint={
                <>
                  Il codice della posizione nel gestionale dell&apos;ente; se lo lasci vuoto lo genera il
                  portale.
                </>
              }
            />
            <TextField
              id={FIELD.validita}
              name="validita"
              label="Pagabile dal giorno (data di validità)"
              defaultValue={v.validita}
              errors={errors}
              column="col-12 col-md-6"
              type="date"
              hint={
                <>
                  Se la lasci vuota, l&apos;avviso è pagabile appena lo pubblichi (oggi è il{" "}
                  {formatDateIt(today)}).
                </>
              }
            />
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

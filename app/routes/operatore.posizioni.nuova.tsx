import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { CsrfInput } from "~/auth/csrf-input";
import { csrfToken, verifyCsrf } from "~/auth/csrf.server";
import { requireOperator } from "~/auth/guards.server";
import { todayIso } from "~/clock.server";
import { Breadcrumb } from "~/components/breadcrumb";
import { errorMeta, GeneralErrorBoundary } from "~/components/error-boundary";
import { describedBy, ErrorSummary, FieldError, RadioGroup, TextField } from "~/components/form";
import { pageMeta } from "~/components/site";
import { actorFrom } from "~/operator/actor";
import { NO_STORE, operatorHeaders } from "~/operator/http";
import {
  coreErrorsOnForm,
  EMPTY_POSITION_FORM,
  FIELD,
  POSITION_ROWS,
  readPositionForm,
  SERVICE_CATEGORY,
  type FormErrors,
  type PositionFormValues,
} from "~/operator/position-form";
import { parsePositionForm } from "~/operator/position-form.server";
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
  const ente = await getEnteAccount(context.db, operator.enteId);
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

export default function NuovaPosizione() {
  const { ente, today, csrf } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const v = actionData?.values ?? EMPTY_POSITION_FORM;
  const errors = actionData?.errors.byField ?? {};
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
          <RadioGroup
            name="tipo"
            legend="Tipo di debitore"
            legendClassName="h6 fw-semibold"
            options={[
              { value: "F", label: "Persona fisica (codice fiscale)" },
              { value: "G", label: "Persona giuridica (partita IVA)" },
            ]}
            defaultValue={v.tipo}
            error={errors[FIELD.tipo]}
            errorId={`${FIELD.tipo}-errore`}
            className="mb-5"
          />
          <div className="row">
            <TextField
              id={FIELD.cf}
              name="cf"
              autoComplete="off"
              label="Codice fiscale o partita IVA"
              defaultValue={v.cf}
              error={errors[FIELD.cf]}
              wrapperClassName="col-12 col-md-5 form-group"
              maxLength={20}
              spellCheck={false}
              hint={<>16 caratteri per una persona fisica, 11 cifre per una persona giuridica.</>}
            />
            <TextField
              id={FIELD.nominativo}
              name="nominativo"
              autoComplete="off"
              label="Cognome e nome, o ragione sociale"
              defaultValue={v.nominativo}
              error={errors[FIELD.nominativo]}
              wrapperClassName="col-12 col-md-7 form-group"
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
                  aria-invalid={errors[FIELD.servizio] ? true : undefined}
                  aria-describedby={describedBy(errors[FIELD.servizio] && `${FIELD.servizio}-errore`)}
                >
                  <option value="">Scegli un servizio</option>
                  {POSITION_SERVICES.map((s) => (
                    <option key={s} value={s}>
                      {SERVICE_LABEL[s]}
                    </option>
                  ))}
                </select>
              </div>
              <FieldError id={`${FIELD.servizio}-errore`} message={errors[FIELD.servizio]} />
            </div>
            <TextField
              id={FIELD.descrizione}
              name="descrizione"
              autoComplete="off"
              label={<>Causale (la legge il debitore sull&apos;avviso)</>}
              defaultValue={v.descrizione}
              error={errors[FIELD.descrizione]}
              wrapperClassName="col-12 col-md-7 form-group"
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
                  aria-invalid={errors[FIELD.categoria] ? true : undefined}
                  aria-describedby={describedBy(
                    `${FIELD.categoria}-aiuto`,
                    errors[FIELD.categoria] && `${FIELD.categoria}-errore`,
                  )}
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
              <FieldError id={`${FIELD.categoria}-errore`} message={errors[FIELD.categoria]} />
            </div>
            <TextField
              id={FIELD.categoriaAltra}
              name="categoria_altra"
              autoComplete="off"
              label={<>Codice di un&apos;altra categoria (facoltativo)</>}
              defaultValue={v.categoriaAltra}
              error={errors[FIELD.categoriaAltra]}
              wrapperClassName="col-12 col-md-6 form-group"
              maxLength={20}
              spellCheck={false}
              hint={<>Solo se hai scelto «Altra categoria», nella forma 9/0101100IM/.</>}
            />
          </div>
        </fieldset>

        <fieldset className="mb-4">
          <legend className="h5 mb-5">Come si paga</legend>
          <RadioGroup
            name="modalita"
            legend="Modalità di pagamento"
            legendClassName="h6 fw-semibold"
            options={[
              { value: "unica", label: "In un'unica soluzione (compila solo la prima riga)" },
              { value: "rate", label: `A rate (da 2 a ${POSITION_ROWS} righe)` },
            ]}
            defaultValue={v.modalita}
            error={errors[FIELD.modalita]}
            errorId={`${FIELD.modalita}-errore`}
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
                    autoComplete="off"
                    label="Importo in euro"
                    defaultValue={r.importo}
                    error={errors[FIELD.importo(row)]}
                    wrapperClassName="col-12 col-md-3 form-group"
                    inputMode="decimal"
                    maxLength={20}
                  />
                  <TextField
                    id={FIELD.causale(row)}
                    name={`causale_${row}`}
                    autoComplete="off"
                    label="Descrizione (facoltativa)"
                    defaultValue={r.causale}
                    error={errors[FIELD.causale(row)]}
                    wrapperClassName="col-12 col-md-6 form-group"
                    maxLength={CREDITOR_LIMITS.text}
                  />
                  <TextField
                    id={FIELD.scadenza(row)}
                    name={`scadenza_${row}`}
                    label="Scadenza"
                    defaultValue={r.scadenza}
                    error={errors[FIELD.scadenza(row)]}
                    wrapperClassName="col-12 col-md-3 form-group"
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
              autoComplete="off"
              label="Identificativo della posizione (IUPD)"
              defaultValue={v.iupd}
              error={errors[FIELD.iupd]}
              wrapperClassName="col-12 col-md-6 form-group"
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
              error={errors[FIELD.validita]}
              wrapperClassName="col-12 col-md-6 form-group"
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

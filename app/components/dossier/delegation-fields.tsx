import { FieldError, TextField } from "~/components/form";
import { DELEGATION_AREA_LABEL, DELEGATION_AREAS, lastAllowedDay } from "~/rules/delegation";

export type DelegationFieldErrors = Partial<
  Record<"nome" | "cognome" | "codiceFiscale" | "aree" | "dal" | "al", string>
>;

/** The fields in the order the form shows them (and its error summary lists them). */
export const DELEGATION_FIELD_ORDER = ["nome", "cognome", "codiceFiscale", "aree", "dal", "al"] as const;

/** The id an error summary links to for a field (the areas' message leads to the first checkbox). */
export function delegationFieldId(field: (typeof DELEGATION_FIELD_ORDER)[number]): string {
  return field === "aree" ? `aree-${DELEGATION_AREAS[0]}` : field;
}

/**
 * What a delegation is made of, the same in the citizen's form and in the operator's paper
 * registration: the delegate (name, surname, codice fiscale), the areas (repeated field `aree`),
 * and the period (at most a year, proposed from `today`).
 */
export function DelegationFields({ errors, today }: { errors: DelegationFieldErrors; today: string }) {
  return (
    <>
      <div className="row">
        <div className="col-12 col-md-6">
          <TextField id="nome" label="Nome" autoComplete="off" required error={errors.nome} />
        </div>
        <div className="col-12 col-md-6">
          <TextField id="cognome" label="Cognome" autoComplete="off" required error={errors.cognome} />
        </div>
        <div className="col-12 col-md-6">
          <TextField
            id="codiceFiscale"
            label="Codice fiscale"
            autoComplete="off"
            required
            maxLength={16}
            error={errors.codiceFiscale}
          />
        </div>
      </div>
      <fieldset className="mb-4" aria-describedby={errors.aree ? "aree-errore" : undefined}>
        <legend className="h6">Per quali aree</legend>
        <FieldError id="aree-errore" message={errors.aree} />
        {DELEGATION_AREAS.map((a) => (
          <div className="form-check" key={a}>
            <input className="form-check-input" type="checkbox" name="aree" id={`aree-${a}`} value={a} />
            <label className="form-check-label" htmlFor={`aree-${a}`}>
              {DELEGATION_AREA_LABEL[a]}
            </label>
          </div>
        ))}
      </fieldset>
      <div className="row">
        <div className="col-12 col-md-6">
          <TextField
            id="dal"
            type="date"
            label="Valida dal"
            required
            defaultValue={today}
            min={today}
            error={errors.dal}
          />
        </div>
        <div className="col-12 col-md-6">
          <TextField
            id="al"
            type="date"
            label="Valida fino al"
            hint="Al massimo un anno: si può rinnovare."
            required
            defaultValue={lastAllowedDay(today)}
            min={today}
            error={errors.al}
          />
        </div>
      </div>
    </>
  );
}

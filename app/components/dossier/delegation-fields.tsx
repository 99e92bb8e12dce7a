import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { FieldError, TextField } from "~/components/form";
import { useRouteNamespaces } from "~/i18n/react";
import itDelegations from "~/locales/it/delegations.json";
import { DELEGATION_AREAS, lastAllowedDay } from "~/rules/delegation";

export type DelegationFieldErrors = Partial<
  Record<"nome" | "cognome" | "codiceFiscale" | "aree" | "dal" | "al", string>
>;

/** The fields in the order the form shows them (and its error summary lists them). */
export const DELEGATION_FIELD_ORDER = ["nome", "cognome", "codiceFiscale", "aree", "dal", "al"] as const;

/** The id an error summary links to for a field (the areas' message leads to the first checkbox). */
export function delegationFieldId(field: (typeof DELEGATION_FIELD_ORDER)[number]): string {
  return field === "aree" ? `aree-${DELEGATION_AREAS[0]}` : field;
}

/** The namespace of the form's texts. */
const NS = "delegations";

/** A message of the Italian "delegations" file, for pages that have not loaded the namespace. */
function italian(key: string): string {
  let node: unknown = itDelegations;
  for (const part of key.split(".")) node = (node as Record<string, unknown> | undefined)?.[part];
  return typeof node === "string" ? node : key;
}

/**
 * The form's texts: in the page's language where the page declares the "delegations" namespace
 * (the citizen's Deleghe page), in Italian elsewhere (the operator's counter registration), so that
 * the server and the browser always render the same text.
 */
function useFieldsT(): (key: string) => string {
  const { t } = useTranslation("delegations");
  const declared = useRouteNamespaces().includes(NS);
  return declared ? (t as TFunction) : italian;
}

/**
 * What a delegation is made of, the same in the citizen's form and in the operator's paper
 * registration: the delegate (name, surname, codice fiscale), the areas (repeated field `aree`),
 * and the period (at most a year, proposed from `today`).
 */
export function DelegationFields({ errors, today }: { errors: DelegationFieldErrors; today: string }) {
  const t = useFieldsT();
  return (
    <>
      <div className="row">
        <div className="col-12 col-md-6">
          <TextField id="nome" label={t("fields.name")} autoComplete="off" required error={errors.nome} />
        </div>
        <div className="col-12 col-md-6">
          <TextField
            id="cognome"
            label={t("fields.surname")}
            autoComplete="off"
            required
            error={errors.cognome}
          />
        </div>
        <div className="col-12 col-md-6">
          <TextField
            id="codiceFiscale"
            label={t("fields.codiceFiscale")}
            autoComplete="off"
            required
            maxLength={16}
            error={errors.codiceFiscale}
          />
        </div>
      </div>
      <fieldset className="mb-4" aria-describedby={errors.aree ? "aree-errore" : undefined}>
        <legend className="h6">{t("fields.areas")}</legend>
        <FieldError id="aree-errore" message={errors.aree} />
        {DELEGATION_AREAS.map((a) => (
          <div className="form-check" key={a}>
            <input className="form-check-input" type="checkbox" name="aree" id={`aree-${a}`} value={a} />
            <label className="form-check-label" htmlFor={`aree-${a}`}>
              {t(`area.${a}`)}
            </label>
          </div>
        ))}
      </fieldset>
      <div className="row">
        <div className="col-12 col-md-6">
          <TextField
            id="dal"
            type="date"
            label={t("fields.from")}
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
            label={t("fields.to")}
            hint={t("fields.toHint")}
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

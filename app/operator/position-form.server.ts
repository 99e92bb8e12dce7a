/**
 * The operator's "new debt position" form checked with zod and turned into the payments core's
 * input. The form's own fields are read here (the debtor's type, the service and the category
 * chosen from lists, amounts in euro as Italians type them, dates as GG/MM/AAAA); everything else
 * is the core's schema (`parsePositionInput`), whose messages name the fields as their labels do.
 * Each row becomes one payment option with one transfer of the whole amount to the ente itself
 * (the core fills in the ente's fiscal code and IBAN), under one taxonomy category for the
 * position: the service's own unless the operator picks another, which the core then checks
 * against the service. Server-only: zod stays out of the page's browser bundle.
 */
import { z } from "zod";
import {
  CREDITOR_LIMITS,
  POSITION_SERVICES,
  SERVICE_TAXONOMY,
  type NewPositionInput,
  type PositionService,
} from "~/payments/creditor-input";
import { isIsoDate, parseFields, parsePositionInput } from "~/payments/position-schema.server";
import { parseDateIt } from "~/rules/time";
import { parseEuroToCents } from "~/rules/money";
import { OTHER_CATEGORY, TAXONOMY_CATEGORIES } from "~/operator/taxonomy";
import {
  defaultedRows,
  FIELD,
  filledRows,
  formErrors,
  SERVICE_CATEGORY,
  type FormErrors,
  type PositionFormValues,
} from "~/operator/position-form";

export type PositionFormResult = { ok: true; value: NewPositionInput } | { ok: false; errors: FormErrors };

/** A date typed as AAAA-MM-GG (the date picker's value) or GG/MM/AAAA (typed by hand); "" when blank. */
function typedDate(invalid: string) {
  return z
    .string()
    .trim()
    .transform((s) => (s === "" || isIsoDate(s) ? s : parseDateIt(s)))
    .pipe(z.string({ error: invalid }));
}

/** An amount in euro as Italians type it (1.234,56), in cents. */
const euroAmount = z
  .string()
  .refine((s) => s.trim() !== "", { message: "Indica l'importo in euro, per esempio 1.234,56.", abort: true })
  .transform(parseEuroToCents)
  .pipe(
    z
      .number({ error: "L'importo non è valido: scrivilo in euro, per esempio 1.234,56." })
      .min(1, "L'importo deve essere maggiore di zero."),
  );

/** The fields the form reads itself, by their names in PositionFormValues. */
const FORM_FIELDS = {
  tipo: z.enum(["F", "G"], {
    error: "Scegli se il debitore è una persona fisica o una persona giuridica.",
  }),
  servizio: z.enum(POSITION_SERVICES, { error: "Scegli il servizio a cui si riferisce il pagamento." }),
  validita: typedDate("La data di validità non è una data valida: scrivila come GG/MM/AAAA."),
  modalita: z
    .enum(["unica", "rate"], { error: "Scegli se il pagamento è in un'unica soluzione o a rate." })
    .transform((m) => m === "rate"),
};

/** A payment row's amount and due date; its causale is the core's to check. */
const ROW_FIELDS = {
  importo: euroAmount,
  scadenza: typedDate("La scadenza non è una data valida: scrivila come GG/MM/AAAA."),
};

/**
 * The transfers' category: the service's own when the operator leaves the default, one picked
 * from the list, or one typed under «Altra categoria» (its form is the core's to check). Without
 * a service there is no category to derive: the service's error says what to do.
 */
function categorySchema(service: PositionService | undefined) {
  return z
    .object({ categoria: z.string(), categoriaAltra: z.string() })
    .transform((v, ctx): string | undefined => {
      const refuse = (path: "categoria" | "categoriaAltra", message: string) => {
        ctx.addIssue({ code: "custom", path: [path], message });
        return z.NEVER;
      };
      if (v.categoria === OTHER_CATEGORY) {
        const typed = v.categoriaAltra.trim().toUpperCase();
        return (
          typed || refuse("categoriaAltra", "Scrivi il codice della categoria, per esempio 9/0101100IM/.")
        );
      }
      if (v.categoria === SERVICE_CATEGORY) {
        if (!service) return undefined;
        return (
          SERVICE_TAXONOMY[service].own ??
          refuse(
            "categoria",
            service === "ACCERTAMENTO"
              ? "Per un avviso di accertamento scegli la categoria del tributo accertato."
              : "Per un servizio dell'ente scegli la sua categoria, oppure «Altra categoria» e scrivine il codice.",
          )
        );
      }
      if (TAXONOMY_CATEGORIES.some((c) => c.code === v.categoria)) return v.categoria;
      return refuse("categoria", "Scegli la categoria del pagamento (tassonomia pagoPA).");
    });
}

function clip(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}

/**
 * Checks the form and builds the core's input. `today` (the portal's date) refuses due dates in
 * the past here already; createPosition checks them again.
 */
export function parsePositionForm(v: PositionFormValues, today: string): PositionFormResult {
  const own = new Map<string, string>();
  const add = (f: string, message: string | undefined) => {
    if (message !== undefined && !own.has(f)) own.set(f, message);
  };

  const form = parseFields(FORM_FIELDS, v);
  add(FIELD.tipo, form.errors.tipo);
  add(FIELD.servizio, form.errors.servizio);
  add(FIELD.validita, form.errors.validita);
  add(FIELD.modalita, form.errors.modalita);
  const { tipo: type, servizio: service, validita: validityDate, modalita: isPartialPayment } = form.values;

  const category = categorySchema(service).safeParse(v);
  if (!category.success)
    for (const issue of category.error.issues)
      add(issue.path[0] === "categoriaAltra" ? FIELD.categoriaAltra : FIELD.categoria, issue.message);

  const rows = filledRows(v);
  if (rows.length === 0) add(FIELD.importo(1), "Indica l'importo e la scadenza del pagamento.");
  const description = v.descrizione.trim().replace(/\s+/g, " ");
  const options = rows.map((r, i) => {
    const row = parseFields(ROW_FIELDS, r);
    add(FIELD.importo(r.row), row.errors.importo);
    add(FIELD.scadenza(r.row), row.errors.scadenza);
    const amountCents = row.values.importo;
    const causale = r.causale.trim();
    const optionDescription = causale
      ? causale
      : rows.length > 1 && isPartialPayment !== false
        ? clip(`Rata ${i + 1} di ${rows.length} - ${description}`, CREDITOR_LIMITS.text)
        : description;
    return {
      amountCents,
      description: optionDescription,
      dueDate: row.values.scadenza ?? "",
      transfers: [
        {
          amountCents,
          organizationFiscalCode: null,
          iban: null,
          remittanceInformation: optionDescription,
          category: category.data,
        },
      ],
    };
  });

  const parsed = parsePositionInput(
    {
      iupd: v.iupd.trim() || null,
      type: type ?? v.tipo,
      debtorFiscalCode: v.cf.trim(),
      debtorName: v.nominativo,
      companyName: null,
      service: service ?? v.servizio,
      description: v.descrizione,
      validityDate: validityDate ?? "",
      switchToExpired: v.scade,
      isPartialPayment,
      options,
    },
    {
      today,
      names: {
        description: "la causale",
        debtorName: "cognome e nome, o la ragione sociale",
        ...(type === "G" ? { debtorFiscalCode: "la partita IVA del debitore" } : {}),
      },
    },
  );
  if (own.size === 0 && parsed.ok) return { ok: true, value: parsed.value };
  const core = parsed.ok ? {} : parsed.errors;
  // A category left to a service not chosen yet is the service's error, not the category's.
  if (v.categoria === SERVICE_CATEGORY && !service)
    for (const path of Object.keys(core)) if (/\.category$/.test(path)) delete core[path];
  return { ok: false, errors: formErrors(own, core, v, defaultedRows(v)) };
}

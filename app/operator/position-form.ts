/**
 * The operator's "new debt position" form (a plain HTML form, no JavaScript needed) turned into the
 * payments core's input, and the core's errors, keyed by input path, turned back into errors by
 * form field. Pure: no I/O, tested on its own.
 *
 * The form has up to POSITION_ROWS payment rows (amount in euro as Italians type it, description,
 * due date); rows left empty are ignored. Each row becomes one payment option with one transfer of
 * the whole amount to the ente itself (the core fills in the ente's fiscal code and IBAN), under
 * one taxonomy category for the position: the service's own unless the operator picks another,
 * which the core then checks against the service. Messages name the fields as their labels do.
 */
import {
  POSITION_SERVICES,
  SERVICE_TAXONOMY,
  type NewPositionInput,
  type PositionFieldNames,
  type PositionService,
} from "~/payments/creditor-input";
import { parsePositionInput } from "~/payments/position-schema.server";
import { isValidIsoDate, parseDateIt } from "~/rules/time";
import { parseEuroToCents } from "~/rules/money";
import { OTHER_CATEGORY, TAXONOMY_CATEGORIES } from "~/operator/taxonomy";

export const POSITION_ROWS = 3;
const TEXT_MAX = 140;

/** The category select's default: the category the chosen service implies. */
export const SERVICE_CATEGORY = "";

/** The core's words for the fields whose labels say something else ("Causale"). */
const FIELD_NAMES: PositionFieldNames = {
  description: "la causale",
  debtorName: "cognome e nome, o la ragione sociale",
};

export interface PositionRowValues {
  importo: string;
  causale: string;
  scadenza: string;
}

/** What the operator typed, as typed: echoed back into the form when something is wrong. */
export interface PositionFormValues {
  tipo: string;
  cf: string;
  nominativo: string;
  servizio: string;
  descrizione: string;
  iupd: string;
  validita: string;
  categoria: string;
  categoriaAltra: string;
  modalita: string;
  scade: boolean;
  righe: PositionRowValues[];
}

/** The id of each input; errors are keyed by these and the summary links to them. */
export const FIELD = {
  tipo: "tipo-F",
  cf: "cf",
  nominativo: "nominativo",
  servizio: "servizio",
  descrizione: "descrizione",
  iupd: "iupd",
  validita: "validita",
  categoria: "categoria",
  categoriaAltra: "categoria-altra",
  modalita: "modalita-unica",
  importo: (row: number) => `importo-${row}`,
  causale: (row: number) => `causale-${row}`,
  scadenza: (row: number) => `scadenza-${row}`,
} as const;

export const EMPTY_POSITION_FORM: PositionFormValues = {
  tipo: "F",
  cf: "",
  nominativo: "",
  servizio: "",
  descrizione: "",
  iupd: "",
  validita: "",
  categoria: "",
  categoriaAltra: "",
  modalita: "unica",
  scade: false,
  righe: Array.from({ length: POSITION_ROWS }, () => ({ importo: "", causale: "", scadenza: "" })),
};

// Long enough for any valid value and its typing slips; a longer value is refused by the core
// anyway, this only bounds what is echoed back.
const ECHO_MAX = 600;

function field(form: Pick<FormData, "get">, name: string): string {
  const v = form.get(name);
  return typeof v === "string" ? v.slice(0, ECHO_MAX) : "";
}

export function readPositionForm(form: Pick<FormData, "get">): PositionFormValues {
  return {
    tipo: field(form, "tipo"),
    cf: field(form, "cf"),
    nominativo: field(form, "nominativo"),
    servizio: field(form, "servizio"),
    descrizione: field(form, "descrizione"),
    iupd: field(form, "iupd"),
    validita: field(form, "validita"),
    categoria: field(form, "categoria"),
    categoriaAltra: field(form, "categoria_altra"),
    modalita: field(form, "modalita"),
    scade: field(form, "scade") === "1",
    righe: Array.from({ length: POSITION_ROWS }, (_, i) => ({
      importo: field(form, `importo_${i + 1}`),
      causale: field(form, `causale_${i + 1}`),
      scadenza: field(form, `scadenza_${i + 1}`),
    })),
  };
}

export interface FormErrors {
  /** The first message for each field id. */
  byField: Record<string, string>;
  /** Every message in the order of the form; `field` null when no single field is at fault. */
  summary: Array<{ field: string | null; message: string }>;
}

export type PositionFormResult = { ok: true; value: NewPositionInput } | { ok: false; errors: FormErrors };

function isBlank(s: string): boolean {
  return s.trim() === "";
}

/** The rows that carry something, with their 1-based row number: the options, in order. */
export function filledRows(v: PositionFormValues): Array<PositionRowValues & { row: number }> {
  return v.righe
    .map((r, i) => ({ ...r, row: i + 1 }))
    .filter((r) => !isBlank(r.importo) || !isBlank(r.causale) || !isBlank(r.scadenza));
}

/** A date typed as AAAA-MM-GG (the date picker's value) or GG/MM/AAAA (typed by hand). */
function readDate(raw: string): { ok: true; value: string } | { ok: false } {
  const s = raw.trim();
  if (s === "") return { ok: true, value: "" };
  if (/^\d{4}-\d{2}-\d{2}$/.test(s) && isValidIsoDate(s)) return { ok: true, value: s };
  const it = parseDateIt(s);
  return it ? { ok: true, value: it } : { ok: false };
}

function clip(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}

function fieldOrder(rows: number): string[] {
  const out: string[] = [
    FIELD.tipo,
    FIELD.cf,
    FIELD.nominativo,
    FIELD.servizio,
    FIELD.descrizione,
    FIELD.iupd,
    FIELD.validita,
    FIELD.categoria,
    FIELD.categoriaAltra,
    FIELD.modalita,
  ];
  for (let row = 1; row <= rows; row++) out.push(FIELD.importo(row), FIELD.causale(row), FIELD.scadenza(row));
  return out;
}

const TOP_LEVEL: Record<string, string> = {
  type: FIELD.tipo,
  debtorFiscalCode: FIELD.cf,
  debtorName: FIELD.nominativo,
  companyName: FIELD.nominativo,
  service: FIELD.servizio,
  description: FIELD.descrizione,
  iupd: FIELD.iupd,
  validityDate: FIELD.validita,
  switchToExpired: FIELD.validita,
  isPartialPayment: FIELD.modalita,
  options: FIELD.modalita,
};

/**
 * The form field a core error belongs to, or null. `options[i]` is the i-th filled row; errors
 * on a row's description are dropped when the form filled that description in itself (the
 * position's description then carries the error).
 */
function fieldOfPath(
  path: string,
  v: PositionFormValues,
  defaulted: ReadonlySet<number>,
): string | null | false {
  if (path in TOP_LEVEL) {
    if (path === "options" && filledRows(v).length === 0) return FIELD.importo(1);
    return TOP_LEVEL[path]!;
  }
  const m = /^options\[(\d+)\](?:\.(\w+))?(?:\[\d+\]\.(\w+))?/.exec(path);
  if (!m) return null;
  const row = filledRows(v)[Number(m[1])]?.row ?? 1;
  switch (m[2]) {
    case "amountCents":
      return FIELD.importo(row);
    case "description":
      return defaulted.has(row) ? false : FIELD.causale(row);
    case "dueDate":
    case "retentionDate":
      return FIELD.scadenza(row);
    case "isPartialPayment":
      return FIELD.modalita;
    case "transfers":
      if (m[3] === "category") return v.categoria === OTHER_CATEGORY ? FIELD.categoriaAltra : FIELD.categoria;
      if (m[3] === "remittanceInformation") return defaulted.has(row) ? false : FIELD.causale(row);
      // The transfer repeats the row's amount: its errors are the amount's.
      return FIELD.importo(row);
    default:
      return FIELD.importo(row);
  }
}

/**
 * The form's own messages first (they speak of what was typed: euro, dates as GG/MM/AAAA), then
 * the core's, each under its field; one message per field, summary in the order of the form.
 */
export function formErrors(
  own: ReadonlyMap<string, string>,
  core: Record<string, string>,
  v: PositionFormValues,
  defaulted: ReadonlySet<number> = new Set(),
): FormErrors {
  const byField: Record<string, string> = {};
  const loose: string[] = [];
  for (const [f, message] of own) if (!(f in byField)) byField[f] = message;
  for (const [path, message] of Object.entries(core)) {
    const f = fieldOfPath(path, v, defaulted);
    if (f === false) continue;
    if (f === null) {
      if (!loose.includes(message)) loose.push(message);
    } else if (!(f in byField)) byField[f] = message;
  }
  const summary = [
    ...fieldOrder(Math.max(POSITION_ROWS, v.righe.length))
      .filter((f) => f in byField)
      .map((f) => ({ field: f, message: byField[f]! })),
    ...loose.map((message) => ({ field: null, message })),
  ];
  return { byField, summary };
}

/** Maps the core's errors from createPosition (checked again against the ente) onto the form. */
export function coreErrorsOnForm(core: Record<string, string>, v: PositionFormValues): FormErrors {
  return formErrors(new Map(), core, v, defaultedRows(v));
}

function defaultedRows(v: PositionFormValues): Set<number> {
  return new Set(
    filledRows(v)
      .filter((r) => isBlank(r.causale))
      .map((r) => r.row),
  );
}

/**
 * Checks the form and builds the core's input. `today` (the portal's date) refuses due dates in
 * the past here already; createPosition checks them again.
 */
export function parsePositionForm(v: PositionFormValues, today: string): PositionFormResult {
  const own = new Map<string, string>();
  const add = (f: string, message: string) => {
    if (!own.has(f)) own.set(f, message);
  };

  const type = v.tipo === "F" || v.tipo === "G" ? v.tipo : undefined;
  if (!type) add(FIELD.tipo, "Scegli se il debitore è una persona fisica o una persona giuridica.");
  if (isBlank(v.cf))
    add(
      FIELD.cf,
      type === "G" ? "Indica la partita IVA del debitore." : "Indica il codice fiscale del debitore.",
    );
  const service = (POSITION_SERVICES as readonly string[]).includes(v.servizio)
    ? (v.servizio as PositionService)
    : undefined;
  if (!service) add(FIELD.servizio, "Scegli il servizio a cui si riferisce il pagamento.");

  let category: string | undefined;
  // Without a service there is no category to derive: the service's error says what to do.
  const categoryWaitsForService = v.categoria === SERVICE_CATEGORY && !service;
  if (v.categoria === OTHER_CATEGORY) {
    if (isBlank(v.categoriaAltra))
      add(FIELD.categoriaAltra, "Scrivi il codice della categoria, per esempio 9/0101100IM/.");
    else category = v.categoriaAltra.trim().toUpperCase();
  } else if (v.categoria === SERVICE_CATEGORY) {
    if (service) {
      const own = SERVICE_TAXONOMY[service].own;
      if (own) category = own;
      else
        add(
          FIELD.categoria,
          service === "ACCERTAMENTO"
            ? "Per un avviso di accertamento scegli la categoria del tributo accertato."
            : "Per un servizio dell'ente scegli la sua categoria, oppure «Altra categoria» e scrivine il codice.",
        );
    }
  } else if (TAXONOMY_CATEGORIES.some((c) => c.code === v.categoria)) category = v.categoria;
  else add(FIELD.categoria, "Scegli la categoria del pagamento (tassonomia pagoPA).");

  const validity = readDate(v.validita);
  if (!validity.ok)
    add(FIELD.validita, "La data di validità non è una data valida: scrivila come GG/MM/AAAA.");

  let isPartialPayment: boolean | undefined;
  if (v.modalita === "unica") isPartialPayment = false;
  else if (v.modalita === "rate") isPartialPayment = true;
  else add(FIELD.modalita, "Scegli se il pagamento è in un'unica soluzione o a rate.");

  const rows = filledRows(v);
  if (rows.length === 0) add(FIELD.importo(1), "Indica l'importo e la scadenza del pagamento.");
  const description = v.descrizione.trim().replace(/\s+/g, " ");
  const defaulted = defaultedRows(v);
  const options = rows.map((r, i) => {
    let amountCents: number | undefined;
    if (isBlank(r.importo)) add(FIELD.importo(r.row), "Indica l'importo in euro, per esempio 1.234,56.");
    else {
      const cents = parseEuroToCents(r.importo);
      if (cents === null)
        add(FIELD.importo(r.row), "L'importo non è valido: scrivilo in euro, per esempio 1.234,56.");
      else if (cents < 1) add(FIELD.importo(r.row), "L'importo deve essere maggiore di zero.");
      else amountCents = cents;
    }
    const due = readDate(r.scadenza);
    if (!due.ok) add(FIELD.scadenza(r.row), "La scadenza non è una data valida: scrivila come GG/MM/AAAA.");
    const own = r.causale.trim();
    const optionDescription = own
      ? own
      : rows.length > 1 && isPartialPayment !== false
        ? clip(`Rata ${i + 1} di ${rows.length} - ${description}`, TEXT_MAX)
        : description;
    return {
      amountCents,
      description: optionDescription,
      dueDate: due.ok ? due.value : "",
      transfers: [
        {
          amountCents,
          organizationFiscalCode: null,
          iban: null,
          remittanceInformation: optionDescription,
          category,
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
      validityDate: validity.ok ? validity.value : "",
      switchToExpired: v.scade,
      isPartialPayment,
      options,
    },
    { today, names: FIELD_NAMES },
  );
  if (own.size === 0 && parsed.ok) return { ok: true, value: parsed.value };
  const core = parsed.ok ? {} : parsed.errors;
  if (categoryWaitsForService)
    for (const path of Object.keys(core)) if (/\.category$/.test(path)) delete core[path];
  return { ok: false, errors: formErrors(own, core, v, defaulted) };
}

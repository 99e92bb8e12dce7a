/**
 * The operator's "new debt position" form (a plain HTML form, no JavaScript needed): its fields,
 * what was typed, and the core's errors, keyed by input path, turned back into errors by form
 * field. The check itself, with zod, is `parsePositionForm` in `position-form.server.ts`: this
 * module is imported by the page's component and stays free of zod. Pure: no I/O.
 *
 * The form has up to POSITION_ROWS payment rows (amount in euro as Italians type it, description,
 * due date); rows left empty are ignored.
 */
import { OTHER_CATEGORY } from "~/operator/taxonomy";

export const POSITION_ROWS = 3;

/** The category select's default: the category the chosen service implies. */
export const SERVICE_CATEGORY = "";

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

export function isBlank(s: string): boolean {
  return s.trim() === "";
}

/** The rows that carry something, with their 1-based row number: the options, in order. */
export function filledRows(v: PositionFormValues): Array<PositionRowValues & { row: number }> {
  return v.righe
    .map((r, i) => ({ ...r, row: i + 1 }))
    .filter((r) => !isBlank(r.importo) || !isBlank(r.causale) || !isBlank(r.scadenza));
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

/** The filled rows without a causale of their own: the form fills their description in. */
export function defaultedRows(v: PositionFormValues): Set<number> {
  return new Set(
    filledRows(v)
      .filter((r) => isBlank(r.causale))
      .map((r) => r.row),
  );
}

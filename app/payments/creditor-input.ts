// What a creditor sends to create a debt position, checked field by field. Pure (no I/O, no
// server-only imports) so that the operator pages can also use the limits and labels in the
// browser. The checks that need the database or the clock's date (the ente's own fiscal code and
// IBAN, due dates not in the past) run again in `createPosition`.
import { validateCodiceFiscale } from "../rules/codice-fiscale";
import { isValidIban, normalizeIban } from "../rules/iban";
import { formatEuroSymbol, isValidIsoDate } from "../rules/money";
import { isValidPartitaIva } from "../rules/partita-iva";
import { categoryLabel, TAXONOMY } from "./taxonomy";

export const POSITION_SERVICES = [
  "IMU",
  "TARI",
  "BOLLO",
  "MULTA",
  "TICKET",
  "SERVIZI",
  "ACCERTAMENTO",
] as const;
export type PositionService = (typeof POSITION_SERVICES)[number];

export const SERVICE_LABEL: Record<PositionService, string> = {
  IMU: "IMU",
  TARI: "TARI",
  BOLLO: "Bollo auto",
  MULTA: "Sanzione amministrativa",
  TICKET: "Ticket sanitario",
  SERVIZI: "Servizi dell'ente",
  ACCERTAMENTO: "Avviso di accertamento",
};

/**
 * The taxonomy codes a position of each service may carry, so that a school canteen cannot be
 * collected as IMU nor IMU as a service of the ente. `own`: the code the service implies, which
 * the operator's form uses unless told otherwise (null: the operator has to choose). `allowed`:
 * every code its transfers may carry; "other" for the ente's other services, which take any code
 * of the right form except those that belong to one of the services above.
 */
export const SERVICE_TAXONOMY: Record<
  PositionService,
  { own: string | null; allowed: readonly string[] | "other" }
> = {
  IMU: { own: TAXONOMY.IMU.code, allowed: [TAXONOMY.IMU.code] },
  // The TEFA is collected with the TARI and goes to the province.
  TARI: { own: TAXONOMY.TARI.code, allowed: [TAXONOMY.TARI.code, TAXONOMY.TEFA.code] },
  BOLLO: { own: TAXONOMY.BOLLO.code, allowed: [TAXONOMY.BOLLO.code] },
  MULTA: { own: TAXONOMY.MULTA.code, allowed: [TAXONOMY.MULTA.code] },
  TICKET: { own: TAXONOMY.TICKET.code, allowed: [TAXONOMY.TICKET.code] },
  // An assessment is of a tax: its code is that tax's.
  ACCERTAMENTO: { own: null, allowed: [TAXONOMY.IMU.code, TAXONOMY.TARI.code, TAXONOMY.TEFA.code] },
  SERVIZI: { own: null, allowed: "other" },
};

/** Why a transfer of a `service` position cannot carry `category`, in Italian; null when it can. */
export function serviceCategoryProblem(service: PositionService, category: string): string | null {
  const { allowed } = SERVICE_TAXONOMY[service];
  if (allowed === "other") {
    const owner = POSITION_SERVICES.find((s) => {
      const a = SERVICE_TAXONOMY[s].allowed;
      return a !== "other" && a.includes(category);
    });
    if (!owner) return null;
    return `La categoria ${categoryLabel(category)} è riservata al servizio ${SERVICE_LABEL[owner]}: indica quel servizio, oppure la categoria del servizio dell'ente che si paga.`;
  }
  if (allowed.includes(category)) return null;
  return `La categoria ${categoryLabel(category)} non corrisponde al servizio ${SERVICE_LABEL[service]}: usa ${allowed.map(categoryLabel).join(" oppure ")}.`;
}

export const CREDITOR_LIMITS = {
  /** pagoPA: descriptions and remittance information up to 140 characters. */
  text: 140,
  debtorName: 140,
  /** iupd: the creditor's own id of the position (GPD allows up to 35 characters). */
  iupd: 35,
  /** A single payment, or up to this many instalments. */
  options: 24,
  /** pagoPA: 1 to 5 transfers per payment option. */
  transfers: 5,
  /** pagoPA's largest amount, 999,999,999.99 euros. */
  maxAmountCents: 99_999_999_999,
  reasonMin: 5,
  reasonMax: 500,
} as const;

export const IUPD_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,34}$/;
/** pagoPA taxonomy code of a transfer ("dati specifici di riscossione"), e.g. 9/0101100IM/. */
export const CATEGORY_PATTERN = /^\d\/\d{7}[A-Z]{2}\/$/;

export interface NewTransferInput {
  idTransfer: number;
  amountCents: number;
  /** The beneficiary; null means the ente itself. */
  organizationFiscalCode: string | null;
  /** Null: the beneficiary's IBAN on record. */
  iban: string | null;
  remittanceInformation: string;
  category: string;
}

export interface NewOptionInput {
  amountCents: number;
  description: string;
  dueDate: string;
  retentionDate: string | null;
  transfers: NewTransferInput[];
}

export interface NewPositionInput {
  /** Null: generated at creation. */
  iupd: string | null;
  type: "F" | "G";
  debtorFiscalCode: string;
  debtorName: string;
  /** Null: the ente's name. */
  companyName: string | null;
  service: PositionService;
  description: string;
  validityDate: string | null;
  switchToExpired: boolean;
  /** True: the options are instalments (at least two); false: one single payment. */
  isPartialPayment: boolean;
  options: NewOptionInput[];
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; errors: Record<string, string> };

function hasControlCharacter(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return true;
  }
  return false;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

class Errors {
  readonly all: Record<string, string> = {};
  add(path: string, message: string): void {
    if (!(path in this.all)) this.all[path] = message;
  }
  get empty(): boolean {
    return Object.keys(this.all).length === 0;
  }
}

/** A required one-line text of 1..max characters (trimmed), or undefined with an error added. */
function text(errors: Errors, path: string, value: unknown, max: number, what: string): string | undefined {
  if (value === undefined || value === null || (typeof value === "string" && value.trim() === "")) {
    errors.add(path, `Indica ${what}.`);
    return undefined;
  }
  if (typeof value !== "string") {
    errors.add(path, `${capitalize(what)}: è atteso un testo.`);
    return undefined;
  }
  const v = value.trim().replace(/\s+/g, " ");
  if (hasControlCharacter(v)) {
    errors.add(path, `${capitalize(what)}: contiene caratteri non ammessi.`);
    return undefined;
  }
  if (v.length > max) {
    errors.add(path, `${capitalize(what)}: al massimo ${max} caratteri (ne hai scritti ${v.length}).`);
    return undefined;
  }
  return v;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function optionalDate(errors: Errors, path: string, value: unknown, what: string): string | null | undefined {
  if (value === undefined || value === null || value === "") return null;
  if (typeof value !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(value) || !isValidIsoDate(value)) {
    errors.add(path, `${capitalize(what)}: indica una data valida nel formato AAAA-MM-GG.`);
    return undefined;
  }
  return value;
}

function flag(errors: Errors, path: string, value: unknown): boolean | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  if (typeof value === "boolean") return value;
  if (value === "true" || value === "on" || value === "1") return true;
  if (value === "false" || value === "0") return false;
  errors.add(path, "Valore non valido: è atteso vero o falso.");
  return undefined;
}

function cents(errors: Errors, path: string, value: unknown, what: string): number | undefined {
  if (value === undefined || value === null || value === "") {
    errors.add(path, `Indica ${what} in centesimi di euro.`);
    return undefined;
  }
  if (typeof value !== "number" || !Number.isSafeInteger(value)) {
    errors.add(
      path,
      `${capitalize(what)}: è atteso un numero intero di centesimi di euro (per esempio 1050 per € 10,50).`,
    );
    return undefined;
  }
  if (value < 1) {
    errors.add(path, `${capitalize(what)}: deve essere di almeno 1 centesimo.`);
    return undefined;
  }
  if (value > CREDITOR_LIMITS.maxAmountCents) {
    errors.add(path, `${capitalize(what)}: supera l'importo massimo ammesso da pagoPA.`);
    return undefined;
  }
  return value;
}

/** The debtor's fiscal code for the position type: a codice fiscale for F, a partita IVA for G. */
export function checkDebtorFiscalCode(
  type: "F" | "G",
  value: string,
): { ok: true; value: string } | { ok: false; reason: string } {
  if (type === "F") {
    const cf = validateCodiceFiscale(value);
    return cf.ok ? { ok: true, value: cf.cf } : { ok: false, reason: cf.reason };
  }
  const piva = value.replace(/\s+/g, "");
  if (!/^\d{11}$/.test(piva))
    return { ok: false, reason: "Per una persona giuridica indica la partita IVA: 11 cifre." };
  if (!isValidPartitaIva(piva))
    return {
      ok: false,
      reason: "La partita IVA non è valida: controlla le cifre (l'ultima è di controllo).",
    };
  return { ok: true, value: piva };
}

function parseTransfer(
  errors: Errors,
  path: string,
  raw: unknown,
  index: number,
): NewTransferInput | undefined {
  if (!isRecord(raw)) {
    errors.add(path, "Trasferimento non valido.");
    return undefined;
  }
  let idTransfer = index + 1;
  if (raw.idTransfer !== undefined && raw.idTransfer !== null) {
    if (
      typeof raw.idTransfer !== "number" ||
      !Number.isInteger(raw.idTransfer) ||
      raw.idTransfer < 1 ||
      raw.idTransfer > CREDITOR_LIMITS.transfers
    )
      errors.add(`${path}.idTransfer`, `Il numero del trasferimento va da 1 a ${CREDITOR_LIMITS.transfers}.`);
    else idTransfer = raw.idTransfer;
  }
  const amountCents = cents(errors, `${path}.amountCents`, raw.amountCents, "l'importo del trasferimento");
  let organizationFiscalCode: string | null = null;
  if (
    raw.organizationFiscalCode !== undefined &&
    raw.organizationFiscalCode !== null &&
    raw.organizationFiscalCode !== ""
  ) {
    const v =
      typeof raw.organizationFiscalCode === "string" ? raw.organizationFiscalCode.replace(/\s+/g, "") : "";
    if (!/^\d{11}$/.test(v) || !isValidPartitaIva(v))
      errors.add(
        `${path}.organizationFiscalCode`,
        "Il codice fiscale dell'ente beneficiario non è valido: 11 cifre, l'ultima di controllo.",
      );
    else organizationFiscalCode = v;
  }
  let iban: string | null = null;
  if (raw.iban !== undefined && raw.iban !== null && raw.iban !== "") {
    const v = typeof raw.iban === "string" ? normalizeIban(raw.iban) : "";
    if (!isValidIban(v)) errors.add(`${path}.iban`, "L'IBAN non è valido: controlla lettere e cifre.");
    else iban = v;
  }
  const remittanceInformation = text(
    errors,
    `${path}.remittanceInformation`,
    raw.remittanceInformation,
    CREDITOR_LIMITS.text,
    "la causale del trasferimento",
  );
  let category: string | undefined;
  if (typeof raw.category !== "string" || raw.category.trim() === "")
    errors.add(`${path}.category`, "Indica la categoria (tassonomia pagoPA), per esempio 9/0101100IM/.");
  else if (!CATEGORY_PATTERN.test(raw.category.trim()))
    errors.add(`${path}.category`, "La categoria (tassonomia pagoPA) deve avere la forma 9/0101100IM/.");
  else category = raw.category.trim();
  if (amountCents === undefined || remittanceInformation === undefined || category === undefined)
    return undefined;
  return { idTransfer, amountCents, organizationFiscalCode, iban, remittanceInformation, category };
}

function parseOption(
  errors: Errors,
  path: string,
  raw: unknown,
  today: string | undefined,
): (NewOptionInput & { isPartialPayment?: boolean }) | undefined {
  if (!isRecord(raw)) {
    errors.add(path, "Opzione di pagamento non valida.");
    return undefined;
  }
  const amountCents = cents(errors, `${path}.amountCents`, raw.amountCents, "l'importo");
  const description = text(
    errors,
    `${path}.description`,
    raw.description,
    CREDITOR_LIMITS.text,
    "la descrizione",
  );
  let dueDate: string | undefined;
  if (raw.dueDate === undefined || raw.dueDate === null || raw.dueDate === "")
    errors.add(`${path}.dueDate`, "Indica la scadenza.");
  else {
    const d = optionalDate(errors, `${path}.dueDate`, raw.dueDate, "la scadenza");
    if (d && today && d < today) errors.add(`${path}.dueDate`, "La scadenza non può essere già passata.");
    else if (d) dueDate = d;
  }
  const retentionDate = optionalDate(
    errors,
    `${path}.retentionDate`,
    raw.retentionDate,
    "la data di conservazione",
  );
  if (retentionDate && dueDate && retentionDate < dueDate)
    errors.add(`${path}.retentionDate`, "La data di conservazione non può precedere la scadenza.");
  const isPartialPayment = flag(errors, `${path}.isPartialPayment`, raw.isPartialPayment);

  let transfers: NewTransferInput[] | undefined;
  if (!Array.isArray(raw.transfers) || raw.transfers.length === 0)
    errors.add(`${path}.transfers`, "Indica almeno un trasferimento (a chi va l'importo).");
  else if (raw.transfers.length > CREDITOR_LIMITS.transfers)
    errors.add(
      `${path}.transfers`,
      `Al massimo ${CREDITOR_LIMITS.transfers} trasferimenti per opzione di pagamento.`,
    );
  else {
    const parsed = raw.transfers.map((t, j) => parseTransfer(errors, `${path}.transfers[${j}]`, t, j));
    if (parsed.every((t): t is NewTransferInput => t !== undefined)) {
      const ids = new Set(parsed.map((t) => t.idTransfer));
      if (ids.size !== parsed.length)
        errors.add(`${path}.transfers`, "I numeri dei trasferimenti devono essere diversi tra loro.");
      else if (amountCents !== undefined) {
        const sum = parsed.reduce((s, t) => s + t.amountCents, 0);
        if (sum !== amountCents)
          errors.add(
            `${path}.transfers`,
            `La somma dei trasferimenti (${formatEuroSymbol(sum)}) deve essere uguale all'importo (${formatEuroSymbol(amountCents)}).`,
          );
        else transfers = parsed;
      }
    }
  }
  if (
    amountCents === undefined ||
    description === undefined ||
    dueDate === undefined ||
    retentionDate === undefined ||
    transfers === undefined
  )
    return undefined;
  return { amountCents, description, dueDate, retentionDate, transfers, isPartialPayment };
}

/**
 * How the messages name the fields whose words differ from caller to caller (the operator's form
 * calls the description "Causale"), with the article: "la causale".
 */
export interface PositionFieldNames {
  description?: string;
  debtorName?: string;
}

/**
 * Checks a new debt position as received (an operator's form turned into an object, or the API's
 * body mapped to these names). Errors are Italian messages keyed by field path, e.g.
 * `debtorFiscalCode`, `options[0].dueDate`, `options[1].transfers[0].iban`. With `today`, due dates
 * in the past are refused here too. Every transfer's category must fit the service.
 */
export function parsePositionInput(
  raw: unknown,
  opts: { today?: string; names?: PositionFieldNames } = {},
): ParseResult<NewPositionInput> {
  const errors = new Errors();
  if (!isRecord(raw)) return { ok: false, errors: { "": "La posizione debitoria deve essere un oggetto." } };

  let type: "F" | "G" | undefined;
  if (raw.type === "F" || raw.type === "G") type = raw.type;
  else errors.add("type", "Indica il tipo di debitore: F (persona fisica) o G (persona giuridica).");

  let debtorFiscalCode: string | undefined;
  if (typeof raw.debtorFiscalCode !== "string" || raw.debtorFiscalCode.trim() === "")
    errors.add("debtorFiscalCode", "Indica il codice fiscale del debitore.");
  else if (type) {
    const cf = checkDebtorFiscalCode(type, raw.debtorFiscalCode);
    if (cf.ok) debtorFiscalCode = cf.value;
    else errors.add("debtorFiscalCode", cf.reason);
  }
  const debtorName = text(
    errors,
    "debtorName",
    raw.debtorName,
    CREDITOR_LIMITS.debtorName,
    opts.names?.debtorName ?? "il nome del debitore",
  );
  let companyName: string | null = null;
  if (raw.companyName !== undefined && raw.companyName !== null && raw.companyName !== "")
    companyName =
      text(errors, "companyName", raw.companyName, CREDITOR_LIMITS.text, "la denominazione dell'ente") ??
      null;

  let service: PositionService | undefined;
  if (typeof raw.service === "string" && (POSITION_SERVICES as readonly string[]).includes(raw.service))
    service = raw.service as PositionService;
  else errors.add("service", `Indica il servizio: uno tra ${POSITION_SERVICES.join(", ")}.`);

  const description = text(
    errors,
    "description",
    raw.description,
    CREDITOR_LIMITS.text,
    opts.names?.description ?? "la descrizione",
  );

  let iupd: string | null = null;
  if (raw.iupd !== undefined && raw.iupd !== null && raw.iupd !== "") {
    if (typeof raw.iupd !== "string" || !IUPD_PATTERN.test(raw.iupd))
      errors.add(
        "iupd",
        `L'identificativo della posizione (IUPD) ha da 1 a ${CREDITOR_LIMITS.iupd} caratteri tra lettere, cifre, punto, trattino e trattino basso, e inizia con una lettera o una cifra.`,
      );
    else iupd = raw.iupd;
  }
  const validityDate = optionalDate(errors, "validityDate", raw.validityDate, "la data di validità");
  const switchToExpired = flag(errors, "switchToExpired", raw.switchToExpired) ?? false;
  const positionPartial = flag(errors, "isPartialPayment", raw.isPartialPayment);

  let options: Array<NewOptionInput & { isPartialPayment?: boolean }> | undefined;
  let isPartialPayment = positionPartial ?? false;
  if (!Array.isArray(raw.options) || raw.options.length === 0)
    errors.add("options", "Indica almeno un'opzione di pagamento.");
  else if (raw.options.length > CREDITOR_LIMITS.options)
    errors.add("options", `Al massimo ${CREDITOR_LIMITS.options} rate.`);
  else {
    const parsed = raw.options.map((o, i) => parseOption(errors, `options[${i}]`, o, opts.today));
    isPartialPayment =
      positionPartial ??
      parsed.find((o) => o?.isPartialPayment !== undefined)?.isPartialPayment ??
      raw.options.length > 1;
    parsed.forEach((o, i) => {
      if (o && o.isPartialPayment !== undefined && o.isPartialPayment !== isPartialPayment)
        errors.add(
          `options[${i}].isPartialPayment`,
          "Le opzioni di una posizione sono tutte rate oppure una sola unica soluzione.",
        );
    });
    if (!isPartialPayment && raw.options.length > 1)
      errors.add(
        "options",
        "Un pagamento in unica soluzione ha una sola opzione: per più scadenze indica che si tratta di rate.",
      );
    if (isPartialPayment && raw.options.length < 2)
      errors.add("options", "Un pagamento a rate ha almeno due rate.");
    if (service)
      parsed.forEach((o, i) =>
        o?.transfers.forEach((t, j) => {
          const problem = serviceCategoryProblem(service, t.category);
          if (problem) errors.add(`options[${i}].transfers[${j}].category`, problem);
        }),
      );
    if (parsed.every((o): o is NonNullable<typeof o> => o !== undefined)) {
      for (let i = 1; i < parsed.length; i++)
        if (parsed[i]!.dueDate < parsed[i - 1]!.dueDate)
          errors.add(`options[${i}].dueDate`, "Le rate vanno indicate in ordine di scadenza.");
      options = parsed;
    }
  }
  if (validityDate && options?.length) {
    const first = options.reduce((min, o) => (o.dueDate < min ? o.dueDate : min), options[0]!.dueDate);
    if (validityDate > first)
      errors.add("validityDate", "La data di validità non può essere successiva alla prima scadenza.");
  }

  if (
    !errors.empty ||
    !type ||
    !debtorFiscalCode ||
    !debtorName ||
    !service ||
    !description ||
    validityDate === undefined ||
    !options
  )
    return { ok: false, errors: errors.all };
  return {
    ok: true,
    value: {
      iupd,
      type,
      debtorFiscalCode,
      debtorName,
      companyName,
      service,
      description,
      validityDate,
      switchToExpired,
      isPartialPayment,
      options: options.map(({ isPartialPayment: _ignored, ...o }) => o),
    },
  };
}

/** The reason for invalidating a position: 5 to 500 characters on one line. */
export function parseInvalidationReason(
  raw: unknown,
): { ok: true; value: string } | { ok: false; message: string } {
  const v = typeof raw === "string" ? raw.trim().replace(/\s+/g, " ") : "";
  if (v.length < CREDITOR_LIMITS.reasonMin || v.length > CREDITOR_LIMITS.reasonMax || hasControlCharacter(v))
    return {
      ok: false,
      message: `Scrivi il motivo dell'annullamento: tra ${CREDITOR_LIMITS.reasonMin} e ${CREDITOR_LIMITS.reasonMax} caratteri.`,
    };
  return { ok: true, value: v };
}

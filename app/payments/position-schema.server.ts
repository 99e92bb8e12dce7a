// The one check of a new debt position, as a zod schema: the API's body (GPD names, strict) is
// parsed with it, and so are the operator's form and the campaign files through
// `parsePositionInput` (the core's names). `/api/v1/openapi.json` describes request bodies with
// the JSON Schema generated from these schemas, so contract and validation cannot drift apart.
// Server-only: zod stays out of the browser bundles (decision 016).
import { z } from "zod";
import { isValidIban, normalizeIban } from "~/rules/iban";
import { isValidIsoDate } from "~/rules/time";
import { formatEuroSymbol } from "~/rules/money";
import { isValidPartitaIva } from "~/rules/partita-iva";
import { validateCodiceFiscale } from "~/rules/codice-fiscale";
import {
  CATEGORY_PATTERN,
  CREDITOR_LIMITS,
  IUPD_PATTERN,
  POSITION_SERVICES,
  serviceCategoryProblem,
  type NewPositionInput,
  type ParseResult,
  type PositionFieldNames,
  type PositionService,
} from "~/payments/creditor-input";

type Issue = z.core.$ZodIssue;
type Path = ReadonlyArray<PropertyKey>;

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

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

const oneLine = (v: string) => v.trim().replace(/\s+/g, " ");
const absent = (v: unknown) => v === undefined || v === null;
/** Optional fields: an empty string means "not given", as a blank form field does. */
const emptyIsAbsent = (v: unknown) => (v === "" ? null : v);

/** `options[0].transfers[1].iban`: the notation of the error keys and of `invalidParams`. */
export function formatPath(path: Path): string {
  let out = "";
  for (const p of path) out += typeof p === "number" ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return out;
}

/** A required one-line text of 1..max characters, spaces collapsed. */
function text(max: number, what: string) {
  const missing = `Indica ${what}.`;
  return z
    .string({ error: (iss) => (absent(iss.input) ? missing : `${capitalize(what)}: è atteso un testo.`) })
    .overwrite(oneLine)
    .min(1, missing)
    .refine((v) => !hasControlCharacter(v), `${capitalize(what)}: contiene caratteri non ammessi.`)
    .max(max, {
      error: (iss) =>
        `${capitalize(what)}: al massimo ${max} caratteri (ne hai scritti ${String(iss.input).length}).`,
    });
}

/** An amount in integer euro cents, 1 cent up to pagoPA's largest. */
function cents(what: string) {
  return z
    .int({
      error: (iss) =>
        absent(iss.input) || iss.input === ""
          ? `Indica ${what} in centesimi di euro.`
          : `${capitalize(what)}: è atteso un numero intero di centesimi di euro (per esempio 1050 per € 10,50).`,
    })
    .min(1, `${capitalize(what)}: deve essere di almeno 1 centesimo.`)
    .max(CREDITOR_LIMITS.maxAmountCents, `${capitalize(what)}: supera l'importo massimo ammesso da pagoPA.`)
    .meta({ description: "Importo in centesimi di euro." });
}

/** A calendar date written AAAA-MM-GG. */
export const isIsoDate = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v) && isValidIsoDate(v);

function date(what: string, missing?: string) {
  const invalid = `${capitalize(what)}: indica una data valida nel formato AAAA-MM-GG.`;
  return z
    .string({ error: (iss) => (missing && absent(iss.input) ? missing : invalid) })
    .min(1, missing ?? invalid)
    .refine(isIsoDate, invalid)
    .meta({ format: "date" });
}

const optionalDate = (what: string) => z.preprocess(emptyIsAbsent, date(what).nullable().optional());

const FLAG_TEXT = { true: true, on: true, "1": true, false: false, "0": false } as const;
/** A yes/no: JSON booleans, or the words an HTML form sends. */
const flag = z.preprocess(
  emptyIsAbsent,
  z
    .union(
      [
        z.boolean(),
        z.enum(Object.keys(FLAG_TEXT) as [keyof typeof FLAG_TEXT]).transform((v) => FLAG_TEXT[v]),
      ],
      { error: "Valore non valido: è atteso vero o falso." },
    )
    .nullable()
    .optional(),
);

const CATEGORY_MISSING = "Indica la categoria (tassonomia pagoPA), per esempio 9/0101100IM/.";
const BENEFICIARY = "Il codice fiscale dell'ente beneficiario non è valido: 11 cifre, l'ultima di controllo.";
const IBAN = "L'IBAN non è valido: controlla lettere e cifre.";
const IUPD = `L'identificativo della posizione (IUPD) ha da 1 a ${CREDITOR_LIMITS.iupd} caratteri tra lettere, cifre, punto, trattino e trattino basso, e inizia con una lettera o una cifra.`;
const TRANSFER_ID = `Il numero del trasferimento va da 1 a ${CREDITOR_LIMITS.transfers}.`;

/** The debtor's fiscal code by position type: a codice fiscale for F, a partita IVA for G. */
export const debtorFiscalCodeSchema = {
  F: z.string().transform((value, ctx) => {
    const cf = validateCodiceFiscale(value);
    if (cf.ok) return cf.cf;
    ctx.addIssue({ code: "custom", message: cf.reason });
    return z.NEVER;
  }),
  G: z
    .string()
    .overwrite((v) => v.replace(/\s+/g, ""))
    .regex(/^\d{11}$/, { message: "Per una persona giuridica indica la partita IVA: 11 cifre.", abort: true })
    .refine(isValidPartitaIva, "La partita IVA non è valida: controlla le cifre (l'ultima è di controllo)."),
} as const;

/** The issues of a parse, as the checks read them: is anything wrong at a path, or below it? */
class IssueIndex {
  private readonly paths: string[];
  constructor(issues: readonly { path?: Path }[], base: Path = []) {
    this.paths = issues.map((i) => formatPath([...base, ...(i.path ?? [])]));
  }
  at(path: string): boolean {
    return this.paths.includes(path);
  }
  under(path: string): boolean {
    return this.paths.some((p) => p === path || p.startsWith(`${path}.`) || p.startsWith(`${path}[`));
  }
}

type Raw = Record<string, unknown>;
const flagOf = (v: unknown): boolean | undefined => (typeof v === "boolean" ? v : undefined);

/** A transfer counts for the option's sums when its amount, remittance and category are sound. */
function transferSound(idx: IssueIndex, at: string): boolean {
  return !idx.at(at) && !["amount", "remittanceInformation", "category"].some((f) => idx.under(`${at}.${f}`));
}

/** An option takes part in the position's checks when every part the core needs is sound. */
function optionSound(idx: IssueIndex, at: string, option: unknown): boolean {
  if (idx.at(at) || !isRecord(option) || !Array.isArray(option.transfer) || idx.at(`${at}.transfer`))
    return false;
  if (["amount", "description", "dueDate", "retentionDate"].some((f) => idx.under(`${at}.${f}`)))
    return false;
  return option.transfer.every((_, j) => transferSound(idx, `${at}.transfer[${j}]`));
}

function effectiveTransferId(idx: IssueIndex, at: string, t: Raw, j: number): number {
  return !idx.under(`${at}.idTransfer`) && typeof t.idTransfer === "number" ? t.idTransfer : j + 1;
}

/** Whether the options are instalments: said by the position, else by the first sound option, else by their number. */
function partialPayment(idx: IssueIndex, position: Raw, options: unknown[]): boolean {
  const own = idx.under("isPartialPayment") ? undefined : flagOf(position.isPartialPayment);
  if (own !== undefined) return own;
  for (let i = 0; i < options.length; i++) {
    const at = `paymentOption[${i}]`;
    const o = options[i];
    if (optionSound(idx, at, o) && !idx.under(`${at}.isPartialPayment`)) {
      const f = flagOf((o as Raw).isPartialPayment);
      if (f !== undefined) return f;
    }
  }
  return options.length > 1;
}

export interface PositionSchemaOptions {
  /** The portal's date: due dates before it are refused. */
  today?: string;
  names?: PositionFieldNames;
  /**
   * The core's own callers (the operator's form, campaign files) may say at the position level
   * whether the options are instalments; the API says it per option.
   */
  positionFlag?: boolean;
}

function buildSchemas(opts: PositionSchemaOptions) {
  const transfer = z.strictObject(
    {
      idTransfer: z
        .int({ error: TRANSFER_ID })
        .min(1, TRANSFER_ID)
        .max(CREDITOR_LIMITS.transfers, TRANSFER_ID)
        .nullable()
        .optional(),
      amount: cents("l'importo del trasferimento"),
      organizationFiscalCode: z.preprocess(
        emptyIsAbsent,
        z
          .string({ error: BENEFICIARY })
          .overwrite((v) => v.replace(/\s+/g, ""))
          .regex(/^\d{11}$/, BENEFICIARY)
          .refine(isValidPartitaIva, BENEFICIARY)
          .meta({ description: "Codice fiscale dell'ente beneficiario: 11 cifre." })
          .nullable()
          .optional(),
      ),
      iban: z.preprocess(
        emptyIsAbsent,
        z
          .string({ error: IBAN })
          .overwrite(normalizeIban)
          .refine(isValidIban, IBAN)
          .meta({ description: "Senza IBAN si usa quello dell'ente beneficiario registrato nel portale." })
          .nullable()
          .optional(),
      ),
      remittanceInformation: text(CREDITOR_LIMITS.text, "la causale del trasferimento"),
      category: z
        .string({ error: CATEGORY_MISSING })
        .overwrite((v) => v.trim())
        .min(1, CATEGORY_MISSING)
        .regex(CATEGORY_PATTERN, "La categoria (tassonomia pagoPA) deve avere la forma 9/0101100IM/.")
        .meta({
          example: "9/0101100IM/",
          description:
            "Codice della tassonomia pagoPA, coerente con il servizio della posizione: IMU, TARI (anche TEFA), BOLLO, MULTA e TICKET hanno i loro codici, ACCERTAMENTO quelli del tributo accertato; SERVIZI non può usare i codici di questi servizi.",
        }),
    },
    { error: (iss) => (iss.code === "invalid_type" ? "Trasferimento non valido." : undefined) },
  );

  const MISSING_TRANSFER = "Indica almeno un trasferimento (a chi va l'importo).";
  const option = z
    .strictObject(
      {
        amount: cents("l'importo"),
        description: text(CREDITOR_LIMITS.text, "la descrizione"),
        dueDate: date("la scadenza", "Indica la scadenza.").meta({ description: "Non nel passato." }),
        retentionDate: optionalDate("la data di conservazione"),
        isPartialPayment: flag.meta({
          description: "true per le rate (almeno due), false per l'unica soluzione (una sola opzione).",
        }),
        transfer: z
          .array(transfer, { error: MISSING_TRANSFER })
          .min(1, MISSING_TRANSFER)
          .max(
            CREDITOR_LIMITS.transfers,
            `Al massimo ${CREDITOR_LIMITS.transfers} trasferimenti per opzione di pagamento.`,
          )
          .meta({ description: "Gli importi sommano all'importo dell'opzione; il primo va all'ente." }),
      },
      { error: (iss) => (iss.code === "invalid_type" ? "Opzione di pagamento non valida." : undefined) },
    )
    .superRefine(
      (o, ctx) => {
        if (!isRecord(o)) return;
        const idx = () => new IssueIndex(ctx.issues);
        const add = (path: string, message: string) =>
          ctx.addIssue({ code: "custom", path: [path], message });
        if (opts.today && !idx().under("dueDate") && typeof o.dueDate === "string" && o.dueDate < opts.today)
          add("dueDate", "La scadenza non può essere già passata.");
        const now = idx();
        if (
          typeof o.retentionDate === "string" &&
          typeof o.dueDate === "string" &&
          !now.under("retentionDate") &&
          !now.under("dueDate") &&
          o.retentionDate < o.dueDate
        )
          add("retentionDate", "La data di conservazione non può precedere la scadenza.");
        const transfers = o.transfer;
        if (!Array.isArray(transfers) || now.at("transfer")) return;
        if (!transfers.every((_, j) => transferSound(now, `transfer[${j}]`))) return;
        const ids = new Set(transfers.map((t: Raw, j) => effectiveTransferId(now, `transfer[${j}]`, t, j)));
        if (ids.size !== transfers.length)
          add("transfer", "I numeri dei trasferimenti devono essere diversi tra loro.");
        else if (!now.under("amount")) {
          const sum = transfers.reduce((s: number, t: Raw) => s + (t.amount as number), 0);
          if (sum !== o.amount)
            add(
              "transfer",
              `La somma dei trasferimenti (${formatEuroSymbol(sum)}) deve essere uguale all'importo (${formatEuroSymbol(o.amount)}).`,
            );
        }
      },
      { when: () => true },
    );

  const MISSING_OPTION = "Indica almeno un'opzione di pagamento.";
  const descriptionName = opts.names?.description ?? "la descrizione";
  const missingFiscalCode = `Indica ${opts.names?.debtorFiscalCode ?? "il codice fiscale del debitore"}.`;
  const shape = {
    iupd: z.preprocess(
      emptyIsAbsent,
      z.string({ error: IUPD }).regex(IUPD_PATTERN, IUPD).nullable().optional(),
    ),
    type: z
      .enum(["F", "G"], { error: "Indica il tipo di debitore: F (persona fisica) o G (persona giuridica)." })
      .meta({ description: "F persona fisica, G persona giuridica." }),
    fiscalCode: z
      .string({ error: missingFiscalCode })
      .refine((v) => v.trim() !== "", missingFiscalCode)
      .meta({ description: "Codice fiscale (F) o partita IVA (G) del debitore." }),
    fullName: text(CREDITOR_LIMITS.debtorName, opts.names?.debtorName ?? "il nome del debitore"),
    companyName: z.preprocess(
      emptyIsAbsent,
      text(CREDITOR_LIMITS.text, "la denominazione dell'ente").nullable().optional(),
    ),
    service: z.enum(POSITION_SERVICES, {
      error: `Indica il servizio: uno tra ${POSITION_SERVICES.join(", ")}.`,
    }),
    description: text(CREDITOR_LIMITS.text, descriptionName)
      .optional()
      .meta({ description: "Se assente, la descrizione della prima opzione." }),
    validityDate: optionalDate("la data di validità").meta({ description: "Non dopo la prima scadenza." }),
    switchToExpired: flag,
    ...(opts.positionFlag ? { isPartialPayment: flag } : {}),
    paymentOption: z
      .array(option, { error: MISSING_OPTION })
      .min(1, MISSING_OPTION)
      .max(CREDITOR_LIMITS.options, `Al massimo ${CREDITOR_LIMITS.options} rate.`),
  };

  const checked = z
    .strictObject(shape, {
      error: (iss) =>
        iss.code === "invalid_type" ? "La posizione debitoria deve essere un oggetto." : undefined,
    })
    .superRefine(
      (p, ctx) => {
        if (!isRecord(p)) return;
        const raw = p as Raw;
        const add = (path: Path, message: string) =>
          ctx.addIssue({ code: "custom", path: [...path], message });
        let idx = new IssueIndex(ctx.issues);
        if (raw.description === undefined && !idx.under("description"))
          add(["description"], `Indica ${descriptionName}.`);
        if (!idx.under("fiscalCode") && !idx.under("type")) {
          const cf = debtorFiscalCodeSchema[raw.type as "F" | "G"].safeParse(raw.fiscalCode);
          if (!cf.success) add(["fiscalCode"], cf.error.issues[0]!.message);
        }
        const options = raw.paymentOption;
        if (!Array.isArray(options) || idx.at("paymentOption")) return;
        idx = new IssueIndex(ctx.issues);
        const isPartial = partialPayment(idx, raw, options);
        const sound = options.map((o, i) => optionSound(idx, `paymentOption[${i}]`, o));
        options.forEach((o: Raw, i) => {
          const f = idx.under(`paymentOption[${i}].isPartialPayment`)
            ? undefined
            : flagOf(o.isPartialPayment);
          if (sound[i] && f !== undefined && f !== isPartial)
            add(
              ["paymentOption", i, "isPartialPayment"],
              "Le opzioni di una posizione sono tutte rate oppure una sola unica soluzione.",
            );
        });
        if (!isPartial && options.length > 1)
          add(
            ["paymentOption"],
            "Un pagamento in unica soluzione ha una sola opzione: per più scadenze indica che si tratta di rate.",
          );
        if (isPartial && options.length < 2)
          add(["paymentOption"], "Un pagamento a rate ha almeno due rate.");
        if (!idx.under("service"))
          options.forEach((o: Raw, i) => {
            if (!sound[i]) return;
            (o.transfer as Raw[]).forEach((t, j) => {
              const problem = serviceCategoryProblem(raw.service as PositionService, t.category as string);
              if (problem) add(["paymentOption", i, "transfer", j, "category"], problem);
            });
          });
        if (!sound.every(Boolean)) return;
        const dues = options.map((o: Raw) => o.dueDate as string);
        for (let i = 1; i < dues.length; i++)
          if (dues[i]! < dues[i - 1]!)
            add(["paymentOption", i, "dueDate"], "Le rate vanno indicate in ordine di scadenza.");
        const first = dues.reduce((min, d) => (d < min ? d : min), dues[0]!);
        if (typeof raw.validityDate === "string" && !idx.under("validityDate") && raw.validityDate > first)
          add(["validityDate"], "La data di validità non può essere successiva alla prima scadenza.");
      },
      { when: () => true },
    );

  // Without a description the first option's describes the position (GPD's own habit).
  const position = z
    .preprocess((v) => {
      if (!isRecord(v) || !absent(v.description)) return v;
      const first = Array.isArray(v.paymentOption) ? v.paymentOption[0] : undefined;
      const { description: _absent, ...rest } = v;
      return isRecord(first) && !absent(first.description)
        ? { ...rest, description: first.description }
        : rest;
    }, checked)
    .transform((p): NewPositionInput => {
      const idx = new IssueIndex([]);
      const type = p.type;
      return {
        iupd: p.iupd ?? null,
        type,
        debtorFiscalCode: debtorFiscalCodeSchema[type].parse(p.fiscalCode),
        debtorName: p.fullName,
        companyName: p.companyName ?? null,
        service: p.service,
        description: p.description!,
        validityDate: p.validityDate ?? null,
        switchToExpired: p.switchToExpired ?? false,
        isPartialPayment: partialPayment(idx, p as Raw, p.paymentOption),
        options: p.paymentOption.map((o) => ({
          amountCents: o.amount,
          description: o.description,
          dueDate: o.dueDate,
          retentionDate: o.retentionDate ?? null,
          transfers: o.transfer.map((t, j) => ({
            idTransfer: t.idTransfer ?? j + 1,
            amountCents: t.amount,
            organizationFiscalCode: t.organizationFiscalCode ?? null,
            iban: t.iban ?? null,
            remittanceInformation: t.remittanceInformation,
            category: t.category,
          })),
        })),
      };
    });
  return { position, option, transfer };
}

const built = new Map<string, ReturnType<typeof buildSchemas>>();

/** The schemas for these options, built once per day and wording (zod compiles each object). */
export function debtPositionSchemas(opts: PositionSchemaOptions = {}) {
  const key = JSON.stringify([
    opts.today,
    opts.names?.description,
    opts.names?.debtorName,
    opts.names?.debtorFiscalCode,
    !!opts.positionFlag,
  ]);
  let s = built.get(key);
  if (!s) {
    if (built.size >= 16) built.clear();
    s = buildSchemas(opts);
    built.set(key, s);
  }
  return s;
}

/** The API's body of a new debt position. */
export const newDebtPositionSchema = (opts: Omit<PositionSchemaOptions, "positionFlag"> = {}) =>
  debtPositionSchemas(opts).position;

export interface IssueErrors {
  /** The first message for each field path. */
  errors: Record<string, string>;
  /** Properties the schema does not name, in the body's notation (`paymentOption[0].colour`). */
  unknown: string[];
}

/** Zod's issues as Italian messages by field path, and the properties no schema names. */
export function issueErrors(issues: readonly Issue[]): IssueErrors {
  const errors: Record<string, string> = {};
  const unknown: string[] = [];
  for (const issue of issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) unknown.push(formatPath([...issue.path, key]));
      continue;
    }
    const path = formatPath(issue.path);
    if (!(path in errors)) errors[path] = issue.message;
  }
  return { errors, unknown };
}

/** What `parseFields` gives: each field's output when it parsed, its first message when not. */
export interface FieldsResult<S extends Record<string, z.ZodType>> {
  values: { [K in keyof S]?: z.output<S[K]> };
  errors: Partial<Record<keyof S, string>>;
}

/**
 * Parses each field of `raw` with its own schema, so that what parsed is known even when other
 * fields fail: the operator's form and a campaign file's row go on to the core's checks with it
 * and report the errors of both together.
 */
export function parseFields<S extends Record<string, z.ZodType>>(
  shape: S,
  raw: { [K in keyof S]: unknown },
): FieldsResult<S> {
  const out: FieldsResult<S> = { values: {}, errors: {} };
  for (const key of Object.keys(shape) as Array<keyof S>) {
    const r = shape[key]!.safeParse(raw[key]);
    if (r.success) out.values[key] = r.data as z.output<S[typeof key]>;
    else out.errors[key] = r.error.issues[0]!.message;
  }
  return out;
}

const CORE_NAMES: Array<[RegExp, string]> = [
  [/^fiscalCode$/, "debtorFiscalCode"],
  [/^fullName$/, "debtorName"],
  [/^paymentOption/, "options"],
  [/\.transfer(?=\[|$)/, ".transfers"],
  [/\.amount$/, ".amountCents"],
];

function renamed(v: unknown, names: Record<string, string>, nested?: (k: string, v: unknown) => unknown) {
  if (!isRecord(v)) return v;
  return Object.fromEntries(
    Object.entries(v).map(([k, x]) => [names[k] ?? k, nested ? nested(names[k] ?? k, x) : x]),
  );
}

/** The core's spelling of a position (debtorFiscalCode, options[].amountCents, transfers) in the API's. */
function apiSpelling(raw: unknown): unknown {
  const transfer = (t: unknown) => renamed(t, { amountCents: "amount" });
  const option = (o: unknown) =>
    renamed(o, { amountCents: "amount", transfers: "transfer" }, (k, x) =>
      k === "transfer" && Array.isArray(x) ? x.map(transfer) : x,
    );
  return renamed(
    raw,
    { debtorFiscalCode: "fiscalCode", debtorName: "fullName", options: "paymentOption" },
    (k, x) => (k === "paymentOption" && Array.isArray(x) ? x.map(option) : x),
  );
}

/**
 * Checks a new debt position in the core's names (the operator's form turned into an object, a
 * row of a campaign file). Errors are Italian messages keyed by field path, e.g.
 * `debtorFiscalCode`, `options[0].dueDate`, `options[1].transfers[0].iban`. With `today`, due dates
 * in the past are refused. Every transfer's category must fit the service.
 */
export function parsePositionInput(
  raw: unknown,
  opts: { today?: string; names?: PositionFieldNames } = {},
): ParseResult<NewPositionInput> {
  const r = debtPositionSchemas({ ...opts, positionFlag: true }).position.safeParse(apiSpelling(raw));
  if (r.success) return { ok: true, value: r.data };
  const { errors, unknown } = issueErrors(r.error.issues);
  const out: Record<string, string> = {};
  for (const [path, message] of Object.entries(errors)) {
    const core = CORE_NAMES.reduce((p, [re, to]) => p.replace(re, to), path);
    if (!(core in out)) out[core] = message;
  }
  for (const path of unknown) out[path] ??= "Proprietà non prevista.";
  return { ok: false, errors: out };
}

/** The reason for invalidating a position: 5 to 500 characters on one line. */
const REASON = `Scrivi il motivo dell'annullamento: tra ${CREDITOR_LIMITS.reasonMin} e ${CREDITOR_LIMITS.reasonMax} caratteri.`;
export const invalidationReasonSchema = z
  .string({ error: REASON })
  .overwrite(oneLine)
  .min(CREDITOR_LIMITS.reasonMin, REASON)
  .max(CREDITOR_LIMITS.reasonMax, REASON)
  .refine((v) => !hasControlCharacter(v), REASON);

export function parseInvalidationReason(
  raw: unknown,
): { ok: true; value: string } | { ok: false; message: string } {
  const r = invalidationReasonSchema.safeParse(raw);
  return r.success ? { ok: true, value: r.data } : { ok: false, message: REASON };
}

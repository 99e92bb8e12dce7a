// What a creditor sends to create a debt position: services, limits, labels and the types of the
// checked input. Pure and free of zod so that the operator pages can use the limits and labels in
// the browser; the check itself is the zod schema in `position-schema.server.ts`. The checks that
// need the database (the ente's own fiscal code and IBAN) run again in `createPosition`.
import { categoryLabel, TAXONOMY } from "~/payments/taxonomy";

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

/**
 * How the messages name the fields whose words differ from caller to caller (the operator's form
 * calls the description "Causale"), with the article: "la causale".
 */
export interface PositionFieldNames {
  description?: string;
  debtorName?: string;
  /** "la partita IVA del debitore" where the form already knows the debtor is a legal person. */
  debtorFiscalCode?: string;
}

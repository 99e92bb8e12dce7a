// Debt position life cycle, modelled on pagoPA's GPD (Gestione Posizioni Debitorie) service:
//   DRAFT -publish-> PUBLISHED -validate-> VALID -partialPayment-> PARTIALLY_PAID -pay-> PAID -report-> REPORTED
//   VALID -pay-> PAID; VALID -expire-> EXPIRED; PARTIALLY_PAID -partialPayment-> PARTIALLY_PAID
//   (a further instalment); invalidate -> INVALID only from PUBLISHED and VALID (refused from
//   DRAFT, INVALID, EXPIRED and the paid states). EXPIRED, INVALID and REPORTED are final.

/** Every status of a debt position, in life-cycle order (the database column holds these). */
export const POSITION_STATUSES = [
  "DRAFT",
  "PUBLISHED",
  "VALID",
  "PARTIALLY_PAID",
  "PAID",
  "REPORTED",
  "EXPIRED",
  "INVALID",
] as const;

export type PositionStatus = (typeof POSITION_STATUSES)[number];

/** Every status of a payment option (GPD's PO_* states; the database column holds these). */
export const OPTION_STATUSES = ["PO_UNPAID", "PO_PAID", "PO_PARTIALLY_REPORTED", "PO_REPORTED"] as const;

export type OptionStatus = (typeof OPTION_STATUSES)[number];

/** A receipt's outcome, as pagoPA sends it: paid, or not. */
export const RECEIPT_OUTCOMES = ["OK", "KO"] as const;

export type ReceiptOutcome = (typeof RECEIPT_OUTCOMES)[number];

/** The statuses in which a position can be paid. */
export const PAYABLE_STATUSES = ["VALID", "PARTIALLY_PAID"] as const satisfies readonly PositionStatus[];

export type PositionEvent =
  "publish" | "validate" | "partialPayment" | "pay" | "report" | "expire" | "invalidate";

export type TransitionResult = { ok: true; status: PositionStatus } | { ok: false; reason: string };

export const POSITION_STATUS_LABEL: Record<PositionStatus, string> = {
  DRAFT: "Bozza",
  PUBLISHED: "Pubblicato",
  VALID: "Da pagare",
  PARTIALLY_PAID: "Pagato in parte",
  PAID: "Pagato",
  REPORTED: "Pagato e rendicontato",
  EXPIRED: "Scaduto",
  INVALID: "Annullato",
};

export const PAYMENT_OPTION_STATUS_LABEL: Record<OptionStatus, string> = {
  PO_UNPAID: "Da pagare",
  PO_PAID: "Pagato",
  PO_PARTIALLY_REPORTED: "Rendicontato in parte",
  PO_REPORTED: "Rendicontato",
};

const EVENT_LABEL: Record<PositionEvent, string> = {
  publish: "pubblicazione",
  validate: "validazione",
  partialPayment: "pagamento parziale",
  pay: "pagamento",
  report: "rendicontazione",
  expire: "scadenza",
  invalidate: "annullamento",
};

const TRANSITIONS: Record<PositionStatus, Partial<Record<PositionEvent, PositionStatus>>> = {
  DRAFT: { publish: "PUBLISHED" },
  PUBLISHED: { validate: "VALID", invalidate: "INVALID" },
  VALID: {
    partialPayment: "PARTIALLY_PAID",
    pay: "PAID",
    expire: "EXPIRED",
    invalidate: "INVALID",
  },
  PARTIALLY_PAID: { partialPayment: "PARTIALLY_PAID", pay: "PAID" },
  PAID: { report: "REPORTED" },
  REPORTED: {},
  EXPIRED: {},
  INVALID: {},
};

/** The status after an event, or the Italian reason why the event is refused. */
export function nextStatus(from: PositionStatus, ev: PositionEvent): TransitionResult {
  const to = TRANSITIONS[from]?.[ev];
  if (to) return { ok: true, status: to };
  const label = POSITION_STATUS_LABEL[from] ?? from;
  if (ev === "invalidate") {
    return {
      ok: false,
      reason: `Una posizione in stato «${label}» non può essere annullata.`,
    };
  }
  return {
    ok: false,
    reason: `Operazione non consentita: ${EVENT_LABEL[ev] ?? ev} di una posizione in stato «${label}».`,
  };
}

/** Events accepted from a status. */
export function allowedEvents(from: PositionStatus): PositionEvent[] {
  return Object.keys(TRANSITIONS[from] ?? {}) as PositionEvent[];
}

/** Only VALID and PARTIALLY_PAID positions can be paid. */
export function isPayable(s: PositionStatus): boolean {
  return (PAYABLE_STATUSES as readonly PositionStatus[]).includes(s);
}

/**
 * Publishing a position: PUBLISHED, and VALID at once when it has no validity date or that day has
 * come (`validityDate` and `today` are Italian calendar days, YYYY-MM-DD). Refused, with the
 * reason, from every status but DRAFT.
 */
export function statusAfterPublish(
  from: PositionStatus,
  validityDate: string | null | undefined,
  today: string,
): TransitionResult {
  const published = nextStatus(from, "publish");
  if (!published.ok || (validityDate && validityDate > today)) return published;
  return nextStatus(published.status, "validate");
}

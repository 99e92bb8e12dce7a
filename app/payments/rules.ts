// Pure rules of the payments hub: which notice can be paid, what a reservation holds, how a payment
// moves the position through the GPD machine, cart limits and fees. No I/O: tested on their own.
import { isPayable, nextStatus, type OptionStatus, type PositionStatus } from "~/rules/gpd";
import { MAX_ID, parseId } from "~/http.server";

/** How long a started checkout holds its notices (pagoPA checkout sessions last about as long). */
export const RESERVATION_MINUTES = 15;
/** pagoPA's checkout takes a cart of up to five notices. */
export const MAX_CART_ITEMS = 5;

export type RefusalCode =
  | "non_trovato"
  | "gia_pagato"
  | "gia_in_pagamento"
  | "non_pagabile"
  | "carrello_vuoto"
  | "carrello_troppo_grande"
  | "scaduto"
  | "importo_errato"
  | "ricevuta_in_conflitto";

export interface Refusal {
  ok: false;
  code: RefusalCode;
  message: string;
  /** The notice the refusal is about, when there is one. */
  optionId?: number;
}

export const REFUSAL_MESSAGES: Record<RefusalCode, string> = {
  non_trovato: "Avviso non trovato.",
  gia_pagato: "L'avviso risulta già pagato.",
  gia_in_pagamento:
    "L'avviso è già in pagamento: un altro pagamento è stato avviato da poco. Se non va a buon fine, l'avviso torna pagabile entro pochi minuti.",
  non_pagabile: "L'avviso non è più pagabile.",
  carrello_vuoto: "Seleziona almeno un avviso da pagare.",
  carrello_troppo_grande: `Puoi pagare al massimo ${MAX_CART_ITEMS} avvisi insieme.`,
  scaduto:
    "Il tempo per completare il pagamento è scaduto: nessun importo è stato addebitato. Puoi avviare un nuovo pagamento.",
  importo_errato:
    "L'importo della ricevuta non corrisponde a quello dell'avviso: la ricevuta è stata respinta.",
  ricevuta_in_conflitto:
    "Esiste già una ricevuta diversa per questo avviso: la nuova ricevuta è stata respinta.",
};

export function refuse(code: RefusalCode, optionId?: number, message?: string): Refusal {
  return {
    ok: false,
    code,
    message: message ?? REFUSAL_MESSAGES[code],
    ...(optionId !== undefined ? { optionId } : {}),
  };
}

/** What the payability rules need to know about one payment option and its position. */
export interface PayabilityInput {
  positionStatus: PositionStatus;
  optionStatus: OptionStatus;
  /** 1 for an instalment, 0 for a payment in a single solution. */
  isPartialPayment: 0 | 1;
  reservedUntil: string | null;
  reservedBy: string | null;
}

/** True while a reservation holds: its expiry instant lies after `now`. */
export function isReserved(reservedUntil: string | null, now: Date): boolean {
  if (!reservedUntil) return false;
  const until = Date.parse(reservedUntil);
  return !Number.isNaN(until) && until > now.getTime();
}

/**
 * Whether a payer may pay this option now. `checkoutId` is the checkout asking: its own
 * reservation does not stand in its way, anyone else's unexpired one does.
 */
export function checkPayable(o: PayabilityInput, now: Date, checkoutId?: string): { ok: true } | Refusal {
  if (o.optionStatus !== "PO_UNPAID") return refuse("gia_pagato");
  if (o.positionStatus === "PAID" || o.positionStatus === "REPORTED") return refuse("gia_pagato");
  if (!isPayable(o.positionStatus)) return refuse("non_pagabile");
  // Once an instalment is paid, the single-solution option of the same position is no longer an
  // alternative: paying it would collect the instalment twice.
  if (o.positionStatus === "PARTIALLY_PAID" && o.isPartialPayment === 0) return refuse("non_pagabile");
  if (isReserved(o.reservedUntil, now) && o.reservedBy !== checkoutId) return refuse("gia_in_pagamento");
  return { ok: true };
}

/** Where a notice appears in the citizen's payments hub. Null: not shown (not yet published). */
export type NoticeTab = "da-pagare" | "pagati" | "non-pagabili";

export function noticeTab(
  positionStatus: PositionStatus,
  optionStatus: OptionStatus,
  isPartialPayment: 0 | 1,
): NoticeTab | null {
  if (optionStatus !== "PO_UNPAID") return "pagati";
  if (positionStatus === "VALID") return "da-pagare";
  if (positionStatus === "PARTIALLY_PAID") return isPartialPayment ? "da-pagare" : null;
  if (positionStatus === "EXPIRED" || positionStatus === "INVALID") return "non-pagabili";
  return null;
}

export function reservationExpiry(now: Date, minutes = RESERVATION_MINUTES): Date {
  return new Date(now.getTime() + minutes * 60_000);
}

/**
 * The position's status once `paidOptionId` is paid. A payment in a single solution settles the
 * whole position; an instalment settles it only when every instalment is paid.
 */
export function positionStatusAfterPayment(
  position: { status: PositionStatus },
  options: Array<{ id: number; status: OptionStatus; isPartialPayment: 0 | 1 }>,
  paidOptionId: number,
): { ok: true; status: PositionStatus } | { ok: false; reason: string } {
  const paid = options.find((o) => o.id === paidOptionId);
  if (!paid) return { ok: false, reason: "Opzione di pagamento non appartenente alla posizione." };
  let event: "pay" | "partialPayment" = "pay";
  if (paid.isPartialPayment) {
    const instalments = options.filter((o) => o.isPartialPayment === 1);
    const allPaid = instalments.every((o) => o.id === paidOptionId || o.status !== "PO_UNPAID");
    event = allPaid ? "pay" : "partialPayment";
  }
  return nextStatus(position.status, event);
}

/** Validates the ids of a cart: 1 to MAX_CART_ITEMS distinct positive integers. */
export function parseCart(raw: readonly unknown[]): { ok: true; ids: number[] } | Refusal {
  const ids: number[] = [];
  for (const value of raw) {
    const n =
      typeof value === "number"
        ? Number.isSafeInteger(value) && value >= 1 && value <= MAX_ID
          ? value
          : null
        : parseId(typeof value === "string" ? value.trim() : value);
    if (n === null) return refuse("non_trovato");
    if (!ids.includes(n)) ids.push(n);
  }
  if (ids.length === 0) return refuse("carrello_vuoto");
  if (ids.length > MAX_CART_ITEMS) return refuse("carrello_troppo_grande");
  return { ok: true, ids };
}

/** True when the due date is past: the notice is overdue (still payable while the position is). */
export function isOverdue(dueDate: string, today: string): boolean {
  return dueDate < today;
}

/** Year filter bounds on ISO dates, portable to any SQL database (text comparison). */
export function yearRange(year: number): { from: string; to: string } {
  return { from: `${String(year).padStart(4, "0")}-01-01`, to: `${String(year + 1).padStart(4, "0")}-01-01` };
}

export type NoticeStateKind =
  "da_pagare" | "in_pagamento" | "pagato" | "scaduto" | "annullato" | "non_pagabile";

/** The state of a notice in the citizen's words, with "overdue" told apart (still payable). */
export function noticeState(
  o: PayabilityInput & { dueDate: string },
  today: string,
  now: Date,
): { kind: NoticeStateKind; label: string; overdue: boolean; payable: boolean } {
  const check = checkPayable(o, now);
  const overdue = o.optionStatus === "PO_UNPAID" && isOverdue(o.dueDate, today);
  if (check.ok)
    return { kind: "da_pagare", label: overdue ? "Da pagare, scaduto" : "Da pagare", overdue, payable: true };
  switch (check.code) {
    case "gia_pagato":
      return { kind: "pagato", label: "Pagato", overdue: false, payable: false };
    case "gia_in_pagamento":
      return { kind: "in_pagamento", label: "Pagamento in corso", overdue, payable: false };
    default:
      if (o.positionStatus === "EXPIRED")
        return {
          kind: "scaduto",
          label: "Non più pagabile: termine scaduto",
          overdue: false,
          payable: false,
        };
      if (o.positionStatus === "INVALID")
        return { kind: "annullato", label: "Annullato dall'ente", overdue: false, payable: false };
      if (o.positionStatus === "PARTIALLY_PAID") {
        return {
          kind: "non_pagabile",
          label: "Non più pagabile: hai scelto il pagamento a rate",
          overdue: false,
          payable: false,
        };
      }
      return { kind: "non_pagabile", label: "Non pagabile", overdue: false, payable: false };
  }
}

/** "Rata 2 di 3" for an instalment, "Unica soluzione" otherwise. */
export function instalmentLabel(
  instalmentNumber: number,
  instalmentCount: number,
  isPartialPayment: 0 | 1,
): string {
  if (!isPartialPayment || instalmentNumber < 1) return "Unica soluzione";
  return instalmentCount > 0 ? `Rata ${instalmentNumber} di ${instalmentCount}` : `Rata ${instalmentNumber}`;
}

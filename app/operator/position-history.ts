/**
 * What happened to a debt position, rebuilt from the dates it carries (created, published,
 * validity date, last update) and its receipts. Pure, shared by the operator's detail page and
 * its tests. The audit log holds the authoritative record; this is the readable summary.
 */
import { formatDateIt, romeDay } from "~/rules/time";
import { formatEuroSymbol } from "~/rules/money";
import type { PositionStatus, ReceiptOutcome } from "~/rules/gpd";

export interface HistoryEvent {
  /** An instant (ISO 8601) or a calendar day (YYYY-MM-DD). */
  at: string;
  label: string;
  note: string | null;
}

export interface HistoryPosition {
  status: PositionStatus;
  statusReason: string | null;
  createdAt: string;
  publishedAt: string | null;
  updatedAt: string;
  validityDate: string | null;
  debtorCitizenId: number | null;
}

export interface HistoryReceipt {
  paymentDateTime: string;
  amountCents: number;
  outcome: ReceiptOutcome;
  receiptId: string;
  /** "Unica soluzione", "Rata 2". */
  optionLabel: string;
}

/** "Unica soluzione" for instalment 0, otherwise "Rata n". */
export function optionLabel(instalmentNumber: number): string {
  return instalmentNumber === 0 ? "Unica soluzione" : `Rata ${instalmentNumber}`;
}

const REACHED_VALID: readonly PositionStatus[] = ["VALID", "PARTIALLY_PAID", "PAID", "REPORTED", "EXPIRED"];

function sortKey(at: string): string {
  // A calendar day sorts at the start of that day.
  return /^\d{4}-\d{2}-\d{2}$/.test(at) ? `${at}T00:00:00.000Z` : at;
}

export function positionHistory(p: HistoryPosition, receipts: readonly HistoryReceipt[]): HistoryEvent[] {
  const events: HistoryEvent[] = [{ at: p.createdAt, label: "Creata in bozza", note: null }];
  if (p.publishedAt) {
    const later = p.validityDate !== null && p.validityDate > romeDay(p.publishedAt);
    events.push(
      later
        ? {
            at: p.publishedAt,
            label: "Pubblicata",
            note: `Diventa pagabile il ${formatDateIt(p.validityDate!)}, data di validità della posizione.`,
          }
        : {
            at: p.publishedAt,
            label: "Pubblicata e resa pagabile",
            note:
              p.debtorCitizenId !== null
                ? "L'avviso è visibile al debitore nella sua area personale."
                : "Il debitore non ha un'area personale nel portale: l'avviso non gli è mostrato online.",
          },
    );
    if (later && REACHED_VALID.includes(p.status))
      events.push({ at: p.validityDate!, label: "Resa pagabile alla data di validità", note: null });
  }
  for (const r of receipts)
    events.push({
      at: r.paymentDateTime,
      label: r.outcome === "OK" ? "Pagamento ricevuto" : "Pagamento non riuscito",
      note: `${r.optionLabel}: ${formatEuroSymbol(r.amountCents)}, ricevuta ${r.receiptId}.`,
    });
  if (p.status === "INVALID")
    events.push({
      at: p.updatedAt,
      label: "Annullata",
      note: p.statusReason ? `Motivo: ${p.statusReason}` : null,
    });
  if (p.status === "EXPIRED") events.push({ at: p.updatedAt, label: "Scaduta", note: null });
  if (p.status === "REPORTED") events.push({ at: p.updatedAt, label: "Rendicontata", note: null });
  return events
    .map((e, i) => ({ e, i }))
    .sort((a, b) => sortKey(a.e.at).localeCompare(sortKey(b.e.at)) || a.i - b.i)
    .map(({ e }) => e);
}

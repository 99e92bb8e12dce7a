// The ente's receipts: the day range an operator or API client asks for, and a page of the
// receipts paid in it (up to RECEIPTS_EXPORT_MAX for the CSV export).
import type { Db } from "../../db/schema";
import type { ReceiptOutcome } from "~/rules/gpd";
import { addDays, isValidIsoDate, romeDayStart } from "~/rules/time";
import type { Paged } from "~/payments/creditor.server";
import { parseStoredTransfers, type ReceiptTransfer } from "~/payments/receipts.server";
import { paginate } from "~/pagination.server";

export interface CreditorReceipt {
  id: number;
  receiptId: string;
  noticeNumber: string;
  creditorFiscalCode: string;
  outcome: ReceiptOutcome;
  creditorReferenceId: string;
  paymentAmountCents: number;
  description: string;
  companyName: string;
  debtorFiscalCode: string;
  debtorName: string;
  payerFiscalCode: string | null;
  payerName: string | null;
  idPsp: string;
  pspCompanyName: string;
  paymentMethod: string;
  feeCents: number;
  paymentDateTime: string;
  applicationDate: string;
  transfers: ReceiptTransfer[];
  positionId: number;
  iupd: string;
  optionId: number;
}

export interface ReceiptRange {
  /** Italian calendar days, both included. */
  from: string;
  to: string;
}

export const MAX_RECEIPT_RANGE_DAYS = 366;

/** Checks a day range typed or sent as from/to (YYYY-MM-DD), with Italian messages by field. */
export function parseReceiptRange(
  from: unknown,
  to: unknown,
): { ok: true; value: ReceiptRange } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const day = (v: unknown, key: "from" | "to", what: string) => {
    if (typeof v !== "string" || v === "") errors[key] = `Indica ${what} (AAAA-MM-GG).`;
    else if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || !isValidIsoDate(v))
      errors[key] =
        `${what.charAt(0).toUpperCase()}${what.slice(1)}: indica una data valida nel formato AAAA-MM-GG.`;
    else return v;
    return null;
  };
  const f = day(from, "from", "la data iniziale");
  const t = day(to, "to", "la data finale");
  if (f && t && f > t) errors.to = "La data finale non può precedere quella iniziale.";
  else if (f && t && addDays(f, MAX_RECEIPT_RANGE_DAYS - 1) < t)
    errors.to = `L'intervallo può coprire al massimo ${MAX_RECEIPT_RANGE_DAYS} giorni.`;
  if (Object.keys(errors).length || !f || !t) return { ok: false, errors };
  return { ok: true, value: { from: f, to: t } };
}

/** The ente's receipts paid in the range: the query every listing and total starts from. */
export function receiptsOfEnte(db: Db, enteId: number, range: ReceiptRange) {
  return db
    .selectFrom("receipts as r")
    .innerJoin("payment_options as po", "po.id", "r.option_id")
    .innerJoin("debt_positions as dp", "dp.id", "po.position_id")
    .where("dp.entity_id", "=", enteId)
    .where("r.creditor_fiscal_code", "=", (eb) =>
      eb.selectFrom("entities").select("fiscal_code").where("id", "=", enteId),
    )
    .where("r.payment_date_time", ">=", romeDayStart(range.from))
    .where("r.payment_date_time", "<", romeDayStart(addDays(range.to, 1)));
}

export const RECEIPTS_PAGE_SIZE = 50;
/** The CSV export's cap: a year of a large comune's receipts. */
export const RECEIPTS_EXPORT_MAX = 50_000;

/** The ente's receipts paid in the range (Italian days), oldest first; pageSize up to 50,000 for exports. */
export async function listReceipts(
  db: Db,
  enteId: number,
  f: ReceiptRange & { page?: number; pageSize?: number },
): Promise<Paged<CreditorReceipt>> {
  const { rows, ...paging } = await paginate(
    receiptsOfEnte(db, enteId, f)
      .selectAll("r")
      .select(["dp.id as position_id", "dp.iupd as iupd"])
      .orderBy("r.payment_date_time")
      .orderBy("r.id"),
    { page: f.page ?? 1, pageSize: f.pageSize ?? RECEIPTS_PAGE_SIZE, max: RECEIPTS_EXPORT_MAX },
  );
  return {
    items: rows.map((r) => ({
      id: r.id,
      receiptId: r.receipt_id,
      noticeNumber: r.notice_number,
      creditorFiscalCode: r.creditor_fiscal_code,
      outcome: r.outcome,
      creditorReferenceId: r.creditor_reference_id,
      paymentAmountCents: r.payment_amount_cents,
      description: r.description,
      companyName: r.company_name,
      debtorFiscalCode: r.debtor_fiscal_code,
      debtorName: r.debtor_name,
      payerFiscalCode: r.payer_fiscal_code,
      payerName: r.payer_name,
      idPsp: r.id_psp,
      pspCompanyName: r.psp_company_name,
      paymentMethod: r.payment_method,
      feeCents: r.fee_cents,
      paymentDateTime: r.payment_date_time,
      applicationDate: r.application_date,
      transfers: parseStoredTransfers(r.transfers_json),
      positionId: r.position_id,
      iupd: r.iupd,
      optionId: r.option_id,
    })),
    ...paging,
  };
}

// Reads the operator's position pages need beside the payments core (app/payments/creditor-*.server.ts):
// the ente's account shown on the form, and the receipts of one position. Both scoped by the
// operator's ente in the WHERE clause.
import type { Db } from "../../db/schema";
import type { ReceiptOutcome } from "~/rules/gpd";

export interface EnteAccount {
  name: string;
  codiceFiscale: string;
  iban: string;
}

export async function getEnteAccount(db: Db, enteId: number): Promise<EnteAccount | null> {
  const r = await db
    .selectFrom("entities")
    .select(["name", "fiscal_code", "iban"])
    .where("id", "=", enteId)
    .executeTakeFirst();
  return r ? { name: r.name, codiceFiscale: r.fiscal_code, iban: r.iban } : null;
}

export interface PositionReceipt {
  id: number;
  receiptId: string;
  optionId: number;
  instalmentNumber: number;
  outcome: ReceiptOutcome;
  noticeNumber: string;
  iuv: string;
  amountCents: number;
  feeCents: number;
  paymentDateTime: string;
  pspName: string;
  paymentMethod: string;
  payerName: string | null;
}

/** The receipts of one of the ente's positions, oldest first (none for another ente's). */
export async function listPositionReceipts(
  db: Db,
  enteId: number,
  positionId: number,
): Promise<PositionReceipt[]> {
  const rows = await db
    .selectFrom("receipts as r")
    .innerJoin("payment_options as po", "po.id", "r.option_id")
    .innerJoin("debt_positions as dp", "dp.id", "po.position_id")
    .select([
      "r.id",
      "r.receipt_id",
      "r.option_id",
      "po.instalment_number",
      "r.outcome",
      "r.notice_number",
      "r.creditor_reference_id",
      "r.payment_amount_cents",
      "r.fee_cents",
      "r.payment_date_time",
      "r.psp_company_name",
      "r.payment_method",
      "r.payer_name",
    ])
    .where("dp.id", "=", positionId)
    .where("dp.entity_id", "=", enteId)
    .orderBy("r.payment_date_time")
    .orderBy("r.id")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    receiptId: r.receipt_id,
    optionId: r.option_id,
    instalmentNumber: r.instalment_number,
    outcome: r.outcome,
    noticeNumber: r.notice_number,
    iuv: r.creditor_reference_id,
    amountCents: r.payment_amount_cents,
    feeCents: r.fee_cents,
    paymentDateTime: r.payment_date_time,
    pspName: r.psp_company_name,
    paymentMethod: r.payment_method,
    payerName: r.payer_name,
  }));
}

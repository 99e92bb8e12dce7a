// Applying a payment receipt (pagoPA's ctReceiptV2) exactly once. Whatever delivers it (the
// checkout's success, a PSP callback, the API, a replayed message), the receipt either pays its
// notice, is recognised as already applied, or is refused with the reason and an audit row.
import type { Transaction } from "kysely";
import { appendAudit } from "~/audit.server";
import type { Database, Row, Db } from "../../db/schema";
import type { PositionStatus, ReceiptOutcome } from "~/rules/gpd";
import { centsToDecimalString } from "~/rules/money";
import { auditActorFields, SYSTEM_ACTOR, type PaymentActor, type PaymentsEnv } from "~/payments/context.server";
import {
  checkPayable,
  isReserved,
  positionStatusAfterPayment,
  refuse,
  type Refusal,
  type RefusalCode,
} from "~/payments/rules";

type Trx = Transaction<Database>;

export interface ReceiptTransfer {
  idTransfer: number;
  amountCents: number;
  /** fiscalCodePA: the creditor the transfer goes to. */
  fiscalCodePA: string;
  iban: string;
  remittanceInformation: string;
  transferCategory: string;
}

/** A receipt as delivered, amounts in cents (converted at the edge from pagoPA's decimal euros). */
export interface ReceiptInput {
  receiptId: string;
  noticeNumber: string;
  /** The creditor's fiscal code. */
  fiscalCode: string;
  outcome: ReceiptOutcome;
  /** The IUV. */
  creditorReferenceId: string;
  paymentAmountCents: number;
  description: string;
  companyName: string;
  debtor: { fiscalCode: string; fullName: string };
  payer?: { fiscalCode: string | null; fullName: string | null } | null;
  idPsp: string;
  pspCompanyName: string;
  paymentMethod: string;
  feeCents: number;
  /** ISO instant. */
  paymentDateTime: string;
  /** YYYY-MM-DD. */
  applicationDate: string;
  transfers: ReceiptTransfer[];
  checkoutId?: string | null;
}

export type ApplyReceiptResult =
  | { ok: true; outcome: "applied" | "duplicate"; receipt: Row<"receipts">; positionStatus: PositionStatus }
  | Refusal;

export interface ApplyReceiptOptions {
  actor?: PaymentActor;
  /** Set by the checkout: the notice must be reserved by this checkout. */
  checkoutId?: string;
}

/** A unique constraint refused the write (SQLite or PostgreSQL). */
export function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY" || code === "23505";
}

/** transfers_json as stored on the receipt: pagoPA's field names, decimal euros. */
export function transfersToJson(transfers: ReceiptTransfer[]): string {
  return JSON.stringify(
    transfers.map((t) => ({
      idTransfer: t.idTransfer,
      transferAmount: centsToDecimalString(t.amountCents),
      fiscalCodePA: t.fiscalCodePA,
      IBAN: t.iban,
      remittanceInformation: t.remittanceInformation,
      transferCategory: t.transferCategory,
    })),
  );
}

export function transfersFromRows(rows: Array<Row<"transfers">>): ReceiptTransfer[] {
  return rows.map((t) => ({
    idTransfer: t.id_transfer,
    amountCents: t.amount_cents,
    fiscalCodePA: t.organization_fiscal_code,
    iban: t.iban,
    remittanceInformation: t.remittance_information,
    transferCategory: t.category,
  }));
}

/**
 * Reads transfers_json back (for the receipt page and PDF). Accepts pagoPA's field names with
 * decimal euros, as written here, and the seed's older shape with cents.
 */
export function parseStoredTransfers(json: string): ReceiptTransfer[] {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return [];
  }
  if (!Array.isArray(value)) return [];
  return value.map((raw: Record<string, unknown>, i) => {
    const decimal = typeof raw.transferAmount === "string" ? raw.transferAmount : null;
    const cents =
      decimal !== null && /^\d+\.\d{2}$/.test(decimal)
        ? Number(decimal.replace(".", ""))
        : Number(raw.amount ?? raw.amountCents ?? 0);
    const text = (k: string, alt: string) => String(raw[k] ?? raw[alt] ?? "");
    return {
      idTransfer: Number(raw.idTransfer ?? i + 1),
      amountCents: Number.isSafeInteger(cents) ? cents : 0,
      fiscalCodePA: text("fiscalCodePA", "organizationFiscalCode"),
      iban: text("IBAN", "iban"),
      remittanceInformation: text("remittanceInformation", "remittance_information"),
      transferCategory: text("transferCategory", "category"),
    };
  });
}

async function auditRefusal(
  trx: Trx,
  env: PaymentsEnv,
  actor: PaymentActor,
  receipt: ReceiptInput,
  refusal: Refusal,
  target: { enteId: number | null; debtorCitizenId: number | null; optionId: number | null },
): Promise<void> {
  await appendAudit(
    trx,
    env.auditKey,
    {
      ...auditActorFields(actor),
      enteId: target.enteId,
      subjectCitizenId: target.debtorCitizenId,
      action: "payment.receipt.refused",
      section: "pagamenti",
      details: {
        code: refusal.code,
        receiptId: receipt.receiptId,
        noticeNumber: receipt.noticeNumber,
        creditorFiscalCode: receipt.fiscalCode,
        optionId: target.optionId,
        amountCents: receipt.paymentAmountCents,
        checkoutId: receipt.checkoutId ?? null,
        anonymous: actor.anonymous ?? undefined,
      },
    },
    new Date(env.stamp()),
  );
}

/**
 * Applies one receipt inside the caller's transaction. Refusals that record something (amount
 * mismatch, conflicting receipt, notice not payable) write their audit row here and leave the
 * transaction to be committed; a successful application writes the receipt, the option and
 * position states and the audit row, all in `trx`.
 */
export async function applyReceiptInTransaction(
  trx: Trx,
  env: PaymentsEnv,
  receipt: ReceiptInput,
  opts: ApplyReceiptOptions = {},
): Promise<ApplyReceiptResult> {
  const actor = opts.actor ?? SYSTEM_ACTOR;
  const nav = receipt.noticeNumber.replace(/\s+/g, "");

  const option = await trx
    .selectFrom("payment_options as po")
    .innerJoin("debt_positions as dp", "dp.id", "po.position_id")
    .select([
      "po.id",
      "po.iuv",
      "po.nav",
      "po.amount_cents",
      "po.status",
      "po.is_partial_payment",
      "po.reserved_until",
      "po.reserved_by",
      "po.position_id",
      "dp.status as position_status",
      "dp.entity_id",
      "dp.debtor_citizen_id",
    ])
    .where("po.creditor_fiscal_code", "=", receipt.fiscalCode)
    .where("po.nav", "=", nav)
    .executeTakeFirst();
  const target = {
    enteId: option?.entity_id ?? null,
    debtorCitizenId: option?.debtor_citizen_id ?? null,
    optionId: option?.id ?? null,
  };

  // The same receipt again: answer with what it already did, without a second payment.
  const same = await trx
    .selectFrom("receipts")
    .selectAll()
    .where("receipt_id", "=", receipt.receiptId)
    .executeTakeFirst();
  if (same) {
    if (option && same.option_id === option.id && same.payment_amount_cents === receipt.paymentAmountCents) {
      const pos = await trx
        .selectFrom("debt_positions")
        .select("status")
        .where("id", "=", option.position_id)
        .executeTakeFirstOrThrow();
      return { ok: true, outcome: "duplicate", receipt: same, positionStatus: pos.status };
    }
    const refusal = refuse(
      "ricevuta_in_conflitto",
      option?.id,
      "Questo identificativo di ricevuta è già stato usato per un altro pagamento: la ricevuta è stata respinta.",
    );
    await auditRefusal(trx, env, actor, receipt, refusal, target);
    return refusal;
  }

  const refuseAndRecord = async (code: RefusalCode, message?: string): Promise<Refusal> => {
    const refusal = refuse(code, option?.id, message);
    await auditRefusal(trx, env, actor, receipt, refusal, target);
    return refusal;
  };

  if (!option)
    return refuseAndRecord(
      "non_trovato",
      "La ricevuta si riferisce a un avviso che il Polo dei pagamenti non conosce.",
    );
  if (receipt.outcome !== "OK")
    return refuseAndRecord("non_pagabile", "Ricevuta con esito negativo: nessun pagamento registrato.");
  if (receipt.creditorReferenceId !== option.iuv) {
    return refuseAndRecord(
      "ricevuta_in_conflitto",
      "Lo IUV della ricevuta non corrisponde a quello dell'avviso: la ricevuta è stata respinta.",
    );
  }
  const earlier = await trx
    .selectFrom("receipts")
    .select(["id", "receipt_id"])
    .where("option_id", "=", option.id)
    .executeTakeFirst();
  if (earlier || option.status !== "PO_UNPAID") {
    return refuseAndRecord(
      "gia_pagato",
      "L'avviso risulta già pagato con un'altra ricevuta: la nuova ricevuta è stata respinta e nessun secondo pagamento è stato registrato.",
    );
  }
  if (receipt.paymentAmountCents !== option.amount_cents) return refuseAndRecord("importo_errato");
  const transfersTotal = receipt.transfers.reduce((sum, t) => sum + t.amountCents, 0);
  if (receipt.transfers.length > 0 && transfersTotal !== option.amount_cents) {
    return refuseAndRecord(
      "importo_errato",
      "La somma dei trasferimenti della ricevuta non corrisponde all'importo dell'avviso: la ricevuta è stata respinta.",
    );
  }

  const payable = checkPayable(
    {
      positionStatus: option.position_status,
      optionStatus: option.status,
      isPartialPayment: option.is_partial_payment,
      // A receipt is money already taken: another payer's reservation does not stop it. The
      // checkout, instead, must still hold its own reservation.
      reservedUntil: opts.checkoutId ? option.reserved_until : null,
      reservedBy: option.reserved_by,
    },
    env.now(),
    opts.checkoutId,
  );
  if (!payable.ok) return refuseAndRecord(payable.code);
  if (
    opts.checkoutId &&
    (option.reserved_by !== opts.checkoutId || !isReserved(option.reserved_until, env.now()))
  ) {
    return refuseAndRecord("scaduto");
  }

  const siblings = await trx
    .selectFrom("payment_options")
    .select(["id", "status", "is_partial_payment"])
    .where("position_id", "=", option.position_id)
    .execute();
  const next = positionStatusAfterPayment(
    { status: option.position_status },
    siblings.map((s) => ({ id: s.id, status: s.status, isPartialPayment: s.is_partial_payment })),
    option.id,
  );
  if (!next.ok) return refuseAndRecord("non_pagabile", next.reason);

  const transfers = receipt.transfers.length
    ? receipt.transfers
    : transfersFromRows(
        await trx
          .selectFrom("transfers")
          .selectAll()
          .where("option_id", "=", option.id)
          .orderBy("id_transfer")
          .execute(),
      );

  const inserted = await trx
    .insertInto("receipts")
    .values({
      receipt_id: receipt.receiptId,
      option_id: option.id,
      checkout_id: receipt.checkoutId ?? opts.checkoutId ?? null,
      notice_number: nav,
      creditor_fiscal_code: receipt.fiscalCode,
      outcome: "OK",
      creditor_reference_id: receipt.creditorReferenceId,
      payment_amount_cents: receipt.paymentAmountCents,
      description: receipt.description,
      company_name: receipt.companyName,
      debtor_fiscal_code: receipt.debtor.fiscalCode,
      debtor_name: receipt.debtor.fullName,
      payer_fiscal_code: receipt.payer?.fiscalCode ?? null,
      payer_name: receipt.payer?.fullName ?? null,
      id_psp: receipt.idPsp,
      psp_company_name: receipt.pspCompanyName,
      payment_method: receipt.paymentMethod,
      fee_cents: receipt.feeCents,
      payment_date_time: receipt.paymentDateTime,
      application_date: receipt.applicationDate,
      transfers_json: transfersToJson(transfers),
    })
    .returningAll()
    .executeTakeFirstOrThrow();

  const updated = await trx
    .updateTable("payment_options")
    .set({ status: "PO_PAID", reserved_until: null, reserved_by: null })
    .where("id", "=", option.id)
    .where("status", "=", "PO_UNPAID")
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1)
    throw new Error("payment option changed while applying a receipt");

  const stamp = env.stamp();
  await trx
    .updateTable("debt_positions")
    .set({ status: next.status, updated_at: stamp })
    .where("id", "=", option.position_id)
    .where("status", "=", option.position_status)
    .execute();

  await appendAudit(
    trx,
    env.auditKey,
    {
      ...auditActorFields(actor),
      enteId: option.entity_id,
      subjectCitizenId: option.debtor_citizen_id,
      action: "payment.receipt",
      section: "pagamenti",
      details: {
        receiptId: receipt.receiptId,
        optionId: option.id,
        noticeNumber: nav,
        amountCents: receipt.paymentAmountCents,
        feeCents: receipt.feeCents,
        checkoutId: inserted.checkout_id,
        positionStatus: { from: option.position_status, to: next.status },
        anonymous: actor.anonymous ?? undefined,
      },
    },
    new Date(stamp),
  );
  return { ok: true, outcome: "applied", receipt: inserted, positionStatus: next.status };
}

/**
 * Applies a receipt exactly once, in its own transaction (or in `db` when it already is one). The
 * same receipt delivered again returns the stored one; a different receipt for a paid notice and
 * an amount that does not match are refused and recorded. If two deliveries race past the checks
 * (PostgreSQL), the unique constraints on receipt_id and option_id stop the second insert, and a
 * second look answers it honestly.
 */
export async function applyReceipt(
  db: Db | Trx,
  env: PaymentsEnv,
  receipt: ReceiptInput,
  opts: ApplyReceiptOptions = {},
): Promise<ApplyReceiptResult> {
  if (db.isTransaction) return applyReceiptInTransaction(db as Trx, env, receipt, opts);
  try {
    return await db.transaction().execute((trx) => applyReceiptInTransaction(trx, env, receipt, opts));
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    return db.transaction().execute((trx) => applyReceiptInTransaction(trx, env, receipt, opts));
  }
}

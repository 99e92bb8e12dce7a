// Checkouts: a payer's attempt to pay one to five notices together. Starting one reserves every
// notice in a single transaction (or none); the provider's outcome then pays all of them in a
// single transaction (or none), or releases them.
import crypto from "node:crypto";
import type { Transaction } from "kysely";
import { appendAudit } from "~/audit.server";
import { queueReceiptMail } from "~/mail/receipts.server";
import type { CheckoutsTable, Database, Row, Db } from "../../db/schema";
import { auditActorFields, SYSTEM_ACTOR, type PaymentActor, type PaymentsEnv } from "~/payments/context.server";
import { VISIBLE_POSITION_STATUSES } from "~/payments/positions.server";
import { PAYABLE_STATUSES } from "~/rules/gpd";
import { formatEuroSymbol } from "~/rules/money";
import { romeDay } from "~/rules/time";
import type { PaymentOutcome, PaymentProvider, ProviderCheckout } from "~/payments/psp.server";
import {
  applyReceiptInTransaction,
  isUniqueViolation,
  transfersFromRows,
  type ReceiptInput,
} from "~/payments/receipts.server";
import {
  checkPayable,
  isReserved,
  parseCart,
  refuse,
  reservationExpiry,
  RESERVATION_MINUTES,
  type Refusal,
} from "~/payments/rules";

type Trx = Transaction<Database>;

export type CheckoutStatus = CheckoutsTable["status"];

export interface CheckoutItemView {
  optionId: number;
  amountCents: number;
  nav: string;
  creditorFiscalCode: string;
  creditorName: string;
  enteId: number;
  description: string;
  dueDate: string;
  debtorCitizenId: number | null;
  receiptId: number | null;
}

export interface CheckoutView {
  id: string;
  status: CheckoutStatus;
  citizenId: number | null;
  payerEmail: string | null;
  /** The payer named at the start when it is not the debtor (a delegate), else null. */
  namedPayer: { fiscalCode: string; fullName: string | null } | null;
  totalCents: number;
  feeCents: number;
  method: string | null;
  createdAt: string;
  expiresAt: string;
  completedAt: string | null;
  outcomeReason: string | null;
  items: CheckoutItemView[];
}

/** Checkout ids are 128 random bits in hex: they also serve as the anonymous payer's key to the outcome. */
export function isCheckoutId(value: unknown): value is string {
  return typeof value === "string" && /^[0-9a-f]{32}$/.test(value);
}

function newCheckoutId(): string {
  return crypto.randomBytes(16).toString("hex");
}

/** Thrown inside a transaction to roll it back and answer with a refusal. */
class RefusalError extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.message);
  }
}

export async function getCheckout(db: Db | Trx, id: string): Promise<CheckoutView | null> {
  if (!isCheckoutId(id)) return null;
  const c = await db.selectFrom("checkouts").selectAll().where("id", "=", id).executeTakeFirst();
  if (!c) return null;
  const items = await db
    .selectFrom("checkout_items as ci")
    .innerJoin("payment_options as po", "po.id", "ci.option_id")
    .innerJoin("debt_positions as dp", "dp.id", "po.position_id")
    .innerJoin("entities as e", "e.id", "dp.entity_id")
    .leftJoin("receipts as r", (j) =>
      j.onRef("r.option_id", "=", "ci.option_id").onRef("r.checkout_id", "=", "ci.checkout_id"),
    )
    .select([
      "ci.option_id as optionId",
      "ci.amount_cents as amountCents",
      "po.nav as nav",
      "po.creditor_fiscal_code as creditorFiscalCode",
      "e.name as creditorName",
      "e.id as enteId",
      "po.description as description",
      "po.due_date as dueDate",
      "dp.debtor_citizen_id as debtorCitizenId",
      "r.id as receiptId",
    ])
    .where("ci.checkout_id", "=", id)
    .orderBy("ci.id")
    .limit(10)
    .execute();
  return {
    id: c.id,
    status: c.status,
    citizenId: c.citizen_id,
    payerEmail: c.payer_email,
    namedPayer: c.payer_fiscal_code ? { fiscalCode: c.payer_fiscal_code, fullName: c.payer_name } : null,
    totalCents: c.total_cents,
    feeCents: c.fee_cents,
    method: c.method,
    createdAt: c.created_at,
    expiresAt: c.expires_at,
    completedAt: c.completed_at,
    outcomeReason: c.outcome_reason,
    items,
  };
}

export function toProviderCheckout(c: CheckoutView): ProviderCheckout {
  return {
    id: c.id,
    totalCents: c.totalCents,
    expiresAt: c.expiresAt,
    payerEmail: c.payerEmail,
    items: c.items.map((i) => ({
      optionId: i.optionId,
      nav: i.nav,
      creditorFiscalCode: i.creditorFiscalCode,
      amountCents: i.amountCents,
      description: i.description,
    })),
  };
}

export interface StartCheckoutInput {
  /** Payment option ids as received (validated here: 1 to 5 distinct ids). */
  optionIds: readonly unknown[];
  /**
   * When set, every notice must have this citizen as debtor (the citizen's own area); a notice of
   * someone else is "not found". Left out for a payer who knows the notice (/paga-un-avviso).
   */
  debtorCitizenId?: number;
  /** The payer's citizen record, when signed in. */
  payerCitizenId: number | null;
  /**
   * Who pays when it is not the debtor nor a resident's own record: a delegate acting for the
   * debtor. Written on the receipts as the payer, beside the debtor.
   */
  payer?: { fiscalCode: string; fullName: string } | null;
  payerEmail?: string | null;
  actor: PaymentActor;
  /** Reservation length, RESERVATION_MINUTES unless a caller (a test) says otherwise. */
  reservationMinutes?: number;
}

/**
 * Reserves every notice of the cart for a new checkout, all in one transaction: each must be
 * payable and not held by another unexpired checkout, or nothing is reserved and the answer says
 * why ("già pagato", "già in pagamento", "non più pagabile", "non trovato").
 */
export async function startCheckout(
  db: Db,
  env: PaymentsEnv,
  input: StartCheckoutInput,
): Promise<{ ok: true; checkout: CheckoutView } | Refusal> {
  const cart = parseCart(input.optionIds);
  if (!cart.ok) return cart;
  const ids = cart.ids;
  const now = env.now();
  const nowText = now.toISOString();
  const until = reservationExpiry(now, input.reservationMinutes ?? RESERVATION_MINUTES).toISOString();
  const id = newCheckoutId();
  const stamp = env.stamp();

  try {
    return await db.transaction().execute(async (trx) => {
      const rows = await trx
        .selectFrom("payment_options as po")
        .innerJoin("debt_positions as dp", "dp.id", "po.position_id")
        .select([
          "po.id",
          "po.amount_cents",
          "po.nav",
          "po.status",
          "po.is_partial_payment",
          "po.reserved_until",
          "po.reserved_by",
          "dp.status as position_status",
          "dp.debtor_citizen_id",
          "dp.entity_id",
        ])
        .where("po.id", "in", ids)
        .execute();
      const byId = new Map(rows.map((r) => [r.id, r]));
      // Check every notice before touching any, so that the answer names the real obstacle.
      for (const optionId of ids) {
        const o = byId.get(optionId);
        const hidden =
          !o ||
          !VISIBLE_POSITION_STATUSES.includes(o.position_status) ||
          (input.debtorCitizenId !== undefined && o.debtor_citizen_id !== input.debtorCitizenId);
        if (hidden) throw new RefusalError(refuse("non_trovato", optionId));
        const check = checkPayable(
          {
            positionStatus: o.position_status,
            optionStatus: o.status,
            isPartialPayment: o.is_partial_payment,
            reservedUntil: o.reserved_until,
            reservedBy: o.reserved_by,
          },
          now,
        );
        if (!check.ok) throw new RefusalError({ ...check, optionId });
      }
      // The conditional update is the lock: it succeeds for exactly one of several payers racing
      // for the same notice, whichever process they reached.
      for (const optionId of ids) {
        const res = await trx
          .updateTable("payment_options")
          .set({ reserved_until: until, reserved_by: id })
          .where("id", "=", optionId)
          .where("status", "=", "PO_UNPAID")
          .where((eb) => eb.or([eb("reserved_until", "is", null), eb("reserved_until", "<=", nowText)]))
          .where("position_id", "in", (eb) =>
            eb.selectFrom("debt_positions").select("id").where("status", "in", PAYABLE_STATUSES),
          )
          .executeTakeFirst();
        if (Number(res.numUpdatedRows) !== 1) throw new RefusalError(refuse("gia_in_pagamento", optionId));
      }
      const total = ids.reduce((sum, optionId) => sum + byId.get(optionId)!.amount_cents, 0);
      await trx
        .insertInto("checkouts")
        .values({
          id,
          citizen_id: input.payerCitizenId,
          payer_email: input.payerEmail ?? null,
          payer_fiscal_code: input.payer?.fiscalCode ?? null,
          payer_name: input.payer?.fullName ?? null,
          status: "in_corso",
          total_cents: total,
          fee_cents: 0,
          method: null,
          created_at: stamp,
          expires_at: until,
          completed_at: null,
          outcome_reason: null,
        })
        .execute();
      await trx
        .insertInto("checkout_items")
        .values(
          ids.map((optionId) => ({
            checkout_id: id,
            option_id: optionId,
            amount_cents: byId.get(optionId)!.amount_cents,
          })),
        )
        .execute();
      for (const optionId of ids) {
        const o = byId.get(optionId)!;
        await appendAudit(
          trx,
          env.auditKey,
          {
            ...auditActorFields(input.actor),
            enteId: o.entity_id,
            subjectCitizenId: o.debtor_citizen_id,
            action: "payment.checkout.start",
            section: "pagamenti",
            details: {
              checkoutId: id,
              optionId,
              nav: o.nav,
              amountCents: o.amount_cents,
              reservedUntil: until,
              anonymous: input.actor.anonymous ?? undefined,
            },
          },
          new Date(stamp),
        );
      }
      const view = await getCheckout(trx, id);
      return { ok: true as const, checkout: view! };
    });
  } catch (err) {
    if (err instanceof RefusalError) return err.refusal;
    throw err;
  }
}

/**
 * Starts a checkout and hands it to the provider. If the provider cannot open the payment, the
 * reservations are released at once.
 */
export async function beginPayment(
  db: Db,
  env: PaymentsEnv,
  provider: PaymentProvider,
  input: StartCheckoutInput,
): Promise<{ ok: true; checkout: CheckoutView; redirectUrl: string } | Refusal> {
  const started = await startCheckout(db, env, input);
  if (!started.ok) return started;
  try {
    const { redirectUrl } = await provider.startPayment(toProviderCheckout(started.checkout));
    return { ok: true, checkout: started.checkout, redirectUrl };
  } catch (err) {
    await releaseCheckout(
      db,
      env,
      started.checkout.id,
      "fallito",
      "Il servizio di pagamento non ha accettato la richiesta.",
      input.actor,
    );
    throw err;
  }
}

async function releaseInTransaction(
  trx: Trx,
  env: PaymentsEnv,
  checkoutId: string,
  status: "fallito" | "annullato" | "scaduto",
  reason: string | null,
  actor: PaymentActor,
): Promise<boolean> {
  const stamp = env.stamp();
  const res = await trx
    .updateTable("checkouts")
    .set({ status, completed_at: stamp, outcome_reason: reason })
    .where("id", "=", checkoutId)
    .where("status", "=", "in_corso")
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) return false;
  await trx
    .updateTable("payment_options")
    .set({ reserved_until: null, reserved_by: null })
    .where("reserved_by", "=", checkoutId)
    .execute();
  const items = await trx
    .selectFrom("checkout_items as ci")
    .innerJoin("payment_options as po", "po.id", "ci.option_id")
    .innerJoin("debt_positions as dp", "dp.id", "po.position_id")
    .select(["ci.option_id", "dp.entity_id", "dp.debtor_citizen_id"])
    .where("ci.checkout_id", "=", checkoutId)
    .execute();
  for (const item of items) {
    await appendAudit(
      trx,
      env.auditKey,
      {
        ...auditActorFields(actor),
        enteId: item.entity_id,
        subjectCitizenId: item.debtor_citizen_id,
        action: "payment.checkout.release",
        section: "pagamenti",
        details: { checkoutId, optionId: item.option_id, status, reason },
      },
      new Date(stamp),
    );
  }
  return true;
}

/** Ends a checkout without payment and frees its notices. False when it was no longer in progress. */
export async function releaseCheckout(
  db: Db,
  env: PaymentsEnv,
  checkoutId: string,
  status: "fallito" | "annullato" | "scaduto",
  reason: string | null,
  actor: PaymentActor = SYSTEM_ACTOR,
): Promise<boolean> {
  return db.transaction().execute((trx) => releaseInTransaction(trx, env, checkoutId, status, reason, actor));
}

/** Marks the checkout expired when its time is up (a lazy sweep when someone looks at it). */
export async function expireCheckoutIfDue(db: Db, env: PaymentsEnv, checkoutId: string): Promise<boolean> {
  const c = await db
    .selectFrom("checkouts")
    .select(["status", "expires_at"])
    .where("id", "=", checkoutId)
    .executeTakeFirst();
  if (!c || c.status !== "in_corso" || isReserved(c.expires_at, env.now())) return false;
  return db.transaction().execute(async (trx) => {
    const fresh = await trx
      .selectFrom("checkouts")
      .select(["status", "expires_at"])
      .where("id", "=", checkoutId)
      .executeTakeFirst();
    if (!fresh || fresh.status !== "in_corso" || isReserved(fresh.expires_at, env.now())) return false;
    return releaseInTransaction(
      trx,
      env,
      checkoutId,
      "scaduto",
      "Tempo per il pagamento scaduto.",
      SYSTEM_ACTOR,
    );
  });
}

/** Expires every checkout whose time is up, a few at a time (for a periodic job). */
export async function sweepExpiredCheckouts(db: Db, env: PaymentsEnv, limit = 50): Promise<number> {
  const due = await db
    .selectFrom("checkouts")
    .select("id")
    .where("status", "=", "in_corso")
    .where("expires_at", "<=", env.now().toISOString())
    .orderBy("expires_at")
    .limit(limit)
    .execute();
  let n = 0;
  for (const c of due) if (await expireCheckoutIfDue(db, env, c.id)) n++;
  return n;
}

export type SettleResult =
  | { ok: true; checkout: CheckoutView; receipts: Array<Row<"receipts">>; alreadySettled: boolean }
  | (Refusal & { checkout: CheckoutView | null });

/**
 * When a delegate paid (the checkout names its payer), each debtor is told by a message from the
 * creditor of their first notice: who paid what, in the same transaction as the payment.
 */
async function tellDebtorsPaidOnTheirBehalf(trx: Trx, checkout: CheckoutView, paidAt: string): Promise<void> {
  const named = checkout.namedPayer;
  if (!named) return;
  const { items } = checkout;
  const who = named.fullName ?? named.fiscalCode;
  const debtors = [...new Set(items.map((i) => i.debtorCitizenId).filter((id): id is number => id !== null))];
  for (const debtor of debtors) {
    const theirs = items.filter((i) => i.debtorCitizenId === debtor);
    const total = theirs.reduce((sum, i) => sum + i.amountCents, 0);
    await trx
      .insertInto("messages")
      .values({
        citizen_id: debtor,
        sender_entity_id: theirs[0]!.enteId,
        sender_office_id: null,
        operator_id: null,
        subject: `${who} ha pagato per tuo conto`,
        body:
          `${who} (codice fiscale ${named.fiscalCode}), che agisce per tuo conto, ha pagato ` +
          `${formatEuroSymbol(total)}: ${theirs.map((i) => `${i.description} (${i.creditorName})`).join("; ")}. ` +
          "Le ricevute sono tra i tuoi pagamenti.",
        sent_at: paidAt,
        read_at: null,
        due_date: null,
        payment_option_id: null,
        pratica_id: null,
      })
      .execute();
  }
}

async function payerOf(
  trx: Trx,
  checkout: CheckoutView,
): Promise<{ fiscalCode: string | null; fullName: string | null } | null> {
  if (checkout.namedPayer) return checkout.namedPayer;
  const citizenId = checkout.citizenId;
  if (citizenId === null) return null;
  const c = await trx
    .selectFrom("citizens")
    .select(["codice_fiscale", "name", "surname"])
    .where("id", "=", citizenId)
    .executeTakeFirst();
  return c ? { fiscalCode: c.codice_fiscale, fullName: `${c.name} ${c.surname}` } : null;
}

/**
 * Applies the provider's outcome to a checkout. Success pays every notice in ONE transaction (the
 * receipts, option and position states, audit rows, the checkout), or none if any is refused;
 * failure and abandonment release the notices. A checkout past its time cannot be paid: it is
 * marked expired and released. Settling a checkout that is no longer in progress changes nothing
 * and returns its state (a double click, a repeated callback).
 */
export async function settleCheckout(
  db: Db,
  env: PaymentsEnv,
  checkoutId: string,
  outcome: PaymentOutcome,
  actor: PaymentActor = SYSTEM_ACTOR,
): Promise<SettleResult> {
  if (!isCheckoutId(checkoutId)) return { ...refuse("non_trovato"), checkout: null };
  let failure: Refusal | null = null;
  try {
    const result = await db.transaction().execute(async (trx): Promise<SettleResult> => {
      // A no-op write first: on PostgreSQL it locks the checkout row, so two settlements of the
      // same checkout run one after the other (SQLite's BEGIN IMMEDIATE already does).
      await trx
        .updateTable("checkouts")
        .set({ status: "in_corso" })
        .where("id", "=", checkoutId)
        .where("status", "=", "in_corso")
        .execute();
      const checkout = await getCheckout(trx, checkoutId);
      if (!checkout) return { ...refuse("non_trovato"), checkout: null };
      if (checkout.status !== "in_corso") {
        const receipts = await trx
          .selectFrom("receipts")
          .selectAll()
          .where("checkout_id", "=", checkoutId)
          .orderBy("id")
          .execute();
        return { ok: true, checkout, receipts, alreadySettled: true };
      }
      if (outcome.kind !== "success") {
        const status = outcome.kind === "abandon" ? "annullato" : "fallito";
        const reason = outcome.kind === "abandon" ? "Pagamento annullato dal pagatore." : outcome.reason;
        await releaseInTransaction(trx, env, checkoutId, status, reason, actor);
        return {
          ok: true,
          checkout: (await getCheckout(trx, checkoutId))!,
          receipts: [],
          alreadySettled: false,
        };
      }

      const now = env.now();
      if (!isReserved(checkout.expiresAt, now)) {
        await releaseInTransaction(
          trx,
          env,
          checkoutId,
          "scaduto",
          "Esito arrivato dopo la scadenza del tempo per il pagamento.",
          actor,
        );
        return { ...refuse("scaduto"), checkout: await getCheckout(trx, checkoutId) };
      }

      const options = await trx
        .selectFrom("payment_options as po")
        .innerJoin("debt_positions as dp", "dp.id", "po.position_id")
        .select([
          "po.id",
          "po.iuv",
          "po.nav",
          "po.creditor_fiscal_code",
          "po.amount_cents",
          "po.description",
          "po.status",
          "po.is_partial_payment",
          "po.reserved_until",
          "po.reserved_by",
          "dp.status as position_status",
          "dp.company_name",
          "dp.debtor_fiscal_code",
          "dp.debtor_name",
        ])
        .where(
          "po.id",
          "in",
          checkout.items.map((i) => i.optionId),
        )
        .execute();
      const byId = new Map(options.map((o) => [o.id, o]));
      // Every notice must still be held by this checkout and payable; else nothing is paid.
      for (const item of checkout.items) {
        const o = byId.get(item.optionId);
        const check = o
          ? checkPayable(
              {
                positionStatus: o.position_status,
                optionStatus: o.status,
                isPartialPayment: o.is_partial_payment,
                reservedUntil: o.reserved_until,
                reservedBy: o.reserved_by,
              },
              now,
              checkoutId,
            )
          : refuse("non_trovato");
        const held = o && o.reserved_by === checkoutId && isReserved(o.reserved_until, now);
        const refusal = !check.ok
          ? { ...check, optionId: item.optionId }
          : !held
            ? refuse("scaduto", item.optionId)
            : null;
        if (refusal) {
          await releaseInTransaction(trx, env, checkoutId, "fallito", refusal.message, actor);
          return { ...refusal, checkout: await getCheckout(trx, checkoutId) };
        }
      }

      const payer = await payerOf(trx, checkout);
      const paidAt = outcome.paidAt ?? env.stamp();
      const transferRows = await trx
        .selectFrom("transfers")
        .selectAll()
        .where(
          "option_id",
          "in",
          checkout.items.map((i) => i.optionId),
        )
        .orderBy("option_id")
        .orderBy("id_transfer")
        .execute();
      const receipts: Array<Row<"receipts">> = [];
      for (const [index, item] of checkout.items.entries()) {
        const o = byId.get(item.optionId)!;
        const receipt: ReceiptInput = {
          receiptId: outcome.receiptIds[index] ?? `${checkoutId}${index}`,
          noticeNumber: o.nav,
          fiscalCode: o.creditor_fiscal_code,
          outcome: "OK",
          creditorReferenceId: o.iuv,
          paymentAmountCents: item.amountCents,
          description: o.description,
          companyName: o.company_name,
          debtor: { fiscalCode: o.debtor_fiscal_code, fullName: o.debtor_name },
          payer,
          idPsp: outcome.method.idPsp,
          pspCompanyName: outcome.method.pspCompanyName,
          paymentMethod: outcome.method.receiptMethod,
          // One fee per transaction: it is shown on the first receipt of the cart.
          feeCents: index === 0 ? outcome.method.feeCents : 0,
          paymentDateTime: paidAt,
          applicationDate: romeDay(paidAt),
          transfers: transfersFromRows(transferRows.filter((t) => t.option_id === o.id)),
          checkoutId,
        };
        const applied = await applyReceiptInTransaction(trx, env, receipt, { actor, checkoutId });
        if (!applied.ok) throw new RefusalError({ ...applied, optionId: item.optionId });
        receipts.push(applied.receipt);
      }
      await tellDebtorsPaidOnTheirBehalf(trx, checkout, paidAt);
      // The receipt by email commits with the payment, and is sent afterwards by the mail job.
      if (env.mail) await queueReceiptMail(trx, { checkout, receipts, links: env.mail, now: env.stamp() });
      await trx
        .updateTable("checkouts")
        .set({
          status: "pagato",
          fee_cents: outcome.method.feeCents,
          method: outcome.method.code,
          completed_at: env.stamp(),
          outcome_reason: null,
        })
        .where("id", "=", checkoutId)
        .where("status", "=", "in_corso")
        .execute();
      return { ok: true, checkout: (await getCheckout(trx, checkoutId))!, receipts, alreadySettled: false };
    });
    return result;
  } catch (err) {
    if (err instanceof RefusalError) failure = err.refusal;
    else if (isUniqueViolation(err)) failure = refuse("gia_pagato");
    else throw err;
  }
  // The payment was rolled back as a whole: record the failure and free the notices.
  await releaseCheckout(db, env, checkoutId, "fallito", failure.message, actor);
  return { ...failure, checkout: await getCheckout(db, checkoutId) };
}

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { verifyAudit } from "~/audit.server";
import {
  getCheckout,
  settleCheckout,
  startCheckout,
  sweepExpiredCheckouts,
  type CheckoutView,
} from "~/payments/checkout.server";
import { citizenActor, SYSTEM_ACTOR } from "~/payments/context.server";
import { createSimulatedProvider, type PaymentOutcome } from "~/payments/psp.server";
import { applyReceipt, isUniqueViolation, type ReceiptInput } from "~/payments/receipts.server";
import { createTestDb, TEST_AUDIT_KEY, type TestDb } from "../../tests/support/payments-db";

let t: TestDb;
beforeEach(async () => {
  t = await createTestDb();
});
afterEach(async () => {
  await t.close();
});

const provider = createSimulatedProvider();
const card = provider.methods().find((m) => m.code === "carta")!;
const success = (n: number): PaymentOutcome => ({
  kind: "success",
  method: card,
  receiptIds: Array.from({ length: n }, (_, i) => `${"r".repeat(30)}${i}${n}`),
});

async function start(ids: number[], debtor?: number) {
  return startCheckout(t.db, t.env, {
    optionIds: ids,
    debtorCitizenId: debtor,
    payerCitizenId: debtor ?? null,
    actor: citizenActor("RSSMRA80H63H501X"),
  });
}

async function option(id: number) {
  return t.db.selectFrom("payment_options").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
}
async function position(id: number) {
  return t.db.selectFrom("debt_positions").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
}
async function count(table: "receipts" | "audit_log" | "checkouts") {
  const r = await t.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

describe("startCheckout", () => {
  it("reserves the notice for the checkout and refuses a second payer before paying", async () => {
    const p = await t.addPosition({ citizenId: t.citizenA, amounts: [66780] });
    const first = await start(p.optionIds, t.citizenA);
    expect(first.ok).toBe(true);
    const checkout = (first as { checkout: CheckoutView }).checkout;
    expect(checkout).toMatchObject({
      status: "in_corso",
      totalCents: 66780,
      items: [{ optionId: p.optionIds[0] }],
    });
    const o = await option(p.optionIds[0]);
    expect(o.reserved_by).toBe(checkout.id);
    expect(Date.parse(o.reserved_until!) - Date.now()).toBeGreaterThan(14 * 60_000);

    const second = await start(p.optionIds);
    expect(second).toMatchObject({ ok: false, code: "gia_in_pagamento" });
    expect(await count("checkouts")).toBe(1);
  });

  it("lets a new payer in once the reservation has expired", async () => {
    const p = await t.addPosition({ citizenId: t.citizenA, amounts: [1000] });
    expect((await start(p.optionIds)).ok).toBe(true);
    t.env.advance(16 * 60_000);
    expect((await start(p.optionIds)).ok).toBe(true);
  });

  it("refuses a cart with one unpayable notice and reserves none of it", async () => {
    const good = await t.addPosition({ citizenId: t.citizenA, amounts: [1000] });
    const expired = await t.addPosition({ citizenId: t.citizenA, amounts: [2000], status: "EXPIRED" });
    const res = await start([good.optionIds[0], expired.optionIds[0]], t.citizenA);
    expect(res).toMatchObject({ ok: false, code: "non_pagabile", optionId: expired.optionIds[0] });
    expect((await option(good.optionIds[0])).reserved_by).toBeNull();
    expect(await count("checkouts")).toBe(0);
  });

  it("refuses a cart when one notice is already in payment, keeping the other free", async () => {
    const a = await t.addPosition({ citizenId: t.citizenA, amounts: [1000] });
    const b = await t.addPosition({ citizenId: t.citizenA, amounts: [2000] });
    expect((await start(b.optionIds)).ok).toBe(true);
    expect(await start([a.optionIds[0], b.optionIds[0]], t.citizenA)).toMatchObject({
      code: "gia_in_pagamento",
    });
    expect((await option(a.optionIds[0])).reserved_by).toBeNull();
  });

  it("treats another citizen's notice as not found in the citizen's own cart", async () => {
    const other = await t.addPosition({ citizenId: t.citizenB, amounts: [1000] });
    expect(await start(other.optionIds, t.citizenA)).toMatchObject({ ok: false, code: "non_trovato" });
    // A payer who knows the notice (no debtor restriction) may pay it.
    expect((await start(other.optionIds)).ok).toBe(true);
  });

  it("refuses drafts, unknown ids and carts over five", async () => {
    const draft = await t.addPosition({ citizenId: t.citizenA, amounts: [1000], status: "DRAFT" });
    expect(await start(draft.optionIds)).toMatchObject({ code: "non_trovato" });
    expect(await start([999999])).toMatchObject({ code: "non_trovato" });
    expect(await start([1, 2, 3, 4, 5, 6])).toMatchObject({ code: "carrello_troppo_grande" });
  });
});

describe("settleCheckout", () => {
  it("pays a cart across creditors in one go: receipts, option and position states, audit", async () => {
    const imu = await t.addPosition({ citizenId: t.citizenA, amounts: [66780, 66780], instalments: true });
    const bollo = await t.addPosition({ citizenId: t.citizenA, enteId: t.regioneId, amounts: [21930] });
    const started = await start([imu.optionIds[1], bollo.optionIds[0]], t.citizenA);
    const id = (started as { checkout: CheckoutView }).checkout.id;
    const auditBefore = await count("audit_log");

    const res = await settleCheckout(t.db, t.env, id, success(2), citizenActor("RSSMRA80H63H501X"));
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    expect(res.checkout).toMatchObject({ status: "pagato", feeCents: 150, method: "carta" });
    expect(res.receipts).toHaveLength(2);
    expect(res.receipts[0]).toMatchObject({
      option_id: imu.optionIds[1],
      outcome: "OK",
      payment_amount_cents: 66780,
      fee_cents: 150,
      creditor_fiscal_code: "00514490010",
      debtor_fiscal_code: "RSSMRA80H63H501X",
      payer_fiscal_code: "RSSMRA80H63H501X",
      id_psp: card.idPsp,
      payment_method: "CP",
      checkout_id: id,
    });
    expect(res.receipts[1]).toMatchObject({ fee_cents: 0, creditor_fiscal_code: "80087650018" });
    expect(JSON.parse(res.receipts[0]!.transfers_json)).toEqual([
      expect.objectContaining({ idTransfer: 1, transferAmount: "667.80", transferCategory: "9/0101100IM/" }),
    ]);
    expect(await option(imu.optionIds[1])).toMatchObject({
      status: "PO_PAID",
      reserved_by: null,
      reserved_until: null,
    });
    expect((await position(imu.positionId)).status).toBe("PARTIALLY_PAID");
    expect((await position(bollo.positionId)).status).toBe("PAID");
    expect(await count("audit_log")).toBe(auditBefore + 2);
    expect((await verifyAudit(t.db, TEST_AUDIT_KEY, null)).ok).toBe(true);

    // Paying the other instalment settles the IMU position.
    const last = await start([imu.optionIds[0]], t.citizenA);
    const lastId = (last as { checkout: CheckoutView }).checkout.id;
    expect((await settleCheckout(t.db, t.env, lastId, success(1))).ok).toBe(true);
    expect((await position(imu.positionId)).status).toBe("PAID");
  });

  it("is idempotent: a second success changes nothing and returns the same receipts", async () => {
    const p = await t.addPosition({ citizenId: t.citizenA, amounts: [1000] });
    const id = ((await start(p.optionIds)) as { checkout: CheckoutView }).checkout.id;
    const first = await settleCheckout(t.db, t.env, id, success(1));
    const again = await settleCheckout(t.db, t.env, id, success(1));
    expect(again).toMatchObject({ ok: true, alreadySettled: true });
    if (first.ok && again.ok)
      expect(again.receipts.map((r) => r.id)).toEqual(first.receipts.map((r) => r.id));
    expect(await count("receipts")).toBe(1);
    // An abandonment arriving late does not undo the payment.
    expect(await settleCheckout(t.db, t.env, id, { kind: "abandon" })).toMatchObject({
      ok: true,
      alreadySettled: true,
    });
    expect((await getCheckout(t.db, id))!.status).toBe("pagato");
  });

  it("releases the notices on failure and on abandonment", async () => {
    const p = await t.addPosition({ citizenId: t.citizenA, amounts: [1000] });
    for (const outcome of [
      { kind: "failure", reason: "Carta rifiutata" },
      { kind: "abandon" },
    ] as PaymentOutcome[]) {
      const id = ((await start(p.optionIds)) as { checkout: CheckoutView }).checkout.id;
      const res = await settleCheckout(t.db, t.env, id, outcome);
      expect(res.ok && res.checkout.status).toBe(outcome.kind === "abandon" ? "annullato" : "fallito");
      expect(await option(p.optionIds[0])).toMatchObject({ status: "PO_UNPAID", reserved_by: null });
    }
    expect(await count("receipts")).toBe(0);
  });

  it("refuses to complete an expired checkout and releases it", async () => {
    const p = await t.addPosition({ citizenId: t.citizenA, amounts: [1000] });
    const id = ((await start(p.optionIds)) as { checkout: CheckoutView }).checkout.id;
    t.env.advance(16 * 60_000);
    const res = await settleCheckout(t.db, t.env, id, success(1));
    expect(res).toMatchObject({ ok: false, code: "scaduto", checkout: { status: "scaduto" } });
    expect(await option(p.optionIds[0])).toMatchObject({ status: "PO_UNPAID", reserved_by: null });
    expect(await count("receipts")).toBe(0);
  });

  it("does not let a stale checkout release a newer one's reservation", async () => {
    const p = await t.addPosition({ citizenId: t.citizenA, amounts: [1000] });
    const old = ((await start(p.optionIds)) as { checkout: CheckoutView }).checkout.id;
    t.env.advance(16 * 60_000);
    const fresh = ((await start(p.optionIds)) as { checkout: CheckoutView }).checkout.id;
    expect(await settleCheckout(t.db, t.env, old, success(1))).toMatchObject({ code: "scaduto" });
    expect((await option(p.optionIds[0])).reserved_by).toBe(fresh);
    expect((await settleCheckout(t.db, t.env, fresh, success(1))).ok).toBe(true);
  });

  it("pays nothing of a cart when one notice was paid meanwhile by another channel", async () => {
    const a = await t.addPosition({ citizenId: t.citizenA, amounts: [1000] });
    const b = await t.addPosition({ citizenId: t.citizenA, amounts: [2000] });
    const id = ((await start([a.optionIds[0], b.optionIds[0]])) as { checkout: CheckoutView }).checkout.id;
    const opt = await option(b.optionIds[0]);
    const paidElsewhere = await applyReceipt(t.db, t.env, receiptFor(opt, "e".repeat(32)));
    expect(paidElsewhere.ok).toBe(true);
    const res = await settleCheckout(t.db, t.env, id, success(2));
    expect(res).toMatchObject({ ok: false, code: "gia_pagato", checkout: { status: "fallito" } });
    expect(await option(a.optionIds[0])).toMatchObject({ status: "PO_UNPAID", reserved_by: null });
    expect(await count("receipts")).toBe(1);
  });

  it("expires forgotten checkouts in a sweep", async () => {
    const p = await t.addPosition({ citizenId: t.citizenA, amounts: [1000] });
    const id = ((await start(p.optionIds)) as { checkout: CheckoutView }).checkout.id;
    expect(await sweepExpiredCheckouts(t.db, t.env)).toBe(0);
    t.env.advance(16 * 60_000);
    expect(await sweepExpiredCheckouts(t.db, t.env)).toBe(1);
    expect((await getCheckout(t.db, id))!.status).toBe("scaduto");
    expect((await option(p.optionIds[0])).reserved_by).toBeNull();
  });
});

function receiptFor(
  o: { nav: string; iuv: string; amount_cents: number; creditor_fiscal_code: string; description: string },
  receiptId: string,
  overrides: Partial<ReceiptInput> = {},
): ReceiptInput {
  return {
    receiptId,
    noticeNumber: o.nav,
    fiscalCode: o.creditor_fiscal_code,
    outcome: "OK",
    creditorReferenceId: o.iuv,
    paymentAmountCents: o.amount_cents,
    description: o.description,
    companyName: "Comune di Torino",
    debtor: { fiscalCode: "RSSMRA80H63H501X", fullName: "Maria Rossi" },
    payer: null,
    idPsp: "DEMOPSP0CARTE",
    pspCompanyName: "PSP dimostrativo Carte",
    paymentMethod: "CP",
    feeCents: 100,
    paymentDateTime: "2026-11-26T10:00:00.000Z",
    applicationDate: "2026-11-26",
    transfers: [],
    ...overrides,
  };
}

describe("applyReceipt", () => {
  it("applies the same receipt once, however many times it is delivered", async () => {
    const p = await t.addPosition({ citizenId: t.citizenA, amounts: [5000] });
    const o = await option(p.optionIds[0]);
    const r = receiptFor(o, "a1".repeat(16));
    const first = await applyReceipt(t.db, t.env, r, { actor: SYSTEM_ACTOR });
    const second = await applyReceipt(t.db, t.env, r, { actor: SYSTEM_ACTOR });
    expect(first).toMatchObject({ ok: true, outcome: "applied", positionStatus: "PAID" });
    expect(second).toMatchObject({ ok: true, outcome: "duplicate", positionStatus: "PAID" });
    if (first.ok && second.ok) expect(second.receipt.id).toBe(first.receipt.id);
    expect(await count("receipts")).toBe(1);
    expect((await option(o.id)).status).toBe("PO_PAID");
  });

  it("refuses a different receipt for a paid notice, and records it", async () => {
    const p = await t.addPosition({ citizenId: t.citizenA, amounts: [5000] });
    const o = await option(p.optionIds[0]);
    await applyReceipt(t.db, t.env, receiptFor(o, "b1".repeat(16)));
    const before = await count("audit_log");
    const res = await applyReceipt(t.db, t.env, receiptFor(o, "b2".repeat(16)));
    expect(res).toMatchObject({ ok: false, code: "gia_pagato" });
    expect(await count("receipts")).toBe(1);
    expect(await count("audit_log")).toBe(before + 1);
  });

  it("refuses an amount that does not match and records it in the audit log", async () => {
    const p = await t.addPosition({ citizenId: t.citizenA, amounts: [5000] });
    const o = await option(p.optionIds[0]);
    const res = await applyReceipt(t.db, t.env, receiptFor(o, "c1".repeat(16), { paymentAmountCents: 4999 }));
    expect(res).toMatchObject({ ok: false, code: "importo_errato" });
    expect(await count("receipts")).toBe(0);
    expect((await option(o.id)).status).toBe("PO_UNPAID");
    const row = await t.db
      .selectFrom("audit_log")
      .selectAll()
      .orderBy("id", "desc")
      .limit(1)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      action: "payment.receipt.refused",
      entity_id: t.comuneId,
      subject_citizen_id: t.citizenA,
    });
    expect(JSON.parse(row.details!)).toMatchObject({ code: "importo_errato", amountCents: 4999 });
    expect((await verifyAudit(t.db, TEST_AUDIT_KEY, null)).ok).toBe(true);
  });

  it("refuses receipts for unknown notices, a wrong IUV, a KO outcome, a reused receipt id", async () => {
    const p = await t.addPosition({ citizenId: t.citizenA, amounts: [5000, 7000] });
    const o = await option(p.optionIds[0]);
    const o2 = await option(p.optionIds[1]);
    expect(
      await applyReceipt(t.db, t.env, receiptFor({ ...o, nav: "301240000001234510" }, "d1".repeat(16))),
    ).toMatchObject({ code: "non_trovato" });
    expect(
      await applyReceipt(
        t.db,
        t.env,
        receiptFor(o, "d2".repeat(16), { creditorReferenceId: "0".repeat(17) }),
      ),
    ).toMatchObject({
      code: "ricevuta_in_conflitto",
    });
    expect(await applyReceipt(t.db, t.env, receiptFor(o, "d3".repeat(16), { outcome: "KO" }))).toMatchObject({
      ok: false,
    });
    expect((await applyReceipt(t.db, t.env, receiptFor(o, "d4".repeat(16)))).ok).toBe(true);
    expect(await applyReceipt(t.db, t.env, receiptFor(o2, "d4".repeat(16)))).toMatchObject({
      code: "ricevuta_in_conflitto",
    });
  });

  it("refuses a receipt for an invalidated position", async () => {
    const p = await t.addPosition({ citizenId: t.citizenA, amounts: [5000], status: "INVALID" });
    const o = await option(p.optionIds[0]);
    expect(await applyReceipt(t.db, t.env, receiptFor(o, "f1".repeat(16)))).toMatchObject({
      code: "non_pagabile",
    });
  });

  it("lets the database's unique option_id stop a second receipt that slipped past the checks", async () => {
    const p = await t.addPosition({ citizenId: t.citizenA, amounts: [5000] });
    const o = await option(p.optionIds[0]);
    await applyReceipt(t.db, t.env, receiptFor(o, "g1".repeat(16)));
    // Simulate a racing writer that saw the option unpaid: the insert itself must fail.
    const insert = t.db
      .insertInto("receipts")
      .values({
        receipt_id: "g2".repeat(16),
        option_id: o.id,
        checkout_id: null,
        notice_number: o.nav,
        creditor_fiscal_code: o.creditor_fiscal_code,
        outcome: "OK",
        creditor_reference_id: o.iuv,
        payment_amount_cents: 5000,
        description: "x",
        company_name: "x",
        debtor_fiscal_code: "x",
        debtor_name: "x",
        payer_fiscal_code: null,
        payer_name: null,
        id_psp: "x",
        psp_company_name: "x",
        payment_method: "x",
        fee_cents: 0,
        payment_date_time: "2026-11-26T10:00:00.000Z",
        application_date: "2026-11-26",
        transfers_json: "[]",
      })
      .execute();
    const err = await insert.then(
      () => null,
      (e: unknown) => e,
    );
    expect(isUniqueViolation(err)).toBe(true);
  });
});

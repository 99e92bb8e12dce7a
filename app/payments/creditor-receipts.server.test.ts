import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { listReceipts, parseReceiptRange } from "~/payments/creditor-receipts.server";
import { dailyReceiptTotals, receiptsCsv } from "~/payments/creditor-reconciliation.server";
import { publishPosition } from "~/payments/creditor-positions.server";
import { applyReceipt } from "~/payments/receipts.server";
import type { CreditorActor } from "~/payments/creditor.server";
import type { TestDb } from "../../tests/support/payments-db";
import {
  COMUNE_CF,
  createdPosition,
  openCreditorFixture,
  REGIONE_CF,
} from "../../tests/support/creditor-fixture";

let t: TestDb;
let operator: CreditorActor;
let api: CreditorActor;

beforeEach(async () => {
  ({ t, operator, api } = await openCreditorFixture());
});
afterEach(async () => {
  await t.close();
});

const created = (by: CreditorActor = operator, overrides: Record<string, unknown> = {}) =>
  createdPosition(t, by, overrides);

describe("receipts", () => {
  it("lists the ente's receipts in a range of Italian days, sums them per day and exports CSV", async () => {
    const p = await created(api);
    await publishPosition(t.db, t.env, api, p.id);
    const other = await t.addPosition({ citizenId: t.citizenA, amounts: [999], enteId: t.regioneId });
    const o = p.options[0]!;
    const pay = (nav: string, iuv: string, cf: string, amount: number, id: string, at: string) =>
      applyReceipt(t.db, t.env, {
        receiptId: id,
        noticeNumber: nav,
        fiscalCode: cf,
        outcome: "OK",
        creditorReferenceId: iuv,
        paymentAmountCents: amount,
        description: "=SOMMA(A1)",
        companyName: "Comune di Torino",
        debtor: { fiscalCode: "RSSMRA80H63H501X", fullName: "Maria Rossi" },
        payer: null,
        idPsp: "DEMOPSP",
        pspCompanyName: "PSP dimostrativo",
        paymentMethod: "CP",
        feeCents: 100,
        // 23:30 UTC on the 26th is already the 27th in Italy.
        paymentDateTime: at,
        applicationDate: at.slice(0, 10),
        transfers: [],
      });
    expect(
      (await pay(o.nav, o.iuv, COMUNE_CF, o.amountCents, "r-comune-1", "2026-11-26T23:30:00.000Z")).ok,
    ).toBe(true);
    const otherOption = await t.db
      .selectFrom("payment_options")
      .selectAll()
      .where("id", "=", other.optionIds[0]!)
      .executeTakeFirstOrThrow();
    expect(
      (
        await pay(
          otherOption.nav,
          otherOption.iuv,
          REGIONE_CF,
          999,
          "r-regione-1",
          "2026-11-27T08:00:00.000Z",
        )
      ).ok,
    ).toBe(true);

    expect(parseReceiptRange("2026-11-27", "2026-11-26")).toMatchObject({
      ok: false,
      errors: { to: "La data finale non può precedere quella iniziale." },
    });
    expect(parseReceiptRange("2026-1-1", "")).toMatchObject({
      ok: false,
      errors: { from: expect.any(String), to: expect.any(String) },
    });
    expect((await listReceipts(t.db, t.comuneId, { from: "2026-11-26", to: "2026-11-26" })).total).toBe(0);
    const list = await listReceipts(t.db, t.comuneId, { from: "2026-11-27", to: "2026-11-27" });
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({
      receiptId: "r-comune-1",
      noticeNumber: o.nav,
      paymentAmountCents: 15000,
      iupd: p.iupd,
      positionId: p.id,
    });
    expect(
      (await listReceipts(t.db, t.regioneId, { from: "2026-11-27", to: "2026-11-27" })).items.map(
        (r) => r.receiptId,
      ),
    ).toEqual(["r-regione-1"]);
    expect(await dailyReceiptTotals(t.db, t.comuneId, { from: "2026-11-01", to: "2026-11-30" })).toEqual([
      { day: "2026-11-27", count: 1, totalCents: 15000, feeCents: 100 },
    ]);
    const csv = receiptsCsv(list.items);
    expect(csv.startsWith('\uFEFF"Data e ora del pagamento";')).toBe(true);
    expect(csv).toContain('"150,00";"1,00"');
    expect(csv).toContain(`"'=SOMMA(A1)"`);
    expect(csv.split("\r\n")).toHaveLength(3);
  });
});

import { describe, expect, it } from "vitest";
import {
  f24ImuRows,
  instalmentState,
  maskIban,
  parseYearParam,
  type ImuAssessment,
  type Instalment,
  type InstalmentPaymentFacts,
} from "~/dossier/taxpayer.server";

const TODAY = "2026-11-26";
const unpaid: InstalmentPaymentFacts = {
  dueDate: "2026-12-16",
  optionStatus: "PO_UNPAID",
  positionStatus: "PARTIALLY_PAID",
  receiptId: null,
  receiptPaidAt: null,
};

describe("instalmentState", () => {
  it("is paid when the option is paid, with the receipt", () => {
    expect(
      instalmentState(
        { ...unpaid, optionStatus: "PO_PAID", receiptId: 7, receiptPaidAt: "2026-06-10T08:00:00Z" },
        TODAY,
      ),
    ).toEqual({ kind: "pagata", paidAt: "2026-06-10T08:00:00Z", receiptId: 7 });
    expect(instalmentState({ ...unpaid, optionStatus: "PO_REPORTED" }, TODAY).kind).toBe("pagata");
  });

  it("is paid when an OK receipt exists even if the option was not updated yet", () => {
    expect(
      instalmentState({ ...unpaid, receiptId: 3, receiptPaidAt: "2026-11-20T10:00:00Z" }, TODAY).kind,
    ).toBe("pagata");
  });

  it("is paid when the whole position was settled with its single payment", () => {
    expect(instalmentState({ ...unpaid, positionStatus: "PAID" }, TODAY)).toEqual({
      kind: "pagata",
      paidAt: null,
      receiptId: null,
    });
  });

  it("is due up to and including the due date, overdue after it", () => {
    expect(instalmentState(unpaid, TODAY).kind).toBe("da_pagare");
    expect(instalmentState({ ...unpaid, dueDate: TODAY }, TODAY).kind).toBe("da_pagare");
    expect(instalmentState({ ...unpaid, dueDate: "2026-11-25" }, TODAY).kind).toBe("scaduta");
    expect(instalmentState({ ...unpaid, dueDate: "2026-07-31", positionStatus: "EXPIRED" }, TODAY).kind).toBe(
      "scaduta",
    );
  });

  it("is cancelled when the position was invalidated", () => {
    expect(instalmentState({ ...unpaid, positionStatus: "INVALID" }, TODAY).kind).toBe("annullata");
  });

  it("works without a linked payment option", () => {
    expect(
      instalmentState(
        {
          dueDate: "2026-06-16",
          optionStatus: null,
          positionStatus: null,
          receiptId: null,
          receiptPaidAt: null,
        },
        TODAY,
      ).kind,
    ).toBe("scaduta");
  });
});

function instalment(number: number, amountCents: number, state: Instalment["state"]): Instalment {
  return {
    id: number,
    tax: "IMU",
    year: 2026,
    sourceId: 1,
    number,
    label: number === 1 ? "Acconto" : "Saldo",
    dueDate: number === 1 ? "2026-06-16" : "2026-12-16",
    amountCents,
    f24Code: "3918",
    enteId: 6,
    enteName: "Comune di Torino",
    paymentOptionId: number,
    nav: null,
    state,
  };
}

describe("f24ImuRows", () => {
  it("gives one row per instalment, flagged acconto or saldo, counting the taxed properties", () => {
    const line = {
      id: 1,
      propertyId: 1,
      address: "x",
      foglio: "1",
      particella: "2",
      subalterno: "3",
      category: "A/2",
      renditaCents: 75_000,
      revaluedCents: 78_750,
      multiplier: 160,
      baseCents: 12_600_000,
      rateBp: 106,
      monthsHeld: 12,
      shareBp: 10_000,
      mainHome: false,
      exempt: false,
      deductionCents: 0,
      amountCents: 133_560,
      f24Code: "3918",
    };
    const assessment: ImuAssessment = {
      id: 1,
      enteId: 6,
      comune: "Comune di Torino",
      belfiore: "L219",
      year: 2026,
      amountCents: 133_560,
      computedAt: "2026-05-10T03:00:00Z",
      lines: [{ ...line, id: 0, mainHome: true, exempt: true, f24Code: "3912", amountCents: 0 }, line],
      instalments: [
        instalment(1, 66_780, { kind: "pagata", paidAt: "2026-06-10T08:00:00Z", receiptId: 1 }),
        instalment(2, 66_780, { kind: "da_pagare" }),
      ],
    };
    const rows = f24ImuRows([assessment]);
    expect(
      rows.map((r) => [
        r.codiceEnte,
        r.acconto,
        r.saldo,
        r.numeroImmobili,
        r.codiceTributo,
        r.annoRiferimento,
        r.importoCents,
      ]),
    ).toEqual([
      ["L219", true, false, 1, "3918", 2026, 66_780],
      ["L219", false, true, 1, "3918", 2026, 66_780],
    ]);
  });
});

describe("parseYearParam", () => {
  it("accepts four-digit years in range only", () => {
    expect(parseYearParam("2026")).toBe(2026);
    for (const bad of [undefined, "", "abc", "20x6", "026", "20260", "1900", "9999", "2026.0", " 2026"]) {
      expect(parseYearParam(bad), String(bad)).toBeNull();
    }
  });
});

describe("maskIban", () => {
  it("keeps the country and the last four characters", () => {
    expect(maskIban("IT58K0306933923000339442740")).toBe(`IT${"•".repeat(21)}2740`);
    expect(maskIban(null)).toBeNull();
  });
});

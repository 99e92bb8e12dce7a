import { describe, expect, it } from "vitest";
import { optionLabel, positionHistory, type HistoryPosition } from "~/operator/position-history";

const base: HistoryPosition = {
  status: "DRAFT",
  statusReason: null,
  createdAt: "2026-11-20T09:00:00.000Z",
  publishedAt: null,
  updatedAt: "2026-11-20T09:00:00.000Z",
  validityDate: null,
  debtorCitizenId: 7,
};

describe("positionHistory", () => {
  it("shows a draft as created only", () => {
    expect(positionHistory(base, []).map((e) => e.label)).toEqual(["Creata in bozza"]);
  });

  it("orders creation, publication, payments and the invalidation by time", () => {
    const events = positionHistory(
      {
        ...base,
        status: "INVALID",
        statusReason: "Verbale annullato in autotutela",
        publishedAt: "2026-11-21T10:00:00.000Z",
        updatedAt: "2026-11-25T08:00:00.000Z",
      },
      [
        {
          paymentDateTime: "2026-11-23T12:00:00.000Z",
          amountCents: 1050,
          outcome: "OK",
          receiptId: "R-1",
          optionLabel: "Rata 1",
        },
      ],
    );
    expect(events.map((e) => e.label)).toEqual([
      "Creata in bozza",
      "Pubblicata e resa pagabile",
      "Pagamento ricevuto",
      "Annullata",
    ]);
    expect(events[1]!.note).toBe("L'avviso è visibile al debitore nella sua area personale.");
    expect(events[2]!.note).toBe("Rata 1: € 10,50, ricevuta R-1.");
    expect(events[3]!.note).toBe("Motivo: Verbale annullato in autotutela");
  });

  it("tells a later validity date apart, and when it was reached", () => {
    const p = {
      ...base,
      publishedAt: "2026-11-21T10:00:00.000Z",
      validityDate: "2026-12-01",
    };
    const waiting = positionHistory({ ...p, status: "PUBLISHED" }, []);
    expect(waiting.map((e) => e.label)).toEqual(["Creata in bozza", "Pubblicata"]);
    expect(waiting[1]!.note).toContain("01/12/2026");
    const valid = positionHistory({ ...p, status: "VALID" }, []);
    expect(valid.at(-1)).toEqual({
      at: "2026-12-01",
      label: "Resa pagabile alla data di validità",
      note: null,
    });
  });

  it("says when the debtor has no personal area", () => {
    const e = positionHistory(
      { ...base, status: "VALID", publishedAt: "2026-11-21T10:00:00.000Z", debtorCitizenId: null },
      [],
    );
    expect(e[1]!.note).toMatch(/non ha un'area personale/);
  });
});

describe("optionLabel", () => {
  it("names a single payment and instalments", () => {
    expect(optionLabel(0)).toBe("Unica soluzione");
    expect(optionLabel(2)).toBe("Rata 2");
  });
});

import { describe, expect, it } from "vitest";
import {
  allowedEvents,
  isPayable,
  nextStatus,
  PAYMENT_OPTION_STATUS_LABEL,
  POSITION_STATUS_LABEL,
  POSITION_STATUSES,
  type PositionEvent,
  type PositionStatus,
  statusAfterPublish,
} from "~/rules/gpd";

function run(from: PositionStatus, events: PositionEvent[]): PositionStatus {
  let status = from;
  for (const ev of events) {
    const r = nextStatus(status, ev);
    if (!r.ok) throw new Error(r.reason);
    status = r.status;
  }
  return status;
}

describe("debt position state machine", () => {
  it("follows the full happy path", () => {
    expect(run("DRAFT", ["publish", "validate", "pay", "report"])).toBe(
      "REPORTED",
    );
    expect(
      run("DRAFT", [
        "publish",
        "validate",
        "partialPayment",
        "partialPayment",
        "pay",
        "report",
      ]),
    ).toBe("REPORTED");
  });

  it("expires and invalidates from the allowed states", () => {
    expect(nextStatus("VALID", "expire")).toEqual({
      ok: true,
      status: "EXPIRED",
    });
    expect(nextStatus("VALID", "invalidate")).toEqual({
      ok: true,
      status: "INVALID",
    });
    expect(nextStatus("PUBLISHED", "invalidate")).toEqual({
      ok: true,
      status: "INVALID",
    });
  });

  it("refuses invalidate from DRAFT, INVALID, EXPIRED and the paid states", () => {
    for (const from of [
      "DRAFT",
      "INVALID",
      "EXPIRED",
      "PAID",
      "PARTIALLY_PAID",
      "REPORTED",
    ] as const) {
      const r = nextStatus(from, "invalidate");
      expect(r.ok, from).toBe(false);
      expect(!r.ok && r.reason, from).toContain("non può essere annullata");
      expect(!r.ok && r.reason, from).toContain(POSITION_STATUS_LABEL[from]);
    }
  });

  it("refuses events out of order with an Italian reason", () => {
    const refused: [PositionStatus, PositionEvent][] = [
      ["DRAFT", "pay"],
      ["DRAFT", "validate"],
      ["PUBLISHED", "pay"],
      ["PUBLISHED", "publish"],
      ["VALID", "report"],
      ["PAID", "pay"],
      ["PAID", "partialPayment"],
      ["REPORTED", "report"],
      ["EXPIRED", "pay"],
      ["INVALID", "validate"],
      ["PARTIALLY_PAID", "expire"],
    ];
    for (const [from, ev] of refused) {
      const r = nextStatus(from, ev);
      expect(r.ok, `${from} ${ev}`).toBe(false);
      expect(!r.ok && r.reason, `${from} ${ev}`).toMatch(
        /non consentita|non può/,
      );
    }
  });

  it("only VALID and PARTIALLY_PAID are payable", () => {
    const payable = POSITION_STATUSES.filter(isPayable);
    expect(payable).toEqual(["VALID", "PARTIALLY_PAID"]);
    // and only payable statuses accept a payment event
    for (const s of POSITION_STATUSES)
      expect(nextStatus(s, "pay").ok, s).toBe(isPayable(s));
  });

  it("lists allowed events and final statuses", () => {
    expect(allowedEvents("VALID").sort()).toEqual([
      "expire",
      "invalidate",
      "partialPayment",
      "pay",
    ]);
    expect(POSITION_STATUSES.filter((s) => allowedEvents(s).length === 0)).toEqual([
      "REPORTED",
      "EXPIRED",
      "INVALID",
    ]);
  });

  it("has Italian labels for every status", () => {
    expect(POSITION_STATUS_LABEL.VALID).toBe("Da pagare");
    expect(POSITION_STATUS_LABEL.PAID).toBe("Pagato");
    expect(POSITION_STATUS_LABEL.EXPIRED).toBe("Scaduto");
    expect(POSITION_STATUS_LABEL.INVALID).toBe("Annullato");
    for (const s of POSITION_STATUSES)
      expect(POSITION_STATUS_LABEL[s].length).toBeGreaterThan(0);
    expect(Object.keys(PAYMENT_OPTION_STATUS_LABEL).sort()).toEqual([
      "PO_PAID",
      "PO_PARTIALLY_REPORTED",
      "PO_REPORTED",
      "PO_UNPAID",
    ]);
  });

  it("becomes VALID at publish time when the validity day has come", () => {
    const today = "2025-06-01";
    expect(statusAfterPublish("DRAFT", undefined, today)).toEqual({ ok: true, status: "VALID" });
    expect(statusAfterPublish("DRAFT", null, today)).toEqual({ ok: true, status: "VALID" });
    expect(statusAfterPublish("DRAFT", "2025-05-31", today)).toEqual({ ok: true, status: "VALID" });
    expect(statusAfterPublish("DRAFT", "2025-06-01", today)).toEqual({ ok: true, status: "VALID" });
    expect(statusAfterPublish("DRAFT", "2025-06-02", today)).toEqual({ ok: true, status: "PUBLISHED" });
  });

  it("refuses to publish anything but a draft", () => {
    expect(statusAfterPublish("VALID", null, "2025-06-01")).toEqual({
      ok: false,
      reason: "Operazione non consentita: pubblicazione di una posizione in stato «Da pagare».",
    });
  });
});

import { describe, expect, it } from "vitest";
import {
  checkPayable,
  instalmentLabel,
  isOverdue,
  isReserved,
  MAX_CART_ITEMS,
  noticeState,
  noticeTab,
  parseCart,
  positionStatusAfterPayment,
  reservationExpiry,
  RESERVATION_MINUTES,
  type PayabilityInput,
} from "~/payments/rules";

const now = new Date("2026-11-26T10:00:00.000Z");
const unpaid: PayabilityInput = {
  positionStatus: "VALID",
  optionStatus: "PO_UNPAID",
  isPartialPayment: 0,
  reservedUntil: null,
  reservedBy: null,
};

describe("checkPayable", () => {
  it("accepts an unpaid option of a valid position", () => {
    expect(checkPayable(unpaid, now)).toEqual({ ok: true });
  });

  it("refuses a paid option as già pagato", () => {
    expect(checkPayable({ ...unpaid, optionStatus: "PO_PAID" }, now)).toMatchObject({
      ok: false,
      code: "gia_pagato",
    });
    expect(checkPayable({ ...unpaid, optionStatus: "PO_REPORTED" }, now)).toMatchObject({
      code: "gia_pagato",
    });
    expect(checkPayable({ ...unpaid, positionStatus: "PAID" }, now)).toMatchObject({ code: "gia_pagato" });
  });

  it("accepts only VALID and PARTIALLY_PAID positions", () => {
    for (const s of ["DRAFT", "PUBLISHED", "EXPIRED", "INVALID"] as const) {
      expect(checkPayable({ ...unpaid, positionStatus: s }, now)).toMatchObject({
        ok: false,
        code: "non_pagabile",
      });
    }
    expect(checkPayable({ ...unpaid, positionStatus: "PARTIALLY_PAID", isPartialPayment: 1 }, now)).toEqual({
      ok: true,
    });
  });

  it("refuses the single-payment option once an instalment is paid", () => {
    expect(
      checkPayable({ ...unpaid, positionStatus: "PARTIALLY_PAID", isPartialPayment: 0 }, now),
    ).toMatchObject({
      code: "non_pagabile",
    });
  });

  it("refuses an option reserved by another checkout until the reservation ends", () => {
    const reserved = { ...unpaid, reservedUntil: "2026-11-26T10:05:00.000Z", reservedBy: "a".repeat(32) };
    expect(checkPayable(reserved, now)).toMatchObject({ ok: false, code: "gia_in_pagamento" });
    expect(checkPayable(reserved, now, "b".repeat(32))).toMatchObject({ code: "gia_in_pagamento" });
    // The checkout holding it may go on.
    expect(checkPayable(reserved, now, "a".repeat(32))).toEqual({ ok: true });
    // At the instant it ends, and after, it no longer holds.
    expect(checkPayable(reserved, new Date("2026-11-26T10:05:00.000Z"))).toEqual({ ok: true });
    expect(checkPayable(reserved, new Date("2026-11-26T11:00:00.000Z"))).toEqual({ ok: true });
  });

  it("says già pagato before già in pagamento", () => {
    const both = {
      ...unpaid,
      optionStatus: "PO_PAID" as const,
      reservedUntil: "2026-11-26T10:05:00.000Z",
      reservedBy: "x",
    };
    expect(checkPayable(both, now)).toMatchObject({ code: "gia_pagato" });
  });
});

describe("reservations", () => {
  it("last RESERVATION_MINUTES from now", () => {
    expect(RESERVATION_MINUTES).toBe(15);
    expect(reservationExpiry(now).toISOString()).toBe("2026-11-26T10:15:00.000Z");
    expect(reservationExpiry(now, 1).toISOString()).toBe("2026-11-26T10:01:00.000Z");
  });

  it("hold strictly before their end", () => {
    expect(isReserved(null, now)).toBe(false);
    expect(isReserved("garbage", now)).toBe(false);
    expect(isReserved("2026-11-26T10:00:00.001Z", now)).toBe(true);
    expect(isReserved("2026-11-26T10:00:00.000Z", now)).toBe(false);
  });
});

describe("positionStatusAfterPayment", () => {
  const opts = [
    { id: 1, status: "PO_UNPAID" as const, isPartialPayment: 0 as const },
    { id: 2, status: "PO_UNPAID" as const, isPartialPayment: 1 as const },
    { id: 3, status: "PO_UNPAID" as const, isPartialPayment: 1 as const },
  ];

  it("pays the whole position with the single payment", () => {
    expect(positionStatusAfterPayment({ status: "VALID" }, opts, 1)).toEqual({ ok: true, status: "PAID" });
  });

  it("moves to PARTIALLY_PAID with the first instalment and to PAID with the last", () => {
    expect(positionStatusAfterPayment({ status: "VALID" }, opts, 2)).toEqual({
      ok: true,
      status: "PARTIALLY_PAID",
    });
    const afterFirst = opts.map((o) => (o.id === 2 ? { ...o, status: "PO_PAID" as const } : o));
    expect(positionStatusAfterPayment({ status: "PARTIALLY_PAID" }, afterFirst, 3)).toEqual({
      ok: true,
      status: "PAID",
    });
  });

  it("pays a position with a single instalment option at once", () => {
    expect(
      positionStatusAfterPayment(
        { status: "VALID" },
        [{ id: 9, status: "PO_UNPAID", isPartialPayment: 1 }],
        9,
      ),
    ).toEqual({
      ok: true,
      status: "PAID",
    });
  });

  it("follows the GPD machine: no payment of an expired, invalid or paid position", () => {
    for (const s of ["EXPIRED", "INVALID", "PAID", "DRAFT"] as const) {
      expect(positionStatusAfterPayment({ status: s }, opts, 1).ok).toBe(false);
    }
  });

  it("refuses an option of another position", () => {
    expect(positionStatusAfterPayment({ status: "VALID" }, opts, 42).ok).toBe(false);
  });
});

describe("noticeTab", () => {
  it("puts each notice in one tab", () => {
    expect(noticeTab("VALID", "PO_UNPAID", 0)).toBe("da-pagare");
    expect(noticeTab("PARTIALLY_PAID", "PO_UNPAID", 1)).toBe("da-pagare");
    expect(noticeTab("PARTIALLY_PAID", "PO_UNPAID", 0)).toBeNull();
    expect(noticeTab("PARTIALLY_PAID", "PO_PAID", 1)).toBe("pagati");
    expect(noticeTab("REPORTED", "PO_REPORTED", 0)).toBe("pagati");
    expect(noticeTab("EXPIRED", "PO_UNPAID", 0)).toBe("non-pagabili");
    expect(noticeTab("INVALID", "PO_UNPAID", 1)).toBe("non-pagabili");
    expect(noticeTab("DRAFT", "PO_UNPAID", 0)).toBeNull();
    expect(noticeTab("PAID", "PO_UNPAID", 0)).toBeNull();
  });
});

describe("parseCart", () => {
  it("takes 1 to 5 distinct ids, from form strings too", () => {
    expect(parseCart(["3", "1", "3", 7])).toEqual({ ok: true, ids: [3, 1, 7] });
  });

  it("refuses an empty cart, more than five notices and malformed ids", () => {
    expect(parseCart([])).toMatchObject({ ok: false, code: "carrello_vuoto" });
    expect(parseCart(["1", "2", "3", "4", "5", "6"])).toMatchObject({
      ok: false,
      code: "carrello_troppo_grande",
    });
    expect(parseCart(Array.from({ length: MAX_CART_ITEMS }, (_, i) => String(i + 1))).ok).toBe(true);
    for (const bad of ["0", "-1", "1.5", "abc", "", "1e3", null, "2147483648", "99999999999", 2147483648]) {
      expect(parseCart([bad])).toMatchObject({ ok: false, code: "non_trovato" });
    }
  });
});

describe("isOverdue", () => {
  it("compares calendar dates: due today is not overdue", () => {
    expect(isOverdue("2026-11-25", "2026-11-26")).toBe(true);
    expect(isOverdue("2026-11-26", "2026-11-26")).toBe(false);
    expect(isOverdue("2026-12-16", "2026-11-26")).toBe(false);
  });
});

describe("noticeState", () => {
  const today = "2026-11-26";
  it("names every state and flags overdue notices that are still payable", () => {
    expect(noticeState({ ...unpaid, dueDate: "2026-12-16" }, today, now)).toEqual({
      kind: "da_pagare",
      label: "Da pagare",
      overdue: false,
      payable: true,
    });
    expect(noticeState({ ...unpaid, dueDate: "2026-09-30" }, today, now)).toMatchObject({
      kind: "da_pagare",
      overdue: true,
      payable: true,
    });
    expect(
      noticeState({ ...unpaid, optionStatus: "PO_PAID", dueDate: "2026-09-30" }, today, now),
    ).toMatchObject({
      kind: "pagato",
      overdue: false,
    });
    expect(
      noticeState(
        { ...unpaid, reservedUntil: "2026-11-26T10:10:00.000Z", reservedBy: "x", dueDate: "2026-12-16" },
        today,
        now,
      ),
    ).toMatchObject({ kind: "in_pagamento", payable: false });
    expect(
      noticeState({ ...unpaid, positionStatus: "EXPIRED", dueDate: "2026-01-31" }, today, now),
    ).toMatchObject({ kind: "scaduto" });
    expect(
      noticeState({ ...unpaid, positionStatus: "INVALID", dueDate: "2026-12-31" }, today, now),
    ).toMatchObject({ kind: "annullato" });
  });

  it("labels instalments", () => {
    expect(instalmentLabel(2, 3, 1)).toBe("Rata 2 di 3");
    expect(instalmentLabel(0, 0, 0)).toBe("Unica soluzione");
    expect(instalmentLabel(1, 0, 1)).toBe("Rata 1");
  });
});

import { describe, expect, it } from "vitest";
import { afterDueDate, type AfterDueDateInput } from "~/rules/after-due-date";

const TODAY = "2026-11-26";

const notice = (over: Partial<AfterDueDateInput> = {}): AfterDueDateInput => ({
  positionStatus: "VALID",
  optionStatus: "PO_UNPAID",
  isPartialPayment: 1,
  dueDate: "2026-07-31",
  switchToExpired: false,
  lastDueDate: "2026-07-31",
  ...over,
});

describe("afterDueDate", () => {
  it("says nothing before the due date, on the due date itself, or once paid", () => {
    expect(afterDueDate(notice({ dueDate: "2026-12-16", lastDueDate: "2026-12-16" }), TODAY)).toEqual({
      kind: "none",
    });
    expect(
      afterDueDate(notice({ dueDate: TODAY, lastDueDate: TODAY, switchToExpired: true }), TODAY),
    ).toEqual({ kind: "none" });
    expect(afterDueDate(notice({ optionStatus: "PO_PAID", positionStatus: "PAID" }), TODAY)).toEqual({
      kind: "none",
    });
    expect(afterDueDate(notice({ optionStatus: "PO_REPORTED", positionStatus: "EXPIRED" }), TODAY)).toEqual({
      kind: "none",
    });
  });

  it("keeps the amount valid when the creditor did not ask for expiry", () => {
    expect(afterDueDate(notice(), TODAY)).toEqual({ kind: "still_valid" });
    expect(afterDueDate(notice({ dueDate: "2026-11-25" }), TODAY)).toEqual({ kind: "still_valid" });
  });

  it("tells until when an expiring position can still be paid, then that it is closing", () => {
    expect(afterDueDate(notice({ switchToExpired: true, lastDueDate: "2026-12-16" }), TODAY)).toEqual({
      kind: "payable_until",
      until: "2026-12-16",
    });
    expect(afterDueDate(notice({ switchToExpired: true, lastDueDate: TODAY }), TODAY)).toEqual({
      kind: "payable_until",
      until: TODAY,
    });
    expect(afterDueDate(notice({ switchToExpired: true, lastDueDate: "2026-11-25" }), TODAY)).toEqual({
      kind: "closing",
    });
  });

  it("says an expired position can no longer be paid, whatever its dates", () => {
    expect(afterDueDate(notice({ positionStatus: "EXPIRED", switchToExpired: true }), TODAY)).toEqual({
      kind: "expired",
    });
  });

  it("keeps the instalments of a position paid in part payable, never the single solution", () => {
    expect(afterDueDate(notice({ positionStatus: "PARTIALLY_PAID", switchToExpired: true }), TODAY)).toEqual({
      kind: "still_valid",
    });
    expect(afterDueDate(notice({ positionStatus: "PARTIALLY_PAID", isPartialPayment: 0 }), TODAY)).toEqual({
      kind: "none",
    });
  });

  it("says nothing of an annulled notice: its reason is shown instead", () => {
    expect(afterDueDate(notice({ positionStatus: "INVALID" }), TODAY)).toEqual({ kind: "none" });
  });
});

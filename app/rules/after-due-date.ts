// What happens to a notice once its due date has passed. In pagoPA's GPD model the creditor decides
// it per position: with `switch_to_expired` off the amount stays valid and payable after the due
// date; with it on, the position becomes EXPIRED once every due date of its options has passed (the
// hub's periodic job does it), and from then on it cannot be paid. A position paid in part is never
// expired: its remaining instalments stay payable.
import type { OptionStatus, PositionStatus } from "~/rules/gpd";

export interface AfterDueDateInput {
  positionStatus: PositionStatus;
  optionStatus: OptionStatus;
  /** 1 for an instalment, 0 for a payment in a single solution. */
  isPartialPayment: 0 | 1;
  dueDate: string;
  /** Whether the position expires after its last due date (GPD's switchToExpired). */
  switchToExpired: boolean;
  /** The latest due date among the options of the position. */
  lastDueDate: string;
}

/**
 * - `none`: nothing to say (not past due, paid, annulled, or no longer an alternative).
 * - `still_valid`: past due, the amount stays valid and payable with no end set.
 * - `payable_until`: past due, still payable until the position's last due date (`until`), then no more.
 * - `closing`: every due date has passed and the position is set to expire: payable only until the
 *   hub closes it, which can happen at any moment.
 * - `expired`: the position has expired: it cannot be paid any more.
 */
export type AfterDueDate =
  | { kind: "none" }
  | { kind: "still_valid" }
  | { kind: "payable_until"; until: string }
  | { kind: "closing" }
  | { kind: "expired" };

export function afterDueDate(n: AfterDueDateInput, today: string): AfterDueDate {
  if (n.optionStatus !== "PO_UNPAID") return { kind: "none" };
  if (n.positionStatus === "EXPIRED") return { kind: "expired" };
  if (n.dueDate >= today) return { kind: "none" };
  if (n.positionStatus === "PARTIALLY_PAID")
    return n.isPartialPayment ? { kind: "still_valid" } : { kind: "none" };
  if (n.positionStatus !== "VALID") return { kind: "none" };
  if (!n.switchToExpired) return { kind: "still_valid" };
  if (n.lastDueDate >= today) return { kind: "payable_until", until: n.lastDueDate };
  return { kind: "closing" };
}

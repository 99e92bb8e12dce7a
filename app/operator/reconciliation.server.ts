// The day range of the reconciliation page and of its CSV export, read the same way by both.
import type { Config } from "~/env.server";
import { todayIso } from "~/clock.server";
import { parseReceiptRange, type ReceiptRange } from "~/payments/creditor-receipts.server";
import { addDays } from "~/rules/time";

/** The default range: the last 30 days, the portal's today included. */
export const DEFAULT_RANGE_DAYS = 30;

export type RangeResult =
  | { ok: true; range: ReceiptRange; values: { da: string; a: string } }
  | { ok: false; errors: { da?: string; a?: string }; values: { da: string; a: string } };

/**
 * `da` and `a` from the query string (AAAA-MM-GG, as the date inputs send them). Both absent: the
 * default range. One given and the other not: the other defaults too.
 */
export function readReceiptRange(
  params: URLSearchParams,
  config: Pick<Config, "demo" | "demoToday">,
  now?: Date,
): RangeResult {
  const today = todayIso(config, now);
  const da = (params.get("da") ?? "").trim() || addDays(today, -(DEFAULT_RANGE_DAYS - 1));
  const a = (params.get("a") ?? "").trim() || today;
  const values = { da: da.slice(0, 20), a: a.slice(0, 20) };
  const parsed = parseReceiptRange(da, a);
  if (!parsed.ok) return { ok: false, errors: { da: parsed.errors.from, a: parsed.errors.to }, values };
  return { ok: true, range: parsed.value, values };
}

import type { Config } from "~/env.server";
import { addDays, romeDay, romeDayStart } from "~/rules/time";

/**
 * The portal's clock. In demo mode DEMO_TODAY pins the date to the one the demo data was seeded
 * against, so that "overdue" and "expiring soon" stay true in demos and tests. Deadlines, expiries
 * and "overdue" are calendar days in Italy (app/rules/time.ts).
 */
type Clock = Pick<Config, "demo" | "demoToday">;

/** Today's calendar date (YYYY-MM-DD) in Italy, or DEMO_TODAY when pinned. */
export function todayIso(config: Clock, now: Date = new Date()): string {
  if (config.demo && config.demoToday) return config.demoToday;
  return romeDay(now);
}

/**
 * An instant for timestamps: the real clock or, when DEMO_TODAY pins the date, the same time of
 * day in Italy on DEMO_TODAY (so the instant falls on DEMO_TODAY in Italy at any hour, also
 * between midnight in Rome and midnight UTC).
 */
export function nowIso(config: Clock, now: Date = new Date()): string {
  if (!(config.demo && config.demoToday)) return now.toISOString();
  const sinceMidnight = now.getTime() - Date.parse(romeDayStart(romeDay(now)));
  const start = Date.parse(romeDayStart(config.demoToday));
  const end = Date.parse(romeDayStart(addDays(config.demoToday, 1)));
  // A 25-hour day's last hour does not exist on a 24-hour one: stay on DEMO_TODAY.
  return new Date(Math.min(start + sinceMidnight, end - 1)).toISOString();
}

/** nowIso as a Date, for code that computes with instants (operator accesses and their expiry). */
export function portalNow(config: Clock): Date {
  return new Date(nowIso(config));
}

import type { Config } from "~/env.server";
import { romeDay } from "~/rules/time";

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

/** An instant for timestamps: the real clock, moved to DEMO_TODAY's date when it is pinned. */
export function nowIso(config: Clock, now: Date = new Date()): string {
  const iso = now.toISOString();
  if (config.demo && config.demoToday) return `${config.demoToday}${iso.slice(10)}`;
  return iso;
}

/** nowIso as a Date, for code that computes with instants (operator accesses and their expiry). */
export function portalNow(config: Clock): Date {
  return new Date(nowIso(config));
}

import type { Config } from "./env.server";

/**
 * The portal's notion of "today". In demo mode DEMO_TODAY pins it to the date the demo data was
 * seeded against, so that "overdue" and "expiring soon" stay true in demos and tests.
 */
export function todayIso(config: Pick<Config, "demo" | "demoToday">, now: Date = new Date()): string {
  if (config.demo && config.demoToday) return config.demoToday;
  return romeDate(now);
}

// Deadlines, expiries and "overdue" are calendar days in Italy: between 22:00 and 24:00 UTC
// (23:00 in winter) the UTC date is already tomorrow's or still yesterday's there.
const ROME_DAY = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Europe/Rome",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** The calendar date (YYYY-MM-DD) in Italy at the given instant. */
export function romeDate(now: Date): string {
  return ROME_DAY.format(now);
}

/** An instant for timestamps: the real clock, moved to DEMO_TODAY's date when it is pinned. */
export function nowIso(config: Pick<Config, "demo" | "demoToday">, now: Date = new Date()): string {
  const iso = now.toISOString();
  if (config.demo && config.demoToday) return `${config.demoToday}${iso.slice(10)}`;
  return iso;
}

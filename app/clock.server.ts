import type { Config } from "./env.server";

/**
 * The portal's notion of "today". In demo mode DEMO_TODAY pins it to the date the demo data was
 * seeded against, so that "overdue" and "expiring soon" stay true in demos and tests.
 */
export function todayIso(config: Pick<Config, "demo" | "demoToday">, now: Date = new Date()): string {
  if (config.demo && config.demoToday) return config.demoToday;
  return now.toISOString().slice(0, 10);
}

/** An instant for timestamps: the real clock, moved to DEMO_TODAY's date when it is pinned. */
export function nowIso(config: Pick<Config, "demo" | "demoToday">, now: Date = new Date()): string {
  const iso = now.toISOString();
  if (config.demo && config.demoToday) return `${config.demoToday}${iso.slice(10)}`;
  return iso;
}

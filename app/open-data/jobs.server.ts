import type { Db } from "../../db/schema";
import { nowIso, todayIso } from "~/clock.server";
import type { Config } from "~/env.server";
import type { PeriodicJob } from "~/jobs.server";
import { regenerateOpenData } from "~/open-data/datasets.server";

/**
 * The daily computation of the open datasets (docs/decisions/033-open-data.md), once a day across
 * every process (a lease row, app/jobs.server.ts). A run may take a while on a large registry:
 * another process takes over only after an hour.
 */
export function openDataJob(opts: { db: Db; config: Config }): PeriodicJob {
  const { db, config } = opts;
  return {
    name: "open-data",
    periodMs: 24 * 60 * 60_000 * config.jobPeriodFactor,
    leaseMs: 60 * 60_000,
    run: () => regenerateOpenData(db, { today: todayIso(config), now: nowIso(config) }),
  };
}

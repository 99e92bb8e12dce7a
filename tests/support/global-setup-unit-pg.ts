import type { TestProject } from "vitest/node";
import { dropDatabases, pgUnavailable, PG_ADMIN_URL } from "./pg";

/**
 * The unit tests on PostgreSQL: one prefix per run for every database they create
 * (`portal_u_<run>_...`: each worker's migrated template and each test's copy of it), all dropped
 * at the end of the run, also those a crashed test left behind.
 */
export default async function setup(project: TestProject) {
  const why = await pgUnavailable();
  if (why) throw new Error(`PostgreSQL non risponde a ${PG_ADMIN_URL}: ${why}`);
  const prefix = `portal_u_${Date.now().toString(36)}_${process.pid}`;
  project.provide("pgUnitPrefix", prefix);
  return async () => {
    await dropDatabases(prefix);
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    /** unit-pg runs: the prefix of this run's databases. */
    pgUnitPrefix: string;
  }
}

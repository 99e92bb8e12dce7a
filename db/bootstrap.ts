import type { Logger } from "pino";
import type { DbHandle } from "./connection";
import { migrateToLatest } from "./migrate";
import { isSeeded, seed } from "./seed/index";

/** What the start needs of the portal's configuration (app/env.server.ts's Config has it). */
export interface BootstrapSettings {
  demo: boolean;
  seedCitizens: number | undefined;
  demoToday: string | undefined;
  databaseUrl?: string;
}

/** At start: apply pending migrations; in demo mode, seed an empty database. */
export async function prepareDatabase(
  handle: DbHandle,
  config: BootstrapSettings,
  logger: Logger,
): Promise<void> {
  const applied = await migrateToLatest(handle.db);
  if (applied.length) logger.info({ applied }, "migrations applied");
  if (config.demo && !(await isSeeded(handle.db))) {
    console.log("Prima partenza in modalità demo: creo i dati dimostrativi...");
    const summary = await seed(handle, {
      citizens: config.seedCitizens,
      today: config.demoToday,
      connectionString: handle.kind === "postgres" ? config.databaseUrl : undefined,
      progress: false,
    });
    console.log(`Dati dimostrativi pronti: ${summary.citizens} residenti.`);
  }
}

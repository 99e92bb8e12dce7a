import { Migrator, type MigrationResultSet } from "kysely";
import { migrations } from "./migrations/index";
import type { Db } from "./schema";

function migrator(db: Db): Migrator {
  return new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
  });
}

function check(result: MigrationResultSet): string[] {
  if (result.error) {
    const failed = result.results?.find((r) => r.status === "Error");
    throw new Error(
      `Migrazione non riuscita${failed ? ` (${failed.migrationName})` : ""}: ${String(result.error)}`,
    );
  }
  return (result.results ?? []).map((r) => r.migrationName);
}

/** Applies every pending migration; returns the names applied. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  return check(await migrator(db).migrateToLatest());
}

/** Applies migrations up to and including `name` (the seeder stops before the indexes). */
export async function migrateTo(db: Db, name: string): Promise<string[]> {
  return check(await migrator(db).migrateTo(name));
}

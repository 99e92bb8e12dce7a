/**
 * The database of a unit test: an in-memory SQLite database or, in the PostgreSQL projects
 * (TEST_DB=postgres), a fresh PostgreSQL database of its own, dropped on close. Every unit test
 * that touches the database opens it here and is listed in vitest.config.ts's DATABASE_UNIT_TESTS,
 * so that it runs on both.
 */
import { openDatabase, type DbHandle } from "../../db/connection";
import { migrateToLatest } from "../../db/migrate";
import { createDatabase, dropDatabase, pgUnavailable, PG_ADMIN_URL, TEST_DB_KIND, uniqueName } from "./pg";

export { TEST_DB_KIND };

export interface TestDatabase extends DbHandle {
  /** The URL another connection (a second "instance") would open. */
  url: string;
}

/** Database names of unit tests: `portal_u_<pid>_<n>_<random>`, dropped on close. */
const PREFIX = "portal_u";

/**
 * Opens an empty database of the kind under test, migrated unless `migrate: false`. On
 * PostgreSQL a server must answer at PG_TEST_URL (the projects that set TEST_DB=postgres only
 * run when it does).
 */
export async function openTestDatabase(opts: { migrate?: boolean } = {}): Promise<TestDatabase> {
  let handle: DbHandle;
  let url: string;
  let name: string | null = null;
  if (TEST_DB_KIND === "postgres") {
    const why = await pgUnavailable();
    if (why) throw new Error(`PostgreSQL non risponde a ${PG_ADMIN_URL}: ${why}`);
    name = uniqueName(PREFIX);
    url = await createDatabase(name);
    handle = await openDatabase(url);
  } else {
    url = ":memory:";
    handle = await openDatabase(url);
  }
  if (opts.migrate !== false) await migrateToLatest(handle.db);
  const close = handle.close;
  return {
    ...handle,
    url,
    close: async () => {
      await close();
      if (name) await dropDatabase(name);
    },
  };
}

/**
 * The database of a unit test: an in-memory SQLite database or, in the PostgreSQL projects
 * (TEST_DB=postgres), a fresh PostgreSQL database of its own, dropped on close. Every unit test
 * that touches the database opens it here and is listed in vitest.config.ts's DATABASE_UNIT_TESTS,
 * so that it runs on both.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { inject } from "vitest";
import { openDatabase, type DbHandle } from "../../db/connection";
import { migrateToLatest } from "../../db/migrate";
import { createDatabase, dropDatabase, pgUnavailable, PG_ADMIN_URL, TEST_DB_KIND, uniqueName } from "./pg";

export { TEST_DB_KIND };

export interface TestDatabase extends DbHandle {
  /** The URL another connection (a second "instance") would open. */
  url: string;
  /**
   * A second connection to the same database, as another server process would open it; closed
   * with this one at the latest. Needs `shared: true` on SQLite (an in-memory database has no
   * second connection).
   */
  connect(): Promise<DbHandle>;
}

/**
 * Database names of unit tests: `<run prefix>_<pid>_<n>_<random>`, dropped on close; the run's
 * global setup (global-setup-unit-pg.ts) drops whatever is left at the end.
 */
function prefix(): string {
  return inject("pgUnitPrefix") || "portal_u";
}

/**
 * A migrated database per worker process, copied (CREATE DATABASE ... TEMPLATE) for each test
 * that asks for a migrated database: a copy takes a fraction of the time the migrations do.
 */
async function migratedTemplate(): Promise<string> {
  const name = `${prefix()}_${process.pid}_tpl`;
  const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 3000 });
  await client.connect();
  let exists: boolean;
  try {
    const res = await client.query("select 1 from pg_database where datname = $1", [name]);
    exists = res.rowCount === 1;
  } finally {
    await client.end();
  }
  if (exists) return name;
  const handle = await openDatabase(await createDatabase(name));
  try {
    await migrateToLatest(handle.db);
  } finally {
    await handle.close();
  }
  await closedOnServer(name);
  return name;
}

/**
 * Opens an empty database of the kind under test, migrated unless `migrate: false`. On
 * PostgreSQL a server must answer at PG_TEST_URL (the projects that set TEST_DB=postgres only
 * run when it does). `shared: true` makes the SQLite database a temporary file (removed on
 * close) instead of `:memory:`, so that `connect()` can open a second connection to it.
 */
export async function openTestDatabase(
  opts: { migrate?: boolean; shared?: boolean } = {},
): Promise<TestDatabase> {
  let handle: DbHandle;
  let url: string;
  let name: string | null = null;
  let dir: string | null = null;
  if (TEST_DB_KIND === "postgres") {
    const why = await pgUnavailable();
    if (why) throw new Error(`PostgreSQL non risponde a ${PG_ADMIN_URL}: ${why}`);
    const template = opts.migrate !== false ? await migratedTemplate() : undefined;
    name = uniqueName(prefix());
    url = await createDatabase(name, template);
    handle = await openDatabase(url);
  } else if (opts.shared) {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "portal-unit-"));
    url = `file:${path.join(dir, "portal.db")}`;
    handle = await openDatabase(url);
  } else {
    url = ":memory:";
    handle = await openDatabase(url);
  }
  if (opts.migrate !== false && handle.kind === "sqlite") await migrateToLatest(handle.db);
  const others: DbHandle[] = [];
  const close = handle.close;
  let closed = false;
  return {
    ...handle,
    url,
    connect: async () => {
      if (url === ":memory:")
        throw new Error("openTestDatabase({ shared: true }) serve per una seconda connessione");
      const other = await openDatabase(url);
      const closeOther = other.close;
      let otherClosed = false;
      const wrapped: DbHandle = {
        ...other,
        close: async () => {
          if (otherClosed) return;
          otherClosed = true;
          await closeOther();
        },
      };
      others.push(wrapped);
      return wrapped;
    },
    close: async () => {
      if (closed) return;
      closed = true;
      for (const other of others.splice(0)) await other.close();
      await close();
      if (name) {
        await closedOnServer(name);
        await dropDatabase(name);
      }
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Waits (a little) until the server has seen the pool's connections go: pg's pool resolves its
 * end() before the sockets close, and a forced drop would then terminate them with an error
 * that surfaces as an uncaught exception in the test.
 */
async function closedOnServer(name: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    for (let attempt = 0; attempt < 100; attempt++) {
      const res = await client.query<{ n: number }>(
        "select count(*)::int as n from pg_stat_activity where datname = $1",
        [name],
      );
      if (res.rows[0].n === 0) return;
      await new Promise((r) => setTimeout(r, 20));
    }
  } finally {
    await client.end();
  }
}

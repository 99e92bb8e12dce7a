/**
 * PostgreSQL for the tests: the server that answers at PG_TEST_URL (default: the local one on
 * 127.0.0.1:5432), and databases created and dropped per test run. Every database a run creates
 * is named `portal_t_<run>_...`, so that the run's teardown drops exactly its own.
 */
import pg from "pg";

export const PG_ADMIN_URL = process.env.PG_TEST_URL || "postgres://postgres@127.0.0.1:5432/postgres";

/** Which database the tests run on: `TEST_DB=postgres` selects PostgreSQL, SQLite otherwise. */
export const TEST_DB_KIND: "sqlite" | "postgres" = process.env.TEST_DB === "postgres" ? "postgres" : "sqlite";

/** The URL of database `name` on the test server. */
export function pgUrl(name: string): string {
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function withAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** null when the server answers, else why not (for the skip message). */
export async function pgUnavailable(): Promise<string | null> {
  try {
    await withAdmin((c) => c.query("select 1"));
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

const NAME = /^[a-z0-9_]{1,63}$/;

function checkName(name: string): string {
  if (!NAME.test(name)) throw new Error(`invalid test database name: ${name}`);
  return name;
}

/**
 * Creates database `name`, empty or as a copy of `template` (a file-level copy, fast). A template
 * cannot be copied while someone is connected to it; concurrent copies by other workers retry.
 */
export async function createDatabase(name: string, template?: string): Promise<string> {
  const sqlText = template
    ? `create database ${checkName(name)} template ${checkName(template)}`
    : `create database ${checkName(name)}`;
  for (let attempt = 0; ; attempt++) {
    try {
      await withAdmin((c) => c.query(sqlText));
      return pgUrl(name);
    } catch (err) {
      const busy = err instanceof Error && /being accessed by other users/.test(err.message);
      if (!busy || attempt >= 50) throw err;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    }
  }
}

/** Drops database `name`, closing whatever still connects to it. */
export async function dropDatabase(name: string): Promise<void> {
  await withAdmin((c) => c.query(`drop database if exists ${checkName(name)} with (force)`));
}

/** Drops every database whose name starts with `prefix` (a run's own databases). */
export async function dropDatabases(prefix: string): Promise<number> {
  checkName(prefix);
  const names = await withAdmin(async (c) => {
    const res = await c.query<{ datname: string }>("select datname from pg_database where starts_with(datname, $1)", [
      prefix,
    ]);
    return res.rows.map((r) => r.datname);
  });
  for (const name of names) await dropDatabase(name);
  return names.length;
}

let counter = 0;

/** A database name unique to this process: `<prefix>_<pid>_<n>_<random>`. */
export function uniqueName(prefix: string): string {
  counter += 1;
  return checkName(`${prefix}_${process.pid}_${counter}_${Math.random().toString(36).slice(2, 8)}`);
}

/**
 * The benchmark's database: a fresh seed (a temporary SQLite file, or a temporary database on the
 * PostgreSQL server of DATABASE_URL, dropped at the end) or an existing seeded one used in place.
 * Also which residents log in: the personas and others spread over the registry.
 */
import fs from "node:fs";
import path from "node:path";
import { sql } from "kysely";
import pg from "pg";
import { openDatabase, parseDatabaseUrl, type DbKind } from "../../db/connection";
import { seed, type SeedSummary } from "../../db/seed/index";
import { OPERATOR_PERSONAS, PERSONAS } from "../../db/seed/personas";

export interface BenchDatabase {
  kind: DbKind;
  /** What the server gets as DATABASE_URL. */
  url: string;
  /** The SQLite file, absolute. */
  file?: string;
  /** For the report (no password). */
  label: string;
  /** Removes what the benchmark created (nothing for an existing database). */
  drop: () => Promise<void>;
}

/** Seeds `url` (an empty database) with `citizens` residents. */
export async function timedSeed(url: string, citizens: number, today: string): Promise<SeedSummary> {
  const { kind } = parseDatabaseUrl(url);
  const handle = await openDatabase(url, { bulk: kind === "sqlite" });
  try {
    return await seed(handle, { citizens, today, connectionString: kind === "postgres" ? url : undefined });
  } finally {
    await handle.close();
  }
}

export function removeSqlite(file: string): void {
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
}

function withoutPassword(url: string): string {
  return url.replace(/:[^:@/]*@/, ":***@");
}

export function existingDatabase(db: string): BenchDatabase {
  const { kind, location } = parseDatabaseUrl(db);
  if (kind === "postgres") return { kind, url: db, label: withoutPassword(db), drop: async () => {} };
  const file = path.resolve(location);
  if (!fs.existsSync(file)) throw new Error(`BENCH_DB: ${file} does not exist`);
  return { kind, url: `file:${file}`, file, label: file, drop: async () => {} };
}

export function freshSqlite(dataDir: string): BenchDatabase {
  const file = path.join(dataDir, "portal.db");
  return {
    kind: "sqlite",
    url: `file:${file}`,
    file,
    label: "fresh seed (temporary SQLite file)",
    drop: async () => removeSqlite(file),
  };
}

async function admin<T>(adminUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * A new, empty database on the server of `adminUrl` (which must allow CREATE DATABASE), named
 * benchpg_<time>_<pid>; `drop` removes it whatever still connects to it.
 */
export async function freshPostgres(adminUrl: string): Promise<BenchDatabase> {
  const name = `benchpg_${Date.now().toString(36)}_${process.pid}`;
  await admin(adminUrl, (c) => c.query(`create database ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    kind: "postgres",
    url: url.toString(),
    label: `fresh seed (temporary PostgreSQL database ${name})`,
    drop: async () => {
      await admin(adminUrl, (c) => c.query(`drop database if exists ${name} with (force)`));
    },
  };
}

export interface DatabaseFacts {
  today: string;
  citizens: number;
  /** Codici fiscali of the residents who log in: the personas first. */
  residents: string[];
}

/** 18 years before `today` (YYYY-MM-DD), for adults only. */
function adultsBornBy(today: string): string {
  return `${Number(today.slice(0, 4)) - 18}${today.slice(4)}`;
}

/**
 * The seed's date, its size, and `count` residents to log in: the three personas, then adults with
 * something to pay or paid, taken at even steps over the ids so that they come from every comune.
 */
export async function describeDatabase(url: string, count: number): Promise<DatabaseFacts> {
  const { kind } = parseDatabaseUrl(url);
  const handle = await openDatabase(url, { readonly: kind === "sqlite" });
  const { db } = handle;
  try {
    const today = (await db.selectFrom("meta").select("value").where("key", "=", "today").executeTakeFirst())?.value;
    if (!today) throw new Error(`${withoutPassword(url)} is not a seeded database (no meta 'today')`);
    const totals = await db
      .selectFrom("citizens")
      .select((eb) => [eb.fn.countAll<number>().as("n"), eb.fn.max("id").as("maxId")])
      .executeTakeFirstOrThrow();
    const personas: string[] = Object.values(PERSONAS).map((p) => p.codiceFiscale);
    const excluded = [...personas, ...Object.values(OPERATOR_PERSONAS).map((o) => o.codiceFiscale)];
    const others = Math.max(0, count - personas.length);
    const residents = [...personas];
    const maxId = Number(totals.maxId ?? 0);
    for (let k = 0; k < others; k++) {
      const from = Math.floor((k * maxId) / others) + 1;
      const row = await db
        .selectFrom("citizens as c")
        .select("c.codice_fiscale")
        .where("c.id", ">=", from)
        .where("c.birth_date", "<=", adultsBornBy(today))
        .where("c.codice_fiscale", "not in", [...excluded, ...residents])
        .where(({ exists, selectFrom }) =>
          exists(selectFrom("debt_positions as dp").select(sql.lit(1).as("one")).whereRef("dp.debtor_citizen_id", "=", "c.id")),
        )
        .orderBy("c.id")
        .limit(1)
        .executeTakeFirst();
      if (row) residents.push(row.codice_fiscale);
    }
    return { today, citizens: Number(totals.n), residents };
  } finally {
    await handle.close();
  }
}

/**
 * The benchmark's database: a fresh seed (a temporary SQLite file, or a temporary database on the
 * PostgreSQL server of DATABASE_URL, dropped at the end) or an existing seeded one used in place.
 * Also which residents log in (the personas and others spread over the registry), each with a
 * notice and a pratica of their own, the notices the API is asked about, and the database's size.
 */
import fs from "node:fs";
import path from "node:path";
import { sql } from "kysely";
import pg from "pg";
import { openDatabase, parseDatabaseUrl, type DbKind } from "../../db/connection";
import { seed, type SeedSummary } from "../../db/seed/index";
import { taxYearFor } from "../../db/seed/generate";
import { OPERATOR_PERSONAS, PERSONAS, RICH_DOSSIER_RESIDENT } from "../../db/seed/personas";
import { VISIBLE_POSITION_STATUSES } from "../../app/payments/positions.server";

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

/**
 * Seeds `url` (an empty database) with `citizens` residents; `richDossier` adds the resident whose
 * dossier is that many times a usual one (RICH_DOSSIER_RESIDENT).
 */
export async function timedSeed(
  url: string,
  citizens: number,
  today: string,
  opts: { richDossier?: number } = {},
): Promise<SeedSummary> {
  const { kind } = parseDatabaseUrl(url);
  const handle = await openDatabase(url, { bulk: kind === "sqlite" });
  try {
    return await seed(handle, {
      citizens,
      today,
      connectionString: kind === "postgres" ? url : undefined,
      richDossier: opts.richDossier,
    });
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
    label: `fresh seed (temporary SQLite file ${file})`,
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

/** Bytes on disk: the SQLite file with its write-ahead log, or PostgreSQL's pg_database_size. */
export async function databaseSize(database: BenchDatabase): Promise<number | null> {
  if (database.file) {
    let bytes = 0;
    for (const suffix of ["", "-wal"]) {
      if (fs.existsSync(database.file + suffix)) bytes += fs.statSync(database.file + suffix).size;
    }
    return bytes;
  }
  if (database.kind !== "postgres") return null;
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    const r = await client.query<{ n: string }>("select pg_database_size(current_database()) as n");
    return Number(r.rows[0]!.n);
  } finally {
    await client.end();
  }
}

/** A resident who logs in, with the notice and the pratica whose pages are loaded with their session. */
export interface BenchResident {
  codiceFiscale: string;
  /** A payment option of theirs (/area-personale/pagamenti/<id>): the latest one still to pay, else the latest. */
  noticeOptionId: number | null;
  /** Their pratica updated last (/area-personale/pratiche/<id>). */
  praticaId: number | null;
}

export interface DatabaseFacts {
  today: string;
  /** The year of the seed's IMU and TARI (/area-personale/contribuente/imu/<year>). */
  taxYear: number;
  citizens: number;
  /** The personas first. */
  residents: BenchResident[];
  /** Notices spread over the payments hub, for the API's verification: code and creditor. */
  notices: { nav: string; creditorFiscalCode: string }[];
  /** RICH_DOSSIER_RESIDENT, when the database was seeded with it. */
  richResident: BenchResident | null;
}

/** 18 years before `today` (YYYY-MM-DD), for adults only. */
function adultsBornBy(today: string): string {
  return `${Number(today.slice(0, 4)) - 18}${today.slice(4)}`;
}

/** Notices the API verifies in turn. */
const API_NOTICES = 100;

/**
 * The seed's date, its size, and `count` residents to log in: the three personas, then adults with
 * a debt position and a pratica, taken at even steps over the ids so that they come from every
 * comune; for each, a notice and a pratica of theirs.
 */
export async function describeDatabase(url: string, count: number): Promise<DatabaseFacts> {
  const { kind } = parseDatabaseUrl(url);
  const handle = await openDatabase(url, { readonly: kind === "sqlite" });
  const { db } = handle;
  try {
    const today = (await db.selectFrom("meta").select("value").where("key", "=", "today").executeTakeFirst())
      ?.value;
    if (!today) throw new Error(`${withoutPassword(url)} is not a seeded database (no meta 'today')`);
    const totals = await db
      .selectFrom("citizens")
      .select((eb) => [eb.fn.countAll<number>().as("n"), eb.fn.max("id").as("maxId")])
      .executeTakeFirstOrThrow();
    const personas: string[] = Object.values(PERSONAS).map((p) => p.codiceFiscale);
    const excluded = [
      ...personas,
      ...Object.values(OPERATOR_PERSONAS).map((o) => o.codiceFiscale),
      RICH_DOSSIER_RESIDENT.codiceFiscale,
    ];
    const others = Math.max(0, count - personas.length);
    const chosen = [...personas];
    const maxId = Number(totals.maxId ?? 0);
    for (let k = 0; k < others; k++) {
      const from = Math.floor((k * maxId) / others) + 1;
      const row = await db
        .selectFrom("citizens as c")
        .select("c.codice_fiscale")
        .where("c.id", ">=", from)
        .where("c.birth_date", "<=", adultsBornBy(today))
        .where("c.codice_fiscale", "not in", [...excluded, ...chosen])
        .where(({ exists, selectFrom }) =>
          exists(
            selectFrom("debt_positions as dp")
              .select(sql.lit(1).as("one"))
              .whereRef("dp.debtor_citizen_id", "=", "c.id"),
          ),
        )
        .where(({ exists, selectFrom }) =>
          exists(
            selectFrom("pratiche as p").select(sql.lit(1).as("one")).whereRef("p.citizen_id", "=", "c.id"),
          ),
        )
        .orderBy("c.id")
        .limit(1)
        .executeTakeFirst();
      if (row) chosen.push(row.codice_fiscale);
    }

    const resident = async (codiceFiscale: string): Promise<BenchResident | null> => {
      const citizen = await db
        .selectFrom("citizens")
        .select("id")
        .where("codice_fiscale", "=", codiceFiscale)
        .executeTakeFirst();
      if (!citizen) return null;
      const notice = await db
        .selectFrom("payment_options as po")
        .innerJoin("debt_positions as dp", "dp.id", "po.position_id")
        .select("po.id")
        .where("dp.debtor_citizen_id", "=", citizen.id)
        .where("dp.status", "in", VISIBLE_POSITION_STATUSES)
        .orderBy(sql`case when po.status = 'PO_UNPAID' then 0 else 1 end`)
        .orderBy("po.due_date", "desc")
        .orderBy("po.id", "desc")
        .limit(1)
        .executeTakeFirst();
      const pratica = await db
        .selectFrom("pratiche")
        .select("id")
        .where("citizen_id", "=", citizen.id)
        .orderBy("updated_at", "desc")
        .orderBy("id", "desc")
        .limit(1)
        .executeTakeFirst();
      return { codiceFiscale, noticeOptionId: notice?.id ?? null, praticaId: pratica?.id ?? null };
    };
    const residents: BenchResident[] = [];
    for (const cf of chosen) {
      const r = await resident(cf);
      if (r) residents.push(r);
    }

    const maxOption = Number(
      (
        await db
          .selectFrom("payment_options")
          .select((eb) => eb.fn.max("id").as("m"))
          .executeTakeFirst()
      )?.m ?? 0,
    );
    const notices = new Map<string, { nav: string; creditorFiscalCode: string }>();
    for (let k = 0; k < API_NOTICES && maxOption > 0; k++) {
      const row = await db
        .selectFrom("payment_options as po")
        .innerJoin("debt_positions as dp", "dp.id", "po.position_id")
        .select(["po.nav", "po.creditor_fiscal_code"])
        .where("po.id", ">=", Math.floor((k * maxOption) / API_NOTICES) + 1)
        .where("dp.status", "in", VISIBLE_POSITION_STATUSES)
        .orderBy("po.id")
        .limit(1)
        .executeTakeFirst();
      if (row) notices.set(row.nav, { nav: row.nav, creditorFiscalCode: row.creditor_fiscal_code });
    }

    return {
      today,
      taxYear: taxYearFor(today),
      citizens: Number(totals.n),
      residents,
      notices: [...notices.values()],
      richResident: await resident(RICH_DOSSIER_RESIDENT.codiceFiscale),
    };
  } finally {
    await handle.close();
  }
}

/** One table of RICH_DOSSIER_RESIDENT's dossier beside a usual adult's average. */
export interface DossierRows {
  table: string;
  rich: number;
  perAdult: number;
}

/** How RICH_DOSSIER_RESIDENT's dossier compares with the average adult's; null without that resident. */
export async function richDossierRows(url: string, today: string): Promise<DossierRows[] | null> {
  const { kind } = parseDatabaseUrl(url);
  const handle = await openDatabase(url, { readonly: kind === "sqlite" });
  const { db } = handle;
  try {
    const rich = await db
      .selectFrom("citizens")
      .select("id")
      .where("codice_fiscale", "=", RICH_DOSSIER_RESIDENT.codiceFiscale)
      .executeTakeFirst();
    if (!rich) return null;
    const count = async (q: { executeTakeFirstOrThrow: () => Promise<{ n: unknown }> }) =>
      Number((await q.executeTakeFirstOrThrow()).n);
    const adults = await count(
      db
        .selectFrom("citizens")
        .select((eb) => eb.fn.countAll().as("n"))
        .where("birth_date", "<=", adultsBornBy(today)),
    );
    const ofCitizen = async (table: "messages" | "pratiche" | "certificates") => ({
      table,
      rich: await count(
        db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as("n"))
          .where("citizen_id", "=", rich.id),
      ),
      all: await count(db.selectFrom(table).select((eb) => eb.fn.countAll().as("n"))),
    });
    const rows = [
      {
        table: "debt_positions",
        rich: await count(
          db
            .selectFrom("debt_positions")
            .select((eb) => eb.fn.countAll().as("n"))
            .where("debtor_citizen_id", "=", rich.id),
        ),
        all: await count(db.selectFrom("debt_positions").select((eb) => eb.fn.countAll().as("n"))),
      },
      {
        table: "payment_options",
        rich: await count(
          db
            .selectFrom("payment_options as po")
            .innerJoin("debt_positions as dp", "dp.id", "po.position_id")
            .select((eb) => eb.fn.countAll().as("n"))
            .where("dp.debtor_citizen_id", "=", rich.id),
        ),
        all: await count(db.selectFrom("payment_options").select((eb) => eb.fn.countAll().as("n"))),
      },
      {
        table: "receipts",
        rich: await count(
          db
            .selectFrom("receipts")
            .select((eb) => eb.fn.countAll().as("n"))
            .where("debtor_fiscal_code", "=", RICH_DOSSIER_RESIDENT.codiceFiscale),
        ),
        all: await count(db.selectFrom("receipts").select((eb) => eb.fn.countAll().as("n"))),
      },
      await ofCitizen("messages"),
      await ofCitizen("pratiche"),
      await ofCitizen("certificates"),
    ];
    return rows.map((r) => ({
      table: r.table,
      rich: r.rich,
      perAdult: adults ? (r.all - r.rich) / adults : 0,
    }));
  } finally {
    await handle.close();
  }
}

/**
 * Demo data: `seed()` fills an empty database with entities, operators, the personas and
 * `citizens` residents with their dossiers, deterministically from (citizens, today, seed).
 * `citizens` counts every resident, the personas' households included (see FIXED_RESIDENTS).
 */
import fs from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { Migrator, sql } from "kysely";
import { isValidIsoDate } from "../../app/rules/time";
import type { DbHandle } from "../connection";
import { migrateTo, migrateToLatest } from "../migrate";
import { migrations, TABLES_MIGRATION } from "../migrations/index";
import type { Db } from "../schema";
import { toCopyTables, type CopyTable } from "./copy-text";
import { seedDelegations } from "./delegations";
import { flatten, type FlatTable } from "./flat";
import { generate, MIN_CITIZENS, taxYearFor, type GenerateOptions } from "./generate";
import { printReport, ProgressBar } from "./progress";
import type { WorkerInput } from "./worker";
import { SqliteWriter } from "./write-sqlite";
import { resetIdentitySequences, writeRowsKysely } from "./write-kysely";

export interface SeedOptions {
  citizens?: number;
  today?: string;
  seed?: number;
  progress?: boolean;
  /** Print the final summary (rows per table, per resident, per second, file size). */
  report?: boolean;
  /** Generate on a worker thread (default: from 20,000 residents on). Same data either way. */
  worker?: boolean;
  /**
   * PostgreSQL: the URL the handle was opened with. With it the rows are loaded with COPY on a
   * connection of its own, the whole seed in one transaction (docs/decisions/012); without it,
   * with multi-row INSERTs through the handle, a transaction per batch (slower).
   */
  connectionString?: string;
  /** Benchmarks only: one more resident with about this many times a usual dossier (GenerateOptions). */
  richDossier?: number;
}

export interface SeedSummary {
  citizens: number;
  rows: Record<string, number>;
  seconds: number;
  fileBytes?: number;
}

export const DEFAULT_CITIZENS = 3000;
export const DEFAULT_SEED = 1;
/** Residents generated between two progress updates, and between two commits on SQLite. */
const BATCH_RESIDENTS = 5_000;
const COMMIT_RESIDENTS = 25_000;
/** From this size on, seeds generate on a worker thread while the main thread writes. */
const WORKER_MIN_CITIZENS = 20_000;

export async function isSeeded(db: Db): Promise<boolean> {
  const row = await db.selectFrom("meta").select("value").where("key", "=", "seed").executeTakeFirst();
  return !!row;
}

function currentDate(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

/** Creates the tables if the database is empty; an already migrated one is left as it is. */
async function ensureTables(db: Db): Promise<void> {
  const tables = await db.introspection.getTables();
  if (!tables.some((t) => t.name === "citizens")) await migrateTo(db, TABLES_MIGRATION);
}

export async function seed(handle: DbHandle, opts: SeedOptions): Promise<SeedSummary> {
  const started = performance.now();
  const today = opts.today ?? currentDate();
  if (!isValidIsoDate(today)) throw new Error(`Data di riferimento non valida: ${today} (serve AAAA-MM-GG).`);
  const citizens = opts.citizens ?? DEFAULT_CITIZENS;
  if (!Number.isInteger(citizens) || citizens < MIN_CITIZENS) {
    throw new Error(`Il numero di residenti deve essere un intero di almeno ${MIN_CITIZENS}.`);
  }
  const seedValue = opts.seed ?? DEFAULT_SEED;
  const { db } = handle;

  await ensureTables(db);
  const existing = await db
    .selectFrom("citizens")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  if (Number(existing.n) > 0) {
    throw new Error(
      "Il database contiene già dei residenti: per ricaricare i dati dimostrativi usa il comando reset.",
    );
  }

  const progress = opts.progress ? new ProgressBar(citizens, started) : null;
  const options: GenerateOptions = { citizens, today, seed: seedValue };
  if (opts.richDossier) options.richDossier = opts.richDossier;
  const meta = { citizens, today, seed: seedValue, taxYear: taxYearFor(today) };
  const finish = (target: Db) => finishSeed(target, handle, meta, progress);
  const useWorker = opts.worker ?? citizens >= WORKER_MIN_CITIZENS;
  let counts: Record<string, number>;
  if (handle.kind === "sqlite" && handle.sqlite) {
    counts = await loadSqlite(handle.sqlite, options, useWorker, progress);
    await finish(db);
  } else if (opts.connectionString) {
    counts = await loadPostgres(opts.connectionString, options, useWorker, progress, finish);
  } else {
    counts = {};
    let total = 0;
    for (const batch of generate(options, BATCH_RESIDENTS)) {
      total += await writeRowsKysely(db, batch.rows, counts);
      progress?.update(batch.residents, total, performance.now());
    }
    await finish(db);
  }

  let fileBytes: number | undefined;
  if (handle.sqlite && handle.location !== ":memory:") {
    handle.sqlite.pragma("wal_checkpoint(TRUNCATE)");
    fileBytes = fs.statSync(handle.location).size;
  }
  progress?.done();
  const summary: SeedSummary = {
    citizens,
    rows: counts,
    seconds: (performance.now() - started) / 1000,
    fileBytes,
  };
  if (opts.report) printReport(summary);
  return summary;
}

/**
 * After the rows: identity sequences past the seeded ids (PostgreSQL), the remaining migrations
 * (the secondary indexes), the demo delegations, planner statistics and the `meta` row that marks
 * the database seeded.
 * `target` is the handle's database, or on the COPY path the loading transaction.
 */
async function finishSeed(
  target: Db,
  handle: DbHandle,
  meta: { citizens: number; today: string; seed: number; taxYear: number },
  progress: ProgressBar | null,
): Promise<void> {
  if (handle.kind === "postgres") await resetIdentitySequences(target);
  progress?.phase("Creazione degli indici...");
  if (target === handle.db) await migrateToLatest(target);
  else await migrateInTransaction(target);
  // Their table comes with a later migration than the seeded rows' tables.
  await seedDelegations(target, meta.today);
  // The demo's residents confirmed their email address when they gave it (migration 011's column).
  await target
    .updateTable("citizens")
    .set((eb) => ({ email_confirmed_at: eb.ref("contacts_updated_at") }))
    .where("email", "is not", null)
    .execute();
  progress?.phase("Statistiche per il pianificatore (ANALYZE)...");
  if (handle.sqlite) {
    // A sample per index is enough for the planner and keeps ANALYZE quick on large files.
    handle.sqlite.pragma("analysis_limit = 2000");
    handle.sqlite.exec("ANALYZE");
  } else {
    await sql`analyze`.execute(target);
  }
  await target.deleteFrom("meta").where("key", "in", ["seed", "today"]).execute();
  await target
    .insertInto("meta")
    .values([
      { key: "seed", value: JSON.stringify(meta) },
      { key: "today", value: meta.today },
    ])
    .execute();
}

/**
 * Pending migrations inside a transaction the caller holds open: `migrateToLatest` would begin
 * and commit one of its own. PostgreSQL's migration lock is transaction-scoped, so it holds.
 */
async function migrateInTransaction(db: Db): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    disableTransactions: true,
  });
  const result = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === "Error");
    throw new Error(
      `Migrazione non riuscita${failed ? ` (${failed.migrationName})` : ""}: ${String(result.error)}`,
    );
  }
}

interface Batch<T> {
  residents: number;
  tables: T[];
}
type FlatBatch = Batch<FlatTable>;

async function loadSqlite(
  conn: NonNullable<DbHandle["sqlite"]>,
  options: GenerateOptions,
  useWorker: boolean,
  progress: ProgressBar | null,
): Promise<Record<string, number>> {
  const writer = new SqliteWriter(conn);
  const foreignKeys = conn.pragma("foreign_keys", { simple: true });
  const bulk = conn.pragma("synchronous", { simple: true }) === 0;
  // Rows arrive parents first with ids set by the generator: checks would only cost time.
  conn.pragma("foreign_keys = OFF");
  // Bulk loading (synchronous OFF, the command line): sort with two threads when indexing.
  if (bulk) conn.pragma("threads = 2");
  let total = 0;
  let sinceCommit = 0;
  let lastResidents = 0;
  const onBatch = (batch: FlatBatch) => {
    total += writer.write(batch.tables);
    sinceCommit += batch.residents - lastResidents;
    lastResidents = batch.residents;
    if (sinceCommit >= COMMIT_RESIDENTS) {
      writer.commit();
      writer.begin();
      sinceCommit = 0;
    }
    progress?.update(batch.residents, total, performance.now());
  };
  try {
    writer.begin();
    const worker = useWorker ? startWorker(options, "flat") : null;
    if (worker) await drainWorker<FlatTable>(worker.thread, worker.progress, onBatch);
    else
      for (const batch of generate(options, BATCH_RESIDENTS))
        onBatch({ residents: batch.residents, tables: flatten(batch.rows) });
    writer.commit();
  } catch (err) {
    writer.rollback();
    throw err;
  } finally {
    conn.pragma(`foreign_keys = ${foreignKeys ? "ON" : "OFF"}`);
  }
  progress?.update(lastResidents, total, performance.now(), true);
  return writer.counts;
}

async function loadPostgres(
  connectionString: string,
  options: GenerateOptions,
  useWorker: boolean,
  progress: ProgressBar | null,
  finish: (db: Db) => Promise<void>,
): Promise<Record<string, number>> {
  const { PostgresWriter } = await import("./write-postgres");
  const writer = await PostgresWriter.connect(connectionString);
  let total = 0;
  let lastResidents = 0;
  const write = async (batch: Batch<CopyTable>) => {
    total += await writer.write(batch.tables);
    lastResidents = batch.residents;
    progress?.update(batch.residents, total, performance.now());
  };
  try {
    await writer.begin();
    const worker = useWorker ? startWorker(options, "copy") : null;
    if (worker) {
      await drainWorker<CopyTable>(worker.thread, worker.progress, write);
    } else {
      for (const batch of generate(options, BATCH_RESIDENTS)) {
        await write({ residents: batch.residents, tables: toCopyTables(batch.rows) });
      }
    }
    progress?.update(lastResidents, total, performance.now(), true);
    progress?.phase("Verifica dei riferimenti tra tabelle (chiavi esterne)...");
    await writer.restoreForeignKeys();
    await finish(writer.kysely());
    await writer.commit();
  } catch (err) {
    await writer.rollback();
    throw err;
  } finally {
    await writer.close();
  }
  return writer.counts;
}

/**
 * The worker runs the TypeScript sources under tsx (the command line) or compiled JavaScript;
 * when neither file sits beside this module (the server bundle) generation stays on this thread.
 */
function startWorker(
  options: GenerateOptions,
  format: WorkerInput["format"],
): { thread: Worker; progress: Int32Array } | null {
  const here = import.meta.url;
  const extension = here.endsWith(".ts") ? ".ts" : here.endsWith(".js") ? ".js" : null;
  if (!extension) return null;
  const target = new URL(`./worker${extension}`, here);
  if (!fs.existsSync(fileURLToPath(target))) return null;
  const shared = new SharedArrayBuffer(4);
  const workerData: WorkerInput = { options, batchResidents: BATCH_RESIDENTS, format, progress: shared };
  let thread: Worker;
  if (extension === ".ts") {
    const tsx = import.meta.resolve("tsx/esm/api");
    const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(target.href)}); })`;
    thread = new Worker(boot, { eval: true, workerData });
  } else {
    thread = new Worker(target, { workerData });
  }
  return { thread, progress: new Int32Array(shared) };
}

/**
 * Hands the worker's batches to `onBatch` one at a time, in order, each after the previous one
 * is written (`onBatch` may be asynchronous); resolves once the last one is.
 */
function drainWorker<T>(
  thread: Worker,
  written: Int32Array,
  onBatch: (b: Batch<T>) => void | Promise<void>,
): Promise<void> {
  return new Promise((resolve, reject) => {
    let finished = false;
    let generated = false;
    let chain = Promise.resolve();
    const fail = (err: unknown) => {
      if (finished) return;
      finished = true;
      void thread.terminate();
      reject(err instanceof Error ? err : new Error(String(err)));
    };
    thread.on("message", (m: Batch<T> | { done: true }) => {
      if (finished) return;
      if ("done" in m) {
        generated = true;
        chain = chain.then(() => {
          if (finished) return;
          finished = true;
          return thread.terminate().then(() => resolve(), reject);
        });
        return;
      }
      chain = chain
        .then(async () => {
          if (finished) return;
          await onBatch(m);
          Atomics.add(written, 0, 1);
          Atomics.notify(written, 0);
        })
        .catch(fail);
    });
    thread.on("error", fail);
    thread.on("exit", (code) => {
      if (!generated) fail(new Error(`La generazione dei dati si è interrotta (codice ${code}).`));
    });
  });
}

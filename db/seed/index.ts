/**
 * Demo data: `seed()` fills an empty database with entities, operators, the personas and
 * `citizens` residents with their dossiers, deterministically from (citizens, today, seed).
 * `citizens` counts every resident, the personas' households included (see FIXED_RESIDENTS).
 */
import fs from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { sql, type Kysely } from "kysely";
import { isValidIsoDate } from "../../app/rules/money";
import type { DbHandle } from "../connection";
import { migrateTo, migrateToLatest } from "../migrate";
import { TABLES_MIGRATION } from "../migrations/index";
import type { Database } from "../schema";
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
  /** SQLite only: generate on a worker thread (default: from 20,000 residents on). Same data either way. */
  worker?: boolean;
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
/** From this size on, SQLite seeds generate on a worker thread while the main thread writes. */
const WORKER_MIN_CITIZENS = 20_000;

export async function isSeeded(db: Kysely<Database>): Promise<boolean> {
  const row = await db.selectFrom("meta").select("value").where("key", "=", "seed").executeTakeFirst();
  return !!row;
}

function currentDate(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

/** Creates the tables if the database is empty; an already migrated one is left as it is. */
async function ensureTables(db: Kysely<Database>): Promise<void> {
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
  let counts: Record<string, number>;
  if (handle.kind === "sqlite" && handle.sqlite) {
    const useWorker = opts.worker ?? citizens >= WORKER_MIN_CITIZENS;
    counts = await loadSqlite(handle.sqlite, options, useWorker, progress);
  } else {
    counts = {};
    let total = 0;
    for (const batch of generate(options, BATCH_RESIDENTS)) {
      total += await writeRowsKysely(db, batch.rows, counts);
      progress?.update(batch.residents, total, performance.now());
    }
    await resetIdentitySequences(db);
  }

  progress?.phase("Creazione degli indici...");
  await migrateToLatest(db);
  progress?.phase("Statistiche per il pianificatore (ANALYZE)...");
  if (handle.sqlite) {
    // A sample per index is enough for the planner and keeps ANALYZE quick on large files.
    handle.sqlite.pragma("analysis_limit = 2000");
    handle.sqlite.exec("ANALYZE");
  } else {
    await sql`analyze`.execute(db);
  }
  const meta = { citizens, today, seed: seedValue, taxYear: taxYearFor(today) };
  await db.deleteFrom("meta").where("key", "in", ["seed", "today"]).execute();
  await db
    .insertInto("meta")
    .values([
      { key: "seed", value: JSON.stringify(meta) },
      { key: "today", value: today },
    ])
    .execute();

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

interface FlatBatch {
  residents: number;
  tables: FlatTable[];
}

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
    const worker = useWorker ? startWorker(options) : null;
    if (worker) await drainWorker(worker.thread, worker.progress, onBatch);
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

/**
 * The worker runs the TypeScript sources under tsx (the command line) or compiled JavaScript;
 * when neither file sits beside this module (the server bundle) generation stays on this thread.
 */
function startWorker(options: GenerateOptions): { thread: Worker; progress: Int32Array } | null {
  const here = import.meta.url;
  const extension = here.endsWith(".ts") ? ".ts" : here.endsWith(".js") ? ".js" : null;
  if (!extension) return null;
  const target = new URL(`./worker${extension}`, here);
  if (!fs.existsSync(fileURLToPath(target))) return null;
  const shared = new SharedArrayBuffer(4);
  const workerData: WorkerInput = { options, batchResidents: BATCH_RESIDENTS, progress: shared };
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

function drainWorker(thread: Worker, written: Int32Array, onBatch: (b: FlatBatch) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    let finished = false;
    const fail = (err: unknown) => {
      if (finished) return;
      finished = true;
      void thread.terminate();
      reject(err instanceof Error ? err : new Error(String(err)));
    };
    thread.on("message", (m: FlatBatch | { done: true }) => {
      if (finished) return;
      if ("done" in m) {
        finished = true;
        void thread.terminate().then(() => resolve(), reject);
        return;
      }
      try {
        onBatch(m);
        Atomics.add(written, 0, 1);
        Atomics.notify(written, 0);
      } catch (err) {
        fail(err);
      }
    });
    thread.on("error", fail);
    thread.on("exit", (code) => {
      if (!finished) fail(new Error(`La generazione dei dati si è interrotta (codice ${code}).`));
    });
  });
}

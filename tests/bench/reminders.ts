/**
 * The daily reminders' planning (`planReminders`, app/mail/reminders.server.ts) on a seeded SQLite
 * database of N residents (issue: 1,000,000 residents planned in under a minute).
 *
 *   1. the seed: `--db FILE` (or BENCH_DB) names an existing seeded database; otherwise one of
 *      `--citizens N` residents (default 1,000,000) for BENCH_TODAY is seeded once, in a child
 *      process, into <tmp>/portal-bench-reminders/seed-<N>-<today>.db and reused by later runs;
 *   2. a copy of it in a temporary folder, so that every run starts from the same queue;
 *   3. on the copy, for the seed's "today" (meta `today`): the first planning (wall time, digests
 *      queued, notices, identity documents and appointments considered, time per kind of query,
 *      peak RSS, longest stall of the event loop); the same day again, which must queue nothing
 *      (the day is in `mail_plans`); the same day once more without its `mail_plans` row, as after
 *      a run that stopped before the end, which must queue nothing either (each digest's dedupe
 *      key); the next day, a usual day; and the seed's busiest day, the day after the due date of
 *      most notices still to pay;
 *   4. EXPLAIN QUERY PLAN of each kind of query the planner ran, a full scan of a table that grows
 *      with the residents marked with "!!".
 *
 * Peak RSS is this process's so far (the seed runs in a child process and is not counted). It
 * exits with 1 if the first planning of a day (today, the next day, the busiest day) takes 60
 * seconds or more, or if a repeated planning queues anything. The copy is removed at the end; the
 * cached seed is kept.
 *
 *   npx tsx tests/bench/reminders.ts                      # 1,000,000 residents (the first seed takes minutes)
 *   npx tsx tests/bench/reminders.ts --citizens 20000     # a quick check
 *   npx tsx tests/bench/reminders.ts --db /tmp/big.db     # an existing seeded SQLite file
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import type { CompiledQuery, LogEvent } from "kysely";
import { openDatabase, parseDatabaseUrl } from "../../db/connection";
import { migrateToLatest } from "../../db/migrate";
import type { MailLinks } from "../../app/mail/links.server";
import { planReminders, type PlanResult } from "../../app/mail/reminders.server";
import { PAYABLE_STATUSES } from "../../app/rules/gpd";
import { addDays, romeDayStart } from "../../app/rules/time";
import { PROJECT_ROOT, TEST_TODAY } from "../support/constants";
import { removeSqlite } from "./database";

/** The target for the first planning of a day. */
const LIMIT_SECONDS = 60;

/** Tables that grow with the residents: a full scan of any of them is marked. */
const LARGE = [
  "citizens",
  "payment_options",
  "debt_positions",
  "identity_documents",
  "appointments",
  "appointment_slots",
  "mail_queue",
  "mail_opt_outs",
];

const { values: args } = parseArgs({
  options: {
    citizens: { type: "string" },
    db: { type: "string" },
  },
});

const number = new Intl.NumberFormat("it-IT", { maximumFractionDigits: 0 });
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const mb = (bytes: number) => `${number.format(bytes / 1024 / 1024)} MB`;
/** Peak resident set size of this process so far (resourceUsage gives kilobytes). */
const peakRss = () => process.resourceUsage().maxRSS * 1024;

function log(line: string): void {
  console.error(`[promemoria] ${line}`);
}

function citizensSetting(): number {
  const raw = args.citizens ?? "1000000";
  const n = Number(raw.replace(/_/g, ""));
  if (!Number.isInteger(n) || n < 10) throw new Error("--citizens vuole un numero intero di almeno 10");
  return n;
}

/**
 * The seeded file to copy: the one given, or the cached seed of `citizens` residents, seeded now in
 * a child process (its memory is not this process's peak) into a partial file renamed when complete.
 */
function sourceDatabase(): string {
  const given = args.db ?? process.env.BENCH_DB;
  if (given) {
    const { kind, location } = parseDatabaseUrl(given);
    if (kind !== "sqlite") throw new Error("--db: solo un file SQLite");
    const file = path.resolve(location);
    if (!fs.existsSync(file)) throw new Error(`--db: ${file} non esiste`);
    return file;
  }
  const citizens = citizensSetting();
  const today = process.env.BENCH_TODAY || TEST_TODAY;
  const dir = path.join(os.tmpdir(), "portal-bench-reminders");
  const file = path.join(dir, `seed-${citizens}-${today}.db`);
  if (fs.existsSync(file)) {
    log(`database già popolato: ${file}`);
    return file;
  }
  fs.mkdirSync(dir, { recursive: true });
  const partial = path.join(dir, `seed-${citizens}-${today}.partial.db`);
  removeSqlite(partial);
  log(`popolamento di ${number.format(citizens)} residenti in ${file} (una volta sola)...`);
  const t0 = performance.now();
  const child = spawnSync(
    process.execPath,
    [
      ...process.execArgv,
      path.join(PROJECT_ROOT, "db/cli.ts"),
      "seed",
      "--db",
      partial,
      "--citizens",
      String(citizens),
      "--today",
      today,
      "--quiet",
    ],
    { stdio: "inherit", cwd: PROJECT_ROOT },
  );
  if (child.status !== 0)
    throw new Error(`popolamento non riuscito (uscita ${child.status ?? child.signal})`);
  for (const suffix of ["-wal", "-shm"])
    if (fs.existsSync(partial + suffix)) throw new Error(`${partial}${suffix} rimasto dopo la chiusura`);
  fs.renameSync(partial, file);
  log(`popolato in ${seconds(performance.now() - t0)}`);
  return file;
}

/** A copy of the SQLite file (and its write-ahead log, if any) in `dir`. */
function copyDatabase(source: string, dir: string): string {
  const file = path.join(dir, "portal.db");
  fs.copyFileSync(source, file);
  if (fs.existsSync(`${source}-wal`)) fs.copyFileSync(`${source}-wal`, `${file}-wal`);
  return file;
}

/** The kind of a statement the planner runs: the table it reads or writes first. */
function kindOf(sql: string): string {
  const flat = sql.replace(/\s+/g, " ").trim();
  const m =
    /^(select)\b.*? from "(\w+)"/i.exec(flat) ??
    /^(insert) into "(\w+)"/i.exec(flat) ??
    /^(update) "(\w+)"/i.exec(flat) ??
    /^(delete) from "(\w+)"/i.exec(flat);
  return m ? `${m[1]!.toLowerCase()} ${m[2]}` : flat.slice(0, 40);
}

interface QueryStats {
  count: number;
  ms: number;
  /** The first statement of this kind, for EXPLAIN and the row count. */
  first: CompiledQuery;
}

interface Run {
  label: string;
  day: string;
  ms: number;
  result: PlanResult;
  queries: Map<string, QueryStats>;
  peakRss: number;
  /** Longest stretch without a turn of the event loop, in milliseconds. */
  stall: number;
}

async function main() {
  const source = sourceDatabase();
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), "portal-bench-reminders-run-"));
  let failed = false;
  try {
    const t0 = performance.now();
    const file = copyDatabase(source, temp);
    log(`copia di lavoro (${mb(fs.statSync(file).size)}) in ${seconds(performance.now() - t0)}: ${file}`);

    let recording: Map<string, QueryStats> | null = null;
    const handle = await openDatabase(`file:${file}`, {
      log: (event: LogEvent) => {
        if (!recording || event.level !== "query") return;
        const kind = kindOf(event.query.sql);
        const s = recording.get(kind);
        if (s) {
          s.count++;
          s.ms += event.queryDurationMillis;
        } else recording.set(kind, { count: 1, ms: event.queryDurationMillis, first: event.query });
      },
    });
    const { db } = handle;
    try {
      // A seed cached by an older version of the portal gets the migrations added since.
      const applied = await migrateToLatest(db);
      if (applied.length) log(`migrazioni applicate alla copia: ${applied.join(", ")}`);
      const meta = await db.selectFrom("meta").select("value").where("key", "=", "today").executeTakeFirst();
      if (!meta) throw new Error(`${source} non è un database popolato (manca meta 'today')`);
      const today = meta.value;
      const residents = Number(
        (
          await db
            .selectFrom("citizens")
            .select((eb) => eb.fn.countAll().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );
      const queuedBefore = Number(
        (
          await db
            .selectFrom("mail_queue")
            .select((eb) => eb.fn.countAll().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );
      const links: MailLinks = {
        publicUrl: "https://portale.example.it",
        portalName: "Portale del cittadino",
        secret: "s".repeat(40),
      };
      log(
        `${number.format(residents)} residenti, oggi ${today}, ${number.format(queuedBefore)} email già in coda; ` +
          `RSS ${mb(process.memoryUsage().rss)} prima della pianificazione`,
      );

      const runs: Run[] = [];
      const plan = async (label: string, day: string): Promise<Run> => {
        // The job runs early in the morning, Rome time.
        const now = new Date(Date.parse(romeDayStart(day)) + 6 * 3_600_000).toISOString();
        recording = new Map();
        // The longest the event loop went without turning: in a server worker, how long the
        // planning keeps that process from answering requests in one stretch.
        let last = performance.now();
        let stall = 0;
        const ticker = setInterval(() => {
          const t = performance.now();
          stall = Math.max(stall, t - last);
          last = t;
        }, 10);
        const start = performance.now();
        const result = await planReminders(db, { day, now, links });
        const ms = performance.now() - start;
        await new Promise((r) => setTimeout(r, 20));
        clearInterval(ticker);
        const run = { label, day, ms, result, queries: recording, peakRss: peakRss(), stall };
        recording = null;
        runs.push(run);
        log(`${label}: ${seconds(ms)}, ${number.format(result.queued)} riepiloghi in coda`);
        return run;
      };

      const first = await plan("primo giro del giorno", today);
      const again = await plan("stesso giorno, di nuovo", today);
      await db.deleteFrom("mail_plans").where("day", "=", today).execute();
      const resumed = await plan("stesso giorno senza mail_plans (ripresa)", today);
      const next = await plan("giorno dopo", addDays(today, 1));
      // The heaviest day of the seed: the day after the due date of most notices still to pay,
      // when every one of them is "due yesterday" for its debtor whatever notice they chose.
      const busiest = await db
        .selectFrom("payment_options as po")
        .innerJoin("debt_positions as dp", "dp.id", "po.position_id")
        .select(["po.due_date", (eb) => eb.fn.countAll().as("n")])
        .where("po.status", "=", "PO_UNPAID")
        .where("dp.status", "in", PAYABLE_STATUSES)
        .where("dp.debtor_citizen_id", "is not", null)
        .where("po.due_date", ">=", today)
        .groupBy("po.due_date")
        .orderBy("n", "desc")
        .limit(1)
        .executeTakeFirst();
      const peakDay = busiest ? addDays(busiest.due_date, 1) : null;
      const peak =
        peakDay && peakDay !== next.day
          ? await plan(
              `giorno di punta (${number.format(Number(busiest!.n))} avvisi scaduti il ${busiest!.due_date})`,
              peakDay,
            )
          : null;

      // The rows each of the day's three selections read, counted with the planner's own statements.
      const considered = async (run: Run, table: string): Promise<number | null> => {
        const q = run.queries.get(`select ${table}`)?.first;
        if (!q) return null;
        const rows = await db.executeQuery<{ n: number }>({
          ...q,
          sql: `select count(*) as n from (${q.sql})`,
        });
        return Number(rows.rows[0]!.n);
      };

      console.log(
        `\nPianificazione dei promemoria: ${number.format(residents)} residenti, SQLite, ${source}\n`,
      );
      const header = [
        "giro",
        "giorno",
        "tempo",
        "riepiloghi",
        "avvisi",
        "documenti",
        "appuntamenti",
        "picco RSS finora",
        "ciclo eventi fermo",
      ];
      const counted = (n: number | null) => (n === null ? "-" : number.format(n));
      const rows: string[][] = [];
      for (const run of runs) {
        rows.push([
          run.label,
          run.day,
          seconds(run.ms),
          number.format(run.result.queued) + (run.result.planned ? "" : " (già pianificato)"),
          counted(await considered(run, "payment_options")),
          counted(await considered(run, "identity_documents")),
          counted(await considered(run, "appointments")),
          mb(run.peakRss),
          seconds(run.stall),
        ]);
      }
      const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
      const line = (cells: string[]) =>
        cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
      console.log(line(header));
      console.log(widths.map((w) => "-".repeat(w)).join("  "));
      for (const r of rows) console.log(line(r));

      for (const run of [first, next, ...(peak ? [peak] : [])]) {
        console.log(`\nQuery del giro "${run.label}" (${run.day}): numero, tempo totale nel database`);
        for (const [kind, s] of run.queries)
          console.log(`  ${kind.padEnd(30)} ${String(s.count).padStart(7)}  ${seconds(s.ms).padStart(9)}`);
      }

      console.log("\nEXPLAIN QUERY PLAN (primo giro; !! = scansione completa di una tabella grande)");
      for (const [kind, s] of first.queries) {
        const plan = await db.executeQuery<{ detail: string }>({
          ...s.first,
          sql: `explain query plan ${s.first.sql}`,
        });
        console.log(
          `  ${kind}: ${s.first.sql.replace(/\s+/g, " ").slice(0, 150)}${s.first.sql.length > 150 ? "…" : ""}`,
        );
        for (const { detail } of plan.rows) {
          const scan = LARGE.some((t) => new RegExp(`^SCAN ${t}\\b(?! USING)`).test(detail));
          console.log(`      ${scan ? "!! " : ""}${detail}`);
        }
      }

      console.log("");
      // Every first planning of a day counts against the limit, the busiest day's too.
      for (const run of [first, next, ...(peak ? [peak] : [])])
        if (run.ms >= LIMIT_SECONDS * 1000) {
          console.log(`NON RIUSCITO: "${run.label}" in ${seconds(run.ms)} (limite ${LIMIT_SECONDS} s).`);
          failed = true;
        } else console.log(`"${run.label}" in ${seconds(run.ms)}: sotto il limite di ${LIMIT_SECONDS} s.`);
      for (const run of [again, resumed])
        if (run.result.queued !== 0) {
          console.log(
            `NON RIUSCITO: "${run.label}" ha messo in coda ${run.result.queued} riepiloghi invece di 0.`,
          );
          failed = true;
        }
      if (again.result.planned) {
        console.log(`NON RIUSCITO: "${again.label}" non ha riconosciuto il giorno già pianificato.`);
        failed = true;
      }
    } finally {
      await handle.close();
    }
  } finally {
    removeSqlite(path.join(temp, "portal.db"));
    fs.rmSync(temp, { recursive: true, force: true });
  }
  process.exitCode = failed ? 1 : 0;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

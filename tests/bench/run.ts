/**
 * `npm run bench`: the portal under concurrent load, with a summary table at the end and the same
 * figures in bench-results/<time>.json.
 *
 *   1. seeding throughput: a small seed (BENCH_SEED_CITIZENS residents) into a temporary file;
 *   2. the database: BENCH_CITIZENS (or --citizens) residents seeded for the run (SQLite, or
 *      PostgreSQL when DATABASE_URL is postgres://...), or an existing seeded one given as BENCH_DB;
 *   3. the built server (build/server/server.js, NODE_ENV=production, demo mode, WEB_CONCURRENCY
 *      passed on when set) on it; residents, an operator and an ente's admin (for an API key) log
 *      in through the demo IdP;
 *   4. per route, BENCH_WARMUP seconds of warm-up then BENCH_DURATION seconds of load from
 *      BENCH_CONNECTIONS connections (autocannon, in this process: the server is another one),
 *      requests rotating over residents, searches or notices (routes.ts). The baseline comes first
 *      in the same run: /status (one trivial query) and /note-legali (a static page through Remix);
 *   5. the scale curve (BENCH_SCALE=0 skips it): a second server on a seed of 10,000 residents
 *      with one resident whose dossier is a hundred times a usual one; the Scrivania there beside
 *      the same page on the run's database, and the rich resident's Scrivania alone.
 *
 * The run fails when any answer is not 2xx or a server process executed React's development build.
 *
 *   npm run bench
 *   npm run bench -- --citizens 1000000
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench
 *   BENCH_DB=/tmp/big.db npm run bench
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import type { SeedSummary } from "../../db/seed/index";
import { RICH_DOSSIER_RESIDENT } from "../../db/seed/personas";
import { loginAs } from "../support/saml-client";
import { PROJECT_ROOT, TEST_TODAY } from "../support/constants";
import { startServer, type TestServer } from "../support/server";
import {
  databaseSize,
  describeDatabase,
  existingDatabase,
  freshPostgres,
  freshSqlite,
  removeSqlite,
  richDossierRows,
  timedSeed,
  type BenchDatabase,
  type DatabaseFacts,
  type DossierRows,
} from "./database";
import {
  loadRoute,
  machineLine,
  processTree,
  sessionRequests,
  type LoadRequest,
  type LoadResult,
} from "./load";
import {
  checkRequests,
  openSessions,
  ROUTES,
  routesSetting,
  STATIC_ROUTE,
  type BenchRoute,
  type Sessions,
} from "./routes";

const DEFAULTS = {
  BENCH_CITIZENS: 100_000,
  BENCH_SEED_CITIZENS: 20_000,
  BENCH_DURATION: 10,
  BENCH_WARMUP: 3,
  BENCH_CONNECTIONS: 16,
  BENCH_RESIDENTS: 20,
};

/** The scale curve's small database, and how much richer than usual its one rich dossier is. */
const SCALE_CITIZENS = 10_000;
const RICH_FACTOR = 100;
/** Targets of the scale curve (issue 12), printed beside the figures. */
const TARGET_GROWTH = 0.2;
const TARGET_RICH_P50_MS = 100;

function intValue(name: string, raw: string | undefined, fallback: number, min: number): number {
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw.replace(/_/g, ""));
  if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be an integer of at least ${min}`);
  return n;
}

function intSetting(name: keyof typeof DEFAULTS, min: number): number {
  return intValue(name, process.env[name], DEFAULTS[name], min);
}

const { values: args } = parseArgs({ options: { citizens: { type: "string" } } });

const pgServer = /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? "")
  ? process.env.DATABASE_URL!
  : null;

const settings = {
  db: process.env.BENCH_DB || null,
  dataDir: process.env.BENCH_DATA_DIR ? path.resolve(process.env.BENCH_DATA_DIR) : null,
  citizens:
    args.citizens !== undefined
      ? intValue("--citizens", args.citizens, DEFAULTS.BENCH_CITIZENS, 10)
      : intSetting("BENCH_CITIZENS", 10),
  seedCitizens: intSetting("BENCH_SEED_CITIZENS", 0),
  duration: intSetting("BENCH_DURATION", 1),
  warmup: intSetting("BENCH_WARMUP", 0),
  connections: intSetting("BENCH_CONNECTIONS", 1),
  residents: intSetting("BENCH_RESIDENTS", 1),
  routes: routesSetting(process.env.BENCH_PAGES),
  scale: process.env.BENCH_SCALE !== "0",
  webConcurrency: process.env.WEB_CONCURRENCY || "auto",
  today: process.env.BENCH_TODAY || TEST_TODAY,
};

const number = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 });

function log(line: string): void {
  console.error(`[bench] ${line}`);
}

function seedRow(label: string, s: SeedSummary): string[] {
  const rows = Object.values(s.rows).reduce((a, b) => a + b, 0);
  return [
    label,
    number.format(s.citizens),
    number.format(rows),
    `${s.seconds.toFixed(1)} s`,
    number.format(rows / s.seconds),
    number.format(s.citizens / s.seconds),
  ];
}

function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  console.log(line(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const r of rows) console.log(line(r));
}

const mb = (bytes: number) => `${number.format(bytes / 1024 / 1024)} MB`;
const ms = (n: number) => `${n} ms`;
const percent = (x: number) => `${x >= 0 ? "+" : ""}${Math.round(x * 100)}%`;

/** What server-probe.mjs reports for one server process. */
interface ProcessReport {
  pid: number;
  worker: boolean;
  nodeEnv: string | null;
  react: string[];
  rss: number;
  maxRss: number;
}

/**
 * Asks the server's processes (server-probe.mjs: the primary passes SIGUSR2 on to its workers)
 * what they have loaded and how much memory they hold; one file per process, `${prefix}.<pid>`.
 */
async function probeServer(server: TestServer, prefix: string): Promise<ProcessReport[]> {
  const dir = path.dirname(prefix);
  const base = `${path.basename(prefix)}.`;
  const files = () =>
    fs.readdirSync(dir).filter((f) => f.startsWith(base) && /^\d+$/.test(f.slice(base.length)));
  for (const f of files()) fs.rmSync(path.join(dir, f));
  const expected = processTree(server.process.pid!).length;
  server.process.kill("SIGUSR2");
  for (let i = 0; i < 50 && files().length < expected; i++) await new Promise((r) => setTimeout(r, 100));
  await new Promise((r) => setTimeout(r, 200));
  return files()
    .map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")) as ProcessReport)
    .sort((a, b) => Number(a.worker) - Number(b.worker) || a.pid - b.pid);
}

/** Problems with a server's processes: a development build, a NODE_ENV other than production, no answer. */
function processProblems(name: string, reports: ProcessReport[]): string[] {
  if (reports.length === 0) return [`${name}: no answer from the probe (React build and memory unknown)`];
  const out: string[] = [];
  for (const p of reports) {
    if (p.react.some((f) => f.includes("development")))
      out.push(`${name}: process ${p.pid} executed React's development build`);
    if (p.nodeEnv !== "production") out.push(`${name}: process ${p.pid} runs with NODE_ENV=${p.nodeEnv}`);
  }
  return out;
}

function printProcesses(name: string, reports: ProcessReport[]): void {
  const workers = reports.filter((p) => p.worker).length;
  console.log(
    `${name}: ${reports.length} process${reports.length === 1 ? "" : "es"}` +
      (workers ? ` (a primary and ${workers} workers)` : "") +
      `; React builds executed: ${[...new Set(reports.flatMap((p) => p.react))].join(", ") || "none"}.`,
  );
  for (const p of reports) {
    const role = p.worker ? "worker" : workers ? "primary" : "server";
    console.log(`  ${role} ${p.pid}: RSS ${mb(p.rss)} at the end, peak RSS ${mb(p.maxRss)}`);
  }
}

/** What a server that stopped printed last. */
function lastLines(server: TestServer): string {
  return `The server exited (code ${server.process.exitCode}); its last lines:\n${server.output().split("\n").slice(-40).join("\n")}`;
}

function serverEnv(database: BenchDatabase, today: string, probeFile: string): Record<string, string> {
  const probe = pathToFileURL(path.join(PROJECT_ROOT, "tests/bench/server-probe.mjs")).href;
  return {
    DATABASE_URL: database.url,
    DEMO_TODAY: today,
    RATE_LIMIT_FACTOR: "1000",
    NODE_OPTIONS: `--import=${probe}`,
    BENCH_PROBE_FILE: probeFile,
    ...(process.env.DATABASE_POOL_SIZE ? { DATABASE_POOL_SIZE: process.env.DATABASE_POOL_SIZE } : {}),
    ...(process.env.WORKER_HEAP_MB ? { WORKER_HEAP_MB: process.env.WORKER_HEAP_MB } : {}),
    WEB_CONCURRENCY: settings.webConcurrency,
  };
}

interface RouteResult extends LoadResult {
  key: string;
  audience: BenchRoute["audience"];
  /** Distinct requests the load rotated over. */
  rotation: number;
}

interface ScaleResult {
  database: { kind: string; citizens: number; bytes: number | null };
  connections: number;
  small: LoadResult;
  main: LoadResult;
  growthP50: number;
  richAlone: LoadResult;
  usualAlone: LoadResult;
  richRows: DossierRows[] | null;
  processes: ProcessReport[];
}

const SCRIVANIA = ROUTES.find((r) => r.key === "scrivania")!;

/**
 * The scale curve: a 10,000-resident seed (on the same kind of database) with the rich dossier,
 * served by a second server; the Scrivania there under the run's load, the rich resident's alone
 * and a usual resident's alone (one connection each).
 */
async function scaleCurve(opts: {
  temp: string;
  main: BenchDatabase;
  mainScrivania: LoadResult;
  today: string;
  recordSeed: (label: string, summary: SeedSummary) => void;
}): Promise<ScaleResult> {
  const dataDir = path.join(opts.temp, "scale-data");
  fs.mkdirSync(dataDir);
  const adminUrl = opts.main.kind === "postgres" ? (pgServer ?? opts.main.url) : null;
  const database = adminUrl ? await freshPostgres(adminUrl) : freshSqlite(dataDir);
  let server: TestServer | null = null;
  try {
    log(
      `scale curve: seeding ${number.format(SCALE_CITIZENS)} residents and a dossier ${RICH_FACTOR} times richer...`,
    );
    opts.recordSeed(
      `scale curve (${database.kind}, with the rich dossier)`,
      await timedSeed(database.url, SCALE_CITIZENS, opts.today, { richDossier: RICH_FACTOR }),
    );
    const facts = await describeDatabase(database.url, settings.residents);
    if (!facts.richResident) throw new Error("the scale curve's database has no rich dossier");
    const richRows = await richDossierRows(database.url, facts.today);
    const probeFile = path.join(opts.temp, "scale-probe");
    log(`scale curve: starting a second server on ${database.label}...`);
    server = await startServer({ dataDir, env: serverEnv(database, facts.today, probeFile) });
    const sessions = await openSessions(server.url, [SCRIVANIA], facts.residents, log);
    const rich = await loginAs(server.url, { codiceFiscale: RICH_DOSSIER_RESIDENT.codiceFiscale, level: 2 });
    const load = async (label: string, requests: LoadRequest[], connections: number) => {
      await checkRequests(server!.url, label, requests);
      log(`scale curve: ${label}, ${connections} connection${connections === 1 ? "" : "s"}...`);
      return loadRoute({
        url: server!.url,
        label,
        requests,
        connections,
        duration: settings.duration,
        warmup: settings.warmup,
        serverPid: server!.process.pid,
      });
    };
    const usual = SCRIVANIA.requests(sessions, facts);
    const small = await load("Scrivania, usual residents", usual, settings.connections);
    const richAlone = await load(
      "Scrivania, rich dossier",
      sessionRequests("/area-personale", [rich.cookie]),
      1,
    );
    const usualAlone = await load("Scrivania, usual residents", usual, 1);
    const processes = await probeServer(server, probeFile);
    return {
      database: { kind: database.kind, citizens: facts.citizens, bytes: await databaseSize(database) },
      connections: settings.connections,
      small,
      main: opts.mainScrivania,
      growthP50: small.p50 > 0 ? opts.mainScrivania.p50 / small.p50 - 1 : 0,
      richAlone,
      usualAlone,
      richRows,
      processes,
    };
  } finally {
    if (server && server.process.exitCode !== null) console.error(lastLines(server));
    await server?.stop();
    await database.drop().catch((err) => log(`could not drop the scale curve's database: ${String(err)}`));
  }
}

function resultRow(r: LoadResult, staticPerSecond: number | null): string[] {
  return [
    r.label,
    oneDecimal.format(r.perSecond),
    ms(r.p50),
    ms(r.p97_5),
    ms(r.p99),
    number.format(r.non2xx) +
      (r.non2xx
        ? ` (${Object.entries(r.statuses)
            .map(([s, n]) => `${s}: ${n}`)
            .join(", ")})`
        : ""),
    number.format(r.errors),
    staticPerSecond ? `${(r.perSecond / staticPerSecond).toFixed(2)}×` : "n/a",
    r.serverCpuMs === null ? "n/a" : `${r.serverCpuMs.toFixed(2)} ms`,
    r.machineBusy === null ? "n/a" : `${Math.round(r.machineBusy * 100)}%`,
  ];
}

const jsonResult = (r: LoadResult) => ({
  requests: r.requests,
  requestsPerSecond: r.perSecond,
  p50Ms: r.p50,
  p97_5Ms: r.p97_5,
  p99Ms: r.p99,
  non2xx: r.non2xx,
  statuses: r.statuses,
  errors: r.errors,
  serverCpuMsPerRequest: r.serverCpuMs,
  machineBusy: r.machineBusy,
});

async function main() {
  if (!fs.existsSync(path.join(PROJECT_ROOT, "build/server/server.js"))) {
    throw new Error("build/server/server.js missing: run `npm run build` first");
  }
  const startedAt = new Date();
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), "portal-bench-"));
  let server: TestServer | null = null;
  let database: BenchDatabase | null = null;
  const failures: string[] = [];
  try {
    const seeds: { label: string; summary: SeedSummary }[] = [];
    const recordSeed = (label: string, summary: SeedSummary) => seeds.push({ label, summary });
    if (settings.seedCitizens > 0) {
      log(`seeding ${number.format(settings.seedCitizens)} residents into a temporary file...`);
      const file = path.join(temp, "throughput.db");
      recordSeed(
        "small seed (throughput)",
        await timedSeed(`file:${file}`, settings.seedCitizens, settings.today),
      );
      removeSqlite(file);
    }

    let dataDir: string;
    if (settings.db) {
      database = existingDatabase(settings.db);
      // A SQLite file's own folder by default: the demo keys and audit key found there stay in use.
      dataDir = settings.dataDir ?? (database.file ? path.dirname(database.file) : path.join(temp, "data"));
    } else {
      dataDir = path.join(temp, "data");
      fs.mkdirSync(dataDir);
      database = pgServer ? await freshPostgres(pgServer) : freshSqlite(dataDir);
      log(
        `seeding the benchmark database (${database.kind}): ${number.format(settings.citizens)} residents...`,
      );
      recordSeed(
        `benchmark database (${database.kind})`,
        await timedSeed(database.url, settings.citizens, settings.today),
      );
    }
    fs.mkdirSync(dataDir, { recursive: true });
    const facts: DatabaseFacts = await describeDatabase(database.url, settings.residents);

    const probeFile = path.join(temp, "server-probe");
    log(`starting the server on ${database.label} (today ${facts.today})...`);
    server = await startServer({ dataDir, env: serverEnv(database, facts.today, probeFile) });

    // The scale curve compares with this run's Scrivania: residents log in for it in any case.
    const needed =
      settings.scale && !settings.routes.includes(SCRIVANIA)
        ? [...settings.routes, SCRIVANIA]
        : settings.routes;
    const sessions: Sessions = await openSessions(server.url, needed, facts.residents, log);
    const rotations = new Map<BenchRoute, LoadRequest[]>();
    for (const route of needed) {
      const requests = route.requests(sessions, facts);
      await checkRequests(server.url, route.label, requests);
      rotations.set(route, requests);
    }

    const loadAverageBefore = os.loadavg();
    const machineBefore = machineLine();
    const results: RouteResult[] = [];
    const load = (route: BenchRoute) => {
      log(
        `${route.label}: ${settings.warmup} s warm-up, ${settings.duration} s load, ${settings.connections} connections...`,
      );
      return loadRoute({
        url: server!.url,
        label: route.label,
        requests: rotations.get(route)!,
        connections: settings.connections,
        duration: settings.duration,
        warmup: settings.warmup,
        serverPid: server!.process.pid,
      });
    };
    for (const route of settings.routes) {
      const r = await load(route);
      results.push({
        ...r,
        key: route.key,
        audience: route.audience,
        rotation: rotations.get(route)!.length,
      });
    }
    const mainScrivania =
      results.find((r) => r.key === SCRIVANIA.key || r.key === SCRIVANIA.label) ??
      (settings.scale ? await load(SCRIVANIA) : null);
    const machineAfter = machineLine();
    const loadAverageAfter = os.loadavg();
    if (server.process.exitCode !== null) {
      console.error(lastLines(server));
      failures.push(`the server exited during the run (code ${server.process.exitCode})`);
    }
    const processes = await probeServer(server, probeFile);
    failures.push(...processProblems("server", processes));
    const bytes = await databaseSize(database);
    await server.stop();
    server = null;

    const scale =
      settings.scale && mainScrivania
        ? await scaleCurve({ temp, main: database, mainScrivania, today: facts.today, recordSeed })
        : null;
    if (scale) failures.push(...processProblems("scale curve's server", scale.processes));

    for (const r of [...results, ...(scale ? [scale.small, scale.richAlone, scale.usualAlone] : [])]) {
      if (r.non2xx > 0 || r.errors > 0)
        failures.push(
          `${r.label}: ${r.non2xx} answers not 2xx and ${r.errors} errors; its figures measure nothing`,
        );
    }

    const staticResult = results.find((r) => r.key === STATIC_ROUTE) ?? null;
    const workers = processes.filter((p) => p.worker).length;
    console.log("");
    console.log(
      `Database: ${database.kind}, ${database.label}, ${number.format(facts.citizens)} residents, today ${facts.today}, ` +
        `${bytes === null ? "size unknown" : mb(bytes)} on disk${database.kind === "sqlite" ? " (with its WAL)" : ""}.`,
    );
    console.log(
      `Server: WEB_CONCURRENCY=${settings.webConcurrency}, ` +
        `${processes.length} process${processes.length === 1 ? "" : "es"}${workers ? ` (a primary and ${workers} workers)` : ""}.`,
    );
    console.log(
      `Load: autocannon, ${settings.connections} connections, ${settings.warmup} s warm-up then ${settings.duration} s per route; ` +
        `residents' pages rotate over ${sessions.residents.length} logged-in residents, each with their own notice and pratica.`,
    );
    console.log(`Machine before: ${machineBefore}; after: ${machineAfter}. Node ${process.version}.`);
    console.log("");
    printTable(
      [
        "route",
        "requests/s",
        "p50",
        "p97.5",
        "p99",
        "non-2xx",
        "errors",
        "vs static",
        "server CPU/req",
        "machine CPU",
      ],
      results.map((r) => resultRow(r, staticResult?.perSecond ?? null)),
    );
    console.log(
      "(vs static: requests/s as a share of /note-legali's; server CPU: every server process together.)",
    );
    console.log("");
    printProcesses("Server", processes);

    if (scale) {
      console.log("");
      console.log(
        `Scale curve: the Scrivania at ${scale.connections} connections on a ${number.format(scale.database.citizens)}-resident ` +
          `seed (${scale.database.kind}, ${scale.database.bytes === null ? "size unknown" : mb(scale.database.bytes)}) ` +
          `served by a second server, beside this run's database.`,
      );
      printTable(
        ["database", "residents", "requests/s", "p50", "p99"],
        [
          [
            "scale curve's seed",
            number.format(scale.database.citizens),
            oneDecimal.format(scale.small.perSecond),
            ms(scale.small.p50),
            ms(scale.small.p99),
          ],
          [
            "this run's database",
            number.format(facts.citizens),
            oneDecimal.format(scale.main.perSecond),
            ms(scale.main.p50),
            ms(scale.main.p99),
          ],
        ],
      );
      console.log(
        `p50 growth from ${number.format(scale.database.citizens)} to ${number.format(facts.citizens)} residents: ` +
          `${percent(scale.growthP50)} (target: under ${Math.round(TARGET_GROWTH * 100)}% up to 1,000,000; ` +
          `${scale.growthP50 < TARGET_GROWTH ? "met" : "MISSED"}).`,
      );
      if (scale.richRows) {
        console.log(
          `Rich dossier (${RICH_DOSSIER_RESIDENT.name} ${RICH_DOSSIER_RESIDENT.surname}): ` +
            scale.richRows
              .map(
                (r) =>
                  `${r.table} ${number.format(r.rich)} (${r.perAdult ? Math.round(r.rich / r.perAdult) : "n/a"}×)`,
              )
              .join(", ") +
            " against a usual adult's average.",
        );
      }
      console.log(
        `Its Scrivania alone (1 connection): p50 ${ms(scale.richAlone.p50)}, p99 ${ms(scale.richAlone.p99)} ` +
          `(target: under ${TARGET_RICH_P50_MS} ms; ${scale.richAlone.p50 < TARGET_RICH_P50_MS ? "met" : "MISSED"}); ` +
          `usual residents' alone: p50 ${ms(scale.usualAlone.p50)}, p99 ${ms(scale.usualAlone.p99)}.`,
      );
      printProcesses("Scale curve's server", scale.processes);
    }

    if (seeds.length) {
      console.log("");
      printTable(
        ["seed", "residents", "rows", "time", "rows/s", "residents/s"],
        seeds.map((s) => seedRow(s.label, s.summary)),
      );
    }
    if (failures.length) {
      console.log("");
      for (const f of failures) console.log(`FAILED: ${f}`);
    }

    const report = {
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      node: process.version,
      machine: { cpus: os.cpus().length, loadAverageBefore, loadAverageAfter },
      settings: {
        connections: settings.connections,
        warmupSeconds: settings.warmup,
        durationSeconds: settings.duration,
        residents: sessions.residents.length,
        webConcurrency: settings.webConcurrency,
        databasePoolSize: process.env.DATABASE_POOL_SIZE ?? null,
        routes: settings.routes.map((r) => r.key),
      },
      database: {
        kind: database.kind,
        label: database.label,
        citizens: facts.citizens,
        today: facts.today,
        bytes,
      },
      server: { processes },
      routes: results.map((r) => ({
        key: r.key,
        label: r.label,
        audience: r.audience,
        rotation: r.rotation,
        ...jsonResult(r),
        ratioToStatic: staticResult ? r.perSecond / staticResult.perSecond : null,
      })),
      scale: scale && {
        database: scale.database,
        connections: scale.connections,
        scrivania: { small: jsonResult(scale.small), main: jsonResult(scale.main) },
        growthP50: scale.growthP50,
        targetGrowthP50: TARGET_GROWTH,
        richDossier: {
          fiscalCode: RICH_DOSSIER_RESIDENT.codiceFiscale,
          factor: RICH_FACTOR,
          rows: scale.richRows,
          aloneOneConnection: jsonResult(scale.richAlone),
          usualAloneOneConnection: jsonResult(scale.usualAlone),
          targetP50Ms: TARGET_RICH_P50_MS,
        },
        processes: scale.processes,
      },
      seeds: seeds.map((s) => ({ label: s.label, ...s.summary })),
      failures,
    };
    const dir = path.join(PROJECT_ROOT, "bench-results");
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${startedAt.toISOString().slice(0, 19).replace(/:/g, "-")}Z.json`);
    fs.writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
    console.log("");
    console.log(`Figures written to ${path.relative(process.cwd(), file)}.`);
  } finally {
    if (server && server.process.exitCode !== null) console.error(lastLines(server));
    await server?.stop();
    await database?.drop().catch((err) => log(`could not drop the benchmark database: ${String(err)}`));
    fs.rmSync(temp, { recursive: true, force: true });
  }
  if (failures.length) process.exitCode = 1;
}

main().catch((err) => {
  console.error(err instanceof Error ? `${err.message}${err.cause ? ` (${String(err.cause)})` : ""}` : err);
  process.exit(1);
});

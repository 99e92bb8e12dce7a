/**
 * `npm run bench`: the portal under concurrent load, with a summary table at the end.
 *
 *   1. seeding throughput: a small seed (BENCH_SEED_CITIZENS residents) into a temporary file;
 *   2. the database: BENCH_CITIZENS residents seeded for the run (SQLite, or PostgreSQL when
 *      DATABASE_URL is postgres://...), or an existing seeded one given as BENCH_DB;
 *   3. the built server (build/server/server.js, NODE_ENV=production, demo mode) on it, and
 *      BENCH_RESIDENTS residents logged in through the demo IdP;
 *   4. per page, BENCH_WARMUP seconds of warm-up then BENCH_DURATION seconds of load from
 *      BENCH_CONNECTIONS connections (autocannon, in this process: the server is another one),
 *      residents' pages rotating over their sessions. The baseline comes first in the same run:
 *      /status (one trivial query) and /note-legali (a static page through Remix).
 *
 * The run fails when any answer is not 2xx or the server executed React's development build.
 *
 *   npm run bench
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench
 *   BENCH_DB=/tmp/big.db npm run bench
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { SeedSummary } from "../../db/seed/index";
import { loginAs } from "../support/saml-client";
import { PROJECT_ROOT, TEST_TODAY } from "../support/constants";
import { startServer, type TestServer } from "../support/server";
import {
  describeDatabase,
  existingDatabase,
  freshPostgres,
  freshSqlite,
  removeSqlite,
  timedSeed,
  type BenchDatabase,
} from "./database";
import { loadPage, machineLine, type LoadResult } from "./load";

const DEFAULTS = {
  BENCH_CITIZENS: 100_000,
  BENCH_SEED_CITIZENS: 20_000,
  BENCH_DURATION: 10,
  BENCH_WARMUP: 3,
  BENCH_CONNECTIONS: 16,
  BENCH_RESIDENTS: 20,
};

const DEFAULT_PAGES = [
  "/status",
  "/note-legali",
  "/area-personale",
  "/area-personale/pagamenti",
  "/area-personale/messaggi",
  "/area-personale/pratiche",
  "/area-personale/contribuente",
];

function intSetting(name: keyof typeof DEFAULTS, min: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return DEFAULTS[name];
  const n = Number(raw.replace(/_/g, ""));
  if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be an integer of at least ${min}`);
  return n;
}

function pagesSetting(): string[] {
  const raw = process.env.BENCH_PAGES;
  if (!raw) return DEFAULT_PAGES;
  const pages = raw.split(",").map((p) => p.trim()).filter(Boolean);
  for (const p of pages) if (!p.startsWith("/")) throw new Error(`BENCH_PAGES: ${p} is not a path`);
  return pages;
}

const pgServer = /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? "") ? process.env.DATABASE_URL! : null;

const settings = {
  db: process.env.BENCH_DB || null,
  dataDir: process.env.BENCH_DATA_DIR ? path.resolve(process.env.BENCH_DATA_DIR) : null,
  citizens: intSetting("BENCH_CITIZENS", 10),
  seedCitizens: intSetting("BENCH_SEED_CITIZENS", 0),
  duration: intSetting("BENCH_DURATION", 1),
  warmup: intSetting("BENCH_WARMUP", 0),
  connections: intSetting("BENCH_CONNECTIONS", 1),
  residents: intSetting("BENCH_RESIDENTS", 1),
  pages: pagesSetting(),
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

const isResidentPage = (p: string) => p.startsWith("/area-personale");

/** One GET per resident and page before the load: every session must reach every page. */
async function checkPages(url: string, pages: string[], cookies: string[]): Promise<void> {
  for (const page of pages) {
    for (const cookie of isResidentPage(page) ? cookies : [""]) {
      const res = await fetch(url + page, { headers: cookie ? { cookie } : {}, redirect: "manual" });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`GET ${page}: HTTP ${res.status} before the load`);
    }
  }
}

interface ServerReport {
  nodeEnv: string | null;
  react: string[];
  rss: number;
  maxRss: number;
}

/** Asks the server's probe (server-probe.mjs) what it has loaded and how much memory it holds. */
async function probeServer(server: TestServer, file: string): Promise<ServerReport | null> {
  fs.rmSync(file, { force: true });
  server.process.kill("SIGUSR2");
  for (let i = 0; i < 50; i++) {
    if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, "utf8")) as ServerReport;
    await new Promise((r) => setTimeout(r, 100));
  }
  return null;
}

const mb = (bytes: number) => `${number.format(bytes / 1024 / 1024)} MB`;

async function main() {
  if (!fs.existsSync(path.join(PROJECT_ROOT, "build/server/server.js"))) {
    throw new Error("build/server/server.js missing: run `npm run build` first");
  }
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), "portal-bench-"));
  let server: TestServer | null = null;
  let database: BenchDatabase | null = null;
  let failed = false;
  try {
    const seedRows: string[][] = [];
    if (settings.seedCitizens > 0) {
      log(`seeding ${number.format(settings.seedCitizens)} residents into a temporary file...`);
      const file = path.join(temp, "throughput.db");
      seedRows.push(
        seedRow("small seed (throughput)", await timedSeed(`file:${file}`, settings.seedCitizens, settings.today)),
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
      log(`seeding the benchmark database (${database.kind}): ${number.format(settings.citizens)} residents...`);
      seedRows.push(seedRow(`benchmark database (${database.kind})`, await timedSeed(database.url, settings.citizens, settings.today)));
    }
    fs.mkdirSync(dataDir, { recursive: true });
    const facts = await describeDatabase(database.url, settings.residents);

    const probeFile = path.join(temp, "server-probe.json");
    const probe = pathToFileURL(path.join(PROJECT_ROOT, "tests/bench/server-probe.mjs")).href;
    log(`starting the server on ${database.label} (today ${facts.today})...`);
    server = await startServer({
      dataDir,
      env: {
        DATABASE_URL: database.url,
        DEMO_TODAY: facts.today,
        RATE_LIMIT_FACTOR: "1000",
        NODE_OPTIONS: `--import=${probe}`,
        BENCH_PROBE_FILE: probeFile,
        ...(process.env.DATABASE_POOL_SIZE ? { DATABASE_POOL_SIZE: process.env.DATABASE_POOL_SIZE } : {}),
      },
    });

    const cookies: string[] = [];
    if (settings.pages.some(isResidentPage)) {
      log(`logging in ${facts.residents.length} residents...`);
      for (const fiscalCode of facts.residents) {
        cookies.push((await loginAs(server.url, { fiscalCode, level: 2 })).cookie);
      }
    }
    await checkPages(server.url, settings.pages, cookies);

    const machineBefore = machineLine();
    const results: LoadResult[] = [];
    for (const page of settings.pages) {
      log(`${page}: ${settings.warmup} s warm-up, ${settings.duration} s load, ${settings.connections} connections...`);
      results.push(
        await loadPage({
          url: server.url,
          path: page,
          cookies: isResidentPage(page) ? cookies : [],
          connections: settings.connections,
          duration: settings.duration,
          warmup: settings.warmup,
          serverPid: server.process.pid,
        }),
      );
    }
    const machineAfter = machineLine();
    const report = await probeServer(server, probeFile);

    console.log("");
    console.log(
      `Database: ${database.kind}, ${database.label}, ${number.format(facts.citizens)} residents, today ${facts.today}.`,
    );
    console.log(
      `Load: autocannon, ${settings.connections} connections, ${settings.warmup} s warm-up then ${settings.duration} s per page; ` +
        `area-personale pages rotate over ${cookies.length} logged-in residents.`,
    );
    console.log(`Machine before: ${machineBefore}; after: ${machineAfter}. Node ${process.version}.`);
    console.log("");
    printTable(
      ["page", "requests/s", "p50", "p99", "non-2xx", "errors", "server CPU/req", "machine CPU"],
      results.map((r) => [
        r.path,
        oneDecimal.format(r.perSecond),
        `${r.p50} ms`,
        `${r.p99} ms`,
        number.format(r.non2xx) + (r.non2xx ? ` (${Object.entries(r.statuses).map(([s, n]) => `${s}: ${n}`).join(", ")})` : ""),
        number.format(r.errors),
        r.serverCpuMs === null ? "n/a" : `${r.serverCpuMs.toFixed(2)} ms`,
        r.machineBusy === null ? "n/a" : `${Math.round(r.machineBusy * 100)}%`,
      ]),
    );
    console.log("");
    if (report) {
      const dev = report.react.filter((f) => f.includes("development"));
      console.log(
        `Server: NODE_ENV=${report.nodeEnv}; React builds executed: ${report.react.join(", ") || "none"}` +
          (dev.length ? " -- DEVELOPMENT BUILD LOADED" : " (production)"),
      );
      console.log(`Server memory at the end: RSS ${mb(report.rss)}, peak RSS ${mb(report.maxRss)}.`);
      if (dev.length || report.nodeEnv !== "production") failed = true;
    } else {
      console.log("Server: no answer from the probe (React build and memory unknown).");
      failed = true;
    }
    if (results.some((r) => r.non2xx > 0 || r.errors > 0)) {
      console.log("Some answers were not 2xx or failed: the figures above do not measure the pages.");
      failed = true;
    }
    if (seedRows.length) {
      console.log("");
      printTable(["seed", "residents", "rows", "time", "rows/s", "residents/s"], seedRows);
    }
  } finally {
    await server?.stop();
    await database?.drop().catch((err) => log(`could not drop the benchmark database: ${String(err)}`));
    fs.rmSync(temp, { recursive: true, force: true });
  }
  if (failed) process.exitCode = 1;
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});

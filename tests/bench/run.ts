/**
 * `npm run bench`: the portal's benchmarks, with a summary table at the end.
 *
 *   - seeding throughput: a small seed (BENCH_SEED_CITIZENS residents) into a temporary file;
 *   - the Scrivania (/area-personale) of the famiglia persona, p50/p95 of warm requests;
 *   - the famiglia persona's notices (/area-personale/pagamenti);
 *   - the Torino anagrafe operator's search by surname prefix (/operatore/cittadini?cognome=...).
 *
 * The pages are served by the built server (build/server/server.js, demo mode) on a database of
 * BENCH_CITIZENS residents seeded for the run, or on an existing seeded file given as BENCH_DB.
 * Requests go one at a time over loopback (see scrivania.ts).
 *
 *   npm run bench
 *   BENCH_DB=/tmp/big.db npm run bench
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { openDatabase } from "../../db/connection";
import { seed, type SeedSummary } from "../../db/seed/index";
import { OPERATOR_PERSONAS, PERSONAS } from "../../db/seed/personas";
import { loginAs } from "../support/saml-client";
import { PROJECT_ROOT, TEST_TODAY } from "../support/constants";
import { startServer, type TestServer } from "../support/server";
import { benchPage, timeRequests, type Timings } from "./scrivania";

const DEFAULTS = {
  BENCH_CITIZENS: 100_000,
  BENCH_SEED_CITIZENS: 20_000,
  BENCH_REQUESTS: 100,
  BENCH_WARMUP: 20,
};

function intSetting(name: keyof typeof DEFAULTS, min: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return DEFAULTS[name];
  const n = Number(raw.replace(/_/g, ""));
  if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be an integer of at least ${min}`);
  return n;
}

const settings = {
  db: process.env.BENCH_DB ? path.resolve(process.env.BENCH_DB) : null,
  dataDir: process.env.BENCH_DATA_DIR ? path.resolve(process.env.BENCH_DATA_DIR) : null,
  citizens: intSetting("BENCH_CITIZENS", 10),
  seedCitizens: intSetting("BENCH_SEED_CITIZENS", 0),
  requests: intSetting("BENCH_REQUESTS", 1),
  warmup: intSetting("BENCH_WARMUP", 0),
  surname: process.env.BENCH_SURNAME || "ros",
  today: process.env.BENCH_TODAY || TEST_TODAY,
};

const number = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const ms = (x: number) => `${x.toFixed(1)} ms`;

function log(line: string): void {
  console.error(`[bench] ${line}`);
}

async function timedSeed(file: string, citizens: number, today: string): Promise<SeedSummary> {
  const handle = await openDatabase(file, { bulk: true });
  try {
    return await seed(handle, { citizens, today });
  } finally {
    await handle.close();
  }
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

/** The date the demo data of an existing database is relative to, and its residents. */
function describeDatabase(file: string): { today: string; citizens: number } {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const today = db.prepare("select value from meta where key = 'today'").pluck().get() as
      string | undefined;
    if (!today) throw new Error(`${file} is not a seeded database (no meta 'today')`);
    const citizens = db.prepare("select count(*) from citizens").pluck().get() as number;
    return { today, citizens };
  } finally {
    db.close();
  }
}

function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  console.log(line(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const r of rows) console.log(line(r));
}

async function main() {
  if (!fs.existsSync(path.join(PROJECT_ROOT, "build/server/server.js"))) {
    throw new Error("build/server/server.js missing: run `npm run build` first");
  }
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), "portal-bench-"));
  let server: TestServer | null = null;
  try {
    const seedRows: string[][] = [];
    if (settings.seedCitizens > 0) {
      log(`seeding ${number.format(settings.seedCitizens)} residents into a temporary file...`);
      const file = path.join(temp, "throughput.db");
      seedRows.push(
        seedRow("small seed (throughput)", await timedSeed(file, settings.seedCitizens, settings.today)),
      );
      for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
    }

    let dbFile: string;
    let dataDir: string;
    if (settings.db) {
      dbFile = settings.db;
      // The database's own folder by default: the demo keys and audit key found there stay in use.
      dataDir = settings.dataDir ?? path.dirname(dbFile);
    } else {
      dataDir = path.join(temp, "data");
      fs.mkdirSync(dataDir);
      dbFile = path.join(dataDir, "portal.db");
      log(`seeding the benchmark database: ${number.format(settings.citizens)} residents...`);
      seedRows.push(
        seedRow("benchmark database", await timedSeed(dbFile, settings.citizens, settings.today)),
      );
    }
    const { today, citizens } = describeDatabase(dbFile);

    log(`starting the server on ${dbFile} (today ${today})...`);
    server = await startServer({
      dataDir,
      env: { DATABASE_URL: `file:${dbFile}`, DEMO_TODAY: today, RATE_LIMIT_FACTOR: "1000" },
    });
    const opts = { requests: settings.requests, warmup: settings.warmup };
    const famiglia = PERSONAS.famiglia.codiceFiscale;
    const operator = OPERATOR_PERSONAS.torinoAnagrafe.codiceFiscale;
    const searchPath = `/operatore/cittadini?cognome=${encodeURIComponent(settings.surname)}`;

    const pages: [string, Timings][] = [];
    log("Scrivania...");
    pages.push([
      `/area-personale (famiglia)`,
      await benchPage(server.url, { fiscalCode: famiglia, ...opts }),
    ]);
    log("notices...");
    pages.push([
      `/area-personale/pagamenti (famiglia)`,
      await benchPage(server.url, { fiscalCode: famiglia, path: "/area-personale/pagamenti", ...opts }),
    ]);
    log("operator search...");
    const { cookie } = await loginAs(server.url, { fiscalCode: operator, level: 2 });
    pages.push([`${searchPath} (${operator})`, await timeRequests(server.url + searchPath, cookie, opts)]);

    console.log("");
    console.log(
      `Database: ${settings.db ?? "fresh seed"}, ${number.format(citizens)} residents, today ${today}. ` +
        `${opts.requests} sequential warm requests per page after ${opts.warmup} warm-up.`,
    );
    console.log("");
    printTable(
      ["page", "p50", "p95", "mean", "max"],
      pages.map(([label, t]) => [label, ms(t.p50), ms(t.p95), ms(t.mean), ms(t.max)]),
    );
    if (seedRows.length) {
      console.log("");
      printTable(["seed", "residents", "rows", "time", "rows/s", "residents/s"], seedRows);
    }
  } finally {
    await server?.stop();
    fs.rmSync(temp, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});

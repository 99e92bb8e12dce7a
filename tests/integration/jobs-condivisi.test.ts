/**
 * Periodic jobs with two server processes on one database: each job runs once per period in
 * total, not once per process (a lease row per job, docs/decisions/009-periodic-jobs.md).
 * JOB_PERIOD_FACTOR=0.02 shortens the checkout sweep to 1.2 s and the positions job to 12 s.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readDb } from "../support/db";
import { startServer, type TestServer } from "../support/server";

const FACTOR = 0.02;
const SWEEP_MS = 60_000 * FACTOR;
const POSITIONS_MS = 10 * 60_000 * FACTOR;
const env = { JOB_PERIOD_FACTOR: String(FACTOR), LOG_LEVEL: "info" };

let first: TestServer;
let second: TestServer;
let windowMs = 0;
/** Before the first process started: every run recorded in job_leases is after it. */
let begun = 0;

interface JobLine {
  pid: number;
  time: number;
  job: string;
  outcome: string;
  count: number;
  ms: number;
  msg: string;
}

function jobLines(server: TestServer): JobLine[] {
  return server
    .output()
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l) as JobLine)
    .filter((l) => l.msg === "periodic job");
}

beforeAll(async () => {
  begun = Date.now();
  first = await startServer({ env });
  second = await startServer({ dataDir: first.dataDir, env });
  const started = Date.now();
  await new Promise((r) => setTimeout(r, 9000));
  await Promise.all([first.stop(), second.stop()]);
  windowMs = Date.now() - started;
}, 60_000);

afterAll(async () => {
  await Promise.all([first?.stop(), second?.stop()]);
});

describe("periodic jobs across two processes", () => {
  it("the checkout sweep ran once per period in total, never two runs within one period", () => {
    const runs = [...jobLines(first), ...jobLines(second)]
      .filter((l) => l.job === "checkout-sweep")
      .map((l) => ({ ...l, start: l.time - l.ms }))
      .sort((x, y) => x.start - y.start);
    // Each process alone would run it about windowMs / SWEEP_MS times: together, twice that.
    expect(runs.length).toBeGreaterThanOrEqual(3);
    expect(runs.length).toBeLessThanOrEqual(Math.ceil(windowMs / SWEEP_MS) + 2);
    for (let i = 1; i < runs.length; i++)
      expect(runs[i].start - runs[i - 1].start, `run ${i}`).toBeGreaterThanOrEqual(SWEEP_MS - 5);
    for (const r of runs) {
      expect(r.outcome).toBe("ok");
      expect(typeof r.count).toBe("number");
    }
    // One line per run: the job, its outcome and count, nothing personal.
    expect(Object.keys(runs[0]).sort()).toEqual(
      ["count", "job", "level", "ms", "msg", "outcome", "pid", "start", "time"].sort(),
    );
  });

  it("the positions job (12 s) ran once in total, in one of the two processes", () => {
    const runs = [...jobLines(first), ...jobLines(second)].filter((l) => l.job === "debt-positions");
    expect(windowMs).toBeLessThan(POSITIONS_MS);
    expect(runs).toHaveLength(1);
    expect(runs[0].outcome).toBe("ok");
  });

  it("the open-data job (daily) ran once in total, at the first start", () => {
    const runs = [...jobLines(first), ...jobLines(second)].filter((l) => l.job === "open-data");
    expect(runs).toHaveLength(1);
    expect(runs[0].outcome).toBe("ok");
  });

  it("the lease rows record the last run of each job, freed at shutdown", async () => {
    const rows = await readDb(first.dbFile, (db) =>
      db.all<{
        name: string;
        holder: string;
        leased_until: string;
        last_run_at: string;
        last_outcome: string;
      }>("select * from job_leases order by name"),
    );
    expect(rows.map((r) => r.name)).toEqual([
      "checkout-sweep",
      "debt-positions",
      "delegation-expiry",
      "mail-delivery",
      "mail-reminders",
      "open-data",
    ]);
    for (const r of rows) {
      expect(r.last_outcome).toBe("ok");
      expect(r.holder).toMatch(/^[0-9a-f-]{36}$/);
      expect(Date.parse(r.leased_until)).toBeLessThanOrEqual(Date.now());
      // The open-data job runs as soon as the first process starts, before the second is up.
      expect(Date.parse(r.last_run_at)).toBeGreaterThanOrEqual(begun);
    }
  });
});

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DbHandle } from "../db/connection";
import { openTestDatabase, type TestDatabase } from "../tests/support/test-database";
import { createJobs, takeLease, type Jobs, type PeriodicJob } from "~/jobs.server";

// Two "processes": two module instances with their own holder id and their own connection to one
// database (a SQLite file, or a PostgreSQL database), and one clock the test moves.
let a: TestDatabase;
let b: DbHandle;
let clock: number;
const quiet = { info: () => {}, error: () => {} };
const now = () => clock;

beforeEach(async () => {
  a = await openTestDatabase({ shared: true });
  b = await a.connect();
  clock = Date.parse("2026-11-26T10:00:00.000Z");
});

afterEach(async () => {
  await b.close();
  await a.close();
});

function counted(periodMs: number, leaseMs?: number) {
  const runs: string[] = [];
  const job = (who: string): PeriodicJob => ({
    name: "prova",
    periodMs,
    leaseMs,
    run: async () => {
      runs.push(who);
      return 1;
    },
  });
  return { runs, job };
}

describe("periodic jobs under a lease row", () => {
  it("two processes racing: one run per period, and again after the period", async () => {
    const one = createJobs({ db: a.db, logger: quiet, holder: "uno", now });
    const two = createJobs({ db: b.db, logger: quiet, holder: "due", now });
    const { runs, job } = counted(60_000);

    const first = await Promise.all([one.attempt(job("uno")), two.attempt(job("due"))]);
    expect(first.filter((r) => r.ran)).toHaveLength(1);
    expect(runs).toHaveLength(1);

    // Within the period neither runs it again, not even the one that ran.
    clock += 30_000;
    await Promise.all([one.attempt(job("uno")), two.attempt(job("due"))]);
    clock += 29_999;
    await Promise.all([two.attempt(job("due")), one.attempt(job("uno"))]);
    expect(runs).toHaveLength(1);

    // A period after the last run started: exactly one of them runs it.
    clock += 1;
    const second = await Promise.all([two.attempt(job("due")), one.attempt(job("uno"))]);
    expect(second.filter((r) => r.ran)).toHaveLength(1);
    expect(runs).toHaveLength(2);

    const row = await a.db.selectFrom("job_leases").selectAll().executeTakeFirstOrThrow();
    expect(row.last_run_at).toBe(new Date(clock).toISOString());
    expect(row.last_outcome).toBe("ok");
    // Freed at the end of the run.
    expect(row.leased_until <= new Date(clock).toISOString()).toBe(true);
  });

  it("many attempts from both processes at once over several periods: one run per period", async () => {
    const one = createJobs({ db: a.db, logger: quiet, holder: "uno", now });
    const two = createJobs({ db: b.db, logger: quiet, holder: "due", now });
    const { runs, job } = counted(1000);
    for (let period = 0; period < 5; period++) {
      for (let step = 0; step < 4; step++) {
        await Promise.all([one.attempt(job("uno")), two.attempt(job("due")), two.attempt(job("due"))]);
        clock += 250;
      }
    }
    expect(runs).toHaveLength(5);
  });

  it("a holder that crashed mid-run keeps the lease until leased_until, then another takes over", async () => {
    const period = 60_000;
    // The crashed process took the lease and never released it.
    expect(await takeLease(a.db, { name: "prova", periodMs: period, leaseMs: 120_000 }, "morto", clock)).toBe(
      true,
    );
    const two = createJobs({ db: b.db, logger: quiet, holder: "due", now });
    const { runs, job } = counted(period, 120_000);

    clock += 119_999;
    expect((await two.attempt(job("due"))).ran).toBe(false);
    clock += 1;
    expect((await two.attempt(job("due"))).ran).toBe(true);
    expect(runs).toEqual(["due"]);
    const row = await b.db.selectFrom("job_leases").selectAll().executeTakeFirstOrThrow();
    expect(row.holder).toBe("due");
  });

  it("a run that fails is recorded as such, logged, and still counts for the period", async () => {
    const lines: Array<{ obj: object; msg: string }> = [];
    const logger = { info: () => {}, error: (obj: object, msg: string) => lines.push({ obj, msg }) };
    const one = createJobs({ db: a.db, logger, holder: "uno", now });
    const failing: PeriodicJob = {
      name: "prova",
      periodMs: 60_000,
      run: async () => {
        throw new Error("database non raggiungibile");
      },
    };
    expect(await one.attempt(failing)).toEqual({ ran: true, outcome: "error", count: 0 });
    expect(lines).toEqual([
      { obj: expect.objectContaining({ job: "prova", outcome: "error", count: 0 }), msg: "periodic job" },
    ]);
    const row = await a.db.selectFrom("job_leases").selectAll().executeTakeFirstOrThrow();
    expect(row.last_outcome).toBe("error");
    expect((await one.attempt(failing)).ran).toBe(false);
  });

  it("logs one line per run with the job's name, outcome and count", async () => {
    const lines: Array<{ obj: Record<string, unknown>; msg: string }> = [];
    const logger = {
      info: (obj: object, msg: string) => lines.push({ obj: obj as never, msg }),
      error: () => {},
    };
    const one = createJobs({ db: a.db, logger, holder: "uno", now });
    await one.attempt({ name: "checkout-sweep", periodMs: 1000, run: async () => 3 });
    expect(lines).toHaveLength(1);
    expect(lines[0].msg).toBe("periodic job");
    expect(lines[0].obj).toMatchObject({ job: "checkout-sweep", outcome: "ok", count: 3 });
  });

  describe("timers", () => {
    let jobs: Jobs[] = [];
    afterEach(async () => {
      await Promise.all(jobs.map((j) => j.stop()));
      jobs = [];
    });

    it("started in two processes on real time: runs once per period in total; stop() ends the runs", async () => {
      const one = createJobs({ db: a.db, logger: quiet, holder: "uno", firstDelayMaxMs: 20 });
      const two = createJobs({ db: b.db, logger: quiet, holder: "due", firstDelayMaxMs: 20 });
      jobs = [one, two];
      const runs: number[] = [];
      const job: PeriodicJob = {
        name: "prova",
        periodMs: 200,
        run: async () => {
          runs.push(Date.now());
          return 0;
        },
      };
      one.start([job]);
      two.start([job]);
      await new Promise((r) => setTimeout(r, 1100));
      // Without the lease each process would have run it about 5 times.
      expect(runs.length).toBeGreaterThanOrEqual(2);
      expect(runs.length).toBeLessThanOrEqual(6);
      for (let i = 1; i < runs.length; i++) expect(runs[i] - runs[i - 1]).toBeGreaterThanOrEqual(199);

      await Promise.all([one.stop(), two.stop()]);
      const stoppedAt = runs.length;
      await new Promise((r) => setTimeout(r, 500));
      expect(runs.length).toBe(stoppedAt);
      expect((await one.attempt(job)).ran).toBe(false);
    });

    it("stop() waits for the run in progress and prevents the next", async () => {
      const one = createJobs({ db: a.db, logger: quiet, holder: "uno", firstDelayMaxMs: 0 });
      jobs = [one];
      let release!: () => void;
      let started = 0;
      let finished = 0;
      const job: PeriodicJob = {
        name: "lento",
        periodMs: 50,
        run: async () => {
          started++;
          await new Promise<void>((r) => (release = r));
          finished++;
          return 0;
        },
      };
      one.start([job]);
      // The first run starts once its lease is taken: a round trip, longer on a busy machine.
      for (let waited = 0; started === 0 && waited < 5000; waited += 10)
        await new Promise((r) => setTimeout(r, 10));
      expect(started).toBe(1);
      let stopped = false;
      const stopping = one.stop().then(() => (stopped = true));
      await new Promise((r) => setTimeout(r, 20));
      expect(stopped).toBe(false);
      release();
      await stopping;
      expect(finished).toBe(1);
      await new Promise((r) => setTimeout(r, 150));
      expect(started).toBe(1);
    });
  });
});

import crypto from "node:crypto";
import type { Db } from "../db/schema";

/**
 * Periodic jobs that run once per period across every process on the database, not once per
 * process (issue 11; docs/decisions/009-periodic-jobs.md).
 *
 * Each job has a row in `job_leases`. A process runs a job only after taking its lease in one
 * atomic statement, which succeeds only when the lease is free (expired, or already this
 * process's) and the last finished run started at least one period ago. The run's end records
 * `last_run_at` and `last_outcome` and frees the lease. A process that dies mid-run keeps the lease
 * until `leased_until`; then another one takes over. The jobs stay idempotent on their own: the
 * lease saves work and log noise, correctness does not depend on it.
 *
 * Times are the processes' clocks as ISO 8601 UTC text (instances keep their clocks in sync).
 */

export interface PeriodicJob {
  /** Stable name, the row's key, e.g. `checkout-sweep`. */
  name: string;
  /** At most one run per period across all processes. */
  periodMs: number;
  /** How long a run may hold the job before another process may take it over; default: the period. */
  leaseMs?: number;
  /** Does the work; returns how many things it changed (logged). */
  run: () => Promise<number>;
}

interface JobLogger {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface JobsOptions {
  db: Db;
  logger: JobLogger;
  /** This process's id in `job_leases.holder`; default: random. */
  holder?: string;
  /** Clock in ms (tests move it); default: Date.now. */
  now?: () => number;
  /** The first attempt of each job waits a random part of this (default: the smaller of 5 s and the period). */
  firstDelayMaxMs?: number;
}

export type RunOutcome = "ok" | "error";
export type AttemptResult = { ran: false } | { ran: true; outcome: RunOutcome; count: number };

export interface Jobs {
  readonly holder: string;
  /** One attempt now: takes the lease if free and due, runs, records, frees. */
  attempt(job: PeriodicJob): Promise<AttemptResult>;
  /** Attempts each job after a short random delay, then about once per period. */
  start(jobs: PeriodicJob[]): void;
  /** No attempt starts after this; resolves when the runs in progress have finished. Idempotent. */
  stop(): Promise<void>;
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Takes the job's lease for `holder`: inserts the row, or updates it only when the lease has
 * expired or is already ours, and the last run started at least a period ago. One statement, so
 * exactly one of several racing processes gets the row back. SQLite (3.35+) and PostgreSQL alike.
 */
export async function takeLease(
  db: Db,
  job: { name: string; periodMs: number; leaseMs?: number },
  holder: string,
  nowMs: number,
): Promise<boolean> {
  const now = iso(nowMs);
  const until = iso(nowMs + (job.leaseMs ?? job.periodMs));
  const dueBefore = iso(nowMs - job.periodMs);
  const row = await db
    .insertInto("job_leases")
    .values({ name: job.name, holder, leased_until: until, last_run_at: null, last_outcome: null })
    .onConflict((oc) =>
      oc
        .column("name")
        .doUpdateSet({ holder, leased_until: until })
        .where((eb) =>
          eb.and([
            eb.or([eb("job_leases.leased_until", "<=", now), eb("job_leases.holder", "=", holder)]),
            eb.or([eb("job_leases.last_run_at", "is", null), eb("job_leases.last_run_at", "<=", dueBefore)]),
          ]),
        ),
    )
    .returning("holder")
    .executeTakeFirst();
  return row?.holder === holder;
}

/** Records the run that started at `startedMs` and frees the lease, if this holder still has it. */
export async function releaseLease(
  db: Db,
  name: string,
  holder: string,
  startedMs: number,
  endedMs: number,
  outcome: RunOutcome,
): Promise<boolean> {
  const res = await db
    .updateTable("job_leases")
    .set({ leased_until: iso(endedMs), last_run_at: iso(startedMs), last_outcome: outcome })
    .where("name", "=", name)
    .where("holder", "=", holder)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export function createJobs(opts: JobsOptions): Jobs {
  const { db, logger } = opts;
  const holder = opts.holder ?? crypto.randomUUID();
  const now = opts.now ?? Date.now;
  const timers = new Set<NodeJS.Timeout>();
  const running = new Map<string, Promise<AttemptResult>>();
  let stopped = false;

  async function runLeased(job: PeriodicJob): Promise<AttemptResult> {
    if (!(await takeLease(db, job, holder, now()))) return { ran: false };
    const started = now();
    let outcome: RunOutcome = "ok";
    let count = 0;
    let error: string | undefined;
    try {
      count = await job.run();
    } catch (err) {
      outcome = "error";
      error = err instanceof Error ? err.message : String(err);
    }
    const ms = now() - started;
    try {
      await releaseLease(db, job.name, holder, started, now(), outcome);
    } catch (err) {
      // The lease then runs out by itself at leased_until.
      logger.error(
        { job: job.name, err: err instanceof Error ? err.message : String(err) },
        "periodic job lease not released",
      );
    }
    if (outcome === "ok") logger.info({ job: job.name, outcome, count, ms }, "periodic job");
    else logger.error({ job: job.name, outcome, count, ms, err: error }, "periodic job");
    return { ran: true, outcome, count };
  }

  function attempt(job: PeriodicJob): Promise<AttemptResult> {
    if (stopped) return Promise.resolve({ ran: false });
    // One run at a time per job in this process, whatever the lease says.
    const current = running.get(job.name);
    if (current) return current.then(() => ({ ran: false }) as const);
    const p = runLeased(job)
      .catch((err): AttemptResult => {
        // The lease statement itself failed (database busy or gone): try again next period.
        logger.error(
          { job: job.name, outcome: "error", err: err instanceof Error ? err.message : String(err) },
          "periodic job lease failed",
        );
        return { ran: false };
      })
      .finally(() => running.delete(job.name));
    running.set(job.name, p);
    return p;
  }

  function schedule(job: PeriodicJob, delayMs: number) {
    if (stopped) return;
    const t = setTimeout(() => {
      timers.delete(t);
      void attempt(job).then(() =>
        // A little later than the period, spread at random, so that the instances' attempts do not
        // line up and the last run (recorded at its start) is surely a period old.
        schedule(job, job.periodMs + Math.random() * Math.min(job.periodMs * 0.05, 1000)),
      );
    }, delayMs);
    t.unref();
    timers.add(t);
  }

  return {
    holder,
    attempt,
    start(jobs) {
      for (const job of jobs) {
        const max = opts.firstDelayMaxMs ?? Math.min(5000, job.periodMs);
        schedule(job, Math.random() * max);
      }
    },
    async stop() {
      stopped = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
      await Promise.all(running.values());
    },
  };
}

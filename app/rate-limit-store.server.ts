// express-rate-limit counters in the portal's database (docs/decisions/008-shared-rate-limits.md),
// so that every process serving the portal spends one budget per client: with the memory store,
// N processes would allow N times the rate.
import { sql } from "kysely";
import type { ClientRateLimitInfo, Options, Store } from "express-rate-limit";
import type { Db } from "../db/schema";

/** Windows that ended are deleted this often (and once a window has passed after the start). */
export const PURGE_INTERVAL_MS = 10 * 60_000;

export interface DatabaseStoreOptions {
  /** Names the limiter: each limiter has its own prefix, and so its own counters. */
  prefix: string;
  /** The clock; tests move it. */
  now?: () => number;
  /** 0 turns the periodic purge off (tests call `purgeExpired` themselves). */
  purgeIntervalMs?: number;
  /** Where a failed purge is reported; the purge is retried at the next interval. */
  onPurgeError?: (err: unknown) => void;
}

/**
 * A fixed window per (prefix, key), like express-rate-limit's memory store: the first hit opens a
 * window of `windowMs`, later hits count in it, the first hit after it ends opens a new one.
 * Every operation is one statement, atomic across processes on SQLite and PostgreSQL alike.
 */
export class DatabaseRateLimitStore implements Store {
  readonly prefix: string;
  /** Counters live in the database: a key counted by one process is seen by every other. */
  readonly localKeys = false;
  private windowMs = 60_000;
  private readonly now: () => number;
  private readonly purgeIntervalMs: number;
  private readonly onPurgeError: (err: unknown) => void;
  private timer: NodeJS.Timeout | undefined;
  private firstPurge: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: Db,
    opts: DatabaseStoreOptions,
  ) {
    this.prefix = opts.prefix;
    this.now = opts.now ?? Date.now;
    this.purgeIntervalMs = opts.purgeIntervalMs ?? PURGE_INTERVAL_MS;
    this.onPurgeError = opts.onPurgeError ?? (() => {});
  }

  init(options: Options): void {
    this.windowMs = options.windowMs;
    if (this.purgeIntervalMs > 0 && !this.timer) {
      const purge = () => void this.purgeExpired().catch(this.onPurgeError);
      this.firstPurge = setTimeout(purge, Math.min(this.windowMs, this.purgeIntervalMs));
      this.firstPurge.unref();
      this.timer = setInterval(purge, this.purgeIntervalMs);
      this.timer.unref();
    }
  }

  async get(key: string): Promise<ClientRateLimitInfo | undefined> {
    const row = await this.db
      .selectFrom("rate_limits")
      .select(["hits", "reset_at"])
      .where("prefix", "=", this.prefix)
      .where("key", "=", key)
      .where("reset_at", ">", this.isoNow())
      .executeTakeFirst();
    return row ? { totalHits: Number(row.hits), resetTime: new Date(row.reset_at) } : undefined;
  }

  async increment(key: string): Promise<ClientRateLimitInfo> {
    const now = this.now();
    const nowIso = new Date(now).toISOString();
    const resetIso = new Date(now + this.windowMs).toISOString();
    // One upsert: a new key or an ended window starts at 1, otherwise the count goes up by one.
    // Both SET expressions read the row as it was before the update.
    const ended = sql<boolean>`${sql.ref("rate_limits.reset_at")} <= ${nowIso}`;
    const row = await this.db
      .insertInto("rate_limits")
      .values({ prefix: this.prefix, key, hits: 1, reset_at: resetIso })
      .onConflict((oc) =>
        oc.columns(["prefix", "key"]).doUpdateSet({
          hits: sql<number>`case when ${ended} then 1 else ${sql.ref("rate_limits.hits")} + 1 end`,
          reset_at: sql<string>`case when ${ended} then ${resetIso} else ${sql.ref("rate_limits.reset_at")} end`,
        }),
      )
      .returning(["hits", "reset_at"])
      .executeTakeFirstOrThrow();
    return { totalHits: Number(row.hits), resetTime: new Date(row.reset_at) };
  }

  async decrement(key: string): Promise<void> {
    await this.db
      .updateTable("rate_limits")
      .set({ hits: sql<number>`hits - 1` })
      .where("prefix", "=", this.prefix)
      .where("key", "=", key)
      .where("hits", ">", 0)
      .where("reset_at", ">", this.isoNow())
      .execute();
  }

  async resetKey(key: string): Promise<void> {
    await this.db
      .deleteFrom("rate_limits")
      .where("prefix", "=", this.prefix)
      .where("key", "=", key)
      .execute();
  }

  async resetAll(): Promise<void> {
    await this.db.deleteFrom("rate_limits").where("prefix", "=", this.prefix).execute();
  }

  /** Deletes this limiter's counters whose window has ended; returns how many. */
  async purgeExpired(): Promise<number> {
    const res = await this.db
      .deleteFrom("rate_limits")
      .where("prefix", "=", this.prefix)
      .where("reset_at", "<=", this.isoNow())
      .executeTakeFirst();
    return Number(res.numDeletedRows);
  }

  shutdown(): void {
    clearTimeout(this.firstPurge);
    clearInterval(this.timer);
    this.firstPurge = this.timer = undefined;
  }

  private isoNow(): string {
    return new Date(this.now()).toISOString();
  }
}

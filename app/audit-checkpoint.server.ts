import type { Kysely } from "kysely";
import type { Database } from "../db/schema";
import { writeAuditCheckpoint, type AuditCheckpoint } from "./audit.server";
import type { Config } from "./env.server";

/**
 * Periodic checkpoints of the audit log: every few minutes and once more at shutdown, the count
 * and head of the chain go to `<dataDir>/audit-checkpoint.json` (MACed) and to the process log, so
 * that cutting rows off the end of the table is detected by `npm run audit:verify`.
 */

export const AUDIT_CHECKPOINT_MINUTES = 5;

interface CheckpointLogger {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface AuditCheckpointOptions {
  db: Kysely<Database>;
  config: Pick<Config, "auditHmacKey" | "dataDir">;
  logger: CheckpointLogger;
  /** Defaults to AUDIT_CHECKPOINT_MINUTES. */
  intervalMs?: number;
}

/**
 * Starts the timer and returns the function that stops it: call it at shutdown, before closing
 * the database, and await it (it writes the last checkpoint). The log line is written when the
 * chain has grown since the previous checkpoint, and at shutdown.
 */
export function startAuditCheckpoints(opts: AuditCheckpointOptions): () => Promise<void> {
  const intervalMs = opts.intervalMs ?? AUDIT_CHECKPOINT_MINUTES * 60_000;
  let last: Pick<AuditCheckpoint, "count" | "headHmac"> | null = null;
  let running: Promise<void> = Promise.resolve();
  let stopped = false;

  const write = (reason: "interval" | "shutdown") => {
    running = running.then(async () => {
      try {
        const checkpoint = await writeAuditCheckpoint(opts.db, opts.config.auditHmacKey, opts.config.dataDir);
        if (!checkpoint) return;
        const changed = !last || last.count !== checkpoint.count || last.headHmac !== checkpoint.headHmac;
        last = { count: checkpoint.count, headHmac: checkpoint.headHmac };
        if (changed || reason === "shutdown")
          opts.logger.info(
            { count: checkpoint.count, headId: checkpoint.headId, headHmac: checkpoint.headHmac, reason },
            "audit checkpoint",
          );
      } catch (err) {
        opts.logger.error(
          { err: err instanceof Error ? err.message : String(err), reason },
          "audit checkpoint failed",
        );
      }
    });
    return running;
  };

  const timer = setInterval(() => {
    if (!stopped) void write("interval");
  }, intervalMs);
  timer.unref();

  return async () => {
    if (stopped) return running;
    stopped = true;
    clearInterval(timer);
    await write("shutdown");
  };
}

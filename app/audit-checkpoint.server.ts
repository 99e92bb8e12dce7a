import type { Db } from "../db/schema";
import { AUDIT_INIT_COMMAND, readAuditCheckpoint, writeAuditCheckpoint, type AuditCheckpoint, type CheckpointAdvance } from "~/audit.server";
import type { Config } from "~/env.server";

/**
 * Keeps `<dataDir>/audit-checkpoint.json` (count and head of the chain, MACed) within about a
 * second of the log's committed head, and once more at shutdown, so that cutting rows off the end
 * of the table is detected by `npm run audit:verify`. Every few minutes, and at shutdown, the head
 * also goes to the process log, a second record outside the data directory. Several processes may
 * run this on one database: the file only ever moves forward (see `writeAuditCheckpoint`).
 */

export const AUDIT_HEAD_INTERVAL_MS = 1000;
export const AUDIT_CHECKPOINT_MINUTES = 5;

interface CheckpointLogger {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface AuditCheckpointOptions {
  db: Db;
  config: Pick<Config, "auditHmacKey" | "dataDir">;
  logger: CheckpointLogger;
  /** How often the file follows the head; defaults to AUDIT_HEAD_INTERVAL_MS. */
  headIntervalMs?: number;
  /** How often the head goes to the process log (when it moved); defaults to AUDIT_CHECKPOINT_MINUTES. */
  logIntervalMs?: number;
  /** How long a missing file may stay missing before it is reported; defaults to 5 head intervals. */
  missingGraceMs?: number;
}

const PROBLEMS: Partial<Record<CheckpointAdvance["status"], string>> = {
  missing: `audit checkpoint missing while the log has rows: not created automatically; verify the chain and create it with ${AUDIT_INIT_COMMAND}`,
  invalid: "audit checkpoint file altered or unreadable: left in place and no longer updated",
  diverged:
    "audit log no longer holds the checkpoint's head (rows cut off): checkpoint left in place and no longer updated",
};

/**
 * Looks at the log once (await it before anything may append: a log that is empty now may get its
 * checkpoint from this process), then starts the timers and returns the function that stops them:
 * call it at shutdown, before closing the database, and await it (it brings the file up to the
 * head and logs it). Calling it again brings the file up to date once more (rows written while the
 * last requests drained).
 */
export async function startAuditCheckpoints(opts: AuditCheckpointOptions): Promise<() => Promise<void>> {
  const { db, logger } = opts;
  const { auditHmacKey: key, dataDir } = opts.config;
  const headIntervalMs = opts.headIntervalMs ?? AUDIT_HEAD_INTERVAL_MS;
  const logIntervalMs = opts.logIntervalMs ?? AUDIT_CHECKPOINT_MINUTES * 60_000;
  // Another process on the same database may be about to create the file of a new log.
  const missingGraceMs = opts.missingGraceMs ?? 5 * headIntervalMs;
  let running: Promise<void> = Promise.resolve();
  let queued = false;
  let latest: AuditCheckpoint | null = null;
  let logged: { checkpoint: AuditCheckpoint; reason: "interval" | "shutdown" } | null = null;
  let reported: string | null = null;
  let missingSince: number | null = null;

  // The server creates the file only for a new log (no rows and no file when it starts). A log
  // that has rows and no file was not vouched for by anyone: the operator decides, with --init.
  const file = readAuditCheckpoint(key, dataDir);
  const anyRow = await db.selectFrom("audit_log").select("id").limit(1).executeTakeFirst();
  let mayCreate = file.state === "absent" && !anyRow;

  const serial = (fn: () => Promise<void>) => {
    running = running
      .then(fn)
      .catch((err) =>
        logger.error({ err: err instanceof Error ? err.message : String(err) }, "audit checkpoint failed"),
      );
    return running;
  };

  const advance = () => {
    if (queued) return running;
    queued = true;
    return serial(async () => {
      queued = false;
      const r = await writeAuditCheckpoint(db, key, dataDir, { create: mayCreate });
      if (r.status === "written" || r.status === "current") {
        latest = r.checkpoint;
        mayCreate = false;
      }
      if (r.status === "busy") return;
      missingSince = r.status === "missing" ? (missingSince ?? Date.now()) : null;
      const problem = PROBLEMS[r.status];
      if (r.status === "missing" && Date.now() - missingSince! < missingGraceMs) return;
      if (problem && reported !== r.status) logger.error({ status: r.status, dataDir }, problem);
      reported = problem ? r.status : null;
    });
  };

  const logHead = (reason: "interval" | "shutdown") =>
    serial(async () => {
      if (!latest) return;
      if (
        logged?.checkpoint.headHmac === latest.headHmac &&
        (reason === "interval" || logged.reason === reason)
      )
        return;
      logged = { checkpoint: latest, reason };
      logger.info(
        { count: latest.count, headId: latest.headId, headHmac: latest.headHmac, reason },
        "audit checkpoint",
      );
    });

  const headTimer = setInterval(() => void advance(), headIntervalMs);
  headTimer.unref();
  const logTimer = setInterval(() => void logHead("interval"), logIntervalMs);
  logTimer.unref();

  return async () => {
    clearInterval(headTimer);
    clearInterval(logTimer);
    await advance();
    await logHead("shutdown");
  };
}

import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Transaction } from "kysely";
import { LOCK_KEYS, lockChain } from "../db/dialect";
import type { AuditLogTable, Database, Db } from "../db/schema";
import type { AuditAction } from "~/audit-actions";

/**
 * The append-only access and action log. Every row carries an HMAC over its content and the
 * previous row's HMAC, so that someone with database access alone cannot rewrite a row and
 * re-chain the rest without the key. A checkpoint outside the table (count and head, MACed), kept
 * within about a second of the head by `startAuditCheckpoints`, makes cutting rows off the end
 * detectable too. Nothing here updates or deletes rows.
 */

export const AUDIT_GENESIS = "genesi";

export interface AuditEntry {
  actorKind: AuditLogTable["actor_kind"];
  actorCodiceFiscale?: string | null;
  operatorId?: number | null;
  enteId?: number | null;
  role?: string | null;
  subjectCitizenId?: number | null;
  accessId?: number | null;
  action: AuditAction;
  section?: string | null;
  reasonCategory?: string | null;
  reasonText?: string | null;
  details?: Record<string, unknown> | null;
}

type AuditContent = Omit<AuditLogTable, "id" | "hmac">;

/** The exact bytes the HMAC covers: field order is fixed here, never taken from an object. */
function canonical(row: AuditContent): string {
  return JSON.stringify([
    row.prev_hmac,
    row.at,
    row.actor_kind,
    row.actor_fiscal_code,
    row.operator_id,
    row.entity_id,
    row.role,
    row.subject_citizen_id,
    row.access_id,
    row.action,
    row.section,
    row.reason_category,
    row.reason_text,
    row.details,
  ]);
}

export function auditHmac(key: string, row: AuditContent): string {
  return crypto.createHmac("sha256", key).update(canonical(row)).digest("hex");
}

async function appendInTransaction(
  trx: Transaction<Database>,
  key: string,
  entry: AuditEntry,
  at: string,
): Promise<{ id: number; hmac: string }> {
  await lockChain(trx, LOCK_KEYS.auditChain);
  const last = await trx
    .selectFrom("audit_log")
    .select("hmac")
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
  const content: AuditContent = {
    prev_hmac: last?.hmac ?? AUDIT_GENESIS,
    at,
    actor_kind: entry.actorKind,
    actor_fiscal_code: entry.actorCodiceFiscale ?? null,
    operator_id: entry.operatorId ?? null,
    entity_id: entry.enteId ?? null,
    role: entry.role ?? null,
    subject_citizen_id: entry.subjectCitizenId ?? null,
    access_id: entry.accessId ?? null,
    action: entry.action,
    section: entry.section ?? null,
    reason_category: entry.reasonCategory ?? null,
    reason_text: entry.reasonText ?? null,
    details: entry.details ? JSON.stringify(entry.details) : null,
  };
  const hmac = auditHmac(key, content);
  const row = await trx
    .insertInto("audit_log")
    .values({ ...content, hmac })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { id: row.id, hmac };
}

/**
 * Appends one row. Pass the transaction of the action being recorded so that both land together;
 * given the plain database handle it opens its own transaction.
 */
export async function appendAudit(
  db: Db,
  key: string,
  entry: AuditEntry,
  now: Date = new Date(),
): Promise<{ id: number; hmac: string }> {
  const at = now.toISOString();
  if (db.isTransaction) return appendInTransaction(db as Transaction<Database>, key, entry, at);
  return db.transaction().execute((trx) => appendInTransaction(trx, key, entry, at));
}

export interface AuditCheckpoint {
  /** Rows of the chain up to and including the head. */
  count: number;
  headId: number;
  headHmac: string;
  at: string;
  mac: string;
}

/** Compares two MACs without stopping at the first differing character. */
export function macEquals(a: string, b: string): boolean {
  const x = Buffer.from(String(a), "utf8");
  const y = Buffer.from(String(b), "utf8");
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

function checkpointMac(key: string, c: Omit<AuditCheckpoint, "mac">): string {
  return crypto
    .createHmac("sha256", key)
    .update(JSON.stringify(["checkpoint", c.count, c.headId, c.headHmac, c.at]))
    .digest("hex");
}

export function checkpointPath(dataDir: string): string {
  return path.join(dataDir, "audit-checkpoint.json");
}

export type CheckpointFile =
  { state: "absent" } | { state: "invalid" } | { state: "valid"; checkpoint: AuditCheckpoint };

/** Reads and authenticates the checkpoint; a file that does not parse counts as altered. */
export function readAuditCheckpoint(key: string, dataDir: string): CheckpointFile {
  let text: string;
  try {
    text = fs.readFileSync(checkpointPath(dataDir), "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return { state: "absent" };
    throw err;
  }
  let c: Partial<AuditCheckpoint> | null;
  try {
    c = JSON.parse(text) as Partial<AuditCheckpoint> | null;
  } catch {
    return { state: "invalid" };
  }
  if (
    !c ||
    typeof c !== "object" ||
    !Number.isSafeInteger(c.count) ||
    !Number.isSafeInteger(c.headId) ||
    typeof c.headHmac !== "string" ||
    typeof c.at !== "string" ||
    typeof c.mac !== "string"
  )
    return { state: "invalid" };
  const checkpoint: AuditCheckpoint = {
    count: c.count!,
    headId: c.headId!,
    headHmac: c.headHmac,
    at: c.at,
    mac: c.mac,
  };
  if (checkpoint.count < 1 || !macEquals(checkpointMac(key, checkpoint), checkpoint.mac))
    return { state: "invalid" };
  return { state: "valid", checkpoint };
}

const LOCK_WAIT_MS = 5;
const LOCK_ATTEMPTS = 100;
/** A lock older than this was left by a process killed while holding it (it holds it for a rename). */
const LOCK_STALE_MS = 10_000;

/**
 * Runs `fn` holding `<file>.lock`, created exclusively, so that processes sharing the data
 * directory replace the checkpoint one at a time. Gives up ("busy") after about half a second.
 */
async function withFileLock<T>(file: string, fn: () => Promise<T>): Promise<T | "busy"> {
  const lock = `${file}.lock`;
  for (let attempt = 0; ; attempt++) {
    try {
      const fh = await fs.promises.open(lock, "wx", 0o600);
      await fh.writeFile(String(process.pid));
      await fh.close();
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const st = await fs.promises.stat(lock).catch(() => null);
      if (st && Date.now() - st.mtimeMs > LOCK_STALE_MS) {
        await fs.promises.rm(lock, { force: true });
        continue;
      }
      if (attempt >= LOCK_ATTEMPTS) return "busy";
      await new Promise((r) => setTimeout(r, LOCK_WAIT_MS));
    }
  }
  try {
    return await fn();
  } finally {
    await fs.promises.rm(lock, { force: true });
  }
}

async function syncDir(dir: string): Promise<void> {
  try {
    const fh = await fs.promises.open(dir, "r");
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
  } catch {
    /* not every platform can fsync a directory; the rename is then durable a little later */
  }
}

type StoreResult = "written" | "behind" | "missing" | "invalid" | "busy";

/**
 * Replaces the checkpoint file with `next` only if it moves the head forward: written to a temp
 * file and fsynced first, then, under the lock, the current file is read again and `next` renamed
 * over it if its head is higher. `create` allows writing where there is no file yet.
 */
async function storeCheckpoint(
  key: string,
  dataDir: string,
  next: AuditCheckpoint,
  create: boolean,
): Promise<StoreResult> {
  const file = checkpointPath(dataDir);
  await fs.promises.mkdir(dataDir, { recursive: true });
  const tmp = `${file}.${process.pid}.${crypto.randomBytes(4).toString("hex")}.tmp`;
  const fh = await fs.promises.open(tmp, "w", 0o600);
  try {
    await fh.writeFile(JSON.stringify(next, null, 2));
    await fh.sync();
  } finally {
    await fh.close();
  }
  try {
    return await withFileLock(file, async (): Promise<StoreResult> => {
      const current = readAuditCheckpoint(key, dataDir);
      if (current.state === "invalid") return "invalid";
      if (current.state === "absent" && !create) return "missing";
      if (current.state === "valid" && current.checkpoint.headId >= next.headId) return "behind";
      await fs.promises.rename(tmp, file);
      await syncDir(dataDir);
      return "written";
    });
  } finally {
    await fs.promises.rm(tmp, { force: true });
  }
}

export type CheckpointAdvance =
  /** The checkpoint now records the head read from the database. */
  | { status: "written"; checkpoint: AuditCheckpoint }
  /** Nothing to do: the file already records this head (or another process wrote a later one). */
  | { status: "current"; checkpoint: AuditCheckpoint }
  /** No rows and no file: a new log. */
  | { status: "empty" }
  /** Rows but no file, and creating one was not allowed. */
  | { status: "missing" }
  /** The file is altered or unreadable: left as it is. */
  | { status: "invalid" }
  /** The database no longer holds the checkpoint's head (rows cut off): the file is left as evidence. */
  | { status: "diverged"; checkpoint: AuditCheckpoint }
  /** Another process held the lock too long: try again later. */
  | { status: "busy" };

async function countRows(db: Db, afterId: number, upToId: number): Promise<number> {
  const { n } = await db
    .selectFrom("audit_log")
    .select((eb) => eb.fn.countAll<number | string>().as("n"))
    .where("id", ">", afterId)
    .where("id", "<=", upToId)
    .executeTakeFirstOrThrow();
  return Number(n);
}

/**
 * Moves the checkpoint (`<dataDir>/audit-checkpoint.json`: count, head id and HMAC, MACed with the
 * audit key) up to the chain's committed head. It never moves it back, never replaces an altered
 * file, and never moves it past a chain that no longer contains the recorded head (truncated, then
 * grown again): those stay for `audit:verify` to report. Without a file it writes one only when
 * `create` says so (a new log, or the operator's explicit `audit:verify -- --init`).
 */
export async function writeAuditCheckpoint(
  db: Db,
  key: string,
  dataDir: string,
  opts: { create?: boolean; now?: Date } = {},
): Promise<CheckpointAdvance> {
  // The file before the database: a head another process recorded is then never ahead of the
  // head read here, since it recorded rows already committed.
  const current = readAuditCheckpoint(key, dataDir);
  if (current.state === "invalid") return { status: "invalid" };
  const head = await db
    .selectFrom("audit_log")
    .select(["id", "hmac"])
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
  let count: number;
  if (current.state === "valid") {
    const base = current.checkpoint;
    if (!head || head.id < base.headId) return { status: "diverged", checkpoint: base };
    if (head.id === base.headId)
      return macEquals(head.hmac, base.headHmac)
        ? { status: "current", checkpoint: base }
        : { status: "diverged", checkpoint: base };
    const recorded = await db
      .selectFrom("audit_log")
      .select("hmac")
      .where("id", "=", base.headId)
      .executeTakeFirst();
    if (!recorded || !macEquals(recorded.hmac, base.headHmac))
      return { status: "diverged", checkpoint: base };
    count = base.count + (await countRows(db, base.headId, head.id));
  } else {
    if (!head) return { status: "empty" };
    if (!opts.create) return { status: "missing" };
    count = await countRows(db, 0, head.id);
  }
  const fields = { count, headId: head.id, headHmac: head.hmac, at: (opts.now ?? new Date()).toISOString() };
  const checkpoint: AuditCheckpoint = { ...fields, mac: checkpointMac(key, fields) };
  const stored = await storeCheckpoint(key, dataDir, checkpoint, current.state === "absent");
  switch (stored) {
    case "written":
      return { status: "written", checkpoint };
    case "behind": {
      const now = readAuditCheckpoint(key, dataDir);
      return now.state === "valid" ? { status: "current", checkpoint: now.checkpoint } : { status: "busy" };
    }
    case "missing":
      return { status: "missing" };
    case "invalid":
      return { status: "invalid" };
    case "busy":
      return { status: "busy" };
  }
}

export type AuditProblem =
  | { kind: "altered"; id: number }
  | { kind: "broken-link"; id: number }
  /** Fewer rows than the checkpoint records: `lastId` is the last row left (null: none). */
  | { kind: "truncated"; expectedAtLeast: number; found: number; lastId: number | null; headId: number }
  /**
   * The chain departs from the checkpoint at row `id`: the row at the checkpoint's position is not
   * its head, or a row past the head's id comes first (cut off and written again, or renumbered).
   */
  | { kind: "head-missing"; id: number; headId: number }
  /** Rows, but no checkpoint vouches for them. */
  | { kind: "checkpoint-missing"; rows: number; firstId: number; lastId: number }
  | { kind: "checkpoint-invalid" };

export interface AuditVerification {
  ok: boolean;
  rows: number;
  problem?: AuditProblem;
  checkpoint?: AuditCheckpoint | null;
}

/**
 * Walks the whole chain in id order and compares it with the checkpoint in `dataDir`. With
 * `dataDir` null only the chain is checked. A log with rows and no checkpoint fails.
 */
export async function verifyAudit(
  db: Db,
  key: string,
  dataDir: string | null,
  pageSize = 5000,
): Promise<AuditVerification> {
  let prev = AUDIT_GENESIS;
  let rows = 0;
  let firstId: number | null = null;
  let lastId = 0;
  const file = dataDir ? readAuditCheckpoint(key, dataDir) : null;
  const checkpoint = file?.state === "valid" ? file.checkpoint : null;
  let atHead: { id: number; matches: boolean } | null = null;
  for (;;) {
    const page = await db
      .selectFrom("audit_log")
      .selectAll()
      .where("id", ">", lastId)
      .orderBy("id")
      .limit(pageSize)
      .execute();
    if (!page.length) break;
    for (const row of page) {
      const { id, hmac, ...content } = row;
      if (!macEquals(content.prev_hmac, prev))
        return { ok: false, rows, problem: { kind: "broken-link", id }, checkpoint };
      if (!macEquals(auditHmac(key, content), hmac))
        return { ok: false, rows, problem: { kind: "altered", id }, checkpoint };
      prev = hmac;
      rows++;
      firstId ??= id;
      lastId = id;
      // The first row at the checkpoint's position, or past its head's id before reaching it.
      if (checkpoint && !atHead && (rows === checkpoint.count || id > checkpoint.headId))
        atHead = {
          id,
          matches:
            rows === checkpoint.count && id === checkpoint.headId && macEquals(hmac, checkpoint.headHmac),
        };
    }
  }
  if (file?.state === "invalid")
    return { ok: false, rows, problem: { kind: "checkpoint-invalid" }, checkpoint };
  if (!checkpoint) {
    if (file?.state === "absent" && rows > 0)
      return {
        ok: false,
        rows,
        problem: { kind: "checkpoint-missing", rows, firstId: firstId!, lastId },
        checkpoint,
      };
    return { ok: true, rows, checkpoint };
  }
  if (atHead && !atHead.matches)
    return {
      ok: false,
      rows,
      problem: { kind: "head-missing", id: atHead.id, headId: checkpoint.headId },
      checkpoint,
    };
  if (rows < checkpoint.count)
    return {
      ok: false,
      rows,
      problem: {
        kind: "truncated",
        expectedAtLeast: checkpoint.count,
        found: rows,
        lastId: rows ? lastId : null,
        headId: checkpoint.headId,
      },
      checkpoint,
    };
  return { ok: true, rows, checkpoint };
}

export const AUDIT_INIT_COMMAND = "npm run audit:verify -- --init";

/**
 * The verdict in one Italian sentence, the same for `npm run audit:verify` and for the auditor's
 * page: intact with the rows and the checkpoint, or the first problem found.
 */
export function describeAuditVerification(result: AuditVerification): string {
  if (!result.ok) return `Registro degli accessi NON integro: ${describeAuditProblem(result.problem!)}.`;
  const c = result.checkpoint;
  return `Registro degli accessi integro: ${result.rows} righe verificate${c ? `, coerente con il checkpoint del ${c.at} (${c.count} righe fino alla riga ${c.headId})` : " (registro vuoto, nessun checkpoint ancora scritto)"}.`;
}

export function describeAuditProblem(p: AuditProblem): string {
  switch (p.kind) {
    case "altered":
      return `riga ${p.id}: contenuto alterato (l'HMAC non corrisponde)`;
    case "broken-link":
      return `riga ${p.id}: catena interrotta (righe cancellate, inserite o riordinate prima di questa)`;
    case "truncated":
      return p.lastId === null
        ? `registro svuotato: mancano tutte le righe, il checkpoint attesta almeno ${p.expectedAtLeast} righe fino alla riga ${p.headId}`
        : `registro troncato: mancano le righe dopo la ${p.lastId}, il checkpoint attesta almeno ${p.expectedAtLeast} righe fino alla riga ${p.headId}, ne restano ${p.found}`;
    case "head-missing":
      return `riga ${p.id}: la catena si discosta da quella attestata dal checkpoint fino alla riga ${p.headId} (righe tolte dalla coda e poi riscritte, o rinumerate)`;
    case "checkpoint-missing":
      return `manca il checkpoint (audit-checkpoint.json) e il registro ha ${p.rows} righe, dalla riga ${p.firstId} alla ${p.lastId}: nulla attesta che la coda sia completa. Se il registro è stato creato senza checkpoint o il file è andato perso per un motivo noto, verificare la catena e crearlo con "${AUDIT_INIT_COMMAND}"`;
    case "checkpoint-invalid":
      return "il file di checkpoint è stato alterato";
  }
}

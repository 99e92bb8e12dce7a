import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Kysely, Transaction } from "kysely";
import { lockChain } from "../db/dialect";
import type { AuditLogTable, Database } from "../db/schema";
import type { AuditAction } from "./audit-actions";

/**
 * The append-only access and action log. Every row carries an HMAC over its content and the
 * previous row's HMAC, so that someone with database access alone cannot rewrite a row and
 * re-chain the rest without the key. Checkpoints (count and head) written outside the table make
 * cutting rows off the end detectable too. Nothing here updates or deletes rows.
 */

export const AUDIT_GENESIS = "genesi";
const CHAIN_LOCK_KEY = 4_242_001;

export interface AuditEntry {
  actorKind: AuditLogTable["actor_kind"];
  actorFiscalCode?: string | null;
  operatorId?: number | null;
  entityId?: number | null;
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
  await lockChain(trx, CHAIN_LOCK_KEY);
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
    actor_fiscal_code: entry.actorFiscalCode ?? null,
    operator_id: entry.operatorId ?? null,
    entity_id: entry.entityId ?? null,
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
  db: Kysely<Database> | Transaction<Database>,
  key: string,
  entry: AuditEntry,
  now: Date = new Date(),
): Promise<{ id: number; hmac: string }> {
  const at = now.toISOString();
  if (db.isTransaction) return appendInTransaction(db as Transaction<Database>, key, entry, at);
  return db.transaction().execute((trx) => appendInTransaction(trx, key, entry, at));
}

export interface AuditCheckpoint {
  count: number;
  headId: number;
  headHmac: string;
  at: string;
  mac: string;
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

/** Writes the log's count and head outside the table (atomically: temp file, fsync, rename). */
export async function writeAuditCheckpoint(
  db: Kysely<Database>,
  key: string,
  dataDir: string,
  now: Date = new Date(),
): Promise<AuditCheckpoint | null> {
  const head = await db
    .selectFrom("audit_log")
    .select(["id", "hmac"])
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
  if (!head) return null;
  const { count } = await db
    .selectFrom("audit_log")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .executeTakeFirstOrThrow();
  const base = { count: Number(count), headId: head.id, headHmac: head.hmac, at: now.toISOString() };
  const checkpoint: AuditCheckpoint = { ...base, mac: checkpointMac(key, base) };
  const file = checkpointPath(dataDir);
  fs.mkdirSync(dataDir, { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = fs.openSync(tmp, "w", 0o600);
  fs.writeSync(fd, JSON.stringify(checkpoint, null, 2));
  fs.fsyncSync(fd);
  fs.closeSync(fd);
  fs.renameSync(tmp, file);
  return checkpoint;
}

export type AuditProblem =
  | { kind: "altered"; id: number }
  | { kind: "broken-link"; id: number }
  | { kind: "truncated"; expectedAtLeast: number; found: number }
  | { kind: "head-missing"; id: number }
  | { kind: "checkpoint-invalid" };

export interface AuditVerification {
  ok: boolean;
  rows: number;
  problem?: AuditProblem;
  checkpoint?: AuditCheckpoint | null;
}

/** Walks the whole chain in id order and compares it with the last checkpoint, if any. */
export async function verifyAudit(
  db: Kysely<Database>,
  key: string,
  dataDir: string | null,
  pageSize = 5000,
): Promise<AuditVerification> {
  let prev = AUDIT_GENESIS;
  let rows = 0;
  let lastId = 0;
  const seen = new Map<number, string>();
  let checkpoint: AuditCheckpoint | null = null;
  if (dataDir && fs.existsSync(checkpointPath(dataDir))) {
    checkpoint = JSON.parse(fs.readFileSync(checkpointPath(dataDir), "utf8")) as AuditCheckpoint;
    const { mac, ...base } = checkpoint;
    if (checkpointMac(key, base) !== mac) return { ok: false, rows: 0, problem: { kind: "checkpoint-invalid" }, checkpoint };
  }
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
      if (content.prev_hmac !== prev) return { ok: false, rows, problem: { kind: "broken-link", id }, checkpoint };
      if (auditHmac(key, content) !== hmac) return { ok: false, rows, problem: { kind: "altered", id }, checkpoint };
      prev = hmac;
      rows++;
      lastId = id;
      if (checkpoint && id === checkpoint.headId) seen.set(id, hmac);
    }
  }
  if (checkpoint) {
    if (rows < checkpoint.count)
      return { ok: false, rows, problem: { kind: "truncated", expectedAtLeast: checkpoint.count, found: rows }, checkpoint };
    if (seen.get(checkpoint.headId) !== checkpoint.headHmac)
      return { ok: false, rows, problem: { kind: "head-missing", id: checkpoint.headId }, checkpoint };
  }
  return { ok: true, rows, checkpoint };
}

export function describeAuditProblem(p: AuditProblem): string {
  switch (p.kind) {
    case "altered":
      return `riga ${p.id}: contenuto alterato (l'HMAC non corrisponde)`;
    case "broken-link":
      return `riga ${p.id}: catena interrotta (righe cancellate, inserite o riordinate prima di questa)`;
    case "truncated":
      return `registro troncato: il checkpoint attesta almeno ${p.expectedAtLeast} righe, ne restano ${p.found}`;
    case "head-missing":
      return `la riga ${p.id} registrata nel checkpoint non c'è più o è cambiata`;
    case "checkpoint-invalid":
      return "il file di checkpoint è stato alterato";
  }
}

import { PostgresAdapter, sql, type Kysely, type Transaction } from "kysely";

export function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/**
 * The keys of the transaction-scoped locks `lockChain` takes, one range per use so that no two
 * collide (ids are at most 2^31 - 1).
 */
export const LOCK_KEYS = {
  /** The access log's HMAC chain. */
  auditChain: 4_242_001,
  /** One appointment slot (booking against its capacity). */
  appointmentSlot: (slotId: number) => 5_000_000_000 + slotId,
  /** One ente's sequence of IUV codes (new positions, imports). */
  iuvSequence: (enteId: number) => 8_000_000_000 + enteId,
} as const;

/**
 * Serialises writers of one chain (the audit log) inside a transaction. SQLite already holds the
 * database write lock (BEGIN IMMEDIATE); PostgreSQL takes a transaction-scoped advisory lock.
 */
export async function lockChain(trx: Transaction<any>, key: number): Promise<void> {
  if (isPostgres(trx)) await sql`select pg_advisory_xact_lock(${key})`.execute(trx);
}

import type { Kysely } from "kysely";

/**
 * Rate-limit counters shared by every portal process on one database
 * (docs/decisions/008-shared-rate-limits.md): one row per (limiter prefix, client key) with the
 * hits of the current window and the instant it ends. Rows whose window has ended are purged.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("rate_limits")
    .addColumn("prefix", "text", (c) => c.notNull())
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("hits", "integer", (c) => c.notNull())
    .addColumn("reset_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("rate_limits_pk", ["prefix", "key"])
    .execute();
  await db.schema.createIndex("rate_limits_reset_idx").on("rate_limits").column("reset_at").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("rate_limits").execute();
}

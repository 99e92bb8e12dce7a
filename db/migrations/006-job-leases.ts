import type { Kysely } from "kysely";

/**
 * Periodic jobs run once per period across every process on the database (issue 11): one lease
 * row per job says who may run it now (`holder` until `leased_until`) and when it last ran.
 * See docs/decisions/009-periodic-jobs.md.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("job_leases")
    .addColumn("name", "text", (c) => c.primaryKey())
    .addColumn("holder", "text", (c) => c.notNull())
    .addColumn("leased_until", "text", (c) => c.notNull())
    .addColumn("last_run_at", "text")
    .addColumn("last_outcome", "text")
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("job_leases").execute();
}

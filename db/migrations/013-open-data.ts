import type { Kysely } from "kysely";

/**
 * Open data (docs/decisions/033-open-data.md): the aggregate datasets the daily job computes, one
 * row per dataset, rewritten in one transaction per run. Pages and downloads read these rows and
 * never compute on request. Nothing in them is about a person.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("open_data_sets")
    .addColumn("slug", "text", (c) => c.primaryKey())
    .addColumn("csv", "text", (c) => c.notNull())
    .addColumn("row_count", "integer", (c) => c.notNull())
    .addColumn("summary_json", "text", (c) => c.notNull())
    .addColumn("generated_at", "text", (c) => c.notNull())
    .addColumn("reference_date", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("open_data_sets").execute();
}

import { sql, type Kysely } from "kysely";

/**
 * Operators find people by the first letters of surname and name, whatever their case. An index on
 * the lower-cased names lets that prefix be a range scan instead of a pass over every resident.
 * Expression indexes exist in SQLite and PostgreSQL alike; the query must repeat the expressions
 * exactly (see app/operator/search.server.ts).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex("citizens_name_lower_idx")
    .ifNotExists()
    .on("citizens")
    .expression(sql`(lower(surname)), (lower(name))`)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("citizens_name_lower_idx").ifExists().execute();
}

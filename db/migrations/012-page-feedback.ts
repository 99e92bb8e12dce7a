import type { Kysely } from "kysely";
import { isPostgres } from "../dialect";

/**
 * How clear the Area personale's pages are, as citizens rate them (the Designers Italia
 * "valutazione" widget): the page as its route pattern (`/area-personale/pagamenti/:id`, never an
 * id), the stars, the optional reason picked from a short list and a short optional text, and the
 * day. Anonymous on purpose: no citizen, session or time of day, only aggregates are read.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const pg = isPostgres(db);
  await db.schema
    .createTable("page_feedback")
    .addColumn("id", "integer", (c) => (pg ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey()))
    .addColumn("page", "text", (c) => c.notNull())
    .addColumn("rating", "integer", (c) => c.notNull())
    .addColumn("choice", "text")
    .addColumn("comment", "text")
    .addColumn("day", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("page_feedback_page_idx").on("page_feedback").columns(["page", "id"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("page_feedback").execute();
}

import type { Kysely } from "kysely";
import { isPostgres } from "../dialect";

/**
 * Tax campaigns: a file of debt positions imported in the background
 * (docs/decisions/013-tax-campaign-import.md). One row per import with its state and progress; the
 * process that works on it holds it (`holder` until `leased_until`), so that several processes never
 * run one import twice and an import left by a crashed process is taken over and resumed from
 * `rows_done`. The file itself (`content`) is kept only until the import ends. Positions remember
 * the import that created them (`debt_positions.import_id`), so that each debtor gets one message
 * per import, however many of their positions it holds and in however many batches.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const pg = isPostgres(db);
  await db.schema
    .createTable("position_imports")
    .addColumn("id", "integer", (c) => (pg ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey()))
    .addColumn("entity_id", "integer", (c) => c.notNull().references("entities.id"))
    .addColumn("channel", "text", (c) => c.notNull())
    .addColumn("actor_json", "text", (c) => c.notNull())
    .addColumn("filename", "text")
    .addColumn("content_sha256", "text", (c) => c.notNull())
    .addColumn("content", "text")
    .addColumn("validated_on", "text", (c) => c.notNull())
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("total_rows", "integer", (c) => c.notNull())
    .addColumn("rows_done", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("skipped_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("messages_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("total_cents", "bigint", (c) => c.notNull().defaultTo(0))
    .addColumn("failures", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("error", "text")
    .addColumn("holder", "text")
    .addColumn("leased_until", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("started_at", "text")
    .addColumn("finished_at", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("position_imports_entity_idx")
    .on("position_imports")
    .columns(["entity_id", "id"])
    .execute();
  await db.schema
    .createIndex("position_imports_state_idx")
    .on("position_imports")
    .columns(["state", "leased_until"])
    .execute();
  await db.schema
    .alterTable("debt_positions")
    .addColumn("import_id", "integer", (c) => c.references("position_imports.id"))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("debt_positions").dropColumn("import_id").execute();
  await db.schema.dropTable("position_imports").execute();
}

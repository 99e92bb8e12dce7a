import type { Kysely } from "kysely";
import { sql } from "kysely";
import { isPostgres } from "../dialect";

/**
 * Outbound mail (docs/decisions/026-outbound-mail.md).
 * - `mail_queue`: one row per message, written in the transaction of what caused it (a payment,
 *   an address to confirm, the daily reminders) and sent later by the delivery job, retried with
 *   backoff. `dedupe_key` is unique: whatever plans a message twice plans it once.
 * - `mail_opt_outs`: the kinds of mail a citizen stopped with the link in every mail.
 * - `mail_plans`: the days whose reminders were planned in full.
 * - `citizens.email_confirmed_at`: only a confirmed address receives mail; `email_pending` is an
 *   address waiting for its confirmation link (the token's hash and its expiry beside it);
 *   `reminder_days_before`: how many days before a due date the payment reminder comes.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const pg = isPostgres(db);
  await db.schema
    .createTable("mail_queue")
    .addColumn("id", "integer", (c) => (pg ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey()))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("citizen_id", "integer", (c) => c.references("citizens.id"))
    .addColumn("recipient", "text", (c) => c.notNull())
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("text_body", "text", (c) => c.notNull())
    .addColumn("html_body", "text", (c) => c.notNull())
    .addColumn("unsubscribe_url", "text")
    .addColumn("attachment_kind", "text")
    .addColumn("attachment_ref", "text")
    .addColumn("dedupe_key", "text", (c) => c.notNull().unique())
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("next_attempt_at", "text", (c) => c.notNull())
    .addColumn("leased_by", "text")
    .addColumn("leased_until", "text")
    .addColumn("last_error", "text")
    .addColumn("transport", "text")
    .addColumn("message_id", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("sent_at", "text")
    .execute();
  await db.schema
    .createIndex("mail_queue_due_idx")
    .on("mail_queue")
    .columns(["state", "next_attempt_at"])
    .execute();
  await db.schema
    .createIndex("mail_queue_citizen_idx")
    .on("mail_queue")
    .columns(["citizen_id", "id"])
    .execute();
  await db.schema
    .createTable("mail_opt_outs")
    .addColumn("citizen_id", "integer", (c) => c.notNull().references("citizens.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("mail_opt_outs_pk", ["citizen_id", "kind"])
    .execute();
  await db.schema
    .createTable("mail_plans")
    .addColumn("day", "text", (c) => c.primaryKey())
    .addColumn("planned", "integer", (c) => c.notNull())
    .addColumn("finished_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.alterTable("citizens").addColumn("email_confirmed_at", "text").execute();
  await db.schema.alterTable("citizens").addColumn("email_pending", "text").execute();
  await db.schema.alterTable("citizens").addColumn("email_token_hash", "text").execute();
  await db.schema.alterTable("citizens").addColumn("email_token_expires_at", "text").execute();
  await db.schema
    .alterTable("citizens")
    .addColumn("reminder_days_before", "integer", (c) => c.notNull().defaultTo(7))
    .execute();
  await db.schema
    .createIndex("identity_documents_expiry_idx")
    .on("identity_documents")
    .column("expiry_date")
    .execute();
  // The daily digest reads yesterday's requests for an integration and new messages by day.
  await db.schema.createIndex("pratica_events_at_idx").on("pratica_events").column("at").execute();
  await db.schema.createIndex("messages_sent_idx").on("messages").column("sent_at").execute();
  await db.schema
    .createIndex("citizens_email_token_idx")
    .on("citizens")
    .column("email_token_hash")
    .where(sql.ref("email_token_hash"), "is not", null)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("citizens_email_token_idx").execute();
  await db.schema.dropIndex("identity_documents_expiry_idx").execute();
  await db.schema.dropIndex("messages_sent_idx").execute();
  await db.schema.dropIndex("pratica_events_at_idx").execute();
  for (const column of [
    "reminder_days_before",
    "email_token_expires_at",
    "email_token_hash",
    "email_pending",
    "email_confirmed_at",
  ])
    await db.schema.alterTable("citizens").dropColumn(column).execute();
  await db.schema.dropTable("mail_plans").execute();
  await db.schema.dropTable("mail_opt_outs").execute();
  await db.schema.dropTable("mail_queue").execute();
}

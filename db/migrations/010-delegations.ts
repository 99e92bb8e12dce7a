import type { Kysely } from "kysely";
import { isPostgres } from "../dialect";

/**
 * Acting for others (docs/decisions/025-delegations.md).
 * - `delegations`: a citizen's delegation of chosen areas to another person (by codice fiscale) for
 *   a period of at most a year, accepted by the delegate online or registered at the counter by an
 *   operator (then with the operator, the stated reason and the two scanned papers: the signed
 *   form and the delegator's identity document, stored under the uploads folder).
 * - `sessions.acting_for_citizen_id` (and the delegation it rests on, null for a parent acting for
 *   a minor child): whose area the session shows; checked again on every request.
 * - `checkouts.payer_*`: who pays when it is not the debtor (a delegate), written on the receipt.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const pg = isPostgres(db);
  await db.schema
    .createTable("delegations")
    .addColumn("id", "integer", (c) => (pg ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey()))
    .addColumn("delegator_citizen_id", "integer", (c) => c.notNull().references("citizens.id"))
    .addColumn("delegate_fiscal_code", "text", (c) => c.notNull())
    .addColumn("delegate_name", "text", (c) => c.notNull())
    .addColumn("delegate_surname", "text", (c) => c.notNull())
    .addColumn("areas", "text", (c) => c.notNull())
    .addColumn("starts_on", "text", (c) => c.notNull())
    .addColumn("ends_on", "text", (c) => c.notNull())
    .addColumn("channel", "text", (c) => c.notNull())
    .addColumn("operator_id", "integer", (c) => c.references("operators.id"))
    .addColumn("reason_text", "text")
    .addColumn("form_stored_name", "text")
    .addColumn("form_filename", "text")
    .addColumn("id_document_stored_name", "text")
    .addColumn("id_document_filename", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("accepted_at", "text")
    .addColumn("refused_at", "text")
    .addColumn("revoked_at", "text")
    .addColumn("revoked_by", "text")
    .addColumn("first_used_at", "text")
    .addColumn("expiry_notified_at", "text")
    .execute();
  await db.schema
    .createIndex("delegations_delegator_idx")
    .on("delegations")
    .columns(["delegator_citizen_id", "id"])
    .execute();
  await db.schema
    .createIndex("delegations_delegate_idx")
    .on("delegations")
    .columns(["delegate_fiscal_code", "id"])
    .execute();
  await db.schema.alterTable("sessions").addColumn("acting_for_citizen_id", "integer").execute();
  await db.schema.alterTable("sessions").addColumn("acting_delegation_id", "integer").execute();
  await db.schema.alterTable("checkouts").addColumn("payer_fiscal_code", "text").execute();
  await db.schema.alterTable("checkouts").addColumn("payer_name", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("checkouts").dropColumn("payer_name").execute();
  await db.schema.alterTable("checkouts").dropColumn("payer_fiscal_code").execute();
  await db.schema.alterTable("sessions").dropColumn("acting_delegation_id").execute();
  await db.schema.alterTable("sessions").dropColumn("acting_for_citizen_id").execute();
  await db.schema.dropTable("delegations").execute();
}

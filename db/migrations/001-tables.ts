import { sql, type CreateTableBuilder, type Kysely } from "kysely";
import { isPostgres } from "../dialect";

/**
 * All tables of the three dossiers, the payments hub, operators, sessions and the audit log.
 * Secondary indexes come in 002 so that the bulk seeder can load before indexing.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const pg = isPostgres(db);
  const id = <T extends string>(t: CreateTableBuilder<T, never>) =>
    pg
      ? t.addColumn("id", "integer", (c) => c.primaryKey().generatedByDefaultAsIdentity())
      : t.addColumn("id", "integer", (c) => c.primaryKey());
  const table = (name: string) => id(db.schema.createTable(name));

  await table("entities")
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("fiscal_code", "text", (c) => c.notNull().unique())
    .addColumn("ipa_code", "text", (c) => c.notNull().unique())
    .addColumn("belfiore", "text")
    .addColumn("province_code", "text")
    .addColumn("parent_id", "integer", (c) => c.references("entities.id"))
    .addColumn("iban", "text", (c) => c.notNull())
    .addColumn("postal_account", "text")
    .addColumn("segregation_code", "text", (c) => c.notNull().unique())
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("pec", "text", (c) => c.notNull())
    .addColumn("phone", "text", (c) => c.notNull())
    .addColumn("address", "text", (c) => c.notNull())
    .addColumn("website", "text", (c) => c.notNull())
    .addColumn("imu_rate_bp", "integer", (c) => c.notNull())
    .addColumn("imu_main_home_rate_bp", "integer", (c) => c.notNull())
    .addColumn("tari_instalments", "integer", (c) => c.notNull())
    .addColumn("tefa_bp", "integer", (c) => c.notNull())
    .addColumn("show_operator_names", "integer", (c) => c.notNull().defaultTo(0))
    .execute();

  await table("offices")
    .addColumn("entity_id", "integer", (c) => c.notNull().references("entities.id"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("address", "text", (c) => c.notNull())
    .addColumn("phone", "text", (c) => c.notNull())
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("opening_hours", "text", (c) => c.notNull())
    .execute();

  await table("citizens")
    .addColumn("codice_fiscale", "text", (c) => c.notNull().unique())
    .addColumn("surname", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("sex", "text", (c) => c.notNull())
    .addColumn("birth_date", "text", (c) => c.notNull())
    .addColumn("birth_place", "text", (c) => c.notNull())
    .addColumn("birth_belfiore", "text", (c) => c.notNull())
    .addColumn("birth_province", "text")
    .addColumn("citizenship", "text", (c) => c.notNull())
    .addColumn("email", "text")
    .addColumn("phone", "text")
    .addColumn("reminder_channel", "text", (c) => c.notNull().defaultTo("email"))
    .addColumn("contacts_updated_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await table("households")
    .addColumn("entity_id", "integer", (c) => c.notNull().references("entities.id"))
    .addColumn("code", "text", (c) => c.notNull())
    .addColumn("address", "text", (c) => c.notNull())
    .addColumn("created_date", "text", (c) => c.notNull())
    .execute();

  await table("household_members")
    .addColumn("household_id", "integer", (c) => c.notNull().references("households.id"))
    .addColumn("citizen_id", "integer", (c) => c.notNull().references("citizens.id"))
    .addColumn("relation", "text", (c) => c.notNull())
    .addColumn("since_date", "text", (c) => c.notNull())
    .addColumn("until_date", "text")
    .execute();

  await table("residences")
    .addColumn("citizen_id", "integer", (c) => c.notNull().references("citizens.id"))
    .addColumn("entity_id", "integer", (c) => c.notNull().references("entities.id"))
    .addColumn("address", "text", (c) => c.notNull())
    .addColumn("postal_code", "text", (c) => c.notNull())
    .addColumn("start_date", "text", (c) => c.notNull())
    .addColumn("end_date", "text")
    .execute();

  await table("identity_documents")
    .addColumn("citizen_id", "integer", (c) => c.notNull().references("citizens.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("number", "text", (c) => c.notNull())
    .addColumn("issuer", "text", (c) => c.notNull())
    .addColumn("issuer_entity_id", "integer", (c) => c.references("entities.id"))
    .addColumn("issue_date", "text", (c) => c.notNull())
    .addColumn("expiry_date", "text", (c) => c.notNull())
    .execute();

  await table("certificates")
    .addColumn("citizen_id", "integer", (c) => c.notNull().references("citizens.id"))
    .addColumn("entity_id", "integer", (c) => c.notNull().references("entities.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("verification_code", "text", (c) => c.notNull().unique())
    .addColumn("content_hash", "text", (c) => c.notNull())
    .addColumn("subject_initials", "text", (c) => c.notNull())
    .addColumn("purpose", "text", (c) => c.notNull())
    .addColumn("issued_at", "text", (c) => c.notNull())
    .execute();

  await table("operators")
    .addColumn("codice_fiscale", "text", (c) => c.notNull())
    .addColumn("entity_id", "integer", (c) => c.notNull().references("entities.id"))
    .addColumn("office_id", "integer", (c) => c.references("offices.id"))
    .addColumn("surname", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("active", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("operators_cf_entity_unique", ["codice_fiscale", "entity_id"])
    .execute();

  await db.schema
    .createTable("operator_roles")
    .addColumn("operator_id", "integer", (c) => c.notNull().references("operators.id"))
    .addColumn("role", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("operator_roles_pk", ["operator_id", "role"])
    .execute();

  await table("pratiche")
    .addColumn("citizen_id", "integer", (c) => c.notNull().references("citizens.id"))
    .addColumn("entity_id", "integer", (c) => c.notNull().references("entities.id"))
    .addColumn("office_id", "integer", (c) => c.references("offices.id"))
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("area", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("protocol_number", "text")
    .addColumn("submitted_date", "text")
    .addColumn("protocol_date", "text")
    .addColumn("deadline_date", "text")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("next_steps", "text")
    .addColumn("assigned_operator_id", "integer", (c) => c.references("operators.id"))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await table("pratica_events")
    .addColumn("pratica_id", "integer", (c) => c.notNull().references("pratiche.id"))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("note", "text")
    .addColumn("actor", "text", (c) => c.notNull())
    .addColumn("operator_id", "integer", (c) => c.references("operators.id"))
    .addColumn("at", "text", (c) => c.notNull())
    .execute();

  await table("pratica_attachments")
    .addColumn("pratica_id", "integer", (c) => c.notNull().references("pratiche.id"))
    .addColumn("filename", "text", (c) => c.notNull())
    .addColumn("stored_name", "text", (c) => c.notNull().unique())
    .addColumn("mime", "text", (c) => c.notNull())
    .addColumn("size_bytes", "integer", (c) => c.notNull())
    .addColumn("uploaded_by", "text", (c) => c.notNull())
    .addColumn("note", "text")
    .addColumn("uploaded_at", "text", (c) => c.notNull())
    .execute();

  await table("debt_positions")
    .addColumn("entity_id", "integer", (c) => c.notNull().references("entities.id"))
    .addColumn("iupd", "text", (c) => c.notNull())
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("debtor_fiscal_code", "text", (c) => c.notNull())
    .addColumn("debtor_name", "text", (c) => c.notNull())
    .addColumn("debtor_citizen_id", "integer", (c) => c.references("citizens.id"))
    .addColumn("company_name", "text", (c) => c.notNull())
    .addColumn("service", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("validity_date", "text")
    .addColumn("switch_to_expired", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("status_reason", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("published_at", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("debt_positions_entity_iupd_unique", ["entity_id", "iupd"])
    .execute();

  await table("payment_options")
    .addColumn("position_id", "integer", (c) => c.notNull().references("debt_positions.id"))
    .addColumn("creditor_fiscal_code", "text", (c) => c.notNull())
    .addColumn("iuv", "text", (c) => c.notNull())
    .addColumn("nav", "text", (c) => c.notNull())
    .addColumn("amount_cents", "bigint", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("due_date", "text", (c) => c.notNull())
    .addColumn("retention_date", "text")
    .addColumn("is_partial_payment", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("instalment_number", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("reserved_until", "text")
    .addColumn("reserved_by", "text")
    .addUniqueConstraint("payment_options_creditor_iuv_unique", ["creditor_fiscal_code", "iuv"])
    .execute();

  await table("transfers")
    .addColumn("option_id", "integer", (c) => c.notNull().references("payment_options.id"))
    .addColumn("id_transfer", "integer", (c) => c.notNull())
    .addColumn("amount_cents", "bigint", (c) => c.notNull())
    .addColumn("organization_fiscal_code", "text", (c) => c.notNull())
    .addColumn("iban", "text", (c) => c.notNull())
    .addColumn("remittance_information", "text", (c) => c.notNull())
    .addColumn("category", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("checkouts")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("citizen_id", "integer", (c) => c.references("citizens.id"))
    .addColumn("payer_email", "text")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("total_cents", "bigint", (c) => c.notNull())
    .addColumn("fee_cents", "bigint", (c) => c.notNull())
    .addColumn("method", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("completed_at", "text")
    .addColumn("outcome_reason", "text")
    .execute();

  await table("checkout_items")
    .addColumn("checkout_id", "text", (c) => c.notNull().references("checkouts.id"))
    .addColumn("option_id", "integer", (c) => c.notNull().references("payment_options.id"))
    .addColumn("amount_cents", "bigint", (c) => c.notNull())
    .execute();

  await table("receipts")
    .addColumn("receipt_id", "text", (c) => c.notNull().unique())
    .addColumn("option_id", "integer", (c) => c.notNull().unique().references("payment_options.id"))
    .addColumn("checkout_id", "text", (c) => c.references("checkouts.id"))
    .addColumn("notice_number", "text", (c) => c.notNull())
    .addColumn("creditor_fiscal_code", "text", (c) => c.notNull())
    .addColumn("outcome", "text", (c) => c.notNull())
    .addColumn("creditor_reference_id", "text", (c) => c.notNull())
    .addColumn("payment_amount_cents", "bigint", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("company_name", "text", (c) => c.notNull())
    .addColumn("debtor_fiscal_code", "text", (c) => c.notNull())
    .addColumn("debtor_name", "text", (c) => c.notNull())
    .addColumn("payer_fiscal_code", "text")
    .addColumn("payer_name", "text")
    .addColumn("id_psp", "text", (c) => c.notNull())
    .addColumn("psp_company_name", "text", (c) => c.notNull())
    .addColumn("payment_method", "text", (c) => c.notNull())
    .addColumn("fee_cents", "bigint", (c) => c.notNull())
    .addColumn("payment_date_time", "text", (c) => c.notNull())
    .addColumn("application_date", "text", (c) => c.notNull())
    .addColumn("transfers_json", "text", (c) => c.notNull())
    .execute();

  await table("messages")
    .addColumn("citizen_id", "integer", (c) => c.notNull().references("citizens.id"))
    .addColumn("sender_entity_id", "integer", (c) => c.notNull().references("entities.id"))
    .addColumn("sender_office_id", "integer", (c) => c.references("offices.id"))
    .addColumn("operator_id", "integer", (c) => c.references("operators.id"))
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("sent_at", "text", (c) => c.notNull())
    .addColumn("read_at", "text")
    .addColumn("due_date", "text")
    .addColumn("payment_option_id", "integer", (c) => c.references("payment_options.id"))
    .addColumn("pratica_id", "integer", (c) => c.references("pratiche.id"))
    .execute();

  await table("appointment_slots")
    .addColumn("office_id", "integer", (c) => c.notNull().references("offices.id"))
    .addColumn("service", "text", (c) => c.notNull())
    .addColumn("starts_at", "text", (c) => c.notNull())
    .addColumn("ends_at", "text", (c) => c.notNull())
    .execute();

  await table("appointments")
    .addColumn("slot_id", "integer", (c) => c.notNull().references("appointment_slots.id"))
    .addColumn("citizen_id", "integer", (c) => c.notNull().references("citizens.id"))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("notes", "text")
    .addColumn("booked_at", "text", (c) => c.notNull())
    .addColumn("cancelled_at", "text")
    .execute();

  await table("properties")
    .addColumn("entity_id", "integer", (c) => c.notNull().references("entities.id"))
    .addColumn("address", "text", (c) => c.notNull())
    .addColumn("foglio", "text", (c) => c.notNull())
    .addColumn("particella", "text", (c) => c.notNull())
    .addColumn("subalterno", "text", (c) => c.notNull())
    .addColumn("category", "text", (c) => c.notNull())
    .addColumn("rendita_cents", "bigint", (c) => c.notNull())
    .addColumn("surface_m2", "integer", (c) => c.notNull())
    .execute();

  await table("property_owners")
    .addColumn("property_id", "integer", (c) => c.notNull().references("properties.id"))
    .addColumn("citizen_id", "integer", (c) => c.notNull().references("citizens.id"))
    .addColumn("share_bp", "integer", (c) => c.notNull())
    .addColumn("main_home", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("from_date", "text", (c) => c.notNull())
    .addColumn("to_date", "text")
    .execute();

  await table("imu_assessments")
    .addColumn("citizen_id", "integer", (c) => c.notNull().references("citizens.id"))
    .addColumn("entity_id", "integer", (c) => c.notNull().references("entities.id"))
    .addColumn("year", "integer", (c) => c.notNull())
    .addColumn("amount_cents", "bigint", (c) => c.notNull())
    .addColumn("computed_at", "text", (c) => c.notNull())
    .execute();

  await table("imu_lines")
    .addColumn("assessment_id", "integer", (c) => c.notNull().references("imu_assessments.id"))
    .addColumn("property_id", "integer", (c) => c.notNull().references("properties.id"))
    .addColumn("category", "text", (c) => c.notNull())
    .addColumn("rendita_cents", "bigint", (c) => c.notNull())
    .addColumn("revalued_cents", "bigint", (c) => c.notNull())
    .addColumn("multiplier", "integer", (c) => c.notNull())
    .addColumn("base_cents", "bigint", (c) => c.notNull())
    .addColumn("rate_bp", "integer", (c) => c.notNull())
    .addColumn("months_held", "integer", (c) => c.notNull())
    .addColumn("share_bp", "integer", (c) => c.notNull())
    .addColumn("main_home", "integer", (c) => c.notNull())
    .addColumn("exempt", "integer", (c) => c.notNull())
    .addColumn("deduction_cents", "bigint", (c) => c.notNull())
    .addColumn("amount_cents", "bigint", (c) => c.notNull())
    .addColumn("f24_code", "text", (c) => c.notNull())
    .execute();

  await table("tari_assessments")
    .addColumn("citizen_id", "integer", (c) => c.notNull().references("citizens.id"))
    .addColumn("entity_id", "integer", (c) => c.notNull().references("entities.id"))
    .addColumn("property_id", "integer", (c) => c.references("properties.id"))
    .addColumn("year", "integer", (c) => c.notNull())
    .addColumn("household_size", "integer", (c) => c.notNull())
    .addColumn("surface_m2", "integer", (c) => c.notNull())
    .addColumn("fixed_cents", "bigint", (c) => c.notNull())
    .addColumn("variable_cents", "bigint", (c) => c.notNull())
    .addColumn("tefa_cents", "bigint", (c) => c.notNull())
    .addColumn("amount_cents", "bigint", (c) => c.notNull())
    .addColumn("computed_at", "text", (c) => c.notNull())
    .execute();

  await table("vehicles")
    .addColumn("citizen_id", "integer", (c) => c.notNull().references("citizens.id"))
    .addColumn("plate", "text", (c) => c.notNull().unique())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("make_model", "text", (c) => c.notNull())
    .addColumn("kw", "integer", (c) => c.notNull())
    .addColumn("euro_class", "integer", (c) => c.notNull())
    .addColumn("registration_date", "text", (c) => c.notNull())
    .addColumn("bollo_month", "integer", (c) => c.notNull())
    .execute();

  await table("tax_notices")
    .addColumn("citizen_id", "integer", (c) => c.notNull().references("citizens.id"))
    .addColumn("entity_id", "integer", (c) => c.notNull().references("entities.id"))
    .addColumn("tax", "text", (c) => c.notNull())
    .addColumn("year", "integer", (c) => c.notNull())
    .addColumn("number", "text", (c) => c.notNull())
    .addColumn("issued_date", "text", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("tax_cents", "bigint", (c) => c.notNull())
    .addColumn("penalty_cents", "bigint", (c) => c.notNull())
    .addColumn("interest_cents", "bigint", (c) => c.notNull())
    .addColumn("amount_cents", "bigint", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("payment_option_id", "integer", (c) => c.references("payment_options.id"))
    .execute();

  await table("tax_instalments")
    .addColumn("citizen_id", "integer", (c) => c.notNull().references("citizens.id"))
    .addColumn("entity_id", "integer", (c) => c.notNull().references("entities.id"))
    .addColumn("tax", "text", (c) => c.notNull())
    .addColumn("year", "integer", (c) => c.notNull())
    .addColumn("source_id", "integer", (c) => c.notNull())
    .addColumn("number", "integer", (c) => c.notNull())
    .addColumn("label", "text", (c) => c.notNull())
    .addColumn("due_date", "text", (c) => c.notNull())
    .addColumn("amount_cents", "bigint", (c) => c.notNull())
    .addColumn("f24_code", "text")
    .addColumn("payment_option_id", "integer", (c) => c.references("payment_options.id"))
    .execute();

  await table("f24_payments")
    .addColumn("citizen_id", "integer", (c) => c.notNull().references("citizens.id"))
    .addColumn("paid_date", "text", (c) => c.notNull())
    .addColumn("tax_code", "text", (c) => c.notNull())
    .addColumn("ente_code", "text", (c) => c.notNull())
    .addColumn("reference_year", "integer", (c) => c.notNull())
    .addColumn("amount_cents", "bigint", (c) => c.notNull())
    .addColumn("channel", "text", (c) => c.notNull())
    .execute();

  await table("refunds")
    .addColumn("citizen_id", "integer", (c) => c.notNull().references("citizens.id"))
    .addColumn("entity_id", "integer", (c) => c.notNull().references("entities.id"))
    .addColumn("tax", "text", (c) => c.notNull())
    .addColumn("year", "integer", (c) => c.notNull())
    .addColumn("amount_cents", "bigint", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("requested_date", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("paid_date", "text")
    .addColumn("iban", "text")
    .execute();

  await table("api_keys")
    .addColumn("entity_id", "integer", (c) => c.notNull().references("entities.id"))
    .addColumn("label", "text", (c) => c.notNull())
    .addColumn("prefix", "text", (c) => c.notNull())
    .addColumn("key_hash", "text", (c) => c.notNull().unique())
    .addColumn("created_by_operator_id", "integer", (c) => c.references("operators.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("revoked_at", "text")
    .addColumn("last_used_at", "text")
    .execute();

  await table("operator_accesses")
    .addColumn("operator_id", "integer", (c) => c.notNull().references("operators.id"))
    .addColumn("entity_id", "integer", (c) => c.notNull().references("entities.id"))
    .addColumn("citizen_id", "integer", (c) => c.notNull().references("citizens.id"))
    .addColumn("reason_category", "text", (c) => c.notNull())
    .addColumn("reason_text", "text", (c) => c.notNull())
    .addColumn("started_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("ended_at", "text")
    .execute();

  await db.schema
    .createTable("sessions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("fiscal_code", "text", (c) => c.notNull())
    .addColumn("citizen_id", "integer", (c) => c.references("citizens.id"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("surname", "text", (c) => c.notNull())
    .addColumn("spid_attributes", "text", (c) => c.notNull())
    .addColumn("spid_level", "integer", (c) => c.notNull())
    .addColumn("idp_entity_id", "text", (c) => c.notNull())
    .addColumn("name_id", "text", (c) => c.notNull())
    .addColumn("name_id_format", "text", (c) => c.notNull())
    .addColumn("name_qualifier", "text")
    .addColumn("session_index", "text")
    .addColumn("acting_as", "text", (c) => c.notNull())
    .addColumn("operator_id", "integer", (c) => c.references("operators.id"))
    .addColumn("csrf_secret", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("last_seen_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("saml_requests")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("relay_state", "text", (c) => c.notNull().unique())
    .addColumn("idp_entity_id", "text", (c) => c.notNull())
    .addColumn("level", "integer", (c) => c.notNull())
    .addColumn("return_to", "text", (c) => c.notNull())
    .addColumn("session_id", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("consumed_at", "text")
    .execute();

  await db.schema
    .createTable("saml_assertions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("idp_entity_id", "text", (c) => c.notNull())
    .addColumn("not_on_or_after", "text", (c) => c.notNull())
    .addColumn("used_at", "text", (c) => c.notNull())
    .execute();

  await table("audit_log")
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("actor_kind", "text", (c) => c.notNull())
    .addColumn("actor_fiscal_code", "text")
    .addColumn("operator_id", "integer")
    .addColumn("entity_id", "integer")
    .addColumn("role", "text")
    .addColumn("subject_citizen_id", "integer")
    .addColumn("access_id", "integer")
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("section", "text")
    .addColumn("reason_category", "text")
    .addColumn("reason_text", "text")
    .addColumn("details", "text")
    .addColumn("prev_hmac", "text", (c) => c.notNull())
    .addColumn("hmac", "text", (c) => c.notNull().unique())
    .execute();

  await db.schema
    .createTable("meta")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("value", "text", (c) => c.notNull())
    .execute();

  void sql;
}

export async function down(): Promise<void> {
  throw new Error("001-tables cannot be rolled back: reset the database instead");
}

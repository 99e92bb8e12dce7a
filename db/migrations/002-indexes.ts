import type { Kysely } from "kysely";

/** Every lookup the pages make, named after what it serves. Created after bulk loading. */
const INDEXES: Array<[name: string, table: string, columns: string[]]> = [
  ["entities_kind_idx", "entities", ["kind"]],
  ["entities_belfiore_idx", "entities", ["belfiore"]],
  ["offices_entity_idx", "offices", ["entity_id"]],
  ["citizens_name_idx", "citizens", ["surname", "name"]],
  ["households_entity_idx", "households", ["entity_id"]],
  ["household_members_household_idx", "household_members", ["household_id"]],
  ["household_members_citizen_idx", "household_members", ["citizen_id"]],
  ["residences_citizen_idx", "residences", ["citizen_id", "start_date"]],
  ["residences_entity_idx", "residences", ["entity_id", "end_date"]],
  ["identity_documents_citizen_idx", "identity_documents", ["citizen_id", "expiry_date"]],
  ["certificates_citizen_idx", "certificates", ["citizen_id", "issued_at"]],
  ["operators_cf_idx", "operators", ["codice_fiscale"]],
  ["operators_entity_idx", "operators", ["entity_id"]],
  ["pratiche_citizen_idx", "pratiche", ["citizen_id", "status"]],
  ["pratiche_entity_idx", "pratiche", ["entity_id", "status"]],
  ["pratica_events_pratica_idx", "pratica_events", ["pratica_id", "at"]],
  ["pratica_attachments_pratica_idx", "pratica_attachments", ["pratica_id"]],
  ["debt_positions_debtor_idx", "debt_positions", ["debtor_citizen_id", "status"]],
  ["debt_positions_debtor_cf_idx", "debt_positions", ["debtor_fiscal_code"]],
  ["debt_positions_entity_idx", "debt_positions", ["entity_id", "status"]],
  ["payment_options_position_idx", "payment_options", ["position_id"]],
  ["payment_options_nav_idx", "payment_options", ["nav"]],
  ["payment_options_due_idx", "payment_options", ["due_date"]],
  ["transfers_option_idx", "transfers", ["option_id"]],
  ["checkout_items_checkout_idx", "checkout_items", ["checkout_id"]],
  ["checkout_items_option_idx", "checkout_items", ["option_id"]],
  ["receipts_creditor_date_idx", "receipts", ["creditor_fiscal_code", "payment_date_time"]],
  ["receipts_debtor_idx", "receipts", ["debtor_fiscal_code"]],
  ["messages_citizen_idx", "messages", ["citizen_id", "sent_at"]],
  ["messages_citizen_unread_idx", "messages", ["citizen_id", "read_at"]],
  ["appointment_slots_office_idx", "appointment_slots", ["office_id", "starts_at"]],
  ["appointments_citizen_idx", "appointments", ["citizen_id", "status"]],
  ["appointments_slot_idx", "appointments", ["slot_id", "status"]],
  ["properties_entity_idx", "properties", ["entity_id"]],
  ["property_owners_citizen_idx", "property_owners", ["citizen_id"]],
  ["property_owners_property_idx", "property_owners", ["property_id"]],
  ["imu_assessments_citizen_idx", "imu_assessments", ["citizen_id", "year"]],
  ["imu_lines_assessment_idx", "imu_lines", ["assessment_id"]],
  ["tari_assessments_citizen_idx", "tari_assessments", ["citizen_id", "year"]],
  ["tax_instalments_citizen_idx", "tax_instalments", ["citizen_id", "tax", "year"]],
  ["tax_instalments_option_idx", "tax_instalments", ["payment_option_id"]],
  ["vehicles_citizen_idx", "vehicles", ["citizen_id"]],
  ["tax_notices_citizen_idx", "tax_notices", ["citizen_id"]],
  ["f24_payments_citizen_idx", "f24_payments", ["citizen_id", "paid_date"]],
  ["refunds_citizen_idx", "refunds", ["citizen_id"]],
  ["api_keys_entity_idx", "api_keys", ["entity_id"]],
  ["operator_accesses_operator_idx", "operator_accesses", ["operator_id", "started_at"]],
  ["operator_accesses_citizen_idx", "operator_accesses", ["citizen_id", "started_at"]],
  ["sessions_expires_idx", "sessions", ["expires_at"]],
  ["sessions_name_id_idx", "sessions", ["name_id"]],
  ["saml_requests_expires_idx", "saml_requests", ["expires_at"]],
  ["saml_assertions_expires_idx", "saml_assertions", ["not_on_or_after"]],
  ["audit_log_subject_idx", "audit_log", ["subject_citizen_id", "at"]],
  ["audit_log_entity_idx", "audit_log", ["entity_id", "at"]],
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const [name, table, columns] of INDEXES) {
    await db.schema.createIndex(name).ifNotExists().on(table).columns(columns).execute();
  }
  await db.schema
    .createIndex("household_members_unique_idx")
    .ifNotExists()
    .unique()
    .on("household_members")
    .columns(["household_id", "citizen_id", "since_date"])
    .execute();
  await db.schema
    .createIndex("properties_cadastral_idx")
    .ifNotExists()
    .unique()
    .on("properties")
    .columns(["entity_id", "foglio", "particella", "subalterno"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const [name] of INDEXES) await db.schema.dropIndex(name).ifExists().execute();
}

/**
 * The database as the application sees it. Reviewed together with every migration in
 * db/migrations: a column added there is added here in the same commit.
 *
 * Conventions (docs/decisions/004-money-and-dates.md):
 * - money is integer euro cents (`*_cents`);
 * - dates are ISO 8601 text: `YYYY-MM-DD` for calendar dates (`*_date`), full UTC timestamps
 *   with `Z` for instants (`*_at`);
 * - booleans are integers 0/1 so that SQLite and PostgreSQL read the same;
 * - shares of ownership are basis points of the whole (10000 = 100%).
 */
import type { ColumnType, Generated, Insertable, Kysely, Selectable, Updateable } from "kysely";
import type { OptionStatus, PositionStatus, ReceiptOutcome } from "../app/rules/gpd";
import type { Credential } from "../app/rules/identity";
import type { PraticaStatus } from "../app/rules/pratiche";
import type { RefundStatus } from "../app/rules/refunds";

type Id = Generated<number>;
type Flag = 0 | 1;

export type EnteKind = "regione" | "provincia" | "comune" | "asl";

export interface EntitiesTable {
  id: Id;
  kind: EnteKind;
  name: string;
  /** Codice fiscale of the ente: 11 digits. */
  fiscal_code: string;
  ipa_code: string;
  /** Cadastral (Belfiore) code, comuni only. */
  belfiore: string | null;
  /** Two-letter province code (TO, CN...). */
  province_code: string | null;
  parent_id: number | null;
  iban: string;
  postal_account: string | null;
  /** pagoPA segregation code, 2 digits, unique per creditor. */
  segregation_code: string;
  email: string;
  pec: string;
  phone: string;
  address: string;
  website: string;
  imu_rate_bp: number;
  imu_main_home_rate_bp: number;
  tari_instalments: number;
  tefa_bp: number;
  /** Policy: may citizens see the operator's name in their access log. */
  show_operator_names: Flag;
}

export interface OfficesTable {
  id: Id;
  entity_id: number;
  name: string;
  /** anagrafe | tributi | pagamenti | polizia_locale | urp | bollo | sanita */
  kind: string;
  address: string;
  phone: string;
  email: string;
  opening_hours: string;
}

export type Sex = "M" | "F";
export type ReminderChannel = "email" | "sms" | "nessuno";

export interface CitizensTable {
  id: Id;
  codice_fiscale: string;
  surname: string;
  name: string;
  sex: Sex;
  birth_date: string;
  birth_place: string;
  birth_belfiore: string;
  birth_province: string | null;
  citizenship: string;
  /** Contact preferences: the citizen's to edit. */
  email: string | null;
  phone: string | null;
  reminder_channel: ReminderChannel;
  contacts_updated_at: string | null;
  created_at: string;
  /** When `email` was confirmed by its link (migration 011); only a confirmed address gets mail. */
  email_confirmed_at: ColumnType<string | null, string | null | undefined, string | null>;
  /** An address waiting for confirmation, the SHA-256 of its link's token, and the link's expiry. */
  email_pending: ColumnType<string | null, string | null | undefined, string | null>;
  email_token_hash: ColumnType<string | null, string | null | undefined, string | null>;
  email_token_expires_at: ColumnType<string | null, string | null | undefined, string | null>;
  /** Days before a notice's due date when its payment reminder is sent. */
  reminder_days_before: ColumnType<number, number | undefined, number>;
}

export interface HouseholdsTable {
  id: Id;
  entity_id: number;
  /** Registry's household number within the comune. */
  code: string;
  address: string;
  created_date: string;
}

export type HouseholdRelation =
  | "intestatario"
  | "coniuge"
  | "unito_civilmente"
  | "figlio"
  | "genitore"
  | "convivente"
  | "altro";

export interface HouseholdMembersTable {
  id: Id;
  household_id: number;
  citizen_id: number;
  relation: HouseholdRelation;
  since_date: string;
  until_date: string | null;
}

export interface ResidencesTable {
  id: Id;
  citizen_id: number;
  entity_id: number;
  address: string;
  postal_code: string;
  start_date: string;
  /** Null for the current residence. */
  end_date: string | null;
}

export type DocumentKind = "carta_identita" | "passaporto" | "patente";

export interface IdentityDocumentsTable {
  id: Id;
  citizen_id: number;
  kind: DocumentKind;
  number: string;
  issuer: string;
  issuer_entity_id: number | null;
  issue_date: string;
  expiry_date: string;
}

export type CertificateKind = "residenza" | "stato_famiglia" | "nascita";

export interface CertificatesTable {
  id: Id;
  citizen_id: number;
  entity_id: number;
  kind: CertificateKind;
  /** At least 80 random bits, base32; printed on the PDF and in its QR code. */
  verification_code: string;
  /** SHA-256 of the certified content, so an altered document is told apart. */
  content_hash: string;
  subject_initials: string;
  purpose: string;
  issued_at: string;
}

export interface PraticheTable {
  id: Id;
  citizen_id: number;
  entity_id: number;
  office_id: number | null;
  /** Service code, e.g. cambio_residenza, agevolazione_tari. */
  type: string;
  /** anagrafe | tributi | servizi: which operator role works on it. */
  area: "anagrafe" | "tributi" | "servizi";
  title: string;
  protocol_number: string | null;
  submitted_date: string | null;
  protocol_date: string | null;
  deadline_date: string | null;
  status: PraticaStatus;
  next_steps: string | null;
  assigned_operator_id: number | null;
  updated_at: string;
}

export interface PraticaEventsTable {
  id: Id;
  pratica_id: number;
  status: PraticaStatus;
  note: string | null;
  actor: "cittadino" | "operatore" | "sistema";
  operator_id: number | null;
  at: string;
}

export interface PraticaAttachmentsTable {
  id: Id;
  pratica_id: number;
  filename: string;
  /** Generated file name under data/uploads/. */
  stored_name: string;
  mime: string;
  size_bytes: number;
  uploaded_by: "cittadino" | "operatore";
  note: string | null;
  uploaded_at: string;
}

export interface MessagesTable {
  id: Id;
  citizen_id: number;
  sender_entity_id: number;
  sender_office_id: number | null;
  operator_id: number | null;
  subject: string;
  body: string;
  sent_at: string;
  read_at: string | null;
  due_date: string | null;
  payment_option_id: number | null;
  pratica_id: number | null;
}

export interface AppointmentSlotsTable {
  id: Id;
  office_id: number;
  service: string;
  starts_at: string;
  ends_at: string;
}

export interface AppointmentsTable {
  id: Id;
  slot_id: number;
  citizen_id: number;
  status: "prenotato" | "annullato" | "svolto";
  notes: string | null;
  booked_at: string;
  cancelled_at: string | null;
}

export interface PropertiesTable {
  id: Id;
  entity_id: number;
  address: string;
  foglio: string;
  particella: string;
  subalterno: string;
  /** Cadastral category, e.g. A/2, C/6, D/1. */
  category: string;
  rendita_cents: number;
  surface_m2: number;
}

export interface PropertyOwnersTable {
  id: Id;
  property_id: number;
  citizen_id: number;
  /** 10000 = 100%. */
  share_bp: number;
  main_home: Flag;
  from_date: string;
  to_date: string | null;
}

export interface ImuAssessmentsTable {
  id: Id;
  citizen_id: number;
  entity_id: number;
  year: number;
  amount_cents: number;
  computed_at: string;
}

/** One line per property: the figures the amount was computed from, kept as they were. */
export interface ImuLinesTable {
  id: Id;
  assessment_id: number;
  property_id: number;
  category: string;
  rendita_cents: number;
  revalued_cents: number;
  multiplier: number;
  base_cents: number;
  rate_bp: number;
  months_held: number;
  share_bp: number;
  main_home: Flag;
  exempt: Flag;
  deduction_cents: number;
  amount_cents: number;
  f24_code: string;
}

export interface TariAssessmentsTable {
  id: Id;
  citizen_id: number;
  entity_id: number;
  property_id: number | null;
  year: number;
  household_size: number;
  surface_m2: number;
  fixed_cents: number;
  variable_cents: number;
  tefa_cents: number;
  amount_cents: number;
  computed_at: string;
}

export type TaxKind = "IMU" | "TARI" | "BOLLO" | "ACCERTAMENTO";

/**
 * One instalment of a tax, linked to the payment option that collects it. Whether it is paid is
 * read from the payment option and its receipt, never stored here.
 */
export interface TaxInstalmentsTable {
  id: Id;
  citizen_id: number;
  entity_id: number;
  tax: TaxKind;
  year: number;
  /** imu_assessments.id, tari_assessments.id, vehicles.id or tax_notices.id, by `tax`. */
  source_id: number;
  number: number;
  label: string;
  due_date: string;
  amount_cents: number;
  f24_code: string | null;
  payment_option_id: number | null;
}

export interface VehiclesTable {
  id: Id;
  citizen_id: number;
  plate: string;
  kind: "autovettura" | "motociclo" | "autocarro";
  make_model: string;
  kw: number;
  euro_class: number;
  registration_date: string;
  /** Month (1-12) the yearly bollo falls due. */
  bollo_month: number;
}

export interface TaxNoticesTable {
  id: Id;
  citizen_id: number;
  entity_id: number;
  tax: "IMU" | "TARI";
  year: number;
  number: string;
  issued_date: string;
  reason: string;
  tax_cents: number;
  penalty_cents: number;
  interest_cents: number;
  amount_cents: number;
  status: "notificato" | "pagato" | "annullato" | "in_contestazione" | "definito";
  payment_option_id: number | null;
}

export interface F24PaymentsTable {
  id: Id;
  citizen_id: number;
  paid_date: string;
  tax_code: string;
  /** Codice ente (Belfiore of the comune, or the region's code). */
  ente_code: string;
  reference_year: number;
  amount_cents: number;
  channel: string;
}

export interface RefundsTable {
  id: Id;
  citizen_id: number;
  entity_id: number;
  tax: string;
  year: number;
  amount_cents: number;
  reason: string;
  requested_date: string;
  status: RefundStatus;
  paid_date: string | null;
  iban: string | null;
}

export interface DebtPositionsTable {
  id: Id;
  entity_id: number;
  /** Creditor's own id of the position, unique per creditor. */
  iupd: string;
  type: "F" | "G";
  debtor_fiscal_code: string;
  debtor_name: string;
  debtor_citizen_id: number | null;
  company_name: string;
  /** IMU | TARI | BOLLO | MULTA | TICKET | SERVIZI | ACCERTAMENTO */
  service: string;
  description: string;
  validity_date: string | null;
  /** Whether options move to EXPIRED after their due date (switch_to_expired in GPD). */
  switch_to_expired: Flag;
  status: PositionStatus;
  status_reason: string | null;
  created_at: string;
  published_at: string | null;
  updated_at: string;
}

export interface PaymentOptionsTable {
  id: Id;
  position_id: number;
  /** Copied from the creditor so that (creditor, IUV) is unique across the hub. */
  creditor_fiscal_code: string;
  iuv: string;
  nav: string;
  amount_cents: number;
  description: string;
  due_date: string;
  retention_date: string | null;
  is_partial_payment: Flag;
  /** 0 for a single payment, 1..n for instalments. */
  instalment_number: number;
  status: OptionStatus;
  /** A checkout holds the option until this instant; no other payer may start one. */
  reserved_until: string | null;
  reserved_by: string | null;
}

export interface TransfersTable {
  id: Id;
  option_id: number;
  id_transfer: number;
  amount_cents: number;
  organization_fiscal_code: string;
  iban: string;
  remittance_information: string;
  category: string;
}

/** pagoPA ctReceiptV2, at most one per payment option (unique option_id). */
export interface ReceiptsTable {
  id: Id;
  receipt_id: string;
  option_id: number;
  checkout_id: string | null;
  notice_number: string;
  creditor_fiscal_code: string;
  outcome: ReceiptOutcome;
  creditor_reference_id: string;
  payment_amount_cents: number;
  description: string;
  company_name: string;
  debtor_fiscal_code: string;
  debtor_name: string;
  payer_fiscal_code: string | null;
  payer_name: string | null;
  id_psp: string;
  psp_company_name: string;
  payment_method: string;
  fee_cents: number;
  payment_date_time: string;
  application_date: string;
  transfers_json: string;
}

export interface CheckoutsTable {
  id: string;
  citizen_id: number | null;
  payer_email: string | null;
  status: "in_corso" | "pagato" | "fallito" | "annullato" | "scaduto";
  total_cents: number;
  fee_cents: number;
  method: string | null;
  created_at: string;
  expires_at: string;
  completed_at: string | null;
  outcome_reason: string | null;
  /** Who pays when it is not the debtor: a delegate acting for them (migration 010). */
  payer_fiscal_code: ColumnType<string | null, string | null | undefined, string | null>;
  payer_name: ColumnType<string | null, string | null | undefined, string | null>;
}

/** A citizen's delegation of areas of their Area personale to another person (migration 010). */
export interface DelegationsTable {
  id: Id;
  delegator_citizen_id: number;
  delegate_fiscal_code: string;
  delegate_name: string;
  delegate_surname: string;
  /** Comma-separated DelegationArea values (app/rules/delegation.ts). */
  areas: string;
  /** First and last day of validity, Italian calendar days, both included. */
  starts_on: string;
  ends_on: string;
  /** "online": asked by the delegator in their area; "sportello": registered by an operator. */
  channel: "online" | "sportello";
  operator_id: number | null;
  reason_text: string | null;
  /** At the counter: the signed form and the delegator's identity document (uploads/<stored name>). */
  form_stored_name: ColumnType<string | null, string | null | undefined, string | null>;
  form_filename: ColumnType<string | null, string | null | undefined, string | null>;
  id_document_stored_name: ColumnType<string | null, string | null | undefined, string | null>;
  id_document_filename: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: string;
  accepted_at: string | null;
  refused_at: string | null;
  revoked_at: string | null;
  revoked_by: "delegante" | "delegato" | null;
  first_used_at: string | null;
  expiry_notified_at: string | null;
}

export interface CheckoutItemsTable {
  id: Id;
  checkout_id: string;
  option_id: number;
  amount_cents: number;
}

/** Kinds of mail; a citizen may stop each one but the address confirmation (app/mail). */
export type MailKind = "conferma-indirizzo" | "promemoria" | "messaggi" | "ricevuta";

export type MailState = "in_coda" | "inviato" | "non_inviabile";

/** One outgoing message (migration 011), sent by the delivery job. */
export interface MailQueueTable {
  id: Id;
  kind: MailKind;
  citizen_id: number | null;
  recipient: string;
  subject: string;
  text_body: string;
  html_body: string;
  unsubscribe_url: string | null;
  /** "ricevute": the receipts' PDFs of the checkout `attachment_ref`, rendered when sent. */
  attachment_kind: "ricevute" | null;
  attachment_ref: string | null;
  dedupe_key: string;
  state: MailState;
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: string;
  leased_by: string | null;
  leased_until: string | null;
  last_error: string | null;
  /** "smtp" or "posta-demo" (the demo outbox), once sent. */
  transport: string | null;
  message_id: string | null;
  created_at: string;
  sent_at: string | null;
}

export interface MailOptOutsTable {
  citizen_id: number;
  kind: MailKind;
  created_at: string;
}

export interface MailPlansTable {
  day: string;
  planned: number;
  finished_at: string;
}

export type OperatorRole = "anagrafe" | "tributi" | "pagamenti" | "auditor" | "admin";

export interface OperatorsTable {
  id: Id;
  codice_fiscale: string;
  entity_id: number;
  office_id: number | null;
  surname: string;
  name: string;
  email: string;
  active: Flag;
  created_at: string;
}

export interface OperatorRolesTable {
  operator_id: number;
  role: OperatorRole;
}

export interface ApiKeysTable {
  id: Id;
  entity_id: number;
  label: string;
  /** First characters of the key, shown to tell keys apart. */
  prefix: string;
  /** SHA-256 of the whole key; the key itself is shown once and never stored. */
  key_hash: string;
  created_by_operator_id: number | null;
  created_at: string;
  revoked_at: string | null;
  last_used_at: string | null;
}

/** An operator's stated reason for looking at one person's dossier, valid for a while. */
export interface OperatorAccessesTable {
  id: Id;
  operator_id: number;
  entity_id: number;
  citizen_id: number;
  reason_category: string;
  reason_text: string;
  started_at: string;
  expires_at: string;
  ended_at: string | null;
}

export interface SessionsTable {
  /** SHA-256 of the cookie token: the token itself is never stored. */
  id: string;
  fiscal_code: string;
  citizen_id: number | null;
  name: string;
  surname: string;
  /** Attributes as received from the IdP (JSON), shown read-only. */
  spid_attributes: string;
  /** The digital identity used to log in (SPID or CIE) and the level it asserted (1 to 3). */
  credential: Credential;
  spid_level: number;
  idp_entity_id: string;
  name_id: string;
  name_id_format: string;
  name_qualifier: string | null;
  session_index: string | null;
  /** Which area the session acts in: the citizen's own or an operator's for one ente. */
  acting_as: "cittadino" | "operatore";
  operator_id: number | null;
  /**
   * Whose Area personale the session shows when the person acts for someone else (migration 010),
   * and the delegation that allows it (null for a parent acting for a minor child).
   */
  acting_for_citizen_id: ColumnType<number | null, number | null | undefined, number | null>;
  acting_delegation_id: ColumnType<number | null, number | null | undefined, number | null>;
  csrf_secret: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}

/** AuthnRequests and LogoutRequests this SP sent and has not seen answered yet. */
export interface SamlRequestsTable {
  id: string;
  kind: "authn" | "logout";
  relay_state: string;
  idp_entity_id: string;
  level: number;
  return_to: string;
  session_id: string | null;
  created_at: string;
  expires_at: string;
  consumed_at: string | null;
}

/**
 * Replay cache for assertion IDs: one row per assertion seen, keyed by (idp_entity_id, id), kept
 * until `keep_until`.
 */
export interface SamlAssertionsTable {
  id: string;
  idp_entity_id: string;
  not_on_or_after: string;
  /** NotOnOrAfter plus the tolerated clock skew: until then the assertion could still be accepted. */
  keep_until: string;
  used_at: string;
}

/**
 * Append-only access and action log. Each row's hmac covers its content and the previous row's
 * hmac (docs/decisions/005-audit-log.md). No code path updates or deletes rows.
 */
export interface AuditLogTable {
  id: Id;
  at: string;
  /** "delegato": a person acting for the subject citizen (actor_fiscal_code is theirs). */
  actor_kind: "cittadino" | "delegato" | "operatore" | "api" | "sistema";
  actor_fiscal_code: string | null;
  operator_id: number | null;
  entity_id: number | null;
  role: string | null;
  subject_citizen_id: number | null;
  access_id: number | null;
  /** What was looked at or done, e.g. `dossier.anagrafe`, `payment.receipt`. */
  action: string;
  section: string | null;
  reason_category: string | null;
  reason_text: string | null;
  details: string | null;
  prev_hmac: string;
  hmac: string;
}

/**
 * Rate-limit counters shared by every process (docs/decisions/008-shared-rate-limits.md): hits of
 * one client key under one limiter in the window that ends at `reset_at`. The key is the client
 * address, or the hash of an API key or session token; nothing else about the client.
 */
export interface RateLimitsTable {
  /** The limiter, e.g. `saml`, `api`. */
  prefix: string;
  key: string;
  hits: number;
  reset_at: string;
}

/**
 * A citizen's rating of how clear a page of the Area personale is (migration 012). Anonymous:
 * `page` is the route pattern (`/area-personale/pagamenti/:id`), no citizen or session is kept.
 */
export interface PageFeedbackTable {
  id: Id;
  page: string;
  /** 1 to 5 stars. */
  rating: number;
  /** A code of PAGE_FEEDBACK_CHOICES (app/rules/page-feedback.ts), or null. */
  choice: string | null;
  /** At most PAGE_FEEDBACK_TEXT_MAX characters, or null. */
  comment: string | null;
  /** The Italian calendar day, YYYY-MM-DD. */
  day: string;
}

/**
 * One row per periodic job (docs/decisions/009-periodic-jobs.md): the process that may run it
 * (`holder`, a random id per process) until `leased_until`, and when and how it last ran, so that
 * every process together runs it at most once per period.
 */
export interface JobLeasesTable {
  /** The job, e.g. `debt-positions`, `checkout-sweep`. */
  name: string;
  holder: string;
  leased_until: string;
  /** When the last finished run started. */
  last_run_at: string | null;
  /** `ok` or `error`. */
  last_outcome: string | null;
}

export type PositionImportState = "in_attesa" | "in_corso" | "completata" | "non_riuscita";

/**
 * A file of debt positions imported in the background (docs/decisions/013-tax-campaign-import.md):
 * state and progress, and the process working on it (`holder` until `leased_until`).
 */
export interface PositionImportsTable {
  id: Id;
  entity_id: number;
  /** `web` (the operator's page) or `api`. */
  channel: "web" | "api";
  /** Who asked for it (a CreditorActor as JSON), for the messages and the audit row. */
  actor_json: string;
  filename: string | null;
  content_sha256: string;
  /** The file's text, kept until the import ends. */
  content: string | null;
  /** The portal's date the rows were checked against (due dates not in the past). */
  validated_on: string;
  state: PositionImportState;
  total_rows: number;
  rows_done: number;
  created_count: number;
  /** Rows whose position the ente already had (same id): nothing created for them. */
  skipped_count: number;
  messages_count: number;
  /** Sum of the positions created, in cents (bigint on PostgreSQL). */
  total_cents: number;
  /** Runs that ended in an error; after a few the import stops as non_riuscita. */
  failures: number;
  error: string | null;
  holder: string | null;
  leased_until: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  updated_at: string;
}

/**
 * One published open-data dataset (migration 013, docs/decisions/033-open-data.md): its CSV as
 * downloaded, the figures its page draws, and when and for which day it was computed. Aggregates
 * only: no cell counts fewer than five people.
 */
export interface OpenDataSetsTable {
  /** The dataset's slug, e.g. `pagamenti-ricevuti` (its file is `/dati-aperti/<slug>.csv`). */
  slug: string;
  /** UTF-8 CSV, comma-separated, header row (RFC 4180). */
  csv: string;
  /** Data rows, header excluded. */
  row_count: number;
  /** The chart of the page: [{ label, value }] summed from the published rows (JSON). */
  summary_json: string;
  /** The instant the job computed it. */
  generated_at: string;
  /** The portal's day the figures refer to (ages are computed on it), YYYY-MM-DD. */
  reference_date: string;
}

export interface MetaTable {
  key: string;
  value: string;
}

export interface Database {
  entities: EntitiesTable;
  offices: OfficesTable;
  citizens: CitizensTable;
  households: HouseholdsTable;
  household_members: HouseholdMembersTable;
  residences: ResidencesTable;
  identity_documents: IdentityDocumentsTable;
  certificates: CertificatesTable;
  pratiche: PraticheTable;
  pratica_events: PraticaEventsTable;
  pratica_attachments: PraticaAttachmentsTable;
  messages: MessagesTable;
  appointment_slots: AppointmentSlotsTable;
  appointments: AppointmentsTable;
  properties: PropertiesTable;
  property_owners: PropertyOwnersTable;
  imu_assessments: ImuAssessmentsTable;
  imu_lines: ImuLinesTable;
  tari_assessments: TariAssessmentsTable;
  tax_instalments: TaxInstalmentsTable;
  vehicles: VehiclesTable;
  tax_notices: TaxNoticesTable;
  f24_payments: F24PaymentsTable;
  refunds: RefundsTable;
  debt_positions: DebtPositionsTable;
  payment_options: PaymentOptionsTable;
  transfers: TransfersTable;
  receipts: ReceiptsTable;
  checkouts: CheckoutsTable;
  checkout_items: CheckoutItemsTable;
  operators: OperatorsTable;
  operator_roles: OperatorRolesTable;
  api_keys: ApiKeysTable;
  operator_accesses: OperatorAccessesTable;
  sessions: SessionsTable;
  delegations: DelegationsTable;
  saml_requests: SamlRequestsTable;
  saml_assertions: SamlAssertionsTable;
  audit_log: AuditLogTable;
  rate_limits: RateLimitsTable;
  job_leases: JobLeasesTable;
  mail_queue: MailQueueTable;
  mail_opt_outs: MailOptOutsTable;
  mail_plans: MailPlansTable;
  position_imports: PositionImportsTable;
  page_feedback: PageFeedbackTable;
  open_data_sets: OpenDataSetsTable;
  meta: MetaTable;
}

/**
 * `debt_positions.import_id` (migration 008): the file import that created a position, null when
 * created one at a time. Only the import reads and writes it, through this view of the database,
 * so that the rows the seeder builds (Row<"debt_positions">) need not name it.
 */
export interface DatabaseWithImports extends Omit<Database, "debt_positions"> {
  debt_positions: DebtPositionsTable & { import_id: number | null };
}

export type Row<T extends keyof Database> = Selectable<Database[T]>;
export type NewRow<T extends keyof Database> = Insertable<Database[T]>;
export type RowUpdate<T extends keyof Database> = Updateable<Database[T]>;
export type { ColumnType };

/** The one handle on the database: a Kysely instance or a transaction (a Transaction is a Kysely). */
export type Db = Kysely<Database>;

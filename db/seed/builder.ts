/**
 * Row-making primitives of the seeder: ids, citizens, documents, properties, debt positions with
 * their options, transfers and receipts, messages, pratiche. Pure: no I/O, no clock, no
 * Math.random(); every row lands in `rows`, which the caller takes and hands to a writer.
 */
import { contentHash, subjectInitials, type CertifiedContent } from "../../app/rules/certificate-content";
import { computeCodiceFiscale } from "../../app/rules/codice-fiscale";
import { makeItalianIban } from "../../app/rules/iban";
import { formatEuro } from "../../app/rules/money";
import { generateNav } from "../../app/rules/nav";
import type { PraticaStatus } from "../../app/rules/pratiche";
import type { CertificateKind, Database, HouseholdRelation, Row, Sex } from "../schema";
import { BANK_ABI, EMAIL_DOMAINS, PSPS, type Place } from "./data";
import { dayFromIso, isoDay, romeInstant } from "./dates";
import { ENTE_SPECS, enteRows, officeRows, type EnteSpec } from "./entities";
import { Prng, Weighted } from "./prng";

/** Columns of `citizens` added by later migrations than the seeded rows' tables (finishSeed sets them). */
type LaterCitizenColumns =
  | "email_confirmed_at"
  | "email_pending"
  | "email_token_hash"
  | "email_token_expires_at"
  | "reminder_days_before";

/** A row as the seed writes it: the columns of the tables' first migration. */
export type SeedRow<T extends keyof Database> = T extends "citizens"
  ? Omit<Row<"citizens">, LaterCitizenColumns>
  : Row<T>;

export type Rows = { [T in keyof Database]?: SeedRow<T>[] };

export const CATEGORY = {
  IMU: "9/0101100IM/",
  TARI: "9/0101101IM/",
  TEFA: "9/0701101IM/",
  MULTA: "9/0102100SA/",
  BOLLO: "9/0201102IM/",
  TICKET: "9/0601124SP/",
} as const;

export interface EnteInfo {
  row: Row<"entities">;
  spec: EnteSpec;
  /** Office id by kind. */
  offices: Map<string, number>;
  /** The province the TEFA goes to (comuni only). */
  province: EnteInfo | null;
  navSeq: number;
  iupdSeq: number;
  householdSeq: number;
  /** Cadastral units registered so far, to make foglio/particella/subalterno unique. */
  unitSeq: number;
  noticeSeq: number;
  protocolSeq: Map<number, number>;
  /** A deterministic sample of adult residents, for appointment bookings. */
  adults: number[];
  adultsSeen: number;
}

export interface Person {
  id: number;
  cf: string;
  name: string;
  surname: string;
  sex: Sex;
  birth: number;
  age: number;
  fullName: string;
  birthPlace: string;
  birthProvince: string | null;
  citizenship: string;
}

/** A household as built: its members are kept so that a certificate of household can list them. */
export interface SeedHousehold {
  id: number;
  code: string;
  address: string;
  members: { person: Person; relation: HouseholdRelation; since: number }[];
}

/** A period of residence in a comune (end exclusive, as in the registry's queries). */
export interface SeedResidence {
  ente: EnteInfo;
  address: string;
  postalCode: string;
  start: number;
  end: number | null;
}

export interface CertificateSpec {
  person: Person;
  kind: CertificateKind;
  purpose: string;
  day: number;
  /** The residence current on `day`: its comune issues the certificate. */
  residence: SeedResidence;
  /** The person's household; members who joined after `day` are left out. */
  household: SeedHousehold;
}

export interface TransferSpec {
  amount: number;
  beneficiary: EnteInfo;
  remittance: string;
  category: string;
}

export interface OptionSpec {
  amount: number;
  description: string;
  due: number;
  instalment: number;
  partial: boolean;
  transfers: TransferSpec[];
  /** Instant of payment, or null when unpaid. */
  paidAt: string | null;
}

export interface PositionSpec {
  creditor: EnteInfo;
  debtor: Person;
  service: "IMU" | "TARI" | "BOLLO" | "MULTA" | "TICKET" | "ACCERTAMENTO";
  description: string;
  year: number;
  createdDay: number;
  options: OptionSpec[];
  /** Status when no option is paid (default VALID). */
  unpaidStatus?: "EXPIRED" | "INVALID";
  statusReason?: string;
}

export interface PraticaSpec {
  person: Person;
  ente: EnteInfo;
  type: string;
  area: "anagrafe" | "tributi" | "servizi";
  officeKind: string;
  title: string;
  /** Statuses in order, each with its day; the last one is the current status. */
  steps: {
    status: PraticaStatus;
    day: number;
    note: string | null;
    actor: "cittadino" | "operatore" | "sistema";
    operatorId: number | null;
  }[];
  deadlineDays: number;
  nextSteps: string | null;
  assignedOperatorId: number | null;
}

export interface MessageSpec {
  person: Person;
  ente: EnteInfo;
  officeKind: string | null;
  operatorId?: number | null;
  subject: string;
  body: string;
  sentDay: number;
  read: boolean;
  dueDay?: number | null;
  paymentOptionId?: number | null;
  praticaId?: number | null;
}

const PSP_CHOICE = new Weighted(PSPS.map((p) => [p, p.weight] as const));
const PLATE_LETTERS = "ABCDEFGHJKLMNPRSTVWXYZ";
const PLATE_SPACE = 22 * 22 * 1000;
const DOC_LETTERS = "ABCDEFGHJKLMNPRSTUVWXYZ";

function slug(s: string): string {
  return s
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z]/g, "");
}

export class SeedBuilder {
  readonly rng: Prng;
  readonly today: number;
  readonly taxYear: number;
  rows: Rows = {};
  rowCount = 0;
  readonly enti: EnteInfo[];
  readonly byKey = new Map<string, EnteInfo>();
  readonly comuni: EnteInfo[];
  private readonly ids: Record<string, number> = {};
  private readonly codiciFiscali = new Set<string>();
  private readonly plateSeq = new Map<number, number>();
  private multaSeq = 0;
  private readonly createdAt: string;

  constructor(seed: number, today: number, taxYear: number) {
    this.rng = new Prng(seed);
    this.today = today;
    this.taxYear = taxYear;
    this.createdAt = romeInstant(today - 420, 6, 0);
    const enti = enteRows();
    const offices = officeRows(enti);
    this.enti = enti.map((row, i) => ({
      row,
      spec: ENTE_SPECS[i]!,
      offices: new Map(offices.filter((o) => o.entity_id === row.id).map((o) => [o.kind, o.id])),
      province: null,
      navSeq: 0,
      iupdSeq: 0,
      householdSeq: 0,
      unitSeq: 0,
      noticeSeq: 0,
      protocolSeq: new Map(),
      adults: [],
      adultsSeen: 0,
    }));
    for (const e of this.enti) this.byKey.set(e.spec.key, e);
    for (const e of this.enti) {
      if (e.row.kind === "comune")
        e.province = this.enti.find((p) => p.row.id === e.row.parent_id) ?? null;
    }
    this.comuni = this.enti.filter((e) => e.row.kind === "comune");
    for (const r of enti) this.add("entities", r);
    for (const r of offices) this.add("offices", r);
    this.ids.entities = enti.length;
    this.ids.offices = offices.length;
  }

  ente(key: string): EnteInfo {
    const e = this.byKey.get(key);
    if (!e) throw new Error(`Ente sconosciuto: ${key}`);
    return e;
  }

  office(e: EnteInfo, kind: string): number | null {
    return e.offices.get(kind) ?? null;
  }

  nextId(table: keyof Database): number {
    const n = (this.ids[table] ?? 0) + 1;
    this.ids[table] = n;
    return n;
  }

  add<T extends keyof Database>(table: T, row: SeedRow<T>): void {
    const list = (this.rows[table] ??= []) as SeedRow<T>[];
    list.push(row);
    this.rowCount++;
  }

  /** Hands over the rows made so far and starts a new set. */
  take(): Rows {
    const out = this.rows;
    this.rows = {};
    return out;
  }

  /** Whether a message sent on `sentDay` has been read by now: old ones mostly are. */
  wasRead(sentDay: number): boolean {
    return this.rng.chance(this.today - sentDay > 20 ? 0.93 : 0.45);
  }

  /** Keeps a codice fiscale out of reach of generated residents (operators who live elsewhere). */
  reserveFiscalCode(cf: string): void {
    this.codiciFiscali.add(cf);
  }

  // ---- people ----------------------------------------------------------------------------

  citizen(p: {
    surname: string;
    name: string;
    sex: Sex;
    birth: number;
    place: Place;
    citizenship: string;
    contacts: boolean;
    fixedCf?: string;
  }): Person {
    const birthDate = isoDay(p.birth);
    let cf = "";
    for (let level = 0; level <= 7; level++) {
      cf = computeCodiceFiscale(
        { surname: p.surname, name: p.name, birthDate, sex: p.sex, belfiore: p.place.belfiore },
        level,
      );
      if (!this.codiciFiscali.has(cf)) break;
      if (level === 7) throw new Error(`Codice fiscale non univoco per ${p.name} ${p.surname}`);
    }
    if (p.fixedCf && cf !== p.fixedCf) {
      throw new Error(
        `Il codice fiscale di ${p.name} ${p.surname} non è quello atteso (${cf} invece di ${p.fixedCf})`,
      );
    }
    this.codiciFiscali.add(cf);
    const rng = this.rng;
    const id = this.nextId("citizens");
    let email: string | null = null;
    let phone: string | null = null;
    let channel: "email" | "sms" | "nessuno" = "nessuno";
    let updated: string | null = null;
    if (p.contacts) {
      email = `${slug(p.name)}.${slug(p.surname)}${rng.chance(0.5) ? String(p.birth % 100).padStart(2, "0") : ""}@${rng.pick(EMAIL_DOMAINS)}`;
      phone = rng.chance(0.85) ? `+39 3${rng.int(20, 49)} ${rng.int(1000000, 9999999)}` : null;
      channel = phone && rng.chance(0.25) ? "sms" : rng.chance(0.9) ? "email" : "nessuno";
      updated = romeInstant(this.today - rng.int(5, 700), rng.int(8, 22), rng.int(0, 59), rng.int(0, 59));
    }
    this.add("citizens", {
      id,
      codice_fiscale: cf,
      surname: p.surname,
      name: p.name,
      sex: p.sex,
      birth_date: birthDate,
      birth_place: p.place.name,
      birth_belfiore: p.place.belfiore,
      birth_province: p.place.province,
      citizenship: p.citizenship,
      email,
      phone,
      reminder_channel: channel,
      contacts_updated_at: updated,
      created_at: this.createdAt,
    });
    const age = Math.floor((this.today - p.birth) / 365.2425);
    return {
      id,
      cf,
      name: p.name,
      surname: p.surname,
      sex: p.sex,
      birth: p.birth,
      age,
      fullName: `${p.name} ${p.surname}`,
      birthPlace: p.place.name,
      birthProvince: p.place.province,
      citizenship: p.citizenship,
    };
  }

  /** Reservoir sample of adult residents per comune (for bookings), deterministic. */
  noteAdult(e: EnteInfo, person: Person): void {
    e.adultsSeen++;
    if (e.adults.length < 600) e.adults.push(person.id);
    else {
      const j = this.rng.int(0, e.adultsSeen - 1);
      if (j < 600) e.adults[j] = person.id;
    }
  }

  household(e: EnteInfo, address: string, createdDay: number): SeedHousehold {
    const id = this.nextId("households");
    e.householdSeq++;
    const code = String(e.householdSeq).padStart(7, "0");
    this.add("households", {
      id,
      entity_id: e.row.id,
      code,
      address,
      created_date: isoDay(createdDay),
    });
    return { id, code, address, members: [] };
  }

  member(household: SeedHousehold, person: Person, relation: HouseholdRelation, since: number): void {
    household.members.push({ person, relation, since });
    this.add("household_members", {
      id: this.nextId("household_members"),
      household_id: household.id,
      citizen_id: person.id,
      relation,
      since_date: isoDay(since),
      until_date: null,
    });
  }

  residence(
    person: Person,
    e: EnteInfo,
    address: string,
    postalCode: string,
    start: number,
    end: number | null,
  ): SeedResidence {
    this.add("residences", {
      id: this.nextId("residences"),
      citizen_id: person.id,
      entity_id: e.row.id,
      address,
      postal_code: postalCode,
      start_date: isoDay(start),
      end_date: end === null ? null : isoDay(end),
    });
    return { ente: e, address, postalCode, start, end };
  }

  document(
    person: Person,
    kind: "carta_identita" | "passaporto" | "patente",
    issue: number,
    expiry: number,
    issuer: string,
    issuerEnte: EnteInfo | null,
  ): number {
    const id = this.nextId("identity_documents");
    const x = (id * 7_919_213 + 104_729) % (23 * 23 * 23 * 100_000);
    const digits = String(x % 100_000).padStart(5, "0");
    let r = Math.floor(x / 100_000);
    const l1 = DOC_LETTERS.charAt(r % 23);
    r = Math.floor(r / 23);
    const l2 = DOC_LETTERS.charAt(r % 23);
    const l3 = DOC_LETTERS.charAt(Math.floor(r / 23) % 23);
    const number =
      kind === "carta_identita"
        ? `C${l1}${digits}${l2}${l3}`
        : kind === "passaporto"
          ? `Y${l1}${digits}${String(id % 100).padStart(2, "0")}`
          : `U1${l1}${l2}${digits}${l3}`;
    this.add("identity_documents", {
      id,
      citizen_id: person.id,
      kind,
      number,
      issuer,
      issuer_entity_id: issuerEnte ? issuerEnte.row.id : null,
      issue_date: isoDay(issue),
      expiry_date: isoDay(expiry),
    });
    return expiry;
  }

  /** A fictional but valid Italian IBAN for a citizen. */
  citizenIban(): string {
    return makeItalianIban({
      abi: this.rng.pick(BANK_ABI),
      cab: String(this.rng.int(1000, 99999)).padStart(5, "0"),
      account: String(this.rng.int(1, 999999999)).padStart(12, "0"),
    });
  }

  // ---- properties and vehicles ---------------------------------------------------------------

  property(e: EnteInfo, category: string, renditaCents: number, surface: number, address: string): number {
    const id = this.nextId("properties");
    const k = e.unitSeq++;
    // Units of one building share foglio and particella; subalterni number the units.
    this.add("properties", {
      id,
      entity_id: e.row.id,
      address,
      foglio: String(1 + Math.floor(k / 4000)),
      particella: String(1 + Math.floor((k % 4000) / 12)),
      subalterno: String(1 + (k % 12)),
      category,
      rendita_cents: renditaCents,
      surface_m2: surface,
    });
    return id;
  }

  owner(propertyId: number, person: Person, shareBp: number, mainHome: boolean, from: number): void {
    this.add("property_owners", {
      id: this.nextId("property_owners"),
      property_id: propertyId,
      citizen_id: person.id,
      share_bp: shareBp,
      main_home: mainHome ? 1 : 0,
      from_date: isoDay(from),
      to_date: null,
    });
  }

  /** Plate whose two first letters follow the registration year, unique by construction. */
  plate(registration: number): string {
    const year = Number(isoDay(registration).slice(0, 4));
    const prefix = Math.max(0, Math.min(22 * 22 - 1, Math.floor((year - 1994) * 4.9)));
    const n = this.plateSeq.get(prefix) ?? 0;
    this.plateSeq.set(prefix, n + 1);
    const x = (n * 7919 + prefix * 131) % PLATE_SPACE;
    const digits = String(x % 1000).padStart(3, "0");
    const tail = Math.floor(x / 1000);
    return (
      PLATE_LETTERS.charAt(Math.floor(prefix / 22)) +
      PLATE_LETTERS.charAt(prefix % 22) +
      digits +
      PLATE_LETTERS.charAt(Math.floor(tail / 22)) +
      PLATE_LETTERS.charAt(tail % 22)
    );
  }

  // ---- payments ------------------------------------------------------------------------------

  /** A payment instant: Rome office hours to late evening on `day`. */
  instantOn(day: number): string {
    return romeInstant(day, this.rng.int(7, 22), this.rng.int(0, 59), this.rng.int(0, 59));
  }

  position(spec: PositionSpec): { positionId: number; optionIds: number[] } {
    const rng = this.rng;
    const c = spec.creditor;
    const positionId = this.nextId("debt_positions");
    const created = romeInstant(spec.createdDay, 6, 30);
    let paidCount = 0;
    let lastPaid = created;
    const optionIds: number[] = [];
    for (const o of spec.options) {
      const optionId = this.nextId("payment_options");
      optionIds.push(optionId);
      c.navSeq++;
      const { nav, iuv } = generateNav(c.row.segregation_code, c.navSeq);
      this.add("payment_options", {
        id: optionId,
        position_id: positionId,
        creditor_fiscal_code: c.row.fiscal_code,
        iuv,
        nav,
        amount_cents: o.amount,
        description: o.description.slice(0, 140),
        due_date: isoDay(o.due),
        retention_date: null,
        is_partial_payment: o.partial ? 1 : 0,
        instalment_number: o.instalment,
        status: o.paidAt ? "PO_PAID" : "PO_UNPAID",
        reserved_until: null,
        reserved_by: null,
      });
      // The receipt repeats the transfers as JSON; written by hand, it costs a fraction of JSON.stringify.
      let json = "[";
      for (let i = 0; i < o.transfers.length; i++) {
        const t = o.transfers[i]!;
        const remittance = t.remittance.slice(0, 140);
        const beneficiary = t.beneficiary.row;
        this.add("transfers", {
          id: this.nextId("transfers"),
          option_id: optionId,
          id_transfer: i + 1,
          amount_cents: t.amount,
          organization_fiscal_code: beneficiary.fiscal_code,
          iban: beneficiary.iban,
          remittance_information: remittance,
          category: t.category,
        });
        if (o.paidAt) {
          json +=
            `${i ? "," : ""}{"idTransfer":${i + 1},"amount":${t.amount},` +
            `"organizationFiscalCode":"${beneficiary.fiscal_code}","iban":"${beneficiary.iban}",` +
            `"remittanceInformation":${JSON.stringify(remittance)},"category":"${t.category}"}`;
        }
      }
      json += "]";
      if (o.paidAt) {
        paidCount++;
        if (o.paidAt > lastPaid) lastPaid = o.paidAt;
        const psp = PSP_CHOICE.pick(rng);
        const receiptId = this.nextId("receipts");
        this.add("receipts", {
          id: receiptId,
          receipt_id: receiptId.toString(16).padStart(8, "0") + rng.hex(24),
          option_id: optionId,
          checkout_id: null,
          notice_number: nav,
          creditor_fiscal_code: c.row.fiscal_code,
          outcome: "OK",
          creditor_reference_id: iuv,
          payment_amount_cents: o.amount,
          description: o.description.slice(0, 140),
          company_name: c.row.name,
          debtor_fiscal_code: spec.debtor.cf,
          debtor_name: spec.debtor.fullName,
          payer_fiscal_code: spec.debtor.cf,
          payer_name: spec.debtor.fullName,
          id_psp: psp.id,
          psp_company_name: psp.name,
          payment_method: psp.method,
          fee_cents: rng.int(psp.feeCents[0], psp.feeCents[1]),
          payment_date_time: o.paidAt,
          application_date: o.paidAt.slice(0, 10),
          transfers_json: json,
        });
      }
    }
    const n = spec.options.length;
    const status =
      paidCount === n ? "PAID" : paidCount > 0 ? "PARTIALLY_PAID" : (spec.unpaidStatus ?? "VALID");
    c.iupdSeq++;
    this.add("debt_positions", {
      id: positionId,
      entity_id: c.row.id,
      iupd: `${spec.service}-${spec.year}-${String(c.iupdSeq).padStart(9, "0")}`,
      type: "F",
      debtor_fiscal_code: spec.debtor.cf,
      debtor_name: spec.debtor.fullName,
      debtor_citizen_id: spec.debtor.id,
      company_name: c.row.name,
      service: spec.service,
      description: spec.description.slice(0, 140),
      validity_date: null,
      switch_to_expired: status === "EXPIRED" ? 1 : 0,
      status,
      status_reason: paidCount === 0 ? (spec.statusReason ?? null) : null,
      created_at: created,
      published_at: created,
      updated_at: status === "EXPIRED" || status === "INVALID" ? this.updatedAfter(spec) : lastPaid,
    });
    return { positionId, optionIds };
  }

  private updatedAfter(spec: PositionSpec): string {
    const lastDue = Math.max(...spec.options.map((o) => o.due));
    return romeInstant(Math.min(lastDue + 1, this.today - 1), 2, 0);
  }

  taxInstalment(p: {
    person: Person;
    ente: EnteInfo;
    tax: "IMU" | "TARI" | "BOLLO" | "ACCERTAMENTO";
    year: number;
    sourceId: number;
    number: number;
    label: string;
    due: number;
    amount: number;
    f24Code: string | null;
    optionId: number;
  }): void {
    this.add("tax_instalments", {
      id: this.nextId("tax_instalments"),
      citizen_id: p.person.id,
      entity_id: p.ente.row.id,
      tax: p.tax,
      year: p.year,
      source_id: p.sourceId,
      number: p.number,
      label: p.label,
      due_date: isoDay(p.due),
      amount_cents: p.amount,
      f24_code: p.f24Code,
      payment_option_id: p.optionId,
    });
  }

  f24(person: Person, paid: number, taxCode: string, enteCode: string, year: number, amount: number): void {
    this.add("f24_payments", {
      id: this.nextId("f24_payments"),
      citizen_id: person.id,
      paid_date: isoDay(paid),
      tax_code: taxCode,
      ente_code: enteCode,
      reference_year: year,
      amount_cents: amount,
      channel: this.rng.pick([
        "Home banking",
        "Home banking",
        "Sportello bancario",
        "Ufficio postale",
        "CAF / intermediario",
      ]),
    });
  }

  // ---- dossier ---------------------------------------------------------------------------------

  message(m: MessageSpec): number {
    const id = this.nextId("messages");
    const sentAt = romeInstant(m.sentDay, this.rng.int(7, 18), this.rng.int(0, 59), this.rng.int(0, 59));
    let readAt: string | null = null;
    if (m.read) {
      const readDay = Math.min(m.sentDay + this.rng.int(0, 6), this.today - 1);
      readAt = romeInstant(readDay, 20, this.rng.int(0, 59), this.rng.int(0, 59));
      if (readAt < sentAt) readAt = romeInstant(m.sentDay, 23, 30);
    }
    this.add("messages", {
      id,
      citizen_id: m.person.id,
      sender_entity_id: m.ente.row.id,
      sender_office_id: m.officeKind ? this.office(m.ente, m.officeKind) : null,
      operator_id: m.operatorId ?? null,
      subject: m.subject,
      body: m.body,
      sent_at: sentAt,
      read_at: readAt,
      due_date: m.dueDay == null ? null : isoDay(m.dueDay),
      payment_option_id: m.paymentOptionId ?? null,
      pratica_id: m.praticaId ?? null,
    });
    return id;
  }

  protocolNumber(e: EnteInfo, day: number): string {
    const year = Number(isoDay(day).slice(0, 4));
    const n = (e.protocolSeq.get(year) ?? 1000 + e.row.id * 137) + 1;
    e.protocolSeq.set(year, n);
    return `${year}/${String(n).padStart(7, "0")}`;
  }

  pratica(p: PraticaSpec): { id: number; protocol: string | null; lastDay: number } {
    const id = this.nextId("pratiche");
    const submitted = p.steps.find((s) => s.status === "inviata");
    const protocolled = p.steps.find((s) => s.status === "protocollata");
    const protocol = protocolled ? this.protocolNumber(p.ente, protocolled.day) : null;
    let lastAt = "";
    let lastDay = p.steps[0]!.day;
    for (const s of p.steps) {
      const hour = s.actor === "cittadino" ? this.rng.int(8, 21) : this.rng.int(8, 16);
      const at = romeInstant(s.day, hour, this.rng.int(0, 59), this.rng.int(0, 59));
      // Two steps on the same day keep their order.
      lastAt = at > lastAt ? at : romeInstant(s.day, 22, 59, 59);
      lastDay = s.day;
      this.add("pratica_events", {
        id: this.nextId("pratica_events"),
        pratica_id: id,
        status: s.status,
        note: s.status === "protocollata" && protocol ? `Protocollata con n. ${protocol}` : s.note,
        actor: s.actor,
        operator_id: s.actor === "operatore" ? s.operatorId : null,
        at: lastAt,
      });
    }
    const current = p.steps[p.steps.length - 1]!.status;
    this.add("pratiche", {
      id,
      citizen_id: p.person.id,
      entity_id: p.ente.row.id,
      office_id: this.office(p.ente, p.officeKind),
      type: p.type,
      area: p.area,
      title: p.title,
      protocol_number: protocol,
      submitted_date: submitted ? isoDay(submitted.day) : null,
      protocol_date: protocolled ? isoDay(protocolled.day) : null,
      deadline_date: protocolled ? isoDay(protocolled.day + p.deadlineDays) : null,
      status: current,
      next_steps: p.nextSteps,
      assigned_operator_id: p.assignedOperatorId,
      updated_at: lastAt,
    });
    return { id, protocol, lastDay };
  }

  /**
   * A certificate as the portal would have issued it on `day`: its content is what the registry
   * rows written here say on that day, hashed with the portal's own function, so that the
   * download rebuilds the same content and the hashes agree.
   */
  certificate(c: CertificateSpec): void {
    const { person, residence, kind } = c;
    const verificationCode = this.rng.base32(20);
    const issuedAt = romeInstant(c.day, this.rng.int(8, 21), this.rng.int(0, 59), this.rng.int(0, 59));
    const issuedOn = issuedAt.slice(0, 10);
    const day = dayFromIso(issuedOn);
    const e = residence.ente;
    if (
      e.row.kind !== "comune" ||
      residence.start > day ||
      (residence.end !== null && residence.end <= day)
    ) {
      throw new Error(`${person.fullName} non risiede in ${e.row.name} il ${issuedOn}: nessun certificato`);
    }
    let household: CertifiedContent["household"] = null;
    if (kind === "stato_famiglia") {
      const present = c.household.members.filter((m) => m.since <= day);
      if (!present.some((m) => m.person === person)) {
        throw new Error(
          `${person.fullName} non è in famiglia il ${issuedOn}: nessun certificato di famiglia`,
        );
      }
      household = {
        code: c.household.code,
        address: c.household.address,
        members: present.map((m) => ({
          surname: m.person.surname,
          name: m.person.name,
          sex: m.person.sex,
          birthDate: isoDay(m.person.birth),
          birthPlace: m.person.birthPlace,
          birthProvince: m.person.birthProvince,
          relation: m.relation,
        })),
      };
    }
    const content: CertifiedContent = {
      version: 1,
      kind,
      verificationCode,
      issuedOn,
      purpose: c.purpose,
      issuer: {
        enteId: e.row.id,
        name: e.row.name,
        codiceFiscale: e.row.fiscal_code,
        address: e.row.address,
        province: e.row.province_code,
      },
      subject: {
        codiceFiscale: person.cf,
        surname: person.surname,
        name: person.name,
        sex: person.sex,
        birthDate: isoDay(person.birth),
        birthPlace: person.birthPlace,
        birthProvince: person.birthProvince,
        citizenship: person.citizenship,
      },
      residence:
        kind === "nascita"
          ? null
          : { address: residence.address, postalCode: residence.postalCode, since: isoDay(residence.start) },
      household,
    };
    this.add("certificates", {
      id: this.nextId("certificates"),
      citizen_id: person.id,
      entity_id: e.row.id,
      kind,
      verification_code: verificationCode,
      content_hash: contentHash(content),
      subject_initials: subjectInitials(person.name, person.surname),
      purpose: c.purpose,
      issued_at: issuedAt,
    });
  }

  /** Sequence number of traffic fines, to annul a deterministic few. */
  nextMultaNumber(): number {
    return ++this.multaSeq;
  }

  euro(cents: number): string {
    return `€ ${formatEuro(cents)}`;
  }
}

/** Tables the seeder fills, parents before children (foreign keys may be on while loading). */
export const TABLE_ORDER = [
  "entities",
  "offices",
  "operators",
  "operator_roles",
  "citizens",
  "households",
  "household_members",
  "residences",
  "identity_documents",
  "certificates",
  "properties",
  "property_owners",
  "imu_assessments",
  "imu_lines",
  "tari_assessments",
  "vehicles",
  "debt_positions",
  "payment_options",
  "transfers",
  "receipts",
  "tax_notices",
  "tax_instalments",
  "f24_payments",
  "refunds",
  "pratiche",
  "pratica_events",
  "messages",
  "appointment_slots",
  "appointments",
] as const satisfies readonly (keyof Database)[];

export type SeedTable = (typeof TABLE_ORDER)[number];

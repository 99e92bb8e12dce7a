import type { DocumentKind, HouseholdRelation, Row, Db } from "../../db/schema";
import { addDays, ageOn } from "~/rules/time";
import { RELATION_ORDER } from "~/rules/certificate-content";
import { DOCUMENT_KIND_LABEL, EXPIRY_WARNING_DAYS, RELATION_LABEL } from "~/dossier/labels";
import { spidAttributes, type Session } from "~/auth/session.server";
import { ATTRIBUTE_LABELS } from "~/auth/spid-labels";

/** Registry data (anagrafe): the person, residences, household and identity documents. */

export async function getCitizen(db: Db, citizenId: number): Promise<Row<"citizens"> | undefined> {
  return db.selectFrom("citizens").selectAll().where("id", "=", citizenId).executeTakeFirst();
}

/**
 * Name and unread messages for the Area personale header, in one query. `openingMessageId` is the
 * message the page being loaded opens (and marks read in its own loader, which runs alongside
 * this one): it is left out of the count so that the figure is right whichever finishes first.
 */
export async function getCitizenHeader(
  db: Db,
  citizenId: number,
  openingMessageId: number | null = null,
): Promise<{ name: string; surname: string; unread: number } | undefined> {
  const row = await db
    .selectFrom("citizens as c")
    .select((eb) => [
      "c.name",
      "c.surname",
      eb
        .selectFrom("messages as m")
        .select((e) => e.fn.countAll<number>().as("n"))
        .whereRef("m.citizen_id", "=", "c.id")
        .where("m.read_at", "is", null)
        .$if(openingMessageId !== null, (q) => q.where("m.id", "!=", openingMessageId!))
        .as("unread"),
    ])
    .where("c.id", "=", citizenId)
    .executeTakeFirst();
  return row ? { name: row.name, surname: row.surname, unread: Number(row.unread ?? 0) } : undefined;
}

/** "Comune di Torino" → "Torino", as a postal address writes it. */
export function municipalityName(enteName: string): string {
  return enteName.replace(/^Comune di /, "");
}

/** The ente (comune) of the citizen's current residence, or null when the registry has none. */
export async function currentResidenceEnteId(db: Db, citizenId: number): Promise<number | null> {
  const r = await db
    .selectFrom("residences")
    .select("entity_id")
    .where("citizen_id", "=", citizenId)
    .where("end_date", "is", null)
    .orderBy("start_date", "desc")
    .executeTakeFirst();
  return r?.entity_id ?? null;
}

export interface Residence {
  id: number;
  address: string;
  postalCode: string;
  comune: string;
  province: string | null;
  startDate: string;
  endDate: string | null;
}

/**
 * Every residence of the citizen as the registry holds it: newest start first, the comune as the
 * ente's name ("Comune di Torino"). The data export reads this; pages read `getResidences`.
 */
export async function listResidenceRecords(db: Db, citizenId: number): Promise<Residence[]> {
  const rows = await db
    .selectFrom("residences as r")
    .innerJoin("entities as e", "e.id", "r.entity_id")
    .select([
      "r.id",
      "r.address",
      "r.postal_code",
      "r.start_date",
      "r.end_date",
      "e.name as comune",
      "e.province_code",
    ])
    .where("r.citizen_id", "=", citizenId)
    .orderBy("r.start_date", "desc")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    address: r.address,
    postalCode: r.postal_code,
    comune: r.comune,
    province: r.province_code,
    startDate: r.start_date,
    endDate: r.end_date,
  }));
}

/** Every residence of the citizen, the current one (no end date) first, the comune as an address writes it. */
export async function getResidences(db: Db, citizenId: number): Promise<Residence[]> {
  const records = await listResidenceRecords(db, citizenId);
  return records
    .map((r) => ({ ...r, comune: municipalityName(r.comune) }))
    .sort((a, b) => Number(a.endDate !== null) - Number(b.endDate !== null));
}

export interface HouseholdMember {
  citizenId: number;
  codiceFiscale: string;
  name: string;
  surname: string;
  sex: "M" | "F";
  birthDate: string;
  age: number;
  minor: boolean;
  relation: HouseholdRelation;
  since: string;
  isSelf: boolean;
}

export interface Household {
  id: number;
  code: string;
  address: string;
  comune: string;
  members: HouseholdMember[];
}

/**
 * The household the citizen belongs to today, with its current members. One query: the members
 * are those of the households in which the citizen is a current member. Members come by relation
 * then age, as the pages list them, or with `order: "registry"` as the registry holds them (by
 * the date they joined, then by id), as the data export lists them.
 */
export async function getHousehold(
  db: Db,
  citizenId: number,
  today: string,
  opts: { order?: "relation" | "registry" } = {},
): Promise<Household | null> {
  const rows = await db
    .selectFrom("household_members as hm")
    .innerJoin("households as h", "h.id", "hm.household_id")
    .innerJoin("entities as e", "e.id", "h.entity_id")
    .innerJoin("citizens as c", "c.id", "hm.citizen_id")
    .select([
      "h.id as householdId",
      "h.code",
      "h.address",
      "e.name as comune",
      "c.id as citizenId",
      "c.codice_fiscale",
      "c.name",
      "c.surname",
      "c.sex",
      "c.birth_date",
      "hm.relation",
      "hm.since_date",
    ])
    .where("hm.household_id", "in", (eb) =>
      eb
        .selectFrom("household_members as own")
        .select("own.household_id")
        .where("own.citizen_id", "=", citizenId)
        .where("own.since_date", "<=", today)
        .where((w) => w.or([w("own.until_date", "is", null), w("own.until_date", ">", today)])),
    )
    .where("hm.since_date", "<=", today)
    .where((w) => w.or([w("hm.until_date", "is", null), w("hm.until_date", ">", today)]))
    .orderBy("hm.household_id")
    .orderBy("hm.since_date")
    .orderBy("c.id")
    .execute();
  if (!rows.length) return null;
  const first = rows.find((r) => r.citizenId === citizenId) ?? rows[0];
  const same = rows.filter((r) => r.householdId === first.householdId);
  const members = same.map((r) => {
    const age = ageOn(r.birth_date, today);
    return {
      citizenId: r.citizenId,
      codiceFiscale: r.codice_fiscale,
      name: r.name,
      surname: r.surname,
      sex: r.sex,
      birthDate: r.birth_date,
      age,
      minor: age < 18,
      relation: r.relation,
      since: r.since_date,
      isSelf: r.citizenId === citizenId,
    };
  });
  if (opts.order !== "registry") {
    members.sort(
      (a, b) =>
        RELATION_ORDER[a.relation] - RELATION_ORDER[b.relation] || a.birthDate.localeCompare(b.birthDate),
    );
  }
  return { id: first.householdId, code: first.code, address: first.address, comune: first.comune, members };
}

export { DOCUMENT_KIND_LABEL, EXPIRY_WARNING_DAYS, RELATION_LABEL };

export type ExpiryState = "valida" | "in_scadenza" | "scaduta";

export function expiryState(expiryDate: string, today: string): ExpiryState {
  if (expiryDate < today) return "scaduta";
  if (expiryDate <= addDays(today, EXPIRY_WARNING_DAYS)) return "in_scadenza";
  return "valida";
}

export interface IdentityDocument {
  id: number;
  kind: DocumentKind;
  number: string;
  issuer: string;
  issueDate: string;
  expiryDate: string;
  state: ExpiryState;
  /** A newer document of the same kind exists: an old expiry is no longer news. */
  superseded: boolean;
}

/** The citizen's identity documents, latest expiry first: the latest 50, or with `all` every one. */
export async function getIdentityDocuments(
  db: Db,
  citizenId: number,
  today: string,
  opts: { all?: boolean } = {},
): Promise<IdentityDocument[]> {
  const rows = await db
    .selectFrom("identity_documents")
    .select(["id", "kind", "number", "issuer", "issue_date", "expiry_date"])
    .where("citizen_id", "=", citizenId)
    .orderBy("expiry_date", "desc")
    .$if(!opts.all, (q) => q.limit(50))
    .execute();
  const newestByKind = new Map<string, string>();
  for (const r of rows) if (!newestByKind.has(r.kind)) newestByKind.set(r.kind, r.expiry_date);
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    number: r.number,
    issuer: r.issuer,
    issueDate: r.issue_date,
    expiryDate: r.expiry_date,
    state: expiryState(r.expiry_date, today),
    superseded: newestByKind.get(r.kind) !== r.expiry_date,
  }));
}

/** Documents that need renewing: the newest of each kind, expired or expiring within 90 days. */
export function documentsNeedingRenewal(docs: IdentityDocument[]): IdentityDocument[] {
  return docs
    .filter((d) => !d.superseded && d.state !== "valida")
    .sort((a, b) => a.expiryDate.localeCompare(b.expiryDate));
}

export interface SpidField {
  label: string;
  value: string;
}

/** The attributes the Anagrafe page shows (the full list is on the "Dati SPID" page). */
const SPID_SHOWN = [
  "name",
  "familyName",
  "fiscalNumber",
  "dateOfBirth",
  "placeOfBirth",
  "countyOfBirth",
  "gender",
  "email",
  "mobilePhone",
  "digitalAddress",
];

/**
 * The attributes the identity provider sent, as shown to the citizen: values as received, the
 * `TINIT-` prefix of the fiscal number dropped and dates written the Italian way.
 */
export function spidFields(session: Pick<Session, "spid_attributes">): SpidField[] {
  const attrs = spidAttributes(session);
  const out: SpidField[] = [];
  for (const key of SPID_SHOWN) {
    const raw = attrs[key]?.trim();
    if (!raw) continue;
    let value = raw;
    if (key === "fiscalNumber") value = value.replace(/^TINIT-/i, "");
    if (key === "gender") value = value === "M" ? "Maschile" : value === "F" ? "Femminile" : value;
    if (key === "dateOfBirth" && /^\d{4}-\d{2}-\d{2}$/.test(value))
      value = value.split("-").reverse().join("/");
    out.push({ label: ATTRIBUTE_LABELS[key] ?? key, value });
  }
  return out;
}

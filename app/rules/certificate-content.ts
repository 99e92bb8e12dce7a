import crypto from "node:crypto";
import type { CertificateKind, HouseholdRelation, Sex } from "../../db/schema";

/**
 * What a registry certificate certifies, and the canonical text its SHA-256 (certificates.
 * content_hash) is computed over. Pure, with no I/O, so that whoever creates certificates (the
 * portal when it issues one, the demo seed when it invents one) hashes the same bytes.
 */

export interface CertifiedPerson {
  codiceFiscale: string;
  surname: string;
  name: string;
  sex: Sex;
  birthDate: string;
  birthPlace: string;
  birthProvince: string | null;
  citizenship: string;
}

export interface CertifiedHouseholdMember {
  surname: string;
  name: string;
  sex: Sex;
  birthDate: string;
  birthPlace: string;
  birthProvince: string | null;
  relation: HouseholdRelation;
}

export interface CertifiedContent {
  version: 1;
  kind: CertificateKind;
  verificationCode: string;
  /** Calendar day of issue (YYYY-MM-DD): the registry is read as it stood on this day. */
  issuedOn: string;
  purpose: string;
  /** The comune that issues it; its fiscal code and address are printed but not hashed. */
  issuer: { enteId: number; name: string; codiceFiscale: string; address: string; province: string | null };
  subject: CertifiedPerson;
  /** Residence on the day of issue: certificates of residence and of household. */
  residence: { address: string; postalCode: string; since: string } | null;
  /** Household on the day of issue: certificates of household only. */
  household: { code: string; address: string; members: CertifiedHouseholdMember[] } | null;
}

/** Household members in the order certificates and the registry page list them. */
export const RELATION_ORDER: Record<HouseholdRelation, number> = {
  intestatario: 0,
  coniuge: 1,
  unito_civilmente: 1,
  convivente: 2,
  figlio: 3,
  genitore: 4,
  altro: 5,
};

/** Members in the order the certificate lists them: head of household, partner, others; then by age. */
export function orderMembers<T extends CertifiedHouseholdMember>(members: readonly T[]): T[] {
  return [...members].sort(
    (a, b) =>
      RELATION_ORDER[a.relation] - RELATION_ORDER[b.relation] ||
      a.birthDate.localeCompare(b.birthDate) ||
      a.surname.localeCompare(b.surname) ||
      a.name.localeCompare(b.name),
  );
}

/**
 * The exact text the hash covers: a JSON array with the fields in a fixed order (never an
 * object's own key order), household members in certificate order.
 */
export function canonicalContent(c: CertifiedContent): string {
  const s = c.subject;
  return JSON.stringify([
    "certificato",
    c.version,
    c.kind,
    c.verificationCode,
    c.issuedOn,
    c.purpose,
    c.issuer.enteId,
    c.issuer.name,
    [s.codiceFiscale, s.surname, s.name, s.sex, s.birthDate, s.birthPlace, s.birthProvince, s.citizenship],
    c.residence ? [c.residence.address, c.residence.postalCode, c.residence.since] : null,
    c.household
      ? [
          c.household.code,
          c.household.address,
          orderMembers(c.household.members).map((m) => [
            m.surname,
            m.name,
            m.sex,
            m.birthDate,
            m.birthPlace,
            m.birthProvince,
            m.relation,
          ]),
        ]
      : null,
  ]);
}

/** SHA-256 of the canonical content, lowercase hex (certificates.content_hash). */
export function contentHash(c: CertifiedContent): string {
  return crypto.createHash("sha256").update(canonicalContent(c), "utf8").digest("hex");
}

/** "Chiara", "Martinetti" → "C. M.": all the public verification page shows of the person. */
export function subjectInitials(name: string, surname: string): string {
  const first = (s: string) => s.trim().charAt(0).toLocaleUpperCase("it-IT");
  return `${first(name)}. ${first(surname)}.`;
}

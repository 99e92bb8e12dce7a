/**
 * The people the demo IdP can log in: anyone in the citizens or operators tables, and the demo's
 * non-resident personas (people the registry does not know, e.g. a delegate living abroad). Their SPID
 * attributes are read from the database (an operator who is not a resident gets birth data
 * decoded from the codice fiscale, as a real IdP would hold it).
 */
import crypto from "node:crypto";
import type { Db } from "../../db/schema";
import { validateCodiceFiscale } from "../../app/rules/codice-fiscale";
import { ageOn } from "../../app/rules/time";
import { NON_RESIDENT_PERSONAS } from "../../db/seed/personas";

function nonResident(codiceFiscale: string) {
  return Object.values(NON_RESIDENT_PERSONAS).find((p) => p.codiceFiscale === codiceFiscale);
}

export interface DemoUser {
  codiceFiscale: string;
  name: string;
  familyName: string;
  gender?: "M" | "F";
  dateOfBirth?: string;
  /** Belfiore (cadastral) code of the place of birth, as SPID sends it. */
  placeOfBirth?: string;
  countyOfBirth?: string;
  email?: string;
  mobilePhone?: string;
}

export interface Persona {
  codiceFiscale: string;
  /** "Nome Cognome". */
  label: string;
  /** One line from the database: age and comune of residence, or the ente and roles of an operator. */
  description: string;
  /** What the demo shows with this person, when the seed tells. */
  story?: string;
  kind: "cittadino" | "operatore";
}

/** A stable SPID code for the person: 4 letters of the IdP and 10 characters. */
export function spidCode(codiceFiscale: string): string {
  return "DEMO" + crypto.createHash("sha256").update(codiceFiscale).digest("hex").slice(0, 10).toUpperCase();
}

export async function findUser(db: Db, codiceFiscale: string): Promise<DemoUser | null> {
  const citizen = await db
    .selectFrom("citizens")
    .select([
      "codice_fiscale",
      "name",
      "surname",
      "sex",
      "birth_date",
      "birth_belfiore",
      "birth_province",
      "email",
      "phone",
    ])
    .where("codice_fiscale", "=", codiceFiscale)
    .executeTakeFirst();
  if (citizen) {
    return {
      codiceFiscale: citizen.codice_fiscale,
      name: citizen.name,
      familyName: citizen.surname,
      gender: citizen.sex,
      dateOfBirth: citizen.birth_date,
      placeOfBirth: citizen.birth_belfiore,
      countyOfBirth: citizen.birth_province ?? undefined,
      email: citizen.email ?? undefined,
      mobilePhone: citizen.phone ? citizen.phone.replace(/[\s/-]/g, "") : undefined,
    };
  }
  const operator = await db
    .selectFrom("operators")
    .select(["codice_fiscale", "name", "surname", "email"])
    .where("codice_fiscale", "=", codiceFiscale)
    .orderBy("id")
    .executeTakeFirst();
  if (!operator) {
    const p = nonResident(codiceFiscale);
    return p
      ? {
          codiceFiscale: p.codiceFiscale,
          name: p.name,
          familyName: p.surname,
          gender: p.sex,
          dateOfBirth: p.birthDate,
          placeOfBirth: p.birthBelfiore,
          countyOfBirth: p.birthProvince,
        }
      : null;
  }
  const decoded = validateCodiceFiscale(operator.codice_fiscale);
  return {
    codiceFiscale: operator.codice_fiscale,
    name: operator.name,
    familyName: operator.surname,
    email: operator.email,
    ...(decoded.ok
      ? { gender: decoded.sex, dateOfBirth: decoded.birthDate, placeOfBirth: decoded.belfiore }
      : {}),
  };
}

const ROLE_LABEL: Record<string, string> = {
  anagrafe: "anagrafe",
  tributi: "tributi",
  pagamenti: "pagamenti",
  auditor: "revisore degli accessi",
  admin: "amministratore",
};

/** "del Comune di Torino", "della Regione Piemonte": the preposition the ente's name wants. */
function ofEntity(name: string): string {
  if (/^(Comune|Consorzio)\b/.test(name)) return `del ${name}`;
  if (/^(Regione|Provincia|Città)\b/.test(name)) return `della ${name}`;
  if (/^[AEIOU]/.test(name)) return `dell'${name}`;
  return `di ${name}`;
}

/**
 * The persona buttons of the login page, described from the database. `codes` fixes which
 * people and in which order (people missing from the database are left out); `stories` adds
 * what the demo shows with each.
 */
export async function describePersonas(
  db: Db,
  codes: readonly string[],
  today: string,
  stories: Readonly<Record<string, string>> = {},
): Promise<Persona[]> {
  if (!codes.length) return [];
  const citizens = await db
    .selectFrom("citizens")
    .select(["id", "codice_fiscale", "name", "surname", "birth_date"])
    .where("codice_fiscale", "in", [...codes])
    .execute();
  const residences = citizens.length
    ? await db
        .selectFrom("residences")
        .innerJoin("entities", "entities.id", "residences.entity_id")
        .select(["residences.citizen_id", "entities.name as entity"])
        .where(
          "residences.citizen_id",
          "in",
          citizens.map((c) => c.id),
        )
        .where("residences.end_date", "is", null)
        .execute()
    : [];
  const operators = await db
    .selectFrom("operators")
    .innerJoin("entities", "entities.id", "operators.entity_id")
    .select([
      "operators.id",
      "operators.codice_fiscale",
      "operators.name",
      "operators.surname",
      "entities.name as entity",
    ])
    .where("operators.codice_fiscale", "in", [...codes])
    .where("operators.active", "=", 1)
    .orderBy("operators.id")
    .execute();
  const roles = operators.length
    ? await db
        .selectFrom("operator_roles")
        .select(["operator_id", "role"])
        .where(
          "operator_id",
          "in",
          operators.map((o) => o.id),
        )
        .execute()
    : [];

  const out: Persona[] = [];
  for (const code of codes) {
    const ops = operators.filter((o) => o.codice_fiscale === code);
    const citizen = citizens.find((c) => c.codice_fiscale === code);
    if (ops.length) {
      const decoded = validateCodiceFiscale(code);
      const noun = decoded.ok && decoded.sex === "F" ? "operatrice" : "operatore";
      const parts = ops.map((o) => {
        const r = roles.filter((x) => x.operator_id === o.id).map((x) => ROLE_LABEL[x.role] ?? x.role);
        return `${noun} ${ofEntity(o.entity)}${r.length ? ` (${r.join(", ")})` : ""}`;
      });
      const line = parts.join("; ") + (citizen ? "; è anche cittadino residente" : "");
      out.push({
        codiceFiscale: code,
        label: `${ops[0].name} ${ops[0].surname}`,
        description: line.charAt(0).toUpperCase() + line.slice(1),
        story: stories[code],
        kind: "operatore",
      });
    } else if (citizen) {
      const where = residences.find((r) => r.citizen_id === citizen.id)?.entity;
      const line = [
        `${ageOn(citizen.birth_date, today)} anni`,
        where ? `residente a ${where.replace(/^Comune di /, "")}` : null,
      ]
        .filter(Boolean)
        .join(", ");
      out.push({
        codiceFiscale: code,
        label: `${citizen.name} ${citizen.surname}`,
        description: line.charAt(0).toUpperCase() + line.slice(1),
        story: stories[code],
        kind: "cittadino",
      });
    } else {
      const p = nonResident(code);
      if (p)
        out.push({
          codiceFiscale: code,
          label: `${p.name} ${p.surname}`,
          description: `${ageOn(p.birthDate, today)} anni, non residente nei comuni aderenti`,
          story: stories[code],
          kind: "cittadino",
        });
    }
  }
  return out;
}

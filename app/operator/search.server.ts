import type { Db } from "../../db/schema";
import { appendAudit } from "~/audit.server";
import { validateCodiceFiscale } from "~/rules/codice-fiscale";
import { operatorAudit, type OperatorActor } from "~/operator/actor";
import { SEARCH_COUNT_CAP } from "~/operator/limits";
import { tiedToEnte, type OperatorScope } from "~/operator/scope.server";
import { parsePage } from "~/http.server";
import { paginate } from "~/pagination.server";

/**
 * Finding a person tied to the operator's ente, showing only what is needed to pick the right one.
 * A person of another ente and a person who does not exist give the same empty answer.
 */

export const SEARCH_PAGE_SIZE = 20;

const NAME_MAX = 60;
const NAME_PATTERN = /^[\p{L}' -]+$/u;

export type PersonSearch =
  { by: "cf"; codiceFiscale: string } | { by: "nome"; surname: string; name: string; page: number };

export type ParsedSearch =
  | { kind: "empty"; values: SearchValues }
  | { kind: "invalid"; message: string; field: "cf" | "cognome" | "nome"; values: SearchValues }
  | { kind: "ok"; search: PersonSearch; values: SearchValues };

export interface SearchValues {
  cf: string;
  cognome: string;
  nome: string;
}

function cleanName(value: string): string {
  return value.replace(/[’`´]/g, "'").replace(/\s+/g, " ").trim();
}

/** Reads `?cf=` or `?cognome=&nome=&pagina=` from the search form. */
export function parsePersonSearch(params: URLSearchParams): ParsedSearch {
  const values: SearchValues = {
    cf: (params.get("cf") ?? "").trim().slice(0, 40),
    cognome: cleanName(params.get("cognome") ?? "").slice(0, NAME_MAX + 1),
    nome: cleanName(params.get("nome") ?? "").slice(0, NAME_MAX + 1),
  };
  if (values.cf) {
    const result = validateCodiceFiscale(values.cf);
    if (!result.ok) return { kind: "invalid", field: "cf", message: result.reason, values };
    return {
      kind: "ok",
      search: { by: "cf", codiceFiscale: result.cf },
      values: { ...values, cf: result.cf },
    };
  }
  if (!values.cognome && !values.nome) return { kind: "empty", values };
  if (values.cognome.length < 2)
    return {
      kind: "invalid",
      field: "cognome",
      message: "Inserisci almeno le prime due lettere del cognome.",
      values,
    };
  if (values.cognome.length > NAME_MAX || !NAME_PATTERN.test(values.cognome))
    return {
      kind: "invalid",
      field: "cognome",
      message: "Il cognome può contenere solo lettere, spazi, apostrofi e trattini.",
      values,
    };
  if (values.nome && (values.nome.length > NAME_MAX || !NAME_PATTERN.test(values.nome)))
    return {
      kind: "invalid",
      field: "nome",
      message: "Il nome può contenere solo lettere, spazi, apostrofi e trattini.",
      values,
    };
  return {
    kind: "ok",
    search: { by: "nome", surname: values.cognome, name: values.nome, page: parsePage(params) },
    values,
  };
}

/**
 * "RSSMRA*********X": the six letters that come from the surname and name (already on screen) and
 * the check character. Birth date, sex and birthplace stay hidden: the operator confirms the
 * person by asking for the full code, which the search by codice fiscale then finds exactly.
 */
export function maskCodiceFiscale(cf: string): string {
  if (cf.length !== 16) return "*".repeat(cf.length);
  return `${cf.slice(0, 6)}${"*".repeat(9)}${cf.slice(15)}`;
}

export interface PersonHit {
  id: number;
  surname: string;
  name: string;
  birthYear: string;
  /** Comune of the current residence, if the registry has one. */
  comune: string | null;
  maskedCf: string;
}

export interface PersonSearchResult {
  items: PersonHit[];
  total: number;
  page: number;
  pageCount: number;
  /** More than SEARCH_COUNT_CAP people match: `total` is then the cap plus one. */
  more: boolean;
}

/** The smallest string greater than every string that starts with `prefix` (its last character + 1). */
export function prefixUpperBound(prefix: string): string {
  const chars = Array.from(prefix);
  const last = chars.pop();
  if (last === undefined) return "\u{10FFFF}";
  return chars.join("") + String.fromCodePoint(last.codePointAt(0)! + 1);
}

/** Runs a search within the people tied to the ente by one of the operator's roles. */
export async function searchPeople(
  db: Db,
  scope: OperatorScope,
  today: string,
  search: PersonSearch,
): Promise<PersonSearchResult> {
  let base = db.selectFrom("citizens").where((eb) => tiedToEnte(eb, scope.enteId, today, scope.roles));
  if (search.by === "cf") {
    base = base.where("citizens.codice_fiscale", "=", search.codiceFiscale);
  } else {
    // A case-insensitive prefix as a range over lower(surname), which citizens_name_lower_idx
    // indexes (migration 003): "ros" becomes lower(surname) >= 'ros' AND < 'rot'. The LIKE keeps
    // the match exact where a collation orders characters differently; its pattern has no
    // wildcards of its own, since parsePersonSearch admits letters, spaces, apostrophes and hyphens.
    const surname = search.surname.toLowerCase();
    base = base.where((eb) =>
      eb.and([
        eb(eb.fn("lower", ["citizens.surname"]), ">=", surname),
        eb(eb.fn("lower", ["citizens.surname"]), "<", prefixUpperBound(surname)),
        eb(eb.fn("lower", ["citizens.surname"]), "like", `${surname}%`),
      ]),
    );
    if (search.name)
      base = base.where((eb) =>
        eb(eb.fn("lower", ["citizens.name"]), "like", `${search.name.toLowerCase()}%`),
      );
  }
  // Counting stops past the cap: a common prefix ("ros") matches thousands of people, and the
  // operator needs to narrow it down, not to page through them.
  const { rows, total, page, pageCount } = await paginate(
    base
      .select((eb) => [
        "citizens.id",
        "citizens.surname",
        "citizens.name",
        "citizens.birth_date",
        "citizens.codice_fiscale",
        eb
          .selectFrom("residences as cr")
          .innerJoin("entities as ce", "ce.id", "cr.entity_id")
          .select("ce.name")
          .whereRef("cr.citizen_id", "=", "citizens.id")
          .where("cr.end_date", "is", null)
          .orderBy("cr.start_date", "desc")
          .limit(1)
          .as("comune"),
      ])
      // The order of citizens_name_lower_idx, so that a page is read off the index and the scan
      // stops after it, with no sort of every match.
      .orderBy((eb) => eb.fn("lower", ["citizens.surname"]))
      .orderBy((eb) => eb.fn("lower", ["citizens.name"]))
      .orderBy("citizens.id"),
    { page: search.by === "cf" ? 1 : search.page, pageSize: SEARCH_PAGE_SIZE, countCap: SEARCH_COUNT_CAP },
  );
  return {
    items: rows.map((r) => ({
      id: r.id,
      surname: r.surname,
      name: r.name,
      birthYear: r.birth_date.slice(0, 4),
      comune: r.comune ?? null,
      maskedCf: maskCodiceFiscale(r.codice_fiscale),
    })),
    total,
    page,
    pageCount,
    more: total > SEARCH_COUNT_CAP,
  };
}

/**
 * Searching is logged too (who looked for whom): by codice fiscale the row names the person found,
 * by name it records only how many people matched.
 */
export async function logPersonSearch(
  db: Db,
  auditKey: string,
  input: { actor: OperatorActor; search: PersonSearch; result: PersonSearchResult; now: Date },
): Promise<void> {
  const found = input.search.by === "cf" && input.result.items.length === 1 ? input.result.items[0].id : null;
  await appendAudit(
    db,
    auditKey,
    {
      ...operatorAudit(input.actor),
      role: input.actor.roles.join(","),
      subjectCitizenId: found,
      action: "cittadini.search",
      details:
        input.search.by === "cf"
          ? { by: "cf", results: input.result.total }
          : { by: "nome", page: input.search.page, results: input.result.total },
    },
    input.now,
  );
}

/** One person as the search shows them, for the header of the reason form (scoped like the search). */
export async function getPersonHit(
  db: Db,
  scope: OperatorScope,
  today: string,
  citizenId: number,
): Promise<PersonHit | undefined> {
  const row = await db
    .selectFrom("citizens")
    .where((eb) => tiedToEnte(eb, scope.enteId, today, scope.roles))
    .where("citizens.id", "=", citizenId)
    .select((eb) => [
      "citizens.id",
      "citizens.surname",
      "citizens.name",
      "citizens.birth_date",
      "citizens.codice_fiscale",
      eb
        .selectFrom("residences as cr")
        .innerJoin("entities as ce", "ce.id", "cr.entity_id")
        .select("ce.name")
        .whereRef("cr.citizen_id", "=", "citizens.id")
        .where("cr.end_date", "is", null)
        .orderBy("cr.start_date", "desc")
        .limit(1)
        .as("comune"),
    ])
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    surname: row.surname,
    name: row.name,
    birthYear: row.birth_date.slice(0, 4),
    comune: row.comune ?? null,
    maskedCf: maskCodiceFiscale(row.codice_fiscale),
  };
}

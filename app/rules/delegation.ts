import { normalizeCodiceFiscale, validateCodiceFiscale } from "~/rules/codice-fiscale";
import { addDays, ageOn, daysBetween, isValidIsoDate, romeDay } from "~/rules/time";

/**
 * Acting for someone else: who may act for whom, for which sections and until when. Pure: the
 * database and the guard ask these functions, with the instant of the request, on every request.
 *
 * Two kinds of tie:
 * - a parent (per the registry: the head of the household or their spouse or civil partner, with
 *   the child listed as "figlio" in the same current household) acts for a minor child in every
 *   area, without any request, until the child's 18th birthday at midnight Europe/Rome;
 * - a delegation: a citizen names another person (codice fiscale, name) for chosen areas and a
 *   period of at most one year; it counts from the delegate's acceptance (or at once when
 *   registered at the counter) until revoked, refused or past its last day.
 */

/** The parts of someone's area a delegation can open, each with the sections it contains. */
export const DELEGATION_AREAS = ["fascicolo", "contribuente", "pagamenti"] as const;
export type DelegationArea = (typeof DELEGATION_AREAS)[number];

export const DELEGATION_AREA_LABEL: Record<DelegationArea, string> = {
  fascicolo:
    "Fascicolo del cittadino (dati anagrafici, documenti, certificati, pratiche, appuntamenti, messaggi)",
  contribuente: "Fascicolo del contribuente (tributi, immobili, veicoli)",
  pagamenti: "Pagamenti (avvisi, pagamento, ricevute)",
};

/** Short names for lists and banners. */
export const DELEGATION_AREA_SHORT: Record<DelegationArea, string> = {
  fascicolo: "fascicolo del cittadino",
  contribuente: "fascicolo del contribuente",
  pagamenti: "pagamenti",
};

export function isDelegationArea(value: unknown): value is DelegationArea {
  return typeof value === "string" && (DELEGATION_AREAS as readonly string[]).includes(value);
}

/** The areas column holds them comma-separated in DELEGATION_AREAS order; unknown words are dropped. */
export function parseAreas(text: string | null | undefined): DelegationArea[] {
  const set = new Set((text ?? "").split(","));
  return DELEGATION_AREAS.filter((a) => set.has(a));
}

export function formatAreas(areas: readonly DelegationArea[]): string {
  return DELEGATION_AREAS.filter((a) => areas.includes(a)).join(",");
}

/** A delegation lasts at most one year: its last day is at most 365 days after its first. */
export const MAX_DELEGATION_DAYS = 365;
/** The age at which a child's parents stop acting for them. */
export const AGE_OF_MAJORITY = 18;

/**
 * Which area a page of the Area personale belongs to when someone acts for another person.
 * "scrivania" is the landing page, open to any tie (it shows only the delegated sections);
 * "propria" is the delegations page, always the person's own; null
 * means the page is never shown on someone else's behalf (profile, access log, data export,
 * received identity data), so it answers 404 then.
 */
const PATH_AREAS: ReadonlyArray<readonly [prefix: string, area: DelegationArea]> = [
  ["/area-personale/messaggi", "fascicolo"],
  ["/area-personale/pratiche", "fascicolo"],
  ["/area-personale/anagrafe", "fascicolo"],
  ["/area-personale/documenti", "fascicolo"],
  ["/area-personale/certificati", "fascicolo"],
  ["/area-personale/appuntamenti", "fascicolo"],
  ["/area-personale/contribuente", "contribuente"],
  ["/area-personale/pagamenti", "pagamenti"],
];

/** The page where a person manages their delegations: always their own, also while acting. */
export const DELEGATIONS_PATH = "/area-personale/deleghe";

export function areaOfPath(pathname: string): DelegationArea | "scrivania" | "propria" | null {
  const path = pathname.replace(/\/+$/, "");
  if (path === "/area-personale") return "scrivania";
  if (path === DELEGATIONS_PATH || path.startsWith(`${DELEGATIONS_PATH}/`)) return "propria";
  for (const [prefix, area] of PATH_AREAS) {
    if (path === prefix || path.startsWith(`${prefix}/`)) return area;
  }
  return null;
}

/** Whether a tie with these areas opens the page at `pathname`. */
export function pathAllowed(pathname: string, areas: readonly DelegationArea[]): boolean {
  const area = areaOfPath(pathname);
  if (area === null) return false;
  return area === "scrivania" || area === "propria" || areas.includes(area);
}

/** The day from which a child is of age: parents' acting ends at that day's midnight in Italy. */
export function majorityDay(birthDate: string): string {
  const [y, m, d] = birthDate.split("-").map(Number);
  const year = y + AGE_OF_MAJORITY;
  // Born on 29 February: of age on 1 March of a common year.
  const feb29 = m === 2 && d === 29 && !isValidIsoDate(`${year}-02-29`);
  return feb29 ? `${year}-03-01` : `${year}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/** Whether someone born on `birthDate` is a minor at the instant `now` (Italian calendar day). */
export function isMinorAt(birthDate: string, now: Date): boolean {
  return ageOn(birthDate, romeDay(now)) < AGE_OF_MAJORITY;
}

/** Household relations of a person who acts for the minor children of the household. */
export const PARENT_RELATIONS = ["intestatario", "coniuge", "unito_civilmente"] as const;

/** A parent's tie: the parent's relation in the child's current household and the child's birth. */
export function parentMayAct(
  tie: { parentRelation: string; childRelation: string; childBirthDate: string },
  now: Date,
): boolean {
  return (
    (PARENT_RELATIONS as readonly string[]).includes(tie.parentRelation) &&
    tie.childRelation === "figlio" &&
    isMinorAt(tie.childBirthDate, now)
  );
}

export const DELEGATION_STATES = ["in_attesa", "attiva", "scaduta", "revocata", "rifiutata"] as const;
export type DelegationState = (typeof DELEGATION_STATES)[number];

export const DELEGATION_STATE_LABEL: Record<DelegationState, string> = {
  in_attesa: "In attesa di accettazione",
  attiva: "Attiva",
  scaduta: "Scaduta",
  revocata: "Revocata",
  rifiutata: "Rifiutata",
};

export interface DelegationTimes {
  /** First and last day of validity (YYYY-MM-DD, Italian calendar days, both included). */
  starts_on: string;
  ends_on: string;
  accepted_at: string | null;
  revoked_at: string | null;
  refused_at: string | null;
}

/**
 * The state of a delegation at `now`. Revocation and refusal count from their instant; the period
 * from the first day's midnight to the end of the last day, in Italy.
 */
export function delegationState(d: DelegationTimes, now: Date): DelegationState {
  const at = now.getTime();
  if (d.refused_at !== null && Date.parse(d.refused_at) <= at) return "rifiutata";
  if (d.revoked_at !== null && Date.parse(d.revoked_at) <= at) return "revocata";
  const today = romeDay(now);
  if (today > d.ends_on) return "scaduta";
  if (d.accepted_at === null || Date.parse(d.accepted_at) > at) return "in_attesa";
  if (today < d.starts_on) return "in_attesa";
  return "attiva";
}

export function isActive(d: DelegationTimes, now: Date): boolean {
  return delegationState(d, now) === "attiva";
}

export interface DelegationRequest {
  delegatorCodiceFiscale: string;
  delegateCodiceFiscale: string;
  areas: readonly string[];
  startsOn: string;
  endsOn: string;
  /** The Italian calendar day of the request. */
  today: string;
}

export type DelegationCheck =
  | { ok: true; delegateCodiceFiscale: string; areas: DelegationArea[] }
  | { ok: false; errors: Partial<Record<"codiceFiscale" | "aree" | "dal" | "al", string>> };

/** Validates what a citizen (or an operator at the counter) asks for; messages in Italian. */
export function checkDelegationRequest(r: DelegationRequest): DelegationCheck {
  const errors: Partial<Record<"codiceFiscale" | "aree" | "dal" | "al", string>> = {};
  const cf = normalizeCodiceFiscale(r.delegateCodiceFiscale);
  const cfCheck = validateCodiceFiscale(cf);
  if (!cf) errors.codiceFiscale = "Indica il codice fiscale della persona da delegare.";
  else if (!cfCheck.ok)
    errors.codiceFiscale = `Codice fiscale della persona da delegare non valido: ${cfCheck.reason}`;
  else if (cf === normalizeCodiceFiscale(r.delegatorCodiceFiscale))
    errors.codiceFiscale = "Non puoi delegare te stesso: indica il codice fiscale di un'altra persona.";
  const areas = DELEGATION_AREAS.filter((a) => r.areas.includes(a));
  if (areas.length === 0 || r.areas.some((a) => !isDelegationArea(a)))
    errors.aree = "Scegli almeno una delle aree da delegare.";
  if (!isValidIsoDate(r.startsOn)) errors.dal = "Indica da quando vale la delega (gg/mm/aaaa).";
  else if (r.startsOn < r.today) errors.dal = "La delega non può iniziare in un giorno già passato.";
  if (!isValidIsoDate(r.endsOn)) errors.al = "Indica fino a quando vale la delega (gg/mm/aaaa).";
  else if (isValidIsoDate(r.startsOn)) {
    if (r.endsOn < r.startsOn) errors.al = "La delega deve finire dopo il giorno in cui inizia.";
    else if (daysBetween(r.startsOn, r.endsOn) > MAX_DELEGATION_DAYS)
      errors.al = `Una delega dura al massimo un anno: scegli una data entro il ${lastAllowedDay(r.startsOn)
        .split("-")
        .reverse()
        .join("/")}.`;
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, delegateCodiceFiscale: cf, areas };
}

/** The last day a delegation starting on `startsOn` may have. */
export function lastAllowedDay(startsOn: string): string {
  return addDays(startsOn, MAX_DELEGATION_DAYS);
}

/**
 * Renewal: a delegation that is active or has expired (never one revoked or refused) gets a new
 * period of a year from today; it keeps its acceptance, areas and delegate.
 */
export function renewalPeriod(today: string): { startsOn: string; endsOn: string } {
  return { startsOn: today, endsOn: lastAllowedDay(today) };
}

export function mayRenew(state: DelegationState): boolean {
  return state === "attiva" || state === "scaduta";
}

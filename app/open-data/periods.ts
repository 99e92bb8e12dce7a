import { addDays, romeDayStart } from "~/rules/time";

/**
 * The periods and classes the open datasets are grouped by: calendar months and quarters as
 * Italy reads them (Europe/Rome), and age bands on a reference day.
 */

/** A calendar month, "YYYY-MM", and the instant (UTC ISO) the next one starts in Italy. */
export interface MonthBucket {
  month: string;
  nextStart: string;
}

function nextMonth(month: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
}

/**
 * The months from `fromDay`'s to `toDay`'s (YYYY-MM-DD, both included), each with the instant the
 * following month starts in Italy: enough for a query to tell an instant's Italian month by
 * comparisons alone, the same on SQLite and PostgreSQL.
 */
export function monthBuckets(fromDay: string, toDay: string): MonthBucket[] {
  const out: MonthBucket[] = [];
  const last = toDay.slice(0, 7);
  for (let month = fromDay.slice(0, 7); month <= last; month = nextMonth(month)) {
    out.push({ month, nextStart: romeDayStart(`${nextMonth(month)}-01`) });
  }
  return out;
}

/** "2026-11-26" → "2026-Q4". */
export function quarterOf(day: string): string {
  const month = Number(day.slice(5, 7));
  return `${day.slice(0, 4)}-Q${Math.ceil(month / 3)}`;
}

/** Age bands of the residents' dataset, in completed years; the last one is open. */
export const AGE_BANDS = [
  { label: "0-14", from: 0 },
  { label: "15-24", from: 15 },
  { label: "25-34", from: 25 },
  { label: "35-44", from: 35 },
  { label: "45-54", from: 45 },
  { label: "55-64", from: 55 },
  { label: "65-74", from: 65 },
  { label: "75+", from: 75 },
] as const;

export type AgeBand = (typeof AGE_BANDS)[number]["label"];

/**
 * For each band from the oldest down, the latest birth date (YYYY-MM-DD text) of a person who on
 * `day` has at least the band's age: someone is in the oldest band whose threshold their birth
 * date does not exceed. Comparing ISO text gives the same answer as ageOn (app/rules/time.ts),
 * also for people born on 29 February, so that a query can band a million residents itself.
 */
export function ageBandThresholds(day: string): { label: AgeBand; bornOnOrBefore: string }[] {
  const year = Number(day.slice(0, 4));
  return [...AGE_BANDS]
    .reverse()
    .map((b) => ({
      label: b.label,
      bornOnOrBefore: `${String(year - b.from).padStart(4, "0")}${day.slice(4)}`,
    }));
}

/** The band of someone born on `birthDate`, on `day` (what the query computes, for tests). */
export function ageBandOn(birthDate: string, day: string): AgeBand {
  for (const t of ageBandThresholds(day)) if (birthDate <= t.bornOnOrBefore) return t.label;
  return AGE_BANDS[0].label;
}

/** The instant the Italian day after `day` starts: "up to and including `day`" is "before it". */
export function endOfDay(day: string): string {
  return romeDayStart(addDays(day, 1));
}

/**
 * Calendar days and Italian local time. Calendar dates are YYYY-MM-DD text, instants UTC ISO text
 * (decision 004); what a day or a clock reads in Italy comes from Intl's time-zone data, never from
 * the server's own zone. "Now" is not here: it is the portal's clock (app/clock.server.ts).
 */
/** Number of days in a month (1-12) of a given year, Gregorian calendar. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function parseIsoParts(
  iso: string,
): { y: number; m: number; d: number } | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return null;
  const y = Number(match[1]);
  const m = Number(match[2]);
  const d = Number(match[3]);
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return { y, m, d };
}

/** True for a real calendar date written as YYYY-MM-DD. */
export function isValidIsoDate(iso: string): boolean {
  return parseIsoParts(iso) !== null;
}

/** "2025-06-16" (or "2025-06-16T10:00:00Z", whose date part is used as written) → "16/06/2025". */
export function formatDateIt(iso: string): string {
  const datePart = /^\d{4}-\d{2}-\d{2}(?=$|T)/.exec(iso)?.[0] ?? "";
  const parts = parseIsoParts(datePart);
  if (!parts) throw new RangeError(`Invalid ISO date: "${iso}"`);
  return `${String(parts.d).padStart(2, "0")}/${String(parts.m).padStart(2, "0")}/${parts.y}`;
}

/** "16/06/2025" (also "16-06-2025", "16.06.2025") → "2025-06-16", or null when not a real date. */
export function parseDateIt(input: string): string | null {
  const match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(input.trim());
  if (!match) return null;
  const iso = `${match[3]}-${match[2]!.padStart(2, "0")}-${match[1]!.padStart(2, "0")}`;
  return isValidIsoDate(iso) ? iso : null;
}

/** Local time of the region: slots and events are stored in UTC and shown as people read clocks. */
export const TIME_ZONE = "Europe/Rome";

const MS_PER_DAY = 86_400_000;

const romeClock = new Intl.DateTimeFormat("en-GB", {
  timeZone: TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});

interface WallClock {
  year: string;
  month: string;
  day: string;
  hour: string;
  minute: string;
  second: string;
}

/** Italy's offset from UTC at instant t (ms), to the second, as the time-zone data gives it. */
function intlOffsetMs(t: number): number {
  const w: Record<string, string> = {};
  for (const p of romeClock.formatToParts(t)) w[p.type] = p.value;
  return (
    Date.UTC(+w.year!, +w.month! - 1, +w.day!, +w.hour!, +w.minute!, +w.second!) - Math.floor(t / 1000) * 1000
  );
}

const MS_PER_HOUR = 3_600_000;
/**
 * From 1900 on, Italy's offset is a whole number of hours and changes only at the start of a UTC
 * hour (checked against the time-zone database for every hour from 1900 to 2100).
 */
const WHOLE_HOUR_OFFSETS_FROM = Date.UTC(1900, 0, 1);
/** Italy's offset in ms, by UTC hour (t / MS_PER_HOUR): Intl is asked once per hour of time. */
const offsetByHour = new Map<number, number>();

function offsetMs(t: number): number {
  if (t < WHOLE_HOUR_OFFSETS_FROM) return intlOffsetMs(t);
  const hour = Math.floor(t / MS_PER_HOUR);
  let offset = offsetByHour.get(hour);
  if (offset === undefined) {
    offset = intlOffsetMs(hour * MS_PER_HOUR);
    if (offsetByHour.size >= 10_000) offsetByHour.clear();
    offsetByHour.set(hour, offset);
  }
  return offset;
}

const two = (n: number) => (n < 10 ? `0${n}` : String(n));

/** The wall clock in Italy at instant t (ms): its offset, then plain UTC arithmetic. */
function wallClock(t: number): WallClock {
  const local = new Date(t + offsetMs(t));
  return {
    year: String(local.getUTCFullYear()),
    month: two(local.getUTCMonth() + 1),
    day: two(local.getUTCDate()),
    hour: two(local.getUTCHours()),
    minute: two(local.getUTCMinutes()),
    second: two(local.getUTCSeconds()),
  };
}

function instantMs(instant: string | Date): number {
  return typeof instant === "string" ? Date.parse(instant) : instant.getTime();
}

/** Minutes Italy is ahead of UTC at an instant: 60 in winter, 120 in summer. */
export function romeOffsetMinutes(instant: string | Date): number {
  const t = instantMs(instant);
  if (Number.isNaN(t)) throw new RangeError(`Invalid instant: "${String(instant)}"`);
  return Math.round(offsetMs(t) / 60_000);
}

/** The calendar day (YYYY-MM-DD) an instant falls on in Italy; text that is no instant keeps its first ten characters. */
export function romeDay(instant: string | Date): string {
  const t = instantMs(instant);
  if (Number.isNaN(t)) {
    if (typeof instant === "string") return instant.slice(0, 10);
    throw new RangeError("Invalid instant");
  }
  const w = wallClock(t);
  return `${w.year}-${w.month}-${w.day}`;
}

/** The instant (UTC ISO) at which an Italian calendar day starts. */
export function romeDayStart(day: string): string {
  if (!isValidIsoDate(day)) throw new RangeError(`Invalid ISO date: "${day}"`);
  // Italy moves its clocks at 02:00 and 03:00, never across midnight: one correction suffices.
  const midnightAsUtc = Date.parse(`${day}T00:00:00.000Z`);
  let t = midnightAsUtc - romeOffsetMinutes(new Date(midnightAsUtc)) * 60_000;
  t = midnightAsUtc - romeOffsetMinutes(new Date(t)) * 60_000;
  return new Date(t).toISOString();
}

/** Adds n days (may be negative) to a YYYY-MM-DD date. */
export function addDays(day: string, n: number): string {
  if (!isValidIsoDate(day)) throw new RangeError(`Invalid ISO date: "${day}"`);
  if (!Number.isSafeInteger(n)) throw new RangeError(`Days must be an integer, got ${n}`);
  return new Date(Date.parse(`${day}T00:00:00.000Z`) + n * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (YYYY-MM-DD), negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / MS_PER_DAY);
}

/** Completed years of age on `today`. */
export function ageOn(birthDate: string, today: string): number {
  const [by, bm, bd] = birthDate.split("-").map(Number);
  const [ty, tm, td] = today.split("-").map(Number);
  let age = ty - by;
  if (tm < bm || (tm === bm && td < bd)) age--;
  return age;
}

/** "09:30", Italian local time. */
export function formatTimeIt(iso: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return "";
  const w = wallClock(t);
  return `${w.hour}:${w.minute}`;
}

/** "26/11/2026 alle 09:30" for an instant; "26/11/2026" for a calendar date. */
export function formatDateTimeIt(iso: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return formatDateIt(iso);
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  const w = wallClock(t);
  return `${w.day}/${w.month}/${w.year} alle ${w.hour}:${w.minute}`;
}

/** "26/11/2026" for a calendar date or an instant (the Italian day it falls on). */
export function formatDayIt(iso: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return formatDateIt(iso);
  return formatDateIt(romeDay(iso));
}

export const MONTH_NAMES = [
  "gennaio",
  "febbraio",
  "marzo",
  "aprile",
  "maggio",
  "giugno",
  "luglio",
  "agosto",
  "settembre",
  "ottobre",
  "novembre",
  "dicembre",
] as const;

const WEEKDAYS = ["domenica", "lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato"];

/** "giovedì 26 novembre 2026" for a YYYY-MM-DD date. */
export function formatLongDayIt(day: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return day;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return `${WEEKDAYS[d.getUTCDay()]} ${Number(m[3])} ${MONTH_NAMES[Number(m[2]) - 1]} ${m[1]}`;
}

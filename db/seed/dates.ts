/**
 * Calendar arithmetic for the seeder on day numbers (days since 1970-01-01, UTC), which is much
 * faster than building Date objects for millions of rows, plus Europe/Rome local time.
 */
const MS_PER_DAY = 86_400_000;
const FIRST_CACHED_DAY = -25_567; // 1900-01-01
const CACHED_DAYS = 73_415; // to 2100-12-31
let isoCache: string[] | null = null;

// Due dates come back from the tax rules as text over and over: parse each one once.
const parsed = new Map<string, number>();

export function dayFromIso(iso: string): number {
  const known = parsed.get(iso);
  if (known !== undefined) return known;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new RangeError(`Data non valida: ${iso}`);
  const day = Math.round(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / MS_PER_DAY);
  if (parsed.size < 50_000) parsed.set(iso, day);
  return day;
}

export function dayFromParts(year: number, month: number, day: number): number {
  return Math.round(Date.UTC(year, month - 1, day) / MS_PER_DAY);
}

/** YYYY-MM-DD of a day number. */
export function isoDay(day: number): string {
  const i = day - FIRST_CACHED_DAY;
  if (i >= 0 && i < CACHED_DAYS) {
    if (!isoCache) {
      isoCache = new Array<string>(CACHED_DAYS);
      for (let k = 0; k < CACHED_DAYS; k++) {
        isoCache[k] = new Date((FIRST_CACHED_DAY + k) * MS_PER_DAY).toISOString().slice(0, 10);
      }
    }
    return isoCache[i]!;
  }
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

export function yearOf(day: number): number {
  return Number(isoDay(day).slice(0, 4));
}

export function monthOf(day: number): number {
  return Number(isoDay(day).slice(5, 7));
}

/** 0 = Sunday ... 6 = Saturday. */
export function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

export function lastDayOfMonth(year: number, month: number): number {
  return dayFromParts(year, month + 1, 0);
}

/** Same calendar day `years` later (29 February falls back to the 28th). */
export function addYears(day: number, years: number): number {
  const iso = isoDay(day);
  const y = Number(iso.slice(0, 4)) + years;
  const m = Number(iso.slice(5, 7));
  const d = Math.min(Number(iso.slice(8, 10)), new Date(Date.UTC(y, m, 0)).getUTCDate());
  return dayFromParts(y, m, d);
}

/** Whole years between two days (age on `on` of someone born on `birth`). */
export function yearsBetween(birth: number, on: number): number {
  const b = isoDay(birth);
  const o = isoDay(on);
  let age = Number(o.slice(0, 4)) - Number(b.slice(0, 4));
  if (o.slice(5) < b.slice(5)) age -= 1;
  return age;
}

function lastSunday(year: number, month: number): number {
  const last = lastDayOfMonth(year, month);
  return last - weekday(last);
}

const dstStarts = new Map<number, readonly [number, number]>();

/**
 * Hours Europe/Rome is ahead of UTC on a given day (from the last Sunday of March to the last of
 * October: 2). Exact from 03:00 on the two Sundays of a change; checked against app/rules/time.
 */
export function romeOffsetHours(day: number): number {
  // The year estimated from the day number may be off by one around New Year, when summer
  // time is off in both years anyway; isoDay() would cost a string per call.
  const year = 1970 + Math.floor(day / 365.2425);
  let range = dstStarts.get(year);
  if (!range) {
    range = [lastSunday(year, 3), lastSunday(year, 10)];
    dstStarts.set(year, range);
  }
  return day >= range[0] && day < range[1] ? 2 : 1;
}

/** UTC instant, as the application writes them (toISOString), of a Rome wall-clock time. */
export function romeInstant(day: number, hour: number, minute = 0, second = 0): string {
  const utcMinutes = (hour - romeOffsetHours(day)) * 60 + minute;
  const d = day + Math.floor(utcMinutes / 1440);
  const m = ((utcMinutes % 1440) + 1440) % 1440;
  return `${isoDay(d)}T${pad2(Math.floor(m / 60))}:${pad2(m % 60)}:${pad2(second)}.000Z`;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** Easter Sunday (Gregorian computus). */
function easter(year: number): number {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const dayOfMonth = ((h + l - 7 * m + 114) % 31) + 1;
  return dayFromParts(year, month, dayOfMonth);
}

const FIXED_HOLIDAYS = [
  "01-01",
  "01-06",
  "04-25",
  "05-01",
  "06-02",
  "08-15",
  "11-01",
  "12-08",
  "12-25",
  "12-26",
];

/** Monday to Friday and not a national holiday (nor the patron saint's day, when given as MM-DD). */
export function isWorkingDay(day: number, patronDay?: string): boolean {
  const wd = weekday(day);
  if (wd === 0 || wd === 6) return false;
  const md = isoDay(day).slice(5);
  if (FIXED_HOLIDAYS.includes(md) || md === patronDay) return false;
  return day !== easter(yearOf(day)) + 1;
}

/** The first working day on or after `day`. */
export function workingDayOnOrAfter(day: number, patronDay?: string): number {
  let d = day;
  while (!isWorkingDay(d, patronDay)) d++;
  return d;
}

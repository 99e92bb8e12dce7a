import { formatDateIt } from "../../rules/money";

/** Local time of the region: slots and events are stored in UTC and shown as people read clocks. */
export const TIME_ZONE = "Europe/Rome";

const dateParts = new Intl.DateTimeFormat("it-IT", {
  timeZone: TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

function romeParts(iso: string): Record<string, string> | null {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return null;
  const out: Record<string, string> = {};
  for (const p of dateParts.formatToParts(new Date(t))) out[p.type] = p.value;
  return out;
}

/** The calendar day (YYYY-MM-DD) an instant falls on in Italy. */
export function romeDay(iso: string): string {
  const p = romeParts(iso);
  return p ? `${p.year}-${p.month}-${p.day}` : iso.slice(0, 10);
}

/** "09:30", Italian local time. */
export function formatTimeIt(iso: string): string {
  const p = romeParts(iso);
  return p ? `${p.hour}:${p.minute}` : "";
}

/** "26/11/2026 alle 09:30" for an instant; "26/11/2026" for a calendar date. */
export function formatDateTimeIt(iso: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return formatDateIt(iso);
  const p = romeParts(iso);
  return p ? `${p.day}/${p.month}/${p.year} alle ${p.hour}:${p.minute}` : iso;
}

/** "26/11/2026" for a calendar date or an instant (the Italian day it falls on). */
export function formatDayIt(iso: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return formatDateIt(iso);
  return formatDateIt(romeDay(iso));
}

const WEEKDAYS = ["domenica", "lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato"];
const MONTHS = [
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
];

/** "giovedì 26 novembre 2026" for a YYYY-MM-DD date. */
export function formatLongDayIt(day: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return day;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return `${WEEKDAYS[d.getUTCDay()]} ${Number(m[3])} ${MONTHS[Number(m[2]) - 1]} ${m[1]}`;
}

/** Whole days from `from` to `to` (YYYY-MM-DD), negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Completed years of age on `today`. */
export function ageOn(birthDate: string, today: string): number {
  const [by, bm, bd] = birthDate.split("-").map(Number);
  const [ty, tm, td] = today.split("-").map(Number);
  let age = ty - by;
  if (tm < bm || (tm === bm && td < bd)) age--;
  return age;
}

/** "3 giorni", "1 giorno". */
export function daysLabel(n: number): string {
  const abs = Math.abs(n);
  return `${abs} ${abs === 1 ? "giorno" : "giorni"}`;
}

/** "1 messaggio", "3 messaggi": Italian noun forms by count. */
export function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "2,4 MB", "830 kB". */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1).replace(".", ",")} MB`;
  if (n >= 1024) return `${Math.max(1, Math.round(n / 1024))} kB`;
  return `${n} byte`;
}

/** A code such as `carta_identita` or `rilascio-cie` as words, for codes without a label. */
export function humanizeCode(code: string): string {
  const words = code.replace(/[_-]+/g, " ").trim();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : code;
}

/**
 * A small iCalendar (RFC 5545) writer for the deadlines feed: only what the feed needs (VEVENTs,
 * all-day or timed in UTC), written to the letter of the RFC: CRLF line ends, lines folded at 75
 * octets without splitting a UTF-8 character, TEXT values escaped.
 */
import { addDays } from "~/rules/time";

export type IcsWhen =
  /** An all-day event on a calendar date, YYYY-MM-DD. */
  | { date: string }
  /** An instant in UTC, ISO 8601 with Z (e.g. 2026-12-01T09:00:00Z or with milliseconds). */
  | { dateTime: string };

export interface IcsEvent {
  /** Stable across downloads, so that calendar apps update the event instead of adding another. */
  uid: string;
  summary: string;
  start: IcsWhen;
  /** All-day events default to one day; timed events to the start (a point in time). */
  end?: IcsWhen;
  description?: string;
  location?: string;
  url?: string;
  categories?: string[];
}

export interface IcsCalendar {
  prodId: string;
  name?: string;
  /** The instant the feed was produced (DTSTAMP of every event), ISO 8601 UTC. */
  dtstamp: string;
  events: IcsEvent[];
}

const CRLF = "\r\n";
const MAX_OCTETS = 75;

/** Escapes a TEXT value: backslash, semicolon, comma, and line breaks as `\n`. */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\r\n|\r|\n/g, "\\n");
}

/**
 * Folds one content line into chunks of at most 75 octets; each continuation starts with a space
 * (which counts towards its 75). Multi-byte characters are never cut in two.
 */
export function foldLine(line: string): string {
  if (Buffer.byteLength(line, "utf8") <= MAX_OCTETS) return line;
  const parts: string[] = [];
  let current = "";
  let currentOctets = 0;
  let limit = MAX_OCTETS;
  for (const ch of line) {
    const octets = Buffer.byteLength(ch, "utf8");
    if (currentOctets + octets > limit) {
      parts.push(current);
      current = "";
      currentOctets = 0;
      limit = MAX_OCTETS - 1;
    }
    current += ch;
    currentOctets += octets;
  }
  parts.push(current);
  return parts.join(`${CRLF} `);
}

/** 2026-12-16 → 20261216. */
export function formatIcsDate(isoDate: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!m) throw new RangeError(`Invalid calendar date: "${isoDate}"`);
  return `${m[1]}${m[2]}${m[3]}`;
}

/** 2026-12-01T09:00:00.000Z → 20261201T090000Z (the instant, in UTC). */
export function formatIcsDateTime(isoInstant: string): string {
  const date = new Date(isoInstant);
  if (Number.isNaN(date.getTime())) throw new RangeError(`Invalid instant: "${isoInstant}"`);
  return date
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
}

function whenProperty(name: "DTSTART" | "DTEND", when: IcsWhen): string {
  return "date" in when
    ? `${name};VALUE=DATE:${formatIcsDate(when.date)}`
    : `${name}:${formatIcsDateTime(when.dateTime)}`;
}

function eventLines(event: IcsEvent, dtstamp: string): string[] {
  const lines = [
    "BEGIN:VEVENT",
    `UID:${event.uid}`,
    `DTSTAMP:${dtstamp}`,
    whenProperty("DTSTART", event.start),
  ];
  const end = event.end ?? ("date" in event.start ? { date: addDays(event.start.date, 1) } : undefined);
  if (end) lines.push(whenProperty("DTEND", end));
  lines.push(`SUMMARY:${escapeText(event.summary)}`);
  if (event.description) lines.push(`DESCRIPTION:${escapeText(event.description)}`);
  if (event.location) lines.push(`LOCATION:${escapeText(event.location)}`);
  // URI values are not TEXT: no escaping, only the line break guard.
  if (event.url) lines.push(`URL:${event.url.replace(/[\r\n]/g, "")}`);
  if (event.categories?.length) lines.push(`CATEGORIES:${event.categories.map(escapeText).join(",")}`);
  if ("date" in event.start) lines.push("TRANSP:TRANSPARENT");
  lines.push("END:VEVENT");
  return lines;
}

/** The whole VCALENDAR as text, every line folded and ended by CRLF. */
export function serializeCalendar(calendar: IcsCalendar): string {
  const dtstamp = formatIcsDateTime(calendar.dtstamp);
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    `PRODID:${calendar.prodId}`,
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
  ];
  if (calendar.name) lines.push(`X-WR-CALNAME:${escapeText(calendar.name)}`);
  for (const event of calendar.events) lines.push(...eventLines(event, dtstamp));
  lines.push("END:VCALENDAR");
  return lines.map(foldLine).join(CRLF) + CRLF;
}

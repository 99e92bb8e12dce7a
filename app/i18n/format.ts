import { INTL_TAGS, type Locale } from "~/i18n/config";
import { formatCount } from "~/rules/italian";
import { formatEuroSymbol } from "~/rules/money";
import { formatDateTimeIt, formatDayIt, formatLongDayIt, romeDay, TIME_ZONE } from "~/rules/time";

/**
 * Money, dates and numbers as each language writes them. Italian keeps the portal's own rules
 * (app/rules), which official documents and tests rely on; other languages use Intl for their
 * locale. Pure: the same on the server and in the browser.
 */
export interface Formats {
  locale: Locale;
  /** Cents → "€ 1.020,99" / "€1,020.99". */
  euro(cents: number): string;
  /** A calendar date or an instant's Italian day → "16/06/2025" / "16 Jun 2025". */
  date(iso: string): string;
  /** An instant → "26/11/2026 alle 09:30" / "26 Nov 2026, 09:30" (Italian time). */
  dateTime(iso: string): string;
  /** A calendar date → "giovedì 26 novembre 2026" / "Thursday, 26 November 2026". */
  longDay(day: string): string;
  /** A plain number → "1.234" / "1,234". */
  number(n: number): string;
}

const cache = new Map<Locale, Formats>();

export function formatsFor(locale: Locale): Formats {
  const known = cache.get(locale);
  if (known) return known;
  const made = locale === "it" ? italian() : intlFormats(locale);
  cache.set(locale, made);
  return made;
}

function italian(): Formats {
  return {
    locale: "it",
    euro: formatEuroSymbol,
    date: formatDayIt,
    dateTime: formatDateTimeIt,
    longDay: formatLongDayIt,
    number: formatCount,
  };
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function intlFormats(locale: Locale): Formats {
  const tag = INTL_TAGS[locale];
  const money = new Intl.NumberFormat(tag, { style: "currency", currency: "EUR" });
  const numbers = new Intl.NumberFormat(tag);
  // Calendar dates are read as UTC midnight and written in UTC, so that no time zone shifts them.
  const day = new Intl.DateTimeFormat(tag, {
    day: "numeric",
    month: "short",
    year: "numeric",
    timeZone: "UTC",
  });
  const long = new Intl.DateTimeFormat(tag, {
    weekday: "long",
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  });
  const instant = new Intl.DateTimeFormat(tag, {
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZone: TIME_ZONE,
  });
  const utcDay = (iso: string) => new Date(`${iso}T00:00:00Z`);
  const dayOf = (iso: string) => (DAY.test(iso) ? iso : romeDay(iso));
  return {
    locale,
    euro: (cents) => money.format(cents / 100),
    date: (iso) => (Number.isNaN(Date.parse(iso)) ? iso : day.format(utcDay(dayOf(iso)))),
    dateTime: (iso) => {
      if (DAY.test(iso)) return day.format(utcDay(iso));
      const t = Date.parse(iso);
      return Number.isNaN(t) ? iso : instant.format(new Date(t));
    },
    longDay: (d) => (DAY.test(d) ? long.format(utcDay(d)) : d),
    number: (n) => numbers.format(n),
  };
}

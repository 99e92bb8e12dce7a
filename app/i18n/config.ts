import type { InitOptions } from "i18next";

/**
 * The interface's languages. Italian is the portal's language and the fallback; English is offered
 * to residents who read Italian administrative language with difficulty. Shared by the server and
 * the browser: no server-only imports here.
 */
export const LOCALES = ["it", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "it";

/** The cookie that remembers the chosen language (a year, readable by the server only). */
export const LOCALE_COOKIE = "lingua";

/** BCP 47 tags for Intl: numbers, dates and money are written the way each language does. */
export const INTL_TAGS: Record<Locale, string> = { it: "it-IT", en: "en-GB" };

/** Each language's own name, as the switcher shows it. */
export const LOCALE_NAMES: Record<Locale, string> = { it: "Italiano", en: "English" };

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/** The namespace every page has: the layout, shared components, error pages. */
export const COMMON_NS = "common";

/** Options both sides give i18next; resources and language are added by each side. */
export const I18NEXT_OPTIONS: InitOptions = {
  supportedLngs: [...LOCALES],
  // A key missing in one language is a defect the message-file test catches, not a reason to
  // mix languages on a page.
  fallbackLng: false,
  defaultNS: COMMON_NS,
  fallbackNS: COMMON_NS,
  // React escapes what it renders.
  interpolation: { escapeValue: false },
  returnNull: false,
  initImmediate: false,
};

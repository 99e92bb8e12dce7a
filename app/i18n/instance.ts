import type { i18n as I18n, TFunction } from "i18next";
import { DEFAULT_LOCALE, isLocale, type Locale } from "~/i18n/config";

/**
 * Where code outside React (route `meta` functions) finds the i18next instance of a language. The
 * server registers one fully loaded instance per language, the browser its single instance.
 */
let resolver: ((locale: Locale) => I18n) | null = null;

export function registerI18n(resolve: (locale: Locale) => I18n): void {
  resolver = resolve;
}

export function i18nFor(locale: Locale): I18n {
  if (!resolver) throw new Error("i18n not registered: entry.server or entry.client must register it");
  return resolver(locale);
}

interface MatchWithData {
  id: string;
  data: unknown;
}

/** The page's language, from the root loader's data (Italian when it is not there, e.g. on errors). */
export function localeFromMatches(matches: readonly MatchWithData[] | undefined): Locale {
  const root = matches?.find((m) => m.id === "root")?.data as { locale?: unknown } | undefined;
  return isLocale(root?.locale) ? root.locale : DEFAULT_LOCALE;
}

/** Messages of one namespace in the page's language, for route `meta` functions. */
export function metaT(matches: readonly MatchWithData[] | undefined, ns: string): TFunction {
  const locale = localeFromMatches(matches);
  return i18nFor(locale).getFixedT(locale, ns);
}

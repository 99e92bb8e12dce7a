import { createCookie } from "@remix-run/node";
import type { TFunction } from "i18next";
import { RemixI18Next } from "remix-i18next/server";
import { DEFAULT_LOCALE, isLocale, LOCALE_COOKIE, LOCALES, type Locale } from "~/i18n/config";
import { serverI18n } from "~/i18n/resources.server";

const YEAR_SECONDS = 365 * 24 * 60 * 60;

/** The chosen language, remembered for a year. Not signed: it holds "it" or "en" and nothing else. */
export const localeCookie = createCookie(LOCALE_COOKIE, {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  maxAge: YEAR_SECONDS,
});

/** The language of a request: the cookie when the person chose one, else Accept-Language, else Italian. */
const detector = new RemixI18Next({
  detection: {
    supportedLanguages: [...LOCALES],
    fallbackLanguage: DEFAULT_LOCALE,
    cookie: localeCookie,
    // No ?lng= in addresses: the choice is made in the header and kept in the cookie.
    order: ["cookie", "header"],
  },
});

export async function localeOf(request: Request): Promise<Locale> {
  try {
    const locale = await detector.getLocale(request);
    return isLocale(locale) ? locale : DEFAULT_LOCALE;
  } catch {
    // A malformed cookie or header is no reason to fail the page.
    return DEFAULT_LOCALE;
  }
}

/** `Set-Cookie` for a chosen language. */
export function localeCookieHeader(locale: Locale, secure: boolean): Promise<string> {
  return localeCookie.serialize(locale, { secure });
}

/** Messages of one namespace in the request's language, for loaders and actions. */
export async function serverT(request: Request, ns: string): Promise<{ t: TFunction; locale: Locale }> {
  const locale = await localeOf(request);
  return { t: serverI18n(locale).getFixedT(locale, ns), locale };
}

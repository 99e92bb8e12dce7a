import type { ClientLoaderFunctionArgs } from "@remix-run/react";
import { useMatches } from "@remix-run/react";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { COMMON_NS, DEFAULT_LOCALE, isLocale, type Locale } from "~/i18n/config";
import { formatsFor, type Formats } from "~/i18n/format";
import { i18nFor, localeFromMatches } from "~/i18n/instance";

/** The id of the script that hands the page's messages to the browser. */
export const I18N_DATA_ID = "i18n-data";

/** What the browser needs to start i18next without a request: the language and the page's messages. */
export interface I18nData {
  locale: Locale;
  /** MESSAGES_VERSION, for the namespaces fetched later. */
  version: string;
  resources: Record<string, unknown>;
}

/** The page's language (root loader), Italian when the root loader has not answered. */
export function useLocale(): Locale {
  return localeFromMatches(useMatches());
}

/** Money, dates and numbers in the page's language. */
export function useFormat(): Formats {
  const locale = useLocale();
  return useMemo(() => formatsFor(locale), [locale]);
}

/** The namespaces the matched routes declare in `handle.i18n`, "common" first. */
export function useRouteNamespaces(): string[] {
  const matches = useMatches();
  const names = new Set<string>([COMMON_NS, VALIDATION_NS]);
  for (const m of matches) {
    const ns = (m.handle as { i18n?: string | string[] } | undefined)?.i18n;
    for (const n of typeof ns === "string" ? [ns] : (ns ?? [])) names.add(n);
  }
  return [...names];
}

/**
 * The page's messages as JSON for the browser's i18next (entry.client.tsx reads them before
 * hydrating). `<` is escaped so that no message can close the script.
 */
export function I18nScript({ version, nonce }: { version: string; nonce: string | undefined }) {
  const { i18n } = useTranslation();
  const namespaces = useRouteNamespaces();
  const locale = (isLocale(i18n.language) ? i18n.language : DEFAULT_LOCALE) as Locale;
  const key = `${locale}|${version}|${namespaces.join(",")}`;
  let json = i18nDataJson.get(key);
  if (json === undefined) {
    const resources: Record<string, unknown> = {};
    let complete = true;
    for (const ns of namespaces) {
      const bundle = i18n.getResourceBundle(locale, ns) as unknown;
      if (bundle) resources[ns] = bundle;
      else complete = false;
    }
    const data: I18nData = { locale, version, resources };
    json = JSON.stringify(data).replace(/</g, "\\u003c");
    // A version's messages do not change once loaded: the same page's script is written once.
    if (complete) i18nDataJson.set(key, json);
  }
  return (
    <script
      id={I18N_DATA_ID}
      type="application/json"
      nonce={nonce}
      suppressHydrationWarning
      dangerouslySetInnerHTML={{ __html: json }}
    />
  );
}

/** I18nScript's JSON by language, messages version and namespaces (a few dozen combinations). */
const i18nDataJson = new Map<string, string>();

/**
 * A route's `clientLoader` that makes sure its namespaces are in the browser before the page
 * renders on a client-side navigation (the first page has them in I18nScript), returning the
 * server loader's data unchanged. The route must have a server `loader` (`() => null` will do):
 * a route with a clientLoader and no loader is not rendered on the server at all.
 */
export function messagesLoader(namespaces: string[]) {
  return async ({ serverLoader }: ClientLoaderFunctionArgs) => {
    const [data] = await Promise.all([serverLoader(), i18nFor(DEFAULT_LOCALE).loadNamespaces(namespaces)]);
    return data;
  };
}

/** The namespace of the server's messages (form errors, refusals), keyed by their Italian text. */
export const VALIDATION_NS = "validation";

/**
 * A message the server wrote in Italian (a form error from a zod schema, a refusal), in the page's
 * language: looked up by its Italian text in the "validation" namespace; shown as written when the
 * page is Italian or the message has no translation.
 */
export function useServerText(): (message: string) => string {
  const { t, i18n } = useTranslation(VALIDATION_NS);
  return (message: string) =>
    i18n.language === DEFAULT_LOCALE
      ? message
      : t(message, { keySeparator: false, nsSeparator: false, defaultValue: message });
}

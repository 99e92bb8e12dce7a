import crypto from "node:crypto";
import i18next, { type i18n as I18n, type Resource } from "i18next";
import { initReactI18next } from "react-i18next";
import { I18NEXT_OPTIONS, type Locale } from "~/i18n/config";
import { MESSAGES } from "~/locales";

/** Every message of every language, as i18next reads them: `{ it: { common: {...} }, en: ... }`. */
export const RESOURCES: Resource = MESSAGES;

/**
 * A short fingerprint of all message files: the browser asks for a namespace with it, so the file
 * can be cached for a year and a new build still gets new messages.
 */
export const MESSAGES_VERSION = crypto
  .createHash("sha256")
  .update(JSON.stringify(RESOURCES))
  .digest("base64url")
  .slice(0, 12);

/** One instance per language, loaded once with every namespace: nothing to load per request. */
const instances = new Map<Locale, I18n>();

export function serverI18n(locale: Locale): I18n {
  let instance = instances.get(locale);
  if (!instance) {
    instance = i18next.createInstance();
    void instance.use(initReactI18next).init({
      ...I18NEXT_OPTIONS,
      lng: locale,
      resources: RESOURCES,
      ns: Object.keys(RESOURCES[locale] ?? {}),
    });
    rememberPlainMessages(instance);
    instances.set(locale, instance);
  }
  return instance;
}

/** One namespace's messages, or null when the language or namespace does not exist (own keys only). */
export function namespaceMessages(locale: Locale, ns: string): Record<string, unknown> | null {
  const language = Object.hasOwn(RESOURCES, locale) ? RESOURCES[locale] : undefined;
  const messages = language && Object.hasOwn(language, ns) ? language[ns] : undefined;
  return messages && typeof messages === "object" ? (messages as Record<string, unknown>) : null;
}

/** What the `t` of useTranslation or getFixedT adds to a call that names only a key. */
const FIXED_T_OPTIONS = new Set(["lng", "lngs", "ns", "keyPrefix"]);
const MAX_REMEMBERED = 50_000;

/**
 * i18next looks a key up anew at every call (namespaces, fallback namespace, nesting,
 * interpolation), and a page calls it hundreds of times. A server instance's messages never
 * change, so a message asked for by its key alone, with no value, count or default of its own, is
 * looked up once per language, namespaces and key, and remembered. Any other call goes to i18next.
 */
function rememberPlainMessages(instance: I18n): void {
  const lookUp = instance.t.bind(instance) as unknown as (...args: unknown[]) => unknown;
  const remembered = new Map<string, unknown>();
  instance.t = ((...args: unknown[]) => {
    const [key, options] = args;
    if (args.length > 2 || typeof key !== "string") return lookUp(...args);
    let lng = "";
    let ns = "";
    let keyPrefix = "";
    if (options !== undefined) {
      if (typeof options !== "object" || options === null) return lookUp(...args);
      for (const [name, value] of Object.entries(options)) {
        // getFixedT(null), as useTranslation calls it, passes `lngs: null`; a value of null is a value.
        if (value === undefined || (value === null && FIXED_T_OPTIONS.has(name))) continue;
        if (!FIXED_T_OPTIONS.has(name) || name === "lngs") return lookUp(...args);
        if (name === "lng" && typeof value === "string") lng = value;
        else if (name === "ns" && (typeof value === "string" || Array.isArray(value))) ns = String(value);
        else if (name === "keyPrefix" && typeof value === "string") keyPrefix = value;
        else return lookUp(...args);
      }
    }
    const id = `${lng}\0${ns}\0${keyPrefix}\0${key}`;
    let message = remembered.get(id);
    if (message === undefined) {
      message = lookUp(...args);
      if (remembered.size >= MAX_REMEMBERED) remembered.clear();
      remembered.set(id, message);
    }
    return message;
  }) as unknown as I18n["t"];
}

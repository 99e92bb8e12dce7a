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

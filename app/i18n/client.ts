import i18next, { type BackendModule, type i18n as I18n } from "i18next";
import { initReactI18next } from "react-i18next";
import { I18NEXT_OPTIONS, isLocale, DEFAULT_LOCALE } from "~/i18n/config";
import { registerI18n } from "~/i18n/instance";
import { I18N_DATA_ID, type I18nData } from "~/i18n/react";

/** Fetches a namespace the page did not bring, from /lingue/:locale/:ns.json (cached by version). */
function messagesBackend(version: string): BackendModule {
  return {
    type: "backend",
    init() {},
    read(language, namespace, callback) {
      const url = `/lingue/${encodeURIComponent(language)}/${encodeURIComponent(namespace)}.json?v=${version}`;
      fetch(url, { credentials: "same-origin" })
        .then((res) => (res.ok ? res.json() : Promise.reject(new Error(`${url}: ${res.status}`))))
        .then(
          (data) => callback(null, data),
          (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), false),
        );
    },
  };
}

/** The browser's i18next, started synchronously from the messages the server put in the page. */
export function startClientI18n(): I18n {
  const raw = document.getElementById(I18N_DATA_ID)?.textContent ?? "";
  let data: I18nData = { locale: DEFAULT_LOCALE, version: "", resources: {} };
  try {
    data = JSON.parse(raw) as I18nData;
  } catch {
    // No data (an error page rendered without the layout): i18next starts empty.
  }
  const locale = isLocale(data.locale) ? data.locale : DEFAULT_LOCALE;
  const instance = i18next.createInstance();
  void instance
    .use(initReactI18next)
    .use(messagesBackend(data.version))
    .init({
      ...I18NEXT_OPTIONS,
      lng: locale,
      ns: Object.keys(data.resources),
      resources: { [locale]: data.resources as Record<string, Record<string, unknown>> },
      // Namespaces not in the page come from the backend.
      partialBundledLanguages: true,
      react: { useSuspense: false },
    });
  registerI18n(() => instance);
  return instance;
}

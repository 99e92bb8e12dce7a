/**
 * The message files, one per language and namespace. Read by the server only (the browser gets
 * the namespaces of the page it shows, then fetches others from /lingue/:locale/:ns.json).
 * "validation" holds the server's Italian messages (form errors, refusals) keyed by their text.
 */
import enCommon from "~/locales/en/common.json";
import enTaxpayer from "~/locales/en/taxpayer.json";
import enValidation from "~/locales/en/validation.json";
import itCommon from "~/locales/it/common.json";
import itTaxpayer from "~/locales/it/taxpayer.json";
import itValidation from "~/locales/it/validation.json";

export const MESSAGES = {
  it: { common: itCommon, validation: itValidation, taxpayer: itTaxpayer },
  en: { common: enCommon, validation: enValidation, taxpayer: enTaxpayer },
};

/** A namespace: a group of messages that pages ask for together (handle.i18n). */
export type Namespace = keyof (typeof MESSAGES)["it"];

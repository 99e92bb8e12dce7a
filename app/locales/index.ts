/**
 * The message files, one per language and namespace. Read by the server only (the browser gets
 * the namespaces of the page it shows, then fetches others from /lingue/:locale/:ns.json).
 * "validation" holds the server's Italian messages (form errors, refusals) keyed by their text.
 */
import enArea from "~/locales/en/area.json";
import enCommon from "~/locales/en/common.json";
import enValidation from "~/locales/en/validation.json";
import itArea from "~/locales/it/area.json";
import itCommon from "~/locales/it/common.json";
import itValidation from "~/locales/it/validation.json";

export const MESSAGES = {
  it: { common: itCommon, validation: itValidation, area: itArea },
  en: { common: enCommon, validation: enValidation, area: enArea },
};

/** A namespace: a group of messages that pages ask for together (handle.i18n). */
export type Namespace = keyof (typeof MESSAGES)["it"];

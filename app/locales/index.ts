/**
 * The message files, one per language and namespace. Read by the server only (the browser gets
 * the namespaces of the page it shows, then fetches others from /lingue/:locale/:ns.json).
 */
import enCommon from "~/locales/en/common.json";
import itCommon from "~/locales/it/common.json";

export const MESSAGES = {
  it: { common: itCommon },
  en: { common: enCommon },
};

/** A namespace: a group of messages that pages ask for together (handle.i18n). */
export type Namespace = keyof (typeof MESSAGES)["it"];

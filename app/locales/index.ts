/**
 * The message files, one per language and namespace. Read by the server only (the browser gets
 * the namespaces of the page it shows, then fetches others from /lingue/:locale/:ns.json).
 * "validation" holds the server's Italian messages (form errors, refusals) keyed by their text.
 */
import enAccesses from "~/locales/en/accesses.json";
import enCommon from "~/locales/en/common.json";
import enDelegations from "~/locales/en/delegations.json";
import enRegistry from "~/locales/en/registry.json";
import enValidation from "~/locales/en/validation.json";
import itAccesses from "~/locales/it/accesses.json";
import itCommon from "~/locales/it/common.json";
import itDelegations from "~/locales/it/delegations.json";
import itRegistry from "~/locales/it/registry.json";
import itValidation from "~/locales/it/validation.json";

export const MESSAGES = {
  it: {
    common: itCommon,
    validation: itValidation,
    registry: itRegistry,
    accesses: itAccesses,
    delegations: itDelegations,
  },
  en: {
    common: enCommon,
    validation: enValidation,
    registry: enRegistry,
    accesses: enAccesses,
    delegations: enDelegations,
  },
};

/** A namespace: a group of messages that pages ask for together (handle.i18n). */
export type Namespace = keyof (typeof MESSAGES)["it"];

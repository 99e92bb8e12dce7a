/**
 * The message files, one per language and namespace. Read by the server only (the browser gets
 * the namespaces of the page it shows, then fetches others from /lingue/:locale/:ns.json).
 * "validation" holds the server's Italian messages (form errors, refusals) keyed by their text.
 */
import enAppointments from "~/locales/en/appointments.json";
import enCertificates from "~/locales/en/certificates.json";
import enCommon from "~/locales/en/common.json";
import enPratiche from "~/locales/en/pratiche.json";
import enValidation from "~/locales/en/validation.json";
import itAppointments from "~/locales/it/appointments.json";
import itCertificates from "~/locales/it/certificates.json";
import itCommon from "~/locales/it/common.json";
import itPratiche from "~/locales/it/pratiche.json";
import itValidation from "~/locales/it/validation.json";

export const MESSAGES = {
  it: {
    common: itCommon,
    validation: itValidation,
    certificates: itCertificates,
    pratiche: itPratiche,
    appointments: itAppointments,
  },
  en: {
    common: enCommon,
    validation: enValidation,
    certificates: enCertificates,
    pratiche: enPratiche,
    appointments: enAppointments,
  },
};

/** A namespace: a group of messages that pages ask for together (handle.i18n). */
export type Namespace = keyof (typeof MESSAGES)["it"];

/**
 * The message files, one per language and namespace. Read by the server only (the browser gets
 * the namespaces of the page it shows, then fetches others from /lingue/:locale/:ns.json).
 * "validation" holds the server's Italian messages (form errors, refusals) keyed by their text.
 */
import enAccesses from "~/locales/en/accesses.json";
import enAppointments from "~/locales/en/appointments.json";
import enArea from "~/locales/en/area.json";
import enCertificates from "~/locales/en/certificates.json";
import enCommon from "~/locales/en/common.json";
import enDelegations from "~/locales/en/delegations.json";
import enHome from "~/locales/en/home.json";
import enLegal from "~/locales/en/legal.json";
import enLogin from "~/locales/en/login.json";
import enMail from "~/locales/en/mail.json";
import enOpenData from "~/locales/en/openData.json";
import enPayments from "~/locales/en/payments.json";
import enPratiche from "~/locales/en/pratiche.json";
import enRegistry from "~/locales/en/registry.json";
import enTaxpayer from "~/locales/en/taxpayer.json";
import enValidation from "~/locales/en/validation.json";
import enVerify from "~/locales/en/verify.json";
import itAccesses from "~/locales/it/accesses.json";
import itAppointments from "~/locales/it/appointments.json";
import itArea from "~/locales/it/area.json";
import itCertificates from "~/locales/it/certificates.json";
import itCommon from "~/locales/it/common.json";
import itDelegations from "~/locales/it/delegations.json";
import itHome from "~/locales/it/home.json";
import itLegal from "~/locales/it/legal.json";
import itLogin from "~/locales/it/login.json";
import itMail from "~/locales/it/mail.json";
import itOpenData from "~/locales/it/openData.json";
import itPayments from "~/locales/it/payments.json";
import itPratiche from "~/locales/it/pratiche.json";
import itRegistry from "~/locales/it/registry.json";
import itTaxpayer from "~/locales/it/taxpayer.json";
import itValidation from "~/locales/it/validation.json";
import itVerify from "~/locales/it/verify.json";

export const MESSAGES = {
  it: {
    accesses: itAccesses,
    appointments: itAppointments,
    area: itArea,
    certificates: itCertificates,
    common: itCommon,
    delegations: itDelegations,
    home: itHome,
    legal: itLegal,
    login: itLogin,
    mail: itMail,
    openData: itOpenData,
    payments: itPayments,
    pratiche: itPratiche,
    registry: itRegistry,
    taxpayer: itTaxpayer,
    validation: itValidation,
    verify: itVerify,
  },
  en: {
    accesses: enAccesses,
    appointments: enAppointments,
    area: enArea,
    certificates: enCertificates,
    common: enCommon,
    delegations: enDelegations,
    home: enHome,
    legal: enLegal,
    login: enLogin,
    mail: enMail,
    openData: enOpenData,
    payments: enPayments,
    pratiche: enPratiche,
    registry: enRegistry,
    taxpayer: enTaxpayer,
    validation: enValidation,
    verify: enVerify,
  },
};

/** A namespace: a group of messages that pages ask for together (handle.i18n). */
export type Namespace = keyof (typeof MESSAGES)["it"];

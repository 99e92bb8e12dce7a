import type { Credential } from "~/rules/identity";

/** How the credentials, their levels and the attributes they carry are named to citizens. */
export const CREDENTIAL_LABELS: Record<Credential, string> = {
  spid: "SPID",
  cie: "CIE (Carta d'identità elettronica)",
};

const LEVEL_LABELS: Record<Credential, Record<number, string>> = {
  spid: {
    1: "SPID livello 1 (nome utente e password)",
    2: "SPID livello 2 (password e secondo fattore)",
    3: "SPID livello 3 (dispositivo fisico)",
  },
  cie: {
    1: "CIE livello 1 (credenziali CieID)",
    2: "CIE livello 2 (credenziali CieID e secondo fattore)",
    3: "CIE livello 3 (la carta e il suo PIN)",
  },
};

/** The page of what the IdP sent at login (/area-personale/dati-spid), in the credential's words. */
export const RECEIVED_DATA: Record<Credential, { title: string; link: string }> = {
  spid: { title: "Dati SPID completi", link: "Vedi tutti i dati ricevuti da SPID" },
  cie: { title: "Dati ricevuti dalla CIE", link: "Vedi i dati ricevuti dalla CIE" },
};

/** "SPID livello 2 (password e secondo fattore)", "CIE livello 3 (la carta e il suo PIN)". */
export function levelLabel(credential: Credential, level: number): string {
  return LEVEL_LABELS[credential]?.[level] ?? `${credential.toUpperCase()} livello ${level}`;
}

export const ATTRIBUTE_LABELS: Record<string, string> = {
  spidCode: "Codice identificativo SPID",
  name: "Nome",
  familyName: "Cognome",
  fiscalNumber: "Codice fiscale",
  dateOfBirth: "Data di nascita",
  placeOfBirth: "Luogo di nascita",
  countyOfBirth: "Provincia di nascita",
  gender: "Sesso",
  email: "Posta elettronica",
  mobilePhone: "Telefono cellulare",
  digitalAddress: "Domicilio digitale (PEC)",
  domicileStreetAddress: "Indirizzo di domicilio",
  domicilePostalCode: "CAP di domicilio",
  domicileMunicipality: "Comune di domicilio",
  domicileProvince: "Provincia di domicilio",
  domicileNation: "Nazione di domicilio",
  ivaCode: "Partita IVA",
  companyName: "Ragione sociale",
  registeredOffice: "Sede legale",
  companyFiscalNumber: "Codice fiscale della società",
  idCard: "Documento di identità",
  expirationDate: "Scadenza dell'identità",
  address: "Indirizzo",
};

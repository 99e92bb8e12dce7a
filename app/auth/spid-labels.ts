/** How SPID levels and attributes are named to citizens. */
export const LEVEL_LABELS: Record<number, string> = {
  1: "SPID livello 1 (nome utente e password)",
  2: "SPID livello 2 (password e secondo fattore)",
  3: "SPID livello 3 (dispositivo fisico)",
};

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

/**
 * The people every seeded database contains, whatever its size: the demo logs in as them and the
 * tests look for them. Codici fiscali are fixed (computed from the data below; a unit test checks
 * it). Everything else about them (dates of payments, expiries) moves with the seed's `today`.
 */
import type { OperatorRole, Sex } from "../schema";

export interface PersonaData {
  codiceFiscale: string;
  name: string;
  surname: string;
  sex: Sex;
  birthDate: string;
  birthPlace: string;
  birthBelfiore: string;
  birthProvince: string;
  /** Short Italian description for the demo login page and the README. */
  description: string;
}

export const PERSONA_FAMIGLIA = {
  codiceFiscale: "MRTCHR86C52L219H",
  name: "Chiara",
  surname: "Martinetti",
  sex: "F",
  birthDate: "1986-03-12",
  birthPlace: "Torino",
  birthBelfiore: "L219",
  birthProvince: "TO",
  description:
    "Residente a Torino con il marito e una figlia minorenne. Abitazione principale e una seconda casa: " +
    "saldo IMU da pagare, una rata TARI scaduta, bollo auto in scadenza, una pratica da integrare, " +
    "carta d'identità in scadenza entro 60 giorni, messaggi non letti e un appuntamento prenotato.",
} as const satisfies PersonaData;

export const PERSONA_GIOVANE = {
  codiceFiscale: "CLMFRC99R04A479D",
  name: "Federico",
  surname: "Colombo",
  sex: "M",
  birthDate: "1999-10-04",
  birthPlace: "Asti",
  birthBelfiore: "A479",
  birthProvince: "AT",
  description:
    "Giovane che vive da solo in affitto a Torino (TARI come inquilino, nessun immobile): una multa " +
    "della Polizia locale da pagare, una richiesta di certificato in lavorazione e un certificato già emesso.",
} as const satisfies PersonaData;

export const PERSONA_PENSIONATO = {
  codiceFiscale: "FRRGPP49B18A124H",
  name: "Giuseppe",
  surname: "Ferrero",
  sex: "M",
  birthDate: "1949-02-18",
  birthPlace: "Alba",
  birthBelfiore: "A124",
  birthProvince: "CN",
  description:
    "Pensionato che vive da solo a Torino nella casa di proprietà (abitazione principale, IMU non dovuta): " +
    "ha ricevuto un rimborso IMU ed è in regola con tutti i pagamenti.",
} as const satisfies PersonaData;

/**
 * Not in the demo's list: with `seed({ richDossier })` only (the benchmark's scale curve), a resident
 * whose dossier holds about a hundred times the rows of a usual one.
 */
export const RICH_DOSSIER_RESIDENT = {
  codiceFiscale: "BBNTTR62E20L219I",
  name: "Ettore",
  surname: "Abbondanza",
  sex: "M",
  birthDate: "1962-05-20",
  birthPlace: "Torino",
  birthBelfiore: "L219",
  birthProvince: "TO",
  description:
    "Residente a Torino con immobili in ogni comune, decine di veicoli, pratiche e certificati: " +
    "il caso peggiore della Scrivania.",
} as const satisfies PersonaData;

export const PERSONAS = {
  famiglia: PERSONA_FAMIGLIA,
  giovane: PERSONA_GIOVANE,
  pensionato: PERSONA_PENSIONATO,
} as const;

export type PersonaKey = keyof typeof PERSONAS;

/**
 * People of the demo who are not residents (no citizens row): they log in and act for others
 * through the delegations db/seed/delegations.ts writes.
 */
export const PERSONA_DELEGATA = {
  codiceFiscale: "FRRLNE78H61L219D",
  name: "Elena",
  surname: "Ferrero",
  sex: "F",
  birthDate: "1978-06-21",
  birthPlace: "Torino",
  birthBelfiore: "L219",
  birthProvince: "TO",
  description:
    "Figlia di Giuseppe Ferrero, vive a Lione e non è residente: ha dal padre una delega per i pagamenti " +
    "e una delega di Federico Colombo in attesa della sua accettazione.",
} as const satisfies PersonaData;

export const NON_RESIDENT_PERSONAS = {
  delegata: PERSONA_DELEGATA,
} as const;

export interface OperatorPersona {
  codiceFiscale: string;
  name: string;
  surname: string;
  sex: Sex;
  birthDate: string;
  birthBelfiore: string;
  /** IPA code of the ente the operator works for. */
  enteIpa: string;
  /** `kind` of the operator's office within the ente. */
  officeKind: string;
  role: OperatorRole;
  /** Further entes the same person works for (one operator record each): they choose after login. */
  alsoAt?: readonly { enteIpa: string; officeKind: string; role: OperatorRole }[];
  /** True when the same person is also a resident (a citizens row with the same codice fiscale). */
  alsoResident: boolean;
  description: string;
}

export const OPERATOR_PERSONAS = {
  torinoAnagrafe: {
    codiceFiscale: "BSOSLV78E54L219C",
    name: "Silvia",
    surname: "Bosio",
    sex: "F",
    birthDate: "1978-05-14",
    birthBelfiore: "L219",
    enteIpa: "c_l219",
    officeKind: "anagrafe",
    role: "anagrafe",
    alsoResident: false,
    description: "Operatrice dell'Anagrafe del Comune di Torino.",
  },
  torinoTributi: {
    codiceFiscale: "GRBRRT71P02D205T",
    name: "Roberto",
    surname: "Gribaudo",
    sex: "M",
    birthDate: "1971-09-02",
    birthBelfiore: "D205",
    enteIpa: "c_l219",
    officeKind: "tributi",
    role: "tributi",
    alsoResident: true,
    description: "Operatore dell'Ufficio tributi del Comune di Torino, anche lui residente a Torino.",
  },
  torinoPagamenti: {
    codiceFiscale: "GRDMRT85A63L219Y",
    name: "Marta",
    surname: "Giordano",
    sex: "F",
    birthDate: "1985-01-23",
    birthBelfiore: "L219",
    enteIpa: "c_l219",
    officeKind: "pagamenti",
    role: "pagamenti",
    alsoResident: false,
    description: "Operatrice del Servizio entrate e pagamenti del Comune di Torino.",
  },
  torinoAuditor: {
    codiceFiscale: "RSSSFN69S30A479D",
    name: "Stefano",
    surname: "Rosso",
    sex: "M",
    birthDate: "1969-11-30",
    birthBelfiore: "A479",
    enteIpa: "c_l219",
    officeKind: "urp",
    role: "auditor",
    alsoResident: false,
    description: "Responsabile dei controlli sugli accessi ai dati del Comune di Torino.",
  },
  torinoAdmin: {
    codiceFiscale: "GHNLSN80C48G674G",
    name: "Alessandra",
    surname: "Ghione",
    sex: "F",
    birthDate: "1980-03-08",
    birthBelfiore: "G674",
    enteIpa: "c_l219",
    officeKind: "urp",
    role: "admin",
    alsoResident: false,
    description: "Amministratrice degli operatori e delle chiavi API del Comune di Torino.",
  },
  moncalieriAnagrafe: {
    codiceFiscale: "BRGVLR83L59F335Y",
    name: "Valeria",
    surname: "Borgna",
    sex: "F",
    birthDate: "1983-07-19",
    birthBelfiore: "F335",
    enteIpa: "c_f335",
    officeKind: "anagrafe",
    role: "anagrafe",
    alsoResident: false,
    description: "Operatrice dell'Anagrafe del Comune di Moncalieri: non vede i residenti di Torino.",
  },
  regioneBollo: {
    codiceFiscale: "PRTNRC75T11F952A",
    name: "Enrico",
    surname: "Perotti",
    sex: "M",
    birthDate: "1975-12-11",
    birthBelfiore: "F952",
    enteIpa: "r_piemon",
    officeKind: "bollo",
    role: "pagamenti",
    alsoResident: false,
    description:
      "Operatore dell'Ufficio tasse automobilistiche della Regione Piemonte (pagamenti della Regione).",
  },
  moncalieriPagamenti: {
    codiceFiscale: "CRTLRA87D49F335L",
    name: "Laura",
    surname: "Cerutti",
    sex: "F",
    birthDate: "1987-04-09",
    birthBelfiore: "F335",
    enteIpa: "c_f335",
    officeKind: "pagamenti",
    role: "pagamenti",
    alsoAt: [{ enteIpa: "c_c860", officeKind: "pagamenti", role: "pagamenti" }],
    alsoResident: false,
    description:
      "Operatrice del servizio entrate associato dei Comuni di Moncalieri e Collegno: dopo l'accesso sceglie per quale ente lavorare.",
  },
} as const satisfies Record<string, OperatorPersona>;

export type OperatorKey = keyof typeof OPERATOR_PERSONAS;

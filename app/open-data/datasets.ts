import { MIN_PEOPLE } from "~/open-data/suppression";

/**
 * The open datasets the portal publishes (docs/decisions/033-open-data.md): aggregates of its own
 * data, never about a person. What is said here is shown on /dati-aperti, written in the DCAT-AP_IT
 * catalogue and is the header of each CSV, so that the three cannot disagree.
 */

export interface OpenDataColumn {
  name: string;
  /** Italian, for the page and the catalogue. */
  description: string;
  type: "testo" | "intero" | "decimale" | "mese (AAAA-MM)" | "trimestre (AAAA-Qn)";
}

/** Themes of the EU data-theme vocabulary (http://publications.europa.eu/resource/authority/data-theme). */
export type DataTheme = "GOVE" | "ECON" | "SOCI";

export interface OpenDataset {
  slug: OpenDataSlug;
  title: string;
  description: string;
  /** Who is counted for the suppression rule, in the plural ("debitori distinti"). */
  counted: string;
  columns: readonly OpenDataColumn[];
  theme: DataTheme;
  keywords: readonly string[];
  /** The chart on the page: what it shows and in which unit its values are. */
  chart: { title: string; unit: "euro" | "numero" };
}

export const OPEN_DATA_SLUGS = [
  "pagamenti-ricevuti",
  "pratiche",
  "certificati-rilasciati",
  "appuntamenti",
  "residenti",
] as const;

export type OpenDataSlug = (typeof OPEN_DATA_SLUGS)[number];

export function isOpenDataSlug(s: string): s is OpenDataSlug {
  return (OPEN_DATA_SLUGS as readonly string[]).includes(s);
}

/** The licence of every dataset. */
export const OPEN_DATA_LICENCE = {
  name: "Creative Commons Attribuzione 4.0 Internazionale (CC BY 4.0)",
  short: "CC BY 4.0",
  url: "https://creativecommons.org/licenses/by/4.0/",
  deed: "https://creativecommons.org/licenses/by/4.0/deed.it",
} as const;

/** The suppression rule as each dataset's description states it. */
export function suppressionRule(counted: string): string {
  return (
    `Per tutelare la riservatezza, le righe che riguardano meno di ${MIN_PEOPLE} ${counted} non sono pubblicate; ` +
    "il file non contiene righe di totale e ogni totale mostrato è la somma delle sole righe pubblicate."
  );
}

const MONTH: OpenDataColumn = {
  name: "mese",
  description: "Mese di calendario, ora italiana.",
  type: "mese (AAAA-MM)",
};
const ENTE_IPA: OpenDataColumn = {
  name: "ente_codice_ipa",
  description: "Codice dell'ente nell'Indice dei domicili digitali della pubblica amministrazione (IPA).",
  type: "testo",
};
const ENTE_NAME: OpenDataColumn = { name: "ente", description: "Denominazione dell'ente.", type: "testo" };

export const OPEN_DATASETS: Record<OpenDataSlug, OpenDataset> = {
  "pagamenti-ricevuti": {
    slug: "pagamenti-ricevuti",
    title: "Pagamenti ricevuti per ente, servizio e mese",
    description:
      "Pagamenti pagoPA andati a buon fine attraverso il polo regionale dei pagamenti: per ogni ente creditore, servizio e mese del pagamento, il numero di pagamenti, l'importo incassato e il numero di debitori distinti.",
    counted: "debitori distinti",
    columns: [
      MONTH,
      ENTE_IPA,
      ENTE_NAME,
      {
        name: "servizio",
        description:
          "Servizio della posizione debitoria: IMU, TARI, BOLLO, MULTA, TICKET, ACCERTAMENTO, SERVIZI.",
        type: "testo",
      },
      {
        name: "pagamenti",
        description: "Numero di ricevute di pagamento con esito positivo.",
        type: "intero",
      },
      {
        name: "importo_euro",
        description: "Importo incassato in euro, punto come separatore decimale.",
        type: "decimale",
      },
      { name: "debitori", description: "Numero di debitori distinti (codici fiscali).", type: "intero" },
    ],
    theme: "ECON",
    keywords: ["pagamenti", "pagoPA", "entrate"],
    chart: { title: "Importo incassato per mese (ultimi 12 mesi con dati)", unit: "euro" },
  },
  pratiche: {
    slug: "pratiche",
    title: "Pratiche per tipo, stato e trimestre",
    description:
      "Richieste presentate dai cittadini agli enti (pratiche), per trimestre di presentazione, tipo e stato attuale, con il numero di richiedenti distinti e, per le pratiche concluse (accettate o respinte), la durata mediana in giorni dalla presentazione alla conclusione. Le bozze non presentate non sono contate. La durata mediana è indicata solo quando riguarda almeno 5 pratiche concluse.",
    counted: "richiedenti distinti",
    columns: [
      {
        name: "trimestre",
        description: "Trimestre di presentazione della pratica.",
        type: "trimestre (AAAA-Qn)",
      },
      {
        name: "tipo",
        description: "Codice del tipo di pratica, per esempio cambio_residenza.",
        type: "testo",
      },
      {
        name: "stato",
        description:
          "Stato attuale: inviata, protocollata, in_lavorazione, da_integrare, accettata, respinta.",
        type: "testo",
      },
      { name: "pratiche", description: "Numero di pratiche.", type: "intero" },
      { name: "richiedenti", description: "Numero di richiedenti distinti.", type: "intero" },
      {
        name: "durata_mediana_giorni",
        description:
          "Solo per le pratiche concluse: giorni di calendario dalla presentazione alla conclusione, valore mediano; vuoto negli altri casi.",
        type: "decimale",
      },
    ],
    theme: "GOVE",
    keywords: ["pratiche", "procedimenti amministrativi", "tempi"],
    chart: { title: "Pratiche per stato", unit: "numero" },
  },
  "certificati-rilasciati": {
    slug: "certificati-rilasciati",
    title: "Certificati anagrafici rilasciati per tipo e mese",
    description:
      "Certificati anagrafici rilasciati online dal portale, per tipo di certificato e mese di rilascio, con il numero di cittadini distinti che li hanno ottenuti.",
    counted: "cittadini distinti",
    columns: [
      MONTH,
      {
        name: "tipo",
        description: "Tipo di certificato: residenza, stato_famiglia, nascita.",
        type: "testo",
      },
      { name: "certificati", description: "Numero di certificati rilasciati.", type: "intero" },
      { name: "cittadini", description: "Numero di cittadini distinti.", type: "intero" },
    ],
    theme: "GOVE",
    keywords: ["certificati", "anagrafe", "servizi online"],
    chart: { title: "Certificati rilasciati per mese (ultimi 12 mesi con dati)", unit: "numero" },
  },
  appuntamenti: {
    slug: "appuntamenti",
    title: "Appuntamenti agli sportelli per ufficio e mese",
    description:
      "Appuntamenti prenotati dai cittadini presso gli uffici degli enti, per ufficio e mese dell'appuntamento: quelli già svolti e quelli fissati per i mesi successivi; gli appuntamenti annullati non sono contati.",
    counted: "cittadini distinti",
    columns: [
      MONTH,
      ENTE_IPA,
      ENTE_NAME,
      { name: "ufficio", description: "Denominazione dell'ufficio.", type: "testo" },
      { name: "appuntamenti", description: "Numero di appuntamenti prenotati o svolti.", type: "intero" },
      { name: "cittadini", description: "Numero di cittadini distinti.", type: "intero" },
    ],
    theme: "GOVE",
    keywords: ["appuntamenti", "sportelli", "uffici"],
    chart: { title: "Appuntamenti per mese (ultimi 12 mesi con dati)", unit: "numero" },
  },
  residenti: {
    slug: "residenti",
    title: "Residenti per comune, classe di età e sesso",
    description:
      "Popolazione residente secondo l'anagrafe al giorno di riferimento, per comune, classe di età in anni compiuti a quel giorno e sesso.",
    counted: "residenti",
    columns: [
      {
        name: "comune_codice_catastale",
        description: "Codice catastale (Belfiore) del comune.",
        type: "testo",
      },
      { name: "comune", description: "Denominazione del comune.", type: "testo" },
      {
        name: "classe_eta",
        description: "Classe di età in anni compiuti: 0-14, 15-24, 25-34, 35-44, 45-54, 55-64, 65-74, 75+.",
        type: "testo",
      },
      { name: "sesso", description: "Sesso: M oppure F.", type: "testo" },
      { name: "residenti", description: "Numero di residenti.", type: "intero" },
    ],
    theme: "SOCI",
    keywords: ["popolazione", "residenti", "anagrafe"],
    chart: { title: "Residenti per classe di età", unit: "numero" },
  },
};

/** The dataset's whole description: what it is, its suppression rule and its columns. */
export function fullDescription(d: OpenDataset): string {
  const columns = d.columns.map((c) => `${c.name} (${c.type}): ${c.description}`).join(" ");
  return `${d.description} ${suppressionRule(d.counted)} Colonne: ${columns}`;
}

/** One bar of a dataset's chart, summed from its published rows. */
export interface ChartItem {
  label: string;
  value: number;
}

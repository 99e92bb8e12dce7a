/**
 * The page-feedback widget of the Area personale (Designers Italia's "valutazione"): which pages
 * it rates, under which name each page is stored, the reasons a citizen may pick and the limits
 * of the text. Pure: no I/O, safe to import anywhere.
 */

/** Where the widget posts. */
export const PAGE_FEEDBACK_PATH = "/area-personale/valutazione";

/** The query parameter that tells the page how the rating went. */
export const PAGE_FEEDBACK_PARAM = "valutazione";
export type PageFeedbackOutcome = "grazie" | "gia-inviata";

export const PAGE_FEEDBACK_TEXT_MAX = 200;

export const PAGE_FEEDBACK_QUESTION = "Quanto sono chiare le informazioni su questa pagina?";

/**
 * Every page of the Area personale that shows the widget, as its route pattern: this is what is
 * stored, so that no record id ever reaches the table. app/rules/page-feedback.test.ts keeps the
 * list equal to the pages in app/routes.
 */
export const PAGE_FEEDBACK_PAGES = [
  "/area-personale",
  "/area-personale/accessi",
  "/area-personale/anagrafe",
  "/area-personale/appuntamenti",
  "/area-personale/appuntamenti/:id",
  "/area-personale/appuntamenti/prenota",
  "/area-personale/certificati",
  "/area-personale/certificati/richiedi",
  "/area-personale/contribuente",
  "/area-personale/contribuente/accertamenti",
  "/area-personale/contribuente/f24",
  "/area-personale/contribuente/immobili",
  "/area-personale/contribuente/imu/:anno",
  "/area-personale/contribuente/rimborsi",
  "/area-personale/contribuente/tari/:anno",
  "/area-personale/contribuente/veicoli",
  "/area-personale/dati-spid",
  "/area-personale/deleghe",
  "/area-personale/documenti",
  "/area-personale/messaggi",
  "/area-personale/messaggi/:id",
  "/area-personale/pagamenti",
  "/area-personale/pagamenti/:id",
  "/area-personale/pagamenti/carrello",
  "/area-personale/pagamenti/ricevute/:id",
  "/area-personale/pratiche",
  "/area-personale/pratiche/:id",
  "/area-personale/profilo",
] as const;

export type FeedbackPage = (typeof PAGE_FEEDBACK_PAGES)[number];

/** Short Italian names of the pages, for the ente's summary. */
export const PAGE_FEEDBACK_PAGE_LABEL: Record<FeedbackPage, string> = {
  "/area-personale": "Scrivania",
  "/area-personale/accessi": "Chi ha visto i miei dati",
  "/area-personale/anagrafe": "Dati anagrafici",
  "/area-personale/appuntamenti": "Appuntamenti",
  "/area-personale/appuntamenti/:id": "Dettaglio di un appuntamento",
  "/area-personale/appuntamenti/prenota": "Prenotazione di un appuntamento",
  "/area-personale/certificati": "Certificati",
  "/area-personale/certificati/richiedi": "Richiesta di un certificato",
  "/area-personale/contribuente": "Fascicolo del contribuente",
  "/area-personale/contribuente/accertamenti": "Avvisi di accertamento",
  "/area-personale/contribuente/f24": "Versamenti F24",
  "/area-personale/contribuente/immobili": "Immobili",
  "/area-personale/contribuente/imu/:anno": "IMU di un anno",
  "/area-personale/contribuente/rimborsi": "Rimborsi",
  "/area-personale/contribuente/tari/:anno": "TARI di un anno",
  "/area-personale/contribuente/veicoli": "Veicoli e bollo auto",
  "/area-personale/dati-spid": "Dati dell'identità digitale",
  "/area-personale/deleghe": "Deleghe",
  "/area-personale/documenti": "Documenti di identità",
  "/area-personale/messaggi": "Messaggi",
  "/area-personale/messaggi/:id": "Lettura di un messaggio",
  "/area-personale/pagamenti": "Pagamenti",
  "/area-personale/pagamenti/:id": "Dettaglio di un avviso",
  "/area-personale/pagamenti/carrello": "Carrello dei pagamenti",
  "/area-personale/pagamenti/ricevute/:id": "Ricevuta di pagamento",
  "/area-personale/pratiche": "Pratiche",
  "/area-personale/pratiche/:id": "Dettaglio di una pratica",
  "/area-personale/profilo": "Profilo e recapiti",
};

/**
 * What the citizen may add after the stars, in one short list: what worked and what did not
 * (the same list with or without JavaScript).
 */
export const PAGE_FEEDBACK_CHOICES = {
  "chiare-complete": "Le informazioni erano chiare e complete",
  "trovato-subito": "Ho trovato subito quello che cercavo",
  "poco-chiare": "Alcune informazioni non erano chiare",
  incomplete: "Mancavano delle informazioni",
  "non-trovato": "Non ho trovato quello che cercavo",
  "problemi-tecnici": "Ho avuto problemi tecnici",
  altro: "Altro",
} as const satisfies Record<string, string>;

export type PageFeedbackChoice = keyof typeof PAGE_FEEDBACK_CHOICES;

export const PAGE_FEEDBACK_CHOICE_CODES = Object.keys(PAGE_FEEDBACK_CHOICES) as [
  PageFeedbackChoice,
  ...PageFeedbackChoice[],
];

export function isPageFeedbackChoice(code: string): code is PageFeedbackChoice {
  return Object.prototype.hasOwnProperty.call(PAGE_FEEDBACK_CHOICES, code);
}

/** The name of a stored choice; a code no longer offered is shown as it is. */
export function pageFeedbackChoiceLabel(code: string): string {
  return isPageFeedbackChoice(code) ? PAGE_FEEDBACK_CHOICES[code] : code;
}

export function pageFeedbackPageLabel(page: string): string {
  return (PAGE_FEEDBACK_PAGE_LABEL as Record<string, string>)[page] ?? page;
}

/** "/a/b" and "/a/b/" as ["a", "b"]; an empty segment stays (and matches nothing). */
function segments(path: string): string[] {
  return path
    .replace(/(.)\/$/, "$1")
    .split("/")
    .slice(1);
}

/**
 * The stored name of the page at `pathname`: its pattern from PAGE_FEEDBACK_PAGES, static
 * segments winning over parameters (`/pagamenti/carrello` is not `/pagamenti/:id`); null for a
 * path that is not one of those pages.
 */
export function feedbackPageOf(pathname: string): FeedbackPage | null {
  if (!pathname.startsWith("/")) return null;
  const parts = segments(pathname);
  let best: { page: FeedbackPage; fixed: number } | null = null;
  for (const page of PAGE_FEEDBACK_PAGES) {
    const pattern = segments(page);
    if (pattern.length !== parts.length) continue;
    let fixed = 0;
    const matches = pattern.every((p, i) => {
      if (p.startsWith(":")) return parts[i]!.length > 0;
      fixed++;
      return p === parts[i];
    });
    if (matches && (!best || fixed > best.fixed)) best = { page, fixed };
  }
  return best?.page ?? null;
}

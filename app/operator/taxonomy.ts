/**
 * The pagoPA taxonomy codes ("dati specifici di riscossione") an operator picks from when creating
 * a debt position, with the words shown to them. IMU, TARI and traffic fines are the examples of
 * PAGOPA.md and the imposta di soggiorno is a code of pagoPA's published table; TEFA, bollo and
 * ticket are the codes the demo seed uses (db/seed/builder.ts, CATEGORY). Before a real ente uses
 * the portal, this list is checked against pagoPA's current "Tassonomia dei servizi di incasso";
 * any other code can be typed by hand ("Altra categoria").
 */
export interface TaxonomyCategory {
  code: string;
  label: string;
}

export const TAXONOMY_CATEGORIES: readonly TaxonomyCategory[] = [
  { code: "9/0101100IM/", label: "IMU - Imposta municipale propria" },
  { code: "9/0101101IM/", label: "TARI - Tassa sui rifiuti" },
  { code: "9/0701101IM/", label: "TEFA - Tributo provinciale per l'ambiente" },
  { code: "9/0101105IM/", label: "Imposta di soggiorno" },
  { code: "9/0102100SA/", label: "Sanzioni per violazioni del Codice della strada" },
  { code: "9/0201102IM/", label: "Tassa automobilistica regionale (bollo auto)" },
  { code: "9/0601124SP/", label: "Ticket per prestazioni sanitarie" },
];

/** The value of the select's "type the code yourself" choice. */
export const OTHER_CATEGORY = "altra";

/** "IMU - Imposta municipale propria (9/0101100IM/)", or the bare code when it is not in the list. */
export function categoryLabel(code: string): string {
  const known = TAXONOMY_CATEGORIES.find((c) => c.code === code);
  return known ? `${known.label} (${code})` : code;
}

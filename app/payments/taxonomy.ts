/**
 * The pagoPA taxonomy codes ("dati specifici di riscossione") the portal knows by name. IMU, TARI
 * and traffic fines are the examples of PAGOPA.md and the imposta di soggiorno is a code of
 * pagoPA's published table; TEFA, bollo and ticket are the codes the demo seed uses
 * (db/seed/builder.ts, CATEGORY). Before a real ente uses the portal, this list is checked against
 * pagoPA's current "Tassonomia dei servizi di incasso". Which code fits which service:
 * `SERVICE_TAXONOMY` in creditor-input.ts. Pure.
 */
export interface TaxonomyCategory {
  code: string;
  label: string;
}

export const TAXONOMY = {
  IMU: { code: "9/0101100IM/", label: "IMU - Imposta municipale propria" },
  TARI: { code: "9/0101101IM/", label: "TARI - Tassa sui rifiuti" },
  TEFA: { code: "9/0701101IM/", label: "TEFA - Tributo provinciale per l'ambiente" },
  SOGGIORNO: { code: "9/0101105IM/", label: "Imposta di soggiorno" },
  MULTA: { code: "9/0102100SA/", label: "Sanzioni per violazioni del Codice della strada" },
  BOLLO: { code: "9/0201102IM/", label: "Tassa automobilistica regionale (bollo auto)" },
  TICKET: { code: "9/0601124SP/", label: "Ticket per prestazioni sanitarie" },
} as const satisfies Record<string, TaxonomyCategory>;

/** The named codes, in the order of the operator's select. */
export const TAXONOMY_CATEGORIES: readonly TaxonomyCategory[] = Object.values(TAXONOMY);

/** "IMU - Imposta municipale propria (9/0101100IM/)", or the bare code when it is not in the list. */
export function categoryLabel(code: string): string {
  const known = TAXONOMY_CATEGORIES.find((c) => c.code === code);
  return known ? `${known.label} (${code})` : code;
}

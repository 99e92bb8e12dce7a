/**
 * The cells of a campaign file's row that the operator's form has no field for, or reads from a
 * control the file does not have, as zod schemas by column (position-import-csv.ts reads the
 * file; the rest of the row is checked as the form checks what an operator types). Server-only:
 * zod stays out of the import page's browser bundle.
 */
import { z } from "zod";
import { POSITION_SERVICES, type PositionService } from "~/payments/creditor-input";
import { parseFields } from "~/payments/position-schema.server";

const YES = ["si", "sì", "s", "1", "true", "vero", "x"] as const;
const NO = ["", "no", "n", "0", "false", "falso"] as const;

function clipEcho(s: string): string {
  return s.length > 40 ? `${s.slice(0, 39)}…` : s;
}

const SERVICES = POSITION_SERVICES.join(", ");

/** The single cells checked before the form's rules, by column key. */
const ROW_CELLS = {
  id: z.string().min(1, "Indica l'identificativo della posizione nel gestionale dell'ente."),
  tipo: z
    .string()
    .transform((s) => s.toUpperCase() || "F")
    .pipe(z.enum(["F", "G"], { error: "Indica F per una persona fisica o G per una persona giuridica." })),
  servizio: z.string().transform((cell, ctx): PositionService => {
    const service = cell.toUpperCase();
    if ((POSITION_SERVICES as readonly string[]).includes(service)) return service as PositionService;
    ctx.addIssue({
      code: "custom",
      message:
        service === ""
          ? `Indica il servizio: uno tra ${SERVICES}.`
          : `Il servizio «${clipEcho(cell)}» non è previsto: indica uno tra ${SERVICES}.`,
    });
    return z.NEVER;
  }),
  scade: z
    .string()
    .transform((s) => s.toLowerCase())
    .pipe(
      z.enum([...YES, ...NO], {
        error: "Scrivi «si» se dopo l'ultima scadenza l'avviso non è più pagabile, altrimenti «no».",
      }),
    )
    .transform((s) => (YES as readonly string[]).includes(s)),
};

/** The category cell: empty means the service's own, which SERVIZI and ACCERTAMENTO do not have. */
function categoryCell(service: PositionService | undefined) {
  return z
    .string()
    .transform((s) => s.toUpperCase())
    .refine((s) => s !== "" || (service !== "SERVIZI" && service !== "ACCERTAMENTO"), {
      message:
        service === "ACCERTAMENTO"
          ? "Per un avviso di accertamento indica la categoria del tributo accertato, per esempio 9/0101100IM/."
          : "Per un servizio dell'ente indica il codice della sua categoria (tassonomia pagoPA), per esempio 9/0201133IM/.",
    });
}

export type RowCellKey = keyof typeof ROW_CELLS | "categoria";

export interface RowCells {
  /** Each cell's value when it parsed (tipo and servizio uppercased, scade a yes/no). */
  values: { id?: string; tipo?: "F" | "G"; servizio?: PositionService; scade?: boolean; categoria?: string };
  /** The first message for each cell at fault, in the order of the checks. */
  errors: Array<[RowCellKey, string]>;
}

/** Checks a row's own cells (`cells` by column key, "" for a column the file does not have). */
export function parseRowCells(cells: Record<RowCellKey, string>): RowCells {
  const row = parseFields(ROW_CELLS, cells);
  const category = categoryCell(row.values.servizio).safeParse(cells.categoria);
  const errors = Object.entries(row.errors) as Array<[RowCellKey, string]>;
  if (!category.success) errors.push(["categoria", category.error.issues[0]!.message]);
  return {
    values: { ...row.values, ...(category.success ? { categoria: category.data } : {}) },
    errors,
  };
}

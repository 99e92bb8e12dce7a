/**
 * The file of a tax campaign (docs/importazione-posizioni.md): one debt position per row, read as
 * CSV and checked row by row with the operator's position form rules (position-form.server.ts,
 * and through it the payments core's parsePositionInput): each row is turned into what the form
 * would have received and checked by the same function. This module only reads the file (its CSV
 * syntax with app/csv-reader.ts): the header, the cells the form has no field for (their zod
 * schemas are in position-import-row.server.ts; the ente's id is required here), and duplicate ids.
 * Pure: no I/O, fed text a chunk at a time so that a large upload is checked while it arrives.
 */
import { CREDITOR_LIMITS, POSITION_SERVICES, type NewPositionInput } from "~/payments/creditor-input";
import {
  FIELD,
  SERVICE_CATEGORY,
  type PositionFormValues,
  type PositionRowValues,
} from "~/operator/position-form";
import { parsePositionForm } from "~/operator/position-form.server";
import { parseRowCells } from "~/operator/position-import-row.server";
import { OTHER_CATEGORY, TAXONOMY_CATEGORIES } from "~/operator/taxonomy";
import { CsvReader, type CsvRecord } from "~/csv-reader";

/** The largest file accepted: a few hundred thousand rows. */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

// ---- the columns -----------------------------------------------------------------------------

/** The most instalments a row may carry: the core's limit. */
export const IMPORT_MAX_INSTALMENTS = CREDITOR_LIMITS.options;

export const IMPORT_COLUMN = {
  id: "idPosizioneEnte",
  tipo: "tipoDebitore",
  cf: "codiceFiscale",
  nominativo: "nominativo",
  servizio: "servizio",
  causale: "causale",
  categoria: "categoria",
  validita: "dataValidita",
  scade: "nonPagabileDopoScadenza",
  importo: (n: number) => `importo${n}`,
  scadenza: (n: number) => `scadenza${n}`,
} as const;

type SingleColumn = Exclude<keyof typeof IMPORT_COLUMN, "importo" | "scadenza">;

const REQUIRED: readonly SingleColumn[] = ["id", "cf", "nominativo", "servizio", "causale"];
const OPTIONAL: readonly SingleColumn[] = ["tipo", "categoria", "validita", "scade"];

/** What each column holds, for the import page and the documentation. */
export const IMPORT_COLUMN_DOCS: ReadonlyArray<{ name: string; required: boolean; content: string }> = [
  {
    name: IMPORT_COLUMN.id,
    required: true,
    content: `L'identificativo della posizione nel gestionale dell'ente (IUPD): da 1 a ${CREDITOR_LIMITS.iupd} caratteri tra lettere, cifre, punto, trattino e trattino basso. Una posizione già presente con lo stesso identificativo non viene creata di nuovo.`,
  },
  {
    name: IMPORT_COLUMN.tipo,
    required: false,
    content: "F per una persona fisica (se la colonna manca o è vuota), G per una persona giuridica.",
  },
  {
    name: IMPORT_COLUMN.cf,
    required: true,
    content:
      "Codice fiscale del debitore (16 caratteri), o partita IVA (11 cifre) per una persona giuridica.",
  },
  {
    name: IMPORT_COLUMN.nominativo,
    required: true,
    content: `Cognome e nome, o ragione sociale; al massimo ${CREDITOR_LIMITS.debtorName} caratteri.`,
  },
  {
    name: IMPORT_COLUMN.servizio,
    required: true,
    content: `Uno tra ${POSITION_SERVICES.join(", ")}.`,
  },
  {
    name: IMPORT_COLUMN.causale,
    required: true,
    content: `Quello che il debitore legge sull'avviso, al massimo ${CREDITOR_LIMITS.text} caratteri.`,
  },
  {
    name: IMPORT_COLUMN.categoria,
    required: false,
    content:
      "Codice della tassonomia pagoPA, per esempio 9/0101101IM/. Vuota: quella del servizio; obbligatoria per SERVIZI e ACCERTAMENTO.",
  },
  {
    name: IMPORT_COLUMN.validita,
    required: false,
    content: "Da quando l'avviso è pagabile (AAAA-MM-GG o GG/MM/AAAA). Vuota: subito.",
  },
  {
    name: IMPORT_COLUMN.scade,
    required: false,
    content: "«si» se dopo l'ultima scadenza l'avviso non è più pagabile; vuota o «no» altrimenti.",
  },
  {
    name: `${IMPORT_COLUMN.importo(1)}, ${IMPORT_COLUMN.scadenza(1)}`,
    required: true,
    content:
      "Importo in euro (1.234,56 oppure 1234.56) e scadenza (AAAA-MM-GG o GG/MM/AAAA) dell'unica soluzione o della prima rata.",
  },
  {
    name: `${IMPORT_COLUMN.importo(2)}, ${IMPORT_COLUMN.scadenza(2)} … ${IMPORT_COLUMN.importo(IMPORT_MAX_INSTALMENTS)}, ${IMPORT_COLUMN.scadenza(IMPORT_MAX_INSTALMENTS)}`,
    required: false,
    content: `Le rate successive, in ordine di scadenza (fino a ${IMPORT_MAX_INSTALMENTS}). Con due o più importi la posizione è a rate.`,
  },
];

export interface ImportHeader {
  /** Cell index of each single column present. */
  index: Partial<Record<SingleColumn, number>>;
  /** Cell indexes of importoN / scadenzaN, for n = 1..instalments (-1 when absent). */
  importo: number[];
  scadenza: number[];
  instalments: number;
  width: number;
  /** The header's own spelling of each cell, for the error report. */
  names: string[];
}

export interface ImportRowError {
  /** The file's line, 1 for the header. */
  line: number;
  /** The column as the header names it; null when the error concerns the whole row. */
  column: string | null;
  message: string;
}

const SINGLE_BY_NAME = new Map<string, SingleColumn>(
  ([...REQUIRED, ...OPTIONAL] as SingleColumn[]).map((k) => [(IMPORT_COLUMN[k] as string).toLowerCase(), k]),
);

/** Reads the header line: every column known, none twice, the required ones present. */
export function readImportHeader(
  record: CsvRecord,
): { ok: true; header: ImportHeader } | { ok: false; errors: ImportRowError[] } {
  const errors: ImportRowError[] = [];
  const add = (column: string | null, message: string) => errors.push({ line: record.line, column, message });
  if (record.syntaxError) add(null, record.syntaxError);
  const index: ImportHeader["index"] = {};
  const importo: number[] = [];
  const scadenza: number[] = [];
  const seen = new Set<string>();
  record.cells.forEach((raw, i) => {
    const name = raw.trim();
    const key = name.toLowerCase();
    if (name === "") {
      add(null, `La colonna ${i + 1} dell'intestazione non ha nome.`);
      return;
    }
    if (seen.has(key)) {
      add(name, `La colonna «${name}» compare due volte nell'intestazione.`);
      return;
    }
    seen.add(key);
    const single = SINGLE_BY_NAME.get(key);
    if (single) {
      index[single] = i;
      return;
    }
    const m = /^(importo|scadenza)([1-9]\d?)$/.exec(key);
    const n = m ? Number(m[2]) : 0;
    if (m && n <= IMPORT_MAX_INSTALMENTS) {
      (m[1] === "importo" ? importo : scadenza)[n - 1] = i;
      return;
    }
    add(
      name,
      m
        ? `Al massimo ${IMPORT_MAX_INSTALMENTS} rate: la colonna «${name}» è di troppo.`
        : `La colonna «${name}» non è prevista. Le colonne sono descritte nella pagina dell'importazione; controlla come è scritto il nome.`,
    );
  });
  for (const k of REQUIRED)
    if (index[k] === undefined) add(IMPORT_COLUMN[k], `Manca la colonna obbligatoria «${IMPORT_COLUMN[k]}».`);
  const instalments = Math.max(importo.length, scadenza.length);
  if (importo[0] === undefined)
    add(IMPORT_COLUMN.importo(1), `Manca la colonna obbligatoria «${IMPORT_COLUMN.importo(1)}».`);
  if (scadenza[0] === undefined)
    add(IMPORT_COLUMN.scadenza(1), `Manca la colonna obbligatoria «${IMPORT_COLUMN.scadenza(1)}».`);
  for (let n = 2; n <= instalments; n++) {
    if (importo[n - 1] === undefined)
      add(
        IMPORT_COLUMN.importo(n),
        `Manca la colonna «${IMPORT_COLUMN.importo(n)}»: ogni rata ha importo e scadenza.`,
      );
    if (scadenza[n - 1] === undefined)
      add(
        IMPORT_COLUMN.scadenza(n),
        `Manca la colonna «${IMPORT_COLUMN.scadenza(n)}»: ogni rata ha importo e scadenza.`,
      );
  }
  if (errors.length) return { ok: false, errors };
  return {
    ok: true,
    header: {
      index,
      importo: Array.from({ length: instalments }, (_, i) => importo[i] ?? -1),
      scadenza: Array.from({ length: instalments }, (_, i) => scadenza[i] ?? -1),
      instalments,
      width: record.cells.length,
      names: record.cells.map((c) => c.trim()),
    },
  };
}

// ---- one row ---------------------------------------------------------------------------------

export type ImportRowResult =
  | { ok: true; line: number; input: NewPositionInput & { iupd: string } }
  | { ok: false; line: number; errors: ImportRowError[] };

/**
 * One data row checked as the position form checks what an operator types (parsePositionForm,
 * with `today` refusing due dates in the past), its errors named by the file's columns.
 */
export function readImportRow(header: ImportHeader, record: CsvRecord, today: string): ImportRowResult {
  const { line } = record;
  const errors: ImportRowError[] = [];
  const reported = new Set<string | null>();
  const add = (column: string | null, message: string) => {
    if (column !== null && reported.has(column)) return;
    reported.add(column);
    errors.push({ line, column, message });
  };
  if (record.syntaxError) add(null, record.syntaxError);
  if (record.cells.length !== header.width) {
    add(
      null,
      `La riga ha ${record.cells.length} ${record.cells.length === 1 ? "campo" : "campi"}, l'intestazione ${header.width}: controlla i separatori e le virgolette.`,
    );
    return { ok: false, line, errors };
  }
  const cell = (k: SingleColumn): string => {
    const i = header.index[k];
    return i === undefined ? "" : record.cells[i]!;
  };
  const nameOf = (k: SingleColumn): string => {
    const i = header.index[k];
    return i === undefined ? IMPORT_COLUMN[k] : header.names[i]!;
  };

  // What the form has no field for, or reads from a control the file does not have.
  const own = parseRowCells({
    id: cell("id"),
    tipo: cell("tipo"),
    servizio: cell("servizio"),
    scade: cell("scade"),
    categoria: cell("categoria"),
  });
  for (const [k, message] of own.errors) add(nameOf(k), message);
  const iupd = cell("id");
  const tipo = own.values.tipo ?? cell("tipo").toUpperCase();
  const servizio = own.values.servizio ?? cell("servizio").toUpperCase();
  const categoriaCell = cell("categoria").toUpperCase();

  const righe: PositionRowValues[] = [];
  for (let n = 0; n < header.instalments; n++)
    righe.push({
      importo: record.cells[header.importo[n]!]!,
      causale: "",
      scadenza: record.cells[header.scadenza[n]!]!,
    });
  const filled = righe.filter((r) => r.importo !== "" || r.scadenza !== "").length;
  const values: PositionFormValues = {
    tipo,
    cf: cell("cf"),
    nominativo: cell("nominativo"),
    servizio,
    descrizione: cell("causale"),
    iupd,
    validita: cell("validita"),
    categoria:
      categoriaCell === ""
        ? SERVICE_CATEGORY
        : TAXONOMY_CATEGORIES.some((c) => c.code === categoriaCell)
          ? categoriaCell
          : OTHER_CATEGORY,
    categoriaAltra: categoriaCell,
    modalita: filled > 1 ? "rate" : "unica",
    scade: own.values.scade ?? false,
    righe,
  };
  const parsed = parsePositionForm(values, today);
  if (!parsed.ok) {
    const columnOf = formFieldColumns(header, nameOf);
    for (const item of parsed.errors.summary) {
      const column = item.field === null ? null : (columnOf.get(item.field) ?? null);
      add(column, item.message);
    }
  }
  if (errors.length || !parsed.ok) return { ok: false, line, errors: sortByColumn(errors, header) };
  return { ok: true, line, input: { ...parsed.value, iupd } };
}

/** The form's field ids mapped to the file's column names. */
function formFieldColumns(header: ImportHeader, nameOf: (k: SingleColumn) => string): Map<string, string> {
  const m = new Map<string, string>([
    [FIELD.tipo, nameOf("tipo")],
    [FIELD.cf, nameOf("cf")],
    [FIELD.nominativo, nameOf("nominativo")],
    [FIELD.servizio, nameOf("servizio")],
    [FIELD.descrizione, nameOf("causale")],
    [FIELD.iupd, nameOf("id")],
    [FIELD.validita, nameOf("validita")],
    [FIELD.categoria, nameOf("categoria")],
    [FIELD.categoriaAltra, nameOf("categoria")],
    // Single payment or instalments follows from how many amounts the row has.
    [FIELD.modalita, header.names[header.importo[0]!]!],
  ]);
  for (let n = 1; n <= header.instalments; n++) {
    m.set(FIELD.importo(n), header.names[header.importo[n - 1]!]!);
    m.set(FIELD.scadenza(n), header.names[header.scadenza[n - 1]!]!);
    // An instalment's description is the position's causale in the file.
    m.set(FIELD.causale(n), nameOf("causale"));
  }
  return m;
}

function sortByColumn(errors: ImportRowError[], header: ImportHeader): ImportRowError[] {
  const order = (c: string | null) => (c === null ? -1 : header.names.indexOf(c));
  return [...errors].sort((a, b) => order(a.column) - order(b.column));
}

// ---- the whole file --------------------------------------------------------------------------

/** How many row errors a report lists; the count goes on beyond it. */
export const IMPORT_REPORT_MAX_ERRORS = 500;

export interface ImportReport {
  /** Data rows read (the header not included). */
  rows: number;
  /** The first IMPORT_REPORT_MAX_ERRORS errors, in file order. */
  errors: ImportRowError[];
  errorCount: number;
  rowsWithErrors: number;
}

/**
 * Reads a whole file, a chunk of text at a time: the header, then every row, each checked on its
 * own, and ids that repeat within the file. `onRow` receives the rows that pass (in order); the
 * report counts and lists what does not.
 */
export class ImportFileChecker {
  private header: ImportHeader | null = null;
  private headerFailed = false;
  private readonly ids = new Map<string, number>();
  private readonly reader: CsvReader;
  readonly report: ImportReport = { rows: 0, errors: [], errorCount: 0, rowsWithErrors: 0 };

  constructor(
    private readonly today: string,
    private readonly onRow?: (row: { line: number; input: NewPositionInput & { iupd: string } }) => void,
  ) {
    this.reader = new CsvReader((record) => this.record(record));
  }

  push(text: string): void {
    this.reader.push(text);
  }

  end(): ImportReport {
    this.reader.end();
    if (!this.header && !this.headerFailed)
      this.fail([
        { line: 1, column: null, message: "Il file è vuoto: manca anche l'intestazione delle colonne." },
      ]);
    else if (this.header && this.report.rows === 0)
      this.fail([
        { line: 2, column: null, message: "Il file non contiene posizioni: c'è solo l'intestazione." },
      ]);
    return this.report;
  }

  get ok(): boolean {
    return this.report.errorCount === 0;
  }

  private fail(errors: ImportRowError[]): void {
    this.report.errorCount += errors.length;
    this.report.rowsWithErrors++;
    for (const e of errors)
      if (this.report.errors.length < IMPORT_REPORT_MAX_ERRORS) this.report.errors.push(e);
  }

  private record(record: CsvRecord): void {
    if (this.headerFailed) return;
    if (!this.header) {
      const h = readImportHeader(record);
      if (h.ok) this.header = h.header;
      else {
        this.headerFailed = true;
        this.fail(h.errors);
      }
      return;
    }
    this.report.rows++;
    const row = readImportRow(this.header, record, this.today);
    const errors = row.ok ? [] : row.errors;
    const iupd = row.ok ? row.input.iupd : record.cells[this.header.index.id ?? -1]?.trim();
    if (iupd) {
      const first = this.ids.get(iupd);
      if (first !== undefined)
        errors.push({
          line: record.line,
          column: this.header.names[this.header.index.id!]!,
          message: `L'identificativo «${iupd}» è già alla riga ${first} di questo file: ogni posizione ha il suo.`,
        });
      else this.ids.set(iupd, record.line);
    }
    if (errors.length) {
      const names = this.header.names;
      const order = (c: string | null) => (c === null ? -1 : names.indexOf(c));
      this.fail(errors.sort((a, b) => order(a.column) - order(b.column)));
    } else if (row.ok) this.onRow?.({ line: row.line, input: row.input });
  }
}

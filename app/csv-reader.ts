/**
 * Reading CSV, one way for every file the portal takes in or checks: the operators' imports of
 * debt positions (app/operator/position-import-csv.ts) and, in the tests, the open datasets.
 * Pure: fed text a chunk at a time, so that a large upload is read while it arrives.
 */

export interface CsvRecord {
  /** The file's line (1-based) where the record starts. */
  line: number;
  cells: string[];
  /** Set when the record breaks the CSV syntax (a quote not closed, text after a closing quote). */
  syntaxError?: string;
}

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/**
 * A streaming RFC 4180 reader: fields separated by `;` (the Italian spreadsheets' list separator)
 * or `,`, chosen from the header line; fields may be quoted, with `""` for a quote and line breaks
 * inside; CRLF or LF line ends. Unquoted fields lose the spaces around them, quoted ones keep every
 * character. Blank lines are skipped. `push` text as it arrives, then `end`.
 */
export class CsvReader {
  private separator: number | null = null;
  private pending = "";
  private line = 1;
  private recordLine = 1;
  private cells: string[] = [];
  private field = "";
  private fieldStarted = false;
  private inQuotes = false;
  private afterQuote = false;
  private quotedField = false;
  private afterCR = false;
  private syntaxError: string | undefined;

  constructor(private readonly onRecord: (record: CsvRecord) => void) {}

  push(text: string): void {
    if (this.separator === null) {
      this.pending += text;
      const eol = this.pending.search(/[\r\n]/);
      if (eol < 0 && this.pending.length < 64 * 1024) return;
      this.separator = chooseSeparator(eol < 0 ? this.pending : this.pending.slice(0, eol));
      text = this.pending;
      this.pending = "";
    }
    this.scan(text);
  }

  end(): void {
    if (this.separator === null) {
      this.separator = chooseSeparator(this.pending);
      this.scan(this.pending);
      this.pending = "";
    }
    if (this.inQuotes)
      this.syntaxError ??= "Un campo tra virgolette non è chiuso: manca la virgoletta finale.";
    if (this.fieldStarted || this.cells.length > 0 || this.inQuotes) this.endRecord();
  }

  private endField(): void {
    this.cells.push(this.quotedField ? this.field : this.field.trim());
    this.field = "";
    this.fieldStarted = false;
    this.quotedField = false;
    this.afterQuote = false;
  }

  private endRecord(): void {
    this.endField();
    const blank = this.cells.length === 1 && this.cells[0] === "" && !this.syntaxError;
    if (!blank) {
      const record: CsvRecord = { line: this.recordLine, cells: this.cells };
      if (this.syntaxError) record.syntaxError = this.syntaxError;
      this.onRecord(record);
    }
    this.cells = [];
    this.syntaxError = undefined;
    this.inQuotes = false;
  }

  private scan(text: string): void {
    const sep = this.separator!;
    let runStart = -1;
    const flushRun = (to: number) => {
      if (runStart >= 0) {
        this.field += text.slice(runStart, to);
        runStart = -1;
      }
    };
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (this.inQuotes) {
        if (c === QUOTE) {
          flushRun(i);
          this.inQuotes = false;
          this.afterQuote = true;
        } else {
          if (c === LF) this.line++;
          if (runStart < 0) runStart = i;
        }
        continue;
      }
      if (this.afterCR) {
        this.afterCR = false;
        if (c === LF) continue;
      }
      if (c === sep) {
        flushRun(i);
        this.endField();
        this.fieldStarted = true;
      } else if (c === LF || c === CR) {
        flushRun(i);
        this.endRecord();
        this.line++;
        this.recordLine = this.line;
        this.afterCR = c === CR;
      } else if (c === QUOTE) {
        flushRun(i);
        if (this.afterQuote) {
          // "" inside a quoted field: one quote.
          this.field += '"';
          this.inQuotes = true;
          this.afterQuote = false;
        } else if (!this.quotedField && this.field.trim() === "") {
          this.field = "";
          this.quotedField = true;
          this.inQuotes = true;
          this.fieldStarted = true;
        } else {
          this.syntaxError ??=
            'Una virgoletta (") compare dentro un campo senza virgolette: racchiudi il campo tra virgolette e raddoppia quelle interne.';
          this.field += '"';
        }
      } else {
        if (this.afterQuote && c !== 0x20 && c !== 0x09) {
          this.syntaxError ??= "Dopo la virgoletta che chiude un campo ci può essere solo il separatore.";
          this.afterQuote = false;
        }
        if (!this.afterQuote) {
          if (runStart < 0) runStart = i;
          this.fieldStarted = true;
        }
      }
    }
    flushRun(text.length);
  }
}

function chooseSeparator(firstLine: string): number {
  const semicolons = firstLine.split(";").length - 1;
  const commas = firstLine.split(",").length - 1;
  return commas > semicolons ? 0x2c : 0x3b;
}

/**
 * CSV for spreadsheets used in Italian offices: `;` as separator (the list separator of the Italian
 * locale, where `,` is the decimal mark), CRLF line ends and every field quoted (RFC 4180), UTF-8
 * with a byte order mark so that spreadsheets read accents right. Cells that a spreadsheet would
 * take for a formula (starting with = + - @, tab or carriage return) get a leading apostrophe.
 */

export const CSV_SEPARATOR = ";";
export const CSV_BOM = "\uFEFF";

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '""';
  let s = String(value);
  if (FORMULA_START.test(s)) s = `'${s}`;
  return `"${s.replace(/"/g, '""')}"`;
}

export function csvLine(cells: ReadonlyArray<string | number | null | undefined>): string {
  return cells.map(csvCell).join(CSV_SEPARATOR);
}

export function toCsv(
  header: readonly string[],
  rows: ReadonlyArray<ReadonlyArray<string | number | null | undefined>>,
): string {
  return CSV_BOM + [csvLine(header), ...rows.map(csvLine)].join("\r\n") + "\r\n";
}

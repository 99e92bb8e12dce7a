/**
 * CSV of the open datasets: UTF-8 without byte order mark, comma as separator, a header row, CRLF
 * line ends, and a field quoted only when it holds a comma, a quote or a line break (RFC 4180).
 * Unlike the operators' exports (app/operator/csv.ts, `;` and every field quoted for Italian
 * spreadsheets) these files are read by programs, so numbers keep a dot as decimal mark and no
 * value is altered.
 */

export type CsvValue = string | number | null;

export function openCsvField(value: CsvValue): string {
  if (value === null) return "";
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toOpenCsv(header: readonly string[], rows: ReadonlyArray<readonly CsvValue[]>): string {
  return [header, ...rows].map((r) => r.map(openCsvField).join(",")).join("\r\n") + "\r\n";
}

/** Reads back what toOpenCsv wrote (RFC 4180): the header and the rows, as text. */
export function parseOpenCsv(text: string): { header: string[]; rows: string[][] } {
  const records: string[][] = [];
  let field = "";
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      record.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      record.push(field);
      records.push(record);
      record = [];
      field = "";
    } else field += ch;
  }
  if (field !== "" || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  const [header = [], ...rows] = records;
  return { header, rows };
}

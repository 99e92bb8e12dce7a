/**
 * CSV of the open datasets: UTF-8 without byte order mark, comma as separator, a header row, CRLF
 * line ends, and a field quoted only when it holds a comma, a quote or a line break (RFC 4180), or
 * begins or ends with a space, which readers that trim unquoted fields (app/csv-reader.ts) keep.
 * Unlike the operators' exports (app/operator/csv.ts, `;` and every field quoted for Italian
 * spreadsheets) these files are read by programs, so numbers keep a dot as decimal mark and no
 * value is altered.
 */

export type CsvValue = string | number | null;

export function openCsvField(value: CsvValue): string {
  if (value === null) return "";
  const s = String(value);
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toOpenCsv(header: readonly string[], rows: ReadonlyArray<readonly CsvValue[]>): string {
  return [header, ...rows].map((r) => r.map(openCsvField).join(",")).join("\r\n") + "\r\n";
}

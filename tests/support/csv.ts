import { CsvReader, type CsvRecord } from "~/csv-reader";

/** The records of a whole CSV text, fed to the portal's reader `chunk` characters at a time. */
export function csvRecords(text: string, chunk = text.length): CsvRecord[] {
  const out: CsvRecord[] = [];
  const reader = new CsvReader((r) => out.push(r));
  for (let at = 0; at < text.length; at += chunk) reader.push(text.slice(at, at + chunk));
  reader.end();
  return out;
}

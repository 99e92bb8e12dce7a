// The upload of a tax campaign's file (docs/decisions/013-tax-campaign-import.md): a multipart form
// with one CSV file of up to MAX_IMPORT_BYTES, far beyond readForm's 1 MiB. The file is decoded and
// checked row by row while it streams in; its text is kept (to be stored for the background
// import) only up to the limit. Used by the operator's page (after checkFormRequest: Origin and
// media type) and by /api/v1.
import crypto from "node:crypto";
import { unstable_parseMultipartFormData, type UploadHandler } from "@remix-run/node";
import { ImportFileChecker, MAX_IMPORT_BYTES, type ImportReport } from "~/operator/position-import-csv";

export { MAX_IMPORT_BYTES };
/** Room for boundaries and the small fields around the file. */
const MULTIPART_OVERHEAD_BYTES = 64 * 1024;
const MAX_TEXT_FIELD_BYTES = 8 * 1024;
const MAX_PARTS = 6;
/** Past the limit the rest is read and dropped up to this, so that the answer reaches the sender. */
const DRAIN_LIMIT_BYTES = 16 * 1024 * 1024;
const FILENAME_MAX = 200;

export type ImportUploadProblem = "missing" | "too_large" | "encoding";

export const IMPORT_UPLOAD_TEXT: Record<ImportUploadProblem, string> = {
  missing: "Scegli il file CSV delle posizioni da importare.",
  too_large: `Il file supera la dimensione massima di ${MAX_IMPORT_BYTES / 1024 / 1024} MB: dividilo in più file e importali uno alla volta.`,
  encoding:
    "Il file non è in codifica UTF-8. Salvalo dal foglio di calcolo come «CSV UTF-8 (delimitato da virgole)» o «CSV (UTF-8)» e riprova.",
};

/** A body that is not a multipart form with a readable structure, or with too many or too large fields. */
export class ImportUploadMalformed extends Error {
  constructor() {
    super("malformed upload");
  }
}

export interface ImportFile {
  /** The name the sender gave, without control characters, or null. */
  filename: string | null;
  text: string;
  sha256: string;
  bytes: number;
  report: ImportReport;
}

export interface ImportUpload {
  fields: Map<string, string>;
  file: ImportFile | null;
  /** Why the file was refused before its rows could be checked. */
  problem: ImportUploadProblem | null;
}

// eslint-disable-next-line no-control-regex -- removing control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu;

function cleanName(name: string | undefined): string | null {
  const s = (name ?? "").normalize("NFC").replace(CONTROL, "").trim().slice(0, FILENAME_MAX);
  return s === "" ? null : s;
}

/**
 * Reads the multipart body: text fields (a few kB each) in memory, the part named `fileField`
 * decoded as UTF-8 and fed to the row checker as it arrives. `onFileStart` runs when the file part
 * begins, with the fields read so far (the page checks its anti-forgery token there when it came
 * first, so that a forged upload is not read to the end). Throws ImportUploadMalformed for a body
 * that is not a readable multipart form.
 */
export async function readImportUpload(
  request: Request,
  opts: { fileField: string; today: string; onFileStart?: (fields: Map<string, string>) => void },
): Promise<ImportUpload> {
  const type = request.headers.get("Content-Type") ?? "";
  if (!/^multipart\/form-data;\s*boundary=/i.test(type)) throw new ImportUploadMalformed();
  const declared = Number(request.headers.get("Content-Length") ?? "NaN");
  const fields = new Map<string, string>();
  if (Number.isFinite(declared) && declared > MAX_IMPORT_BYTES + MULTIPART_OVERHEAD_BYTES) {
    // Read and dropped when not far beyond the limit, so that the sender gets the answer rather
    // than a connection closed under its upload; cut when far beyond.
    if (declared <= MAX_IMPORT_BYTES + MULTIPART_OVERHEAD_BYTES + DRAIN_LIMIT_BYTES && request.body) {
      const reader = request.body.getReader();
      for (;;) if ((await reader.read().catch(() => ({ done: true }))).done) break;
    } else await request.body?.cancel().catch(() => undefined);
    return { fields, file: null, problem: "too_large" };
  }

  let file: ImportFile | null = null;
  let problem: ImportUploadProblem | null = null;
  let parts = 0;
  const handler: UploadHandler = async ({ name, filename, data }) => {
    parts++;
    if (parts > MAX_PARTS) throw new ImportUploadMalformed();
    if (typeof filename !== "string") {
      const chunks: Uint8Array[] = [];
      let size = 0;
      for await (const chunk of data) {
        size += chunk.byteLength;
        if (size > MAX_TEXT_FIELD_BYTES) throw new ImportUploadMalformed();
        chunks.push(chunk);
      }
      if (!fields.has(name)) fields.set(name, Buffer.concat(chunks).toString("utf8"));
      return undefined;
    }
    if (name !== opts.fileField || file || problem) {
      let skipped = 0;
      for await (const chunk of data) {
        skipped += chunk.byteLength;
        if (skipped > DRAIN_LIMIT_BYTES) throw new ImportUploadMalformed();
      }
      return undefined;
    }
    opts.onFileStart?.(fields);
    const result = await readFilePart(data, filename, opts.today);
    if ("problem" in result) problem = result.problem;
    else file = result;
    return undefined;
  };

  try {
    await unstable_parseMultipartFormData(request, handler);
  } catch (err) {
    // A refusal thrown by onFileStart (the anti-forgery check) goes through as it is; anything else
    // is the multipart parser's: a body cut short, a broken boundary.
    if (err instanceof Response || err instanceof ImportUploadMalformed) throw err;
    throw new ImportUploadMalformed();
  }
  if (!file && !problem) problem = "missing";
  return { fields, file, problem };
}

async function readFilePart(
  data: AsyncIterable<Uint8Array>,
  filename: string,
  today: string,
): Promise<ImportFile | { problem: ImportUploadProblem }> {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  const hash = crypto.createHash("sha256");
  const checker = new ImportFileChecker(today);
  const texts: string[] = [];
  let bytes = 0;
  let problem: ImportUploadProblem | null = null;
  for await (const chunk of data) {
    bytes += chunk.byteLength;
    if (problem) {
      if (bytes > MAX_IMPORT_BYTES + DRAIN_LIMIT_BYTES) throw new ImportUploadMalformed();
      continue;
    }
    if (bytes > MAX_IMPORT_BYTES) {
      problem = "too_large";
      texts.length = 0;
      continue;
    }
    hash.update(chunk);
    let text: string;
    try {
      text = decoder.decode(chunk, { stream: true });
    } catch {
      problem = "encoding";
      texts.length = 0;
      continue;
    }
    texts.push(text);
    checker.push(text);
  }
  if (problem) return { problem };
  let tail: string;
  try {
    tail = decoder.decode();
  } catch {
    return { problem: "encoding" };
  }
  if (bytes === 0) return { problem: "missing" };
  texts.push(tail);
  checker.push(tail);
  const report = checker.end();
  return { filename: cleanName(filename), text: texts.join(""), sha256: hash.digest("hex"), bytes, report };
}

import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { unstable_parseMultipartFormData, type UploadHandler } from "@remix-run/node";

/**
 * Files citizens send with a pratica. The type is read from the first bytes of the content, never
 * from the name or the declared type; the size is counted while streaming to disk, so an oversized
 * upload is stopped without being held in memory. Files get random names under
 * `<dataDir>/uploads/`; the name the citizen gave is kept only in the database, for display.
 */

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
/** Room for the boundaries, the note and the token around the file. */
const MULTIPART_OVERHEAD_BYTES = 64 * 1024;
const MAX_TEXT_FIELD_BYTES = 8 * 1024;
const MAX_PARTS = 8;
const DRAIN_LIMIT_BYTES = 2 * MAX_UPLOAD_BYTES;

export interface DetectedType {
  mime: "application/pdf" | "image/jpeg" | "image/png";
  ext: "pdf" | "jpg" | "png";
  label: string;
}

const SIGNATURES: Array<{ bytes: number[]; type: DetectedType }> = [
  { bytes: [0x25, 0x50, 0x44, 0x46, 0x2d], type: { mime: "application/pdf", ext: "pdf", label: "PDF" } },
  { bytes: [0xff, 0xd8, 0xff], type: { mime: "image/jpeg", ext: "jpg", label: "JPEG" } },
  {
    bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
    type: { mime: "image/png", ext: "png", label: "PNG" },
  },
];

/** PDF (%PDF-), JPEG (FF D8 FF) or PNG (89 PNG CR LF SUB LF), from the first bytes; null otherwise. */
export function detectFileType(head: Uint8Array): DetectedType | null {
  for (const { bytes, type } of SIGNATURES) {
    if (head.length >= bytes.length && bytes.every((b, i) => head[i] === b)) return type;
  }
  return null;
}

export function uploadsDir(dataDir: string): string {
  return path.join(dataDir, "uploads");
}

/** A stored name is ours (hex and a known extension): never a path the request could choose. */
export function isStoredName(name: string): boolean {
  return /^[0-9a-f]{32}\.(pdf|jpg|png)$/.test(name);
}

export function storedFilePath(dataDir: string, storedName: string): string | null {
  return isStoredName(storedName) ? path.join(uploadsDir(dataDir), storedName) : null;
}

/**
 * Characters that must never reach a file name shown or offered back: C0 and C1 controls and DEL,
 * and those that reorder text on screen (bidi marks, embeddings, overrides and isolates, the Arabic
 * letter mark, line and paragraph separators), which can make `fattura\u202Efdp.exe` read as
 * `fatturaexe.pdf`.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE_NAME_CHARS = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu;
/** Characters that file systems or the Content-Disposition header treat specially. */
const RESERVED_NAME_CHARS = /["\\/<>:|?*]/g;
/** A trailing extension: a dot and up to ten letters or digits, at least one a letter ("v1.2" is none). */
const TRAILING_EXTENSION = /\.(?=[0-9]*[A-Za-z])[A-Za-z0-9]{1,10}$/;
const MAX_NAME_CHARS = 120;

/** Without control and bidi characters: safe to show, to log and to offer as a download name. */
export function stripUnsafeNameChars(name: string): string {
  return name.normalize("NFC").replace(UNSAFE_NAME_CHARS, "");
}

/**
 * The citizen's file name, made safe to show and to offer back as a download name: unsafe and
 * reserved characters removed, no leading or trailing dots, and the extension replaced by the one
 * of the type read from the content (`x.html` holding a PDF becomes `x.pdf`; a PNG named
 * `fattura.pdf` becomes `fattura.png`).
 */
export function cleanFilename(name: string | undefined, ext: DetectedType["ext"]): string {
  const trim = (s: string) => s.replace(/^[\s.]+|[\s.]+$/gu, "");
  const cleaned = trim(stripUnsafeNameChars(name ?? "").replace(RESERVED_NAME_CHARS, ""));
  let base = trim(cleaned.replace(TRAILING_EXTENSION, ""));
  const room = MAX_NAME_CHARS - ext.length - 1;
  const chars = [...base];
  if (chars.length > room) base = trim(chars.slice(0, room).join(""));
  return `${base || "documento"}.${ext}`;
}

/** The type of a stored file, from the extension we gave it when its content was checked. */
export function storedFileType(storedName: string): DetectedType | null {
  if (!isStoredName(storedName)) return null;
  const ext = storedName.slice(storedName.lastIndexOf(".") + 1);
  return SIGNATURES.find((s) => s.type.ext === ext)?.type ?? null;
}

export type UploadProblem = "missing" | "too_large" | "bad_type" | "malformed" | "too_many_parts";

export const UPLOAD_PROBLEM_TEXT: Record<UploadProblem, string> = {
  missing: "Scegli il file da allegare (PDF, JPEG o PNG, al massimo 10 MB).",
  too_large: "Il file supera la dimensione massima consentita di 10 MB. Riducilo o dividilo e riprova.",
  bad_type:
    "Il file non è un PDF, un'immagine JPEG o un'immagine PNG. Sono accettati solo questi formati, riconosciuti dal contenuto del file e non dal nome.",
  malformed: "Il modulo inviato non è completo. Ricarica la pagina e riprova.",
  too_many_parts: "Il modulo inviato contiene troppi campi. Ricarica la pagina e riprova.",
};

export class UploadRefused extends Error {
  constructor(
    readonly problem: UploadProblem,
    readonly status: 400 | 413 | 415,
  ) {
    super(problem);
  }
}

export interface ReceivedFile {
  tempPath: string;
  storedName: string;
  filename: string;
  mime: DetectedType["mime"];
  typeLabel: string;
  sizeBytes: number;
}

export interface ParsedUpload {
  fields: Map<string, string>;
  /** The one file received in the part named `fileField`, if any (empty parts are ignored). */
  file: ReceivedFile | null;
  /** Set when the file part was refused; the other fields are still read when possible. */
  problem: UploadProblem | null;
}

/**
 * Reads a multipart form with one file. Text fields are kept in memory up to a few kB each; the
 * file streams to a temporary name in the uploads folder and is checked as it arrives. The caller
 * must `finalizeUpload` or `discardUpload` the file.
 */
export async function parseUploadForm(
  request: Request,
  dataDir: string,
  fileField: string,
): Promise<ParsedUpload> {
  const parsed = await parseUploadFormFiles(request, dataDir, [fileField]);
  return {
    fields: parsed.fields,
    file: parsed.files.get(fileField) ?? null,
    problem: parsed.problems.get(fileField) ?? null,
  };
}

export interface ParsedUploads {
  /** Each text field's first value. */
  fields: Map<string, string>;
  /** Every value of each text field, in order (for repeated fields such as checkboxes). */
  values: Map<string, string[]>;
  /** The file received in each of the expected parts (empty parts are ignored). */
  files: Map<string, ReceivedFile>;
  /** The refused file parts, with why; the other fields are still read when possible. */
  problems: Map<string, UploadProblem>;
}

/**
 * parseUploadForm for a form with several files, one per named part (each checked as one), and up
 * to `maxParts` parts in all.
 */
export async function parseUploadFormFiles(
  request: Request,
  dataDir: string,
  fileFields: readonly string[],
  maxParts: number = MAX_PARTS,
): Promise<ParsedUploads> {
  const type = request.headers.get("Content-Type") ?? "";
  if (!/^multipart\/form-data;\s*boundary=/i.test(type)) throw new UploadRefused("malformed", 400);
  const declared = Number(request.headers.get("Content-Length") ?? "NaN");
  if (Number.isFinite(declared) && declared > MAX_UPLOAD_BYTES + MULTIPART_OVERHEAD_BYTES) {
    throw new UploadRefused("too_large", 413);
  }

  const dir = uploadsDir(dataDir);
  await fs.promises.mkdir(dir, { recursive: true });
  const fields = new Map<string, string>();
  const values = new Map<string, string[]>();
  const files = new Map<string, ReceivedFile>();
  const problems = new Map<string, UploadProblem>();
  let parts = 0;

  const handler: UploadHandler = async ({ name, filename, data }) => {
    parts++;
    if (parts > maxParts) throw new UploadRefused("too_many_parts", 400);
    if (typeof filename !== "string") {
      const chunks: Uint8Array[] = [];
      let size = 0;
      for await (const chunk of data) {
        size += chunk.byteLength;
        if (size > MAX_TEXT_FIELD_BYTES) throw new UploadRefused("malformed", 400);
        chunks.push(chunk);
      }
      const text = Buffer.concat(chunks).toString("utf8");
      if (!fields.has(name)) fields.set(name, text);
      values.set(name, [...(values.get(name) ?? []), text]);
      return undefined;
    }
    if (!fileFields.includes(name) || files.has(name) || problems.has(name)) {
      // An unexpected or second file: read past it without keeping anything.
      let skipped = 0;
      for await (const chunk of data) {
        skipped += chunk.byteLength;
        if (skipped > MAX_UPLOAD_BYTES) throw new UploadRefused("too_large", 413);
      }
      return undefined;
    }
    const result = await streamToTemp(dir, filename, data);
    if ("problem" in result) problems.set(name, result.problem);
    else if (result.file) files.set(name, result.file);
    return undefined;
  };

  try {
    await unstable_parseMultipartFormData(request, handler);
  } catch (err) {
    for (const file of files.values()) await discardUpload(file);
    if (err instanceof UploadRefused) throw err;
    throw new UploadRefused("malformed", 400);
  }
  return { fields, values, files, problems };
}

async function streamToTemp(
  dir: string,
  filename: string,
  data: AsyncIterable<Uint8Array>,
): Promise<{ file: ReceivedFile | null } | { problem: UploadProblem }> {
  const id = crypto.randomBytes(16).toString("hex");
  const tempPath = path.join(dir, `.${id}.part`);
  let handle: fs.promises.FileHandle | null = null;
  let size = 0;
  let detected: DetectedType | null = null;
  let head = Buffer.alloc(0);
  let failure: UploadProblem | null = null;
  try {
    for await (const chunk of data) {
      size += chunk.byteLength;
      // Past the limit the rest of the part is read and dropped, so that the answer reaches a
      // browser still sending; a sender that goes far beyond is cut off.
      if (size > DRAIN_LIMIT_BYTES) throw new UploadRefused("too_large", 413);
      if (failure) continue;
      if (size > MAX_UPLOAD_BYTES) {
        failure = "too_large";
        continue;
      }
      if (!detected) {
        head = Buffer.concat([head, chunk]);
        if (head.length < 8 && size < 8) continue;
        detected = detectFileType(head);
        if (!detected) {
          failure = "bad_type";
          continue;
        }
        handle = await fs.promises.open(tempPath, "wx", 0o600);
        await handle.write(head);
        head = Buffer.alloc(0);
        continue;
      }
      await handle!.write(chunk);
    }
    if (!failure && !detected) {
      // The part ended within its first bytes: empty (no file chosen) or too short to be one.
      if (size === 0) return { file: null };
      detected = detectFileType(head);
      if (!detected) failure = "bad_type";
      else {
        handle = await fs.promises.open(tempPath, "wx", 0o600);
        await handle.write(head);
      }
    }
    if (handle) {
      await handle.sync();
      await handle.close();
      handle = null;
    }
    if (failure) {
      await fs.promises.rm(tempPath, { force: true });
      return { problem: failure };
    }
    return {
      file: {
        tempPath,
        storedName: `${id}.${detected!.ext}`,
        filename: cleanFilename(filename, detected!.ext),
        mime: detected!.mime,
        typeLabel: detected!.label,
        sizeBytes: size,
      },
    };
  } catch (err) {
    if (handle) await handle.close().catch(() => undefined);
    await fs.promises.rm(tempPath, { force: true });
    throw err;
  }
}

/** Gives the temporary file its final name, once the database rows are committed. */
export async function finalizeUpload(dataDir: string, file: ReceivedFile): Promise<void> {
  const target = storedFilePath(dataDir, file.storedName);
  if (!target) throw new Error("invalid stored name");
  await fs.promises.rename(file.tempPath, target);
}

export async function discardUpload(file: ReceivedFile): Promise<void> {
  await fs.promises.rm(file.tempPath, { force: true });
}

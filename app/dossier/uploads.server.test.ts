import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  cleanFilename,
  detectFileType,
  discardUpload,
  finalizeUpload,
  isStoredName,
  MAX_UPLOAD_BYTES,
  parseUploadForm,
  storedFilePath,
  storedFileType,
  stripUnsafeNameChars,
  UploadRefused,
} from "~/dossier/uploads.server";

const PDF = Buffer.from("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", "latin1");
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46]);

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "uploads-test-"));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

function formRequest(fields: Record<string, string>, file?: { name: string; bytes: Uint8Array<ArrayBuffer>; type?: string }): Request {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  if (file) form.set("allegato", new Blob([file.bytes], { type: file.type ?? "application/octet-stream" }), file.name);
  return new Request("http://localhost/upload", { method: "POST", body: form });
}

const leftovers = () => fs.readdirSync(path.join(dataDir, "uploads")).filter((f) => f.endsWith(".part"));

describe("detectFileType", () => {
  it("recognises PDF, JPEG and PNG by their first bytes", () => {
    expect(detectFileType(PDF)?.mime).toBe("application/pdf");
    expect(detectFileType(JPEG)?.mime).toBe("image/jpeg");
    expect(detectFileType(PNG)?.mime).toBe("image/png");
  });
  it("refuses anything else, whatever its name", () => {
    expect(detectFileType(Buffer.from("hello, I am a PDF"))).toBeNull();
    expect(detectFileType(Buffer.from("%PDF"))).toBeNull();
    expect(detectFileType(Buffer.from([0x89, 0x50, 0x4e, 0x47]))).toBeNull();
    expect(detectFileType(Buffer.alloc(0))).toBeNull();
  });
});

describe("names", () => {
  it("keeps the citizen's name only for display, cleaned", () => {
    expect(cleanFilename("../../etc/passwd", "pdf")).toBe("etcpasswd.pdf");
    expect(cleanFilename('isee "2026".pdf', "pdf")).toBe("isee 2026.pdf");
    expect(cleanFilename("", "png")).toBe("documento.png");
    expect(cleanFilename(". .", "pdf")).toBe("documento.pdf");
    expect(cleanFilename(".pdf", "pdf")).toBe("pdf.pdf");
    expect(cleanFilename(" ..nascosto.pdf. ", "pdf")).toBe("nascosto.pdf");
  });
  it("gives the name the extension of the type read from the content", () => {
    expect(cleanFilename("x.html", "pdf")).toBe("x.pdf");
    expect(cleanFilename("fattura.pdf", "png")).toBe("fattura.png");
    expect(cleanFilename("foto.JPEG", "jpg")).toBe("foto.jpg");
    expect(cleanFilename("ISEE 2026.PDF", "pdf")).toBe("ISEE 2026.pdf");
    expect(cleanFilename("archivio.tar.gz", "pdf")).toBe("archivio.tar.pdf");
    expect(cleanFilename("verbale v1.2", "pdf")).toBe("verbale v1.2.pdf");
    expect(cleanFilename("scansione", "jpg")).toBe("scansione.jpg");
    const long = cleanFilename(`${"a".repeat(200)}.html`, "pdf");
    expect(long).toBe(`${"a".repeat(116)}.pdf`);
  });
  it("strips control and bidi characters", () => {
    // "fattura" + RIGHT-TO-LEFT OVERRIDE + "fdp.exe" reads as "fatturaexe.pdf".
    expect(cleanFilename("fattura\u202efdp.exe", "pdf")).toBe("fatturafdp.pdf");
    const bidi = ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"];
    for (const c of [...bidi, "\u200e", "\u200f", "\u061c", "\u0000", "\u0007", "\n", "\r", "\t", "\u001b", "\u007f", "\u0085", "\u009b"]) {
      const name = cleanFilename(`con${c}trollo.pdf`, "pdf");
      expect(name, JSON.stringify(c)).toBe("controllo.pdf");
    }
    expect(stripUnsafeNameChars("Ricevuta \u2067n. 12\u2069 – è già pagata")).toBe("Ricevuta n. 12 – è già pagata");
    // Letters of other scripts stay.
    expect(cleanFilename("وثيقة.pdf", "pdf")).toBe("وثيقة.pdf");
  });
  it("reads a stored file's type from the extension it was given", () => {
    expect(storedFileType("0123456789abcdef0123456789abcdef.png")?.mime).toBe("image/png");
    expect(storedFileType("0123456789abcdef0123456789abcdef.jpg")?.ext).toBe("jpg");
    expect(storedFileType("0123456789abcdef0123456789abcdef.pdf")?.mime).toBe("application/pdf");
    expect(storedFileType("x.html")).toBeNull();
  });
  it("accepts only generated stored names", () => {
    expect(isStoredName("0123456789abcdef0123456789abcdef.pdf")).toBe(true);
    expect(isStoredName("../0123456789abcdef0123456789abcdef.pdf")).toBe(false);
    expect(isStoredName("0123456789abcdef0123456789abcdef.exe")).toBe(false);
    expect(storedFilePath(dataDir, "x/../../y.pdf")).toBeNull();
  });
});

describe("parseUploadForm", () => {
  it("streams an accepted file to a temporary name and gives it its final name", async () => {
    const parsed = await parseUploadForm(
      formRequest({ csrf: "t", nota: "Allego l'ISEE" }, { name: "isee.pdf", bytes: PDF }),
      dataDir,
      "allegato",
    );
    expect(parsed.problem).toBeNull();
    expect(parsed.fields.get("nota")).toBe("Allego l'ISEE");
    expect(parsed.file?.mime).toBe("application/pdf");
    expect(parsed.file?.sizeBytes).toBe(PDF.length);
    expect(parsed.file?.filename).toBe("isee.pdf");
    expect(parsed.file?.storedName).toMatch(/^[0-9a-f]{32}\.pdf$/);
    await finalizeUpload(dataDir, parsed.file!);
    expect(fs.readFileSync(storedFilePath(dataDir, parsed.file!.storedName)!)).toEqual(PDF);
    expect(leftovers()).toEqual([]);
  });

  it("names a received file after the type of its content, without bidi characters", async () => {
    const polyglot = await parseUploadForm(
      formRequest({}, { name: "x\u202e.html", bytes: PDF, type: "text/html" }),
      dataDir,
      "allegato",
    );
    expect(polyglot.file?.filename).toBe("x.pdf");
    expect(polyglot.file?.storedName).toMatch(/\.pdf$/);
    await discardUpload(polyglot.file!);
    const png = await parseUploadForm(formRequest({}, { name: "fattura.pdf", bytes: PNG }), dataDir, "allegato");
    expect(png.file?.filename).toBe("fattura.png");
    expect(png.file?.mime).toBe("image/png");
    await discardUpload(png.file!);
    expect(leftovers()).toEqual([]);
  });

  it("refuses a text file renamed .pdf and declared as PDF", async () => {
    const parsed = await parseUploadForm(
      formRequest({ csrf: "t" }, { name: "documento.pdf", bytes: Buffer.from("solo testo"), type: "application/pdf" }),
      dataDir,
      "allegato",
    );
    expect(parsed.problem).toBe("bad_type");
    expect(parsed.file).toBeNull();
    expect(parsed.fields.get("csrf")).toBe("t");
    expect(leftovers()).toEqual([]);
  });

  it("refuses a file over 10 MB while streaming, keeping nothing on disk", async () => {
    const big = Buffer.alloc(MAX_UPLOAD_BYTES + 1);
    PDF.copy(big);
    const parsed = await parseUploadForm(formRequest({ csrf: "t" }, { name: "grande.pdf", bytes: big }), dataDir, "allegato");
    expect(parsed.problem).toBe("too_large");
    expect(parsed.file).toBeNull();
    expect(leftovers()).toEqual([]);
  }, 60_000);

  it("accepts a file of exactly 10 MB", async () => {
    const max = Buffer.alloc(MAX_UPLOAD_BYTES);
    PNG.copy(max);
    const parsed = await parseUploadForm(formRequest({}, { name: "foto.png", bytes: max }), dataDir, "allegato");
    expect(parsed.problem).toBeNull();
    expect(parsed.file?.sizeBytes).toBe(MAX_UPLOAD_BYTES);
    await discardUpload(parsed.file!);
    expect(leftovers()).toEqual([]);
  }, 60_000);

  it("treats an empty file field as no file", async () => {
    const parsed = await parseUploadForm(formRequest({ csrf: "t" }, { name: "", bytes: new Uint8Array(0) }), dataDir, "allegato");
    expect(parsed.file).toBeNull();
    expect(parsed.problem).toBeNull();
  });

  it("refuses a declared body over the limit before reading it", async () => {
    const req = new Request("http://localhost/upload", {
      method: "POST",
      headers: { "Content-Type": "multipart/form-data; boundary=x", "Content-Length": String(MAX_UPLOAD_BYTES * 2) },
      body: "--x--",
    });
    await expect(parseUploadForm(req, dataDir, "allegato")).rejects.toMatchObject({ problem: "too_large", status: 413 });
  });

  it("refuses a body that is not multipart, and oversized text fields", async () => {
    const notMultipart = new Request("http://localhost/upload", { method: "POST", body: new URLSearchParams({ a: "b" }) });
    await expect(parseUploadForm(notMultipart, dataDir, "allegato")).rejects.toBeInstanceOf(UploadRefused);
    const longNote = formRequest({ nota: "x".repeat(20_000) });
    await expect(parseUploadForm(longNote, dataDir, "allegato")).rejects.toMatchObject({ problem: "malformed" });
  });
});

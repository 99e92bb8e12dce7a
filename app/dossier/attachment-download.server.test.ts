import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { attachmentResponse, contentDisposition } from "~/dossier/attachment-download.server";
import { uploadsDir } from "~/dossier/uploads.server";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "attachment-download-test-"));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));
const config = { dataDir, demo: false, demoToday: undefined };

const PDF = Buffer.from("%PDF-1.4\n<html><script>alert(1)</script></html>\n%%EOF\n");
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

function store(bytes: Buffer, ext: "pdf" | "png"): string {
  const storedName = `${crypto.randomBytes(16).toString("hex")}.${ext}`;
  fs.mkdirSync(uploadsDir(dataDir), { recursive: true });
  fs.writeFileSync(path.join(uploadsDir(dataDir), storedName), bytes);
  return storedName;
}

describe("contentDisposition", () => {
  it("gives an ASCII fallback and the real name encoded as RFC 5987 asks", () => {
    expect(contentDisposition("l'ISEE (2026) è*.pdf")).toBe(
      `attachment; filename="l'ISEE (2026) _*.pdf"; filename*=UTF-8''l%27ISEE%20%282026%29%20%C3%A8%2A.pdf`,
    );
    expect(contentDisposition('a"b\\c%d.pdf')).toContain('filename="a_b_c_d.pdf"');
  });
});

describe("attachmentResponse", () => {
  it("serves the stored type's extension and Content-Type, whatever the row's name and type say", async () => {
    // A row written before names were cleaned: an HTML name with an override, on a PDF file.
    const pdf = await attachmentResponse(config, {
      filename: "x\u202elmth.html",
      storedName: store(PDF, "pdf"),
      mime: "text/html",
    });
    expect(pdf!.status).toBe(200);
    expect(pdf!.headers.get("content-type")).toBe("application/pdf");
    expect(pdf!.headers.get("content-disposition")).toBe(
      `attachment; filename="xlmth.pdf"; filename*=UTF-8''xlmth.pdf`,
    );
    expect(Buffer.from(await pdf!.arrayBuffer())).toEqual(PDF);

    const png = await attachmentResponse(config, {
      filename: "fattura.pdf",
      storedName: store(PNG, "png"),
      mime: "image/png",
    });
    expect(png!.headers.get("content-type")).toBe("image/png");
    expect(png!.headers.get("content-disposition")).toContain('filename="fattura.png"');
    expect(png!.headers.get("content-disposition")).not.toMatch(/\.pdf/);
  });

  it("answers null for a missing file or a name we did not give, outside demo mode", async () => {
    expect(
      await attachmentResponse(config, { filename: "a.pdf", storedName: `${"cd".repeat(16)}.pdf`, mime: "application/pdf" }),
    ).toBeNull();
    expect(await attachmentResponse(config, { filename: "a.pdf", storedName: "../a.pdf", mime: "application/pdf" })).toBeNull();
  });
});

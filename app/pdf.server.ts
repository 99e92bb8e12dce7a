import path from "node:path";

/**
 * Every PDF the portal produces (certificates, notices, receipts, F24 summaries) starts here: A4,
 * the design system's fonts as bootstrap-italia ships them, Italian metadata.
 */
// Resolved from the working directory: the server and the CLIs run from the project root.
const FONT_DIR = path.resolve("node_modules/bootstrap-italia/dist/fonts");

export const PDF_FONTS = {
  regular: path.join(FONT_DIR, "Titillium_Web/titillium-web-v10-latin-ext_latin-regular.ttf"),
  bold: path.join(FONT_DIR, "Titillium_Web/titillium-web-v10-latin-ext_latin-700.ttf"),
  mono: path.join(FONT_DIR, "Roboto_Mono/roboto-mono-v13-latin-ext_latin-regular.ttf"),
  serif: path.join(FONT_DIR, "Lora/lora-v20-latin-ext_latin-regular.ttf"),
} as const;

/** pdfkit is loaded by the first document, not at start: most processes never draw one. */
export async function createPdf(info: {
  title: string;
  subject?: string;
  author: string;
}): Promise<PDFKit.PDFDocument> {
  const { default: PDFDocument } = await import("pdfkit");
  const doc = new PDFDocument({
    size: "A4",
    margin: 50,
    lang: "it-IT",
    info: {
      Title: info.title,
      Subject: info.subject ?? info.title,
      Author: info.author,
      Creator: "Fascicolo del cittadino",
    },
    displayTitle: true,
    pdfVersion: "1.7",
  });
  doc.registerFont("regular", PDF_FONTS.regular);
  doc.registerFont("bold", PDF_FONTS.bold);
  doc.registerFont("mono", PDF_FONTS.mono);
  doc.registerFont("serif", PDF_FONTS.serif);
  doc.font("regular");
  return doc;
}

/** Collects a finished document into one buffer (documents are small: a few pages). */
export function pdfToBuffer(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
    doc.end();
  });
}

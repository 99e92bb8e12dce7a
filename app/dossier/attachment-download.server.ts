import fs from "node:fs";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { nowIso } from "~/clock.server";
import { formatDateTimeIt } from "~/rules/time";
import type { Config } from "~/env.server";
import { createPdf, pdfToBuffer } from "~/pdf.server";
import { cleanFilename, storedFilePath, storedFileType } from "~/dossier/uploads.server";

export interface DownloadableAttachment {
  filename: string;
  storedName: string;
  mime: string;
}

/** `filename` for plain ASCII clients and `filename*` (RFC 5987) for the real name. */
export function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, "_").replace(/["\\%]/g, "_");
  // encodeURIComponent leaves ' ( ) * as they are; RFC 5987 wants them encoded.
  const encoded = encodeURIComponent(filename).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

// nosniff and no-store come from the server's middleware for every personal page; the sandbox
// keeps a PDF opened in the browser from running anything with the portal's origin.
const DOWNLOAD_HEADERS = {
  "Content-Security-Policy": "sandbox; default-src 'none'",
  "Cache-Control": "no-store",
};

/**
 * A download has no page around it, so a refusal is a short Italian text rather than the site's
 * error page; the same words whether the attachment does not exist or is not the asker's.
 */
export function attachmentNotAvailable(): Response {
  return new Response("L'allegato che cerchi non esiste o non è disponibile con il tuo accesso.", {
    status: 404,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });
}

/**
 * The stored file of an attachment the caller has already been allowed to read, or null when it is
 * missing. Demo data describes attachments whose files were never uploaded: in demo mode they get a
 * stand-in document rather than a broken link.
 */
export async function attachmentResponse(
  config: Pick<Config, "dataDir" | "demo" | "demoToday">,
  attachment: DownloadableAttachment,
): Promise<Response | null> {
  const file = storedFilePath(config.dataDir, attachment.storedName);
  const stat = file ? await fs.promises.stat(file).catch(() => null) : null;
  // The type read from the content when the file was received (its stored extension) decides both
  // the Content-Type and the extension of the name offered, never the name the citizen gave. The
  // name is cleaned again here, so that rows stored before names were cleaned are served safely.
  const type = storedFileType(attachment.storedName);
  if (file && stat?.isFile() && type) {
    const stream = createReadableStreamFromReadable(fs.createReadStream(file));
    return new Response(stream, {
      status: 200,
      headers: {
        ...DOWNLOAD_HEADERS,
        "Content-Type": type.mime,
        "Content-Length": String(stat.size),
        "Content-Disposition": contentDisposition(cleanFilename(attachment.filename, type.ext)),
      },
    });
  }
  if (!config.demo) return null;
  const name = cleanFilename(attachment.filename, "pdf");
  const doc = await createPdf({ title: name, author: "Fascicolo del cittadino" });
  doc.font("bold").fontSize(16).text("Documento dimostrativo", { paragraphGap: 12 });
  doc
    .font("regular")
    .fontSize(11)
    .text(
      `Questo file sostituisce l'allegato «${name}» dei dati dimostrativi del portale, ` +
        `che non contengono il documento originale. Generato il ${formatDateTimeIt(nowIso(config))}.`,
    );
  const pdf = await pdfToBuffer(doc);
  return new Response(new Uint8Array(pdf), {
    status: 200,
    headers: {
      ...DOWNLOAD_HEADERS,
      "Content-Type": "application/pdf",
      "Content-Length": String(pdf.length),
      "Content-Disposition": contentDisposition(name),
    },
  });
}

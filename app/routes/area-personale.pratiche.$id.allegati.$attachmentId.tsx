import fs from "node:fs";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { requireCitizen } from "../auth/guards.server";
import { nowIso } from "../clock.server";
import { parseId, throwNotFound } from "../components/dossier/params";
import { formatDateTimeIt } from "../components/dossier/format";
import { createPdf, pdfToBuffer } from "../pdf.server";
import { getAttachmentForDownload } from "../dossier/practices.server";
import { storedFilePath } from "../dossier/uploads.server";

/** `filename` for plain ASCII clients and `filename*` (RFC 5987) for the real name. */
function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, "_").replace(/["\\%]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

// nosniff and no-store come from the server's middleware for every personal page; the sandbox
// keeps a PDF opened in the browser from running anything with the portal's origin.
const DOWNLOAD_HEADERS = {
  "Content-Security-Policy": "sandbox; default-src 'none'",
};

function notAvailable(): Response {
  return new Response("L'allegato che cerchi non esiste o non è disponibile con il tuo accesso.", {
    status: 404,
    headers: { "Content-Type": "text/plain; charset=utf-8" },
  });
}

/**
 * One attachment of one of the citizen's pratiche, only if both are theirs. A download has no
 * page around it, so a refusal is a short Italian text rather than the site's error page.
 */
export async function loader(args: LoaderFunctionArgs) {
  try {
    return await download(args);
  } catch (err) {
    if (err instanceof Response && err.status === 404) return notAvailable();
    throw err;
  }
}

async function download({ request, context, params }: LoaderFunctionArgs): Promise<Response> {
  const { citizenId } = await requireCitizen(request, context);
  const praticaId = parseId(params.id);
  const attachmentId = parseId(params.attachmentId);
  if (citizenId === null) throwNotFound();
  const attachment = await getAttachmentForDownload(context.db, citizenId, praticaId, attachmentId);
  if (!attachment) throwNotFound();

  const file = storedFilePath(context.config.dataDir, attachment.storedName);
  const stat = file ? await fs.promises.stat(file).catch(() => null) : null;
  if (file && stat?.isFile()) {
    const stream = createReadableStreamFromReadable(fs.createReadStream(file));
    return new Response(stream, {
      status: 200,
      headers: {
        ...DOWNLOAD_HEADERS,
        "Content-Type": attachment.mime,
        "Content-Length": String(stat.size),
        "Content-Disposition": contentDisposition(attachment.filename),
      },
    });
  }

  // Demo data describes attachments whose files were never uploaded: show a stand-in document
  // rather than a broken link. Outside the demo a missing file is a missing page.
  if (!context.config.demo) throwNotFound();
  const doc = createPdf({ title: attachment.filename, author: "Fascicolo del cittadino" });
  doc.font("bold").fontSize(16).text("Documento dimostrativo", { paragraphGap: 12 });
  doc
    .font("regular")
    .fontSize(11)
    .text(
      `Questo file sostituisce l'allegato «${attachment.filename}» dei dati dimostrativi del portale, ` +
        `che non contengono il documento originale. Generato il ${formatDateTimeIt(nowIso(context.config))}.`,
    );
  const pdf = await pdfToBuffer(doc);
  const name = attachment.filename.replace(/\.[A-Za-z0-9]{1,5}$/, "") + ".pdf";
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

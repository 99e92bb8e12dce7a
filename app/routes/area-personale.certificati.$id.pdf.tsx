import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireCitizen } from "~/auth/guards.server";
import {
  getCertificate,
  rebuildCertifiedContent,
  renderCertificatePdf,
} from "~/dossier/certificates.server";
import { notFound, parseId } from "~/http.server";

/**
 * A certificate's PDF, at once after issuing and at any later time: rebuilt from the registry as it
 * stood on the day of issue, so every download is the same document. SPID level 2, like issuing.
 */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { citizenId } = await requireCitizen(request, context, 2);
  // A download link opens outside the page: errors are plain Italian text, not a JSON body.
  const id = parseId(params.id);
  if (id === null || citizenId === null) throw notFound();
  const certificate = await getCertificate(context.db, citizenId, id);
  if (!certificate) throw notFound();
  const content = await rebuildCertifiedContent(context.db, certificate);
  if (!content) {
    throw new Response(
      "Non è possibile ricostruire questo certificato perché i dati anagrafici del giorno di emissione risultano " +
        "modificati. Richiedi un nuovo certificato o rivolgiti all'ufficio anagrafe.",
      { status: 409, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } },
    );
  }
  const pdf = await renderCertificatePdf({
    content,
    issuedAt: certificate.issued_at,
    contentHash: certificate.content_hash,
    verifyUrl: `${context.config.publicUrl}/verifica/${certificate.verification_code}`,
    portalName: context.config.org.displayName,
    demo: context.config.demo,
  });
  const filename = `certificato-${certificate.kind.replace("_", "-")}-${certificate.verification_code}.pdf`;
  return new Response(new Uint8Array(pdf), {
    status: 200,
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Content-Length": String(pdf.length),
      "Cache-Control": "no-store",
    },
  });
}

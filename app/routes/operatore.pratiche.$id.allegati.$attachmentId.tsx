import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireOperator } from "~/auth/guards.server";
import { attachmentNotAvailable, attachmentResponse } from "~/dossier/attachment-download.server";
import { portalNow } from "~/clock.server";
import { actorFrom } from "~/operator/actor";
import { praticaAreasForRoles } from "~/operator/sections";
import { getWorkAttachment, recordPraticaView } from "~/operator/worklist.server";
import { parseId } from "~/http.server";

/**
 * An attachment of a pratica of the ente, for an operator whose roles cover the pratica's area
 * (anagrafe or tributi), as on the pratica's page; anything else is the same 404. Each download
 * writes one row in the access log, with the pratica as the reason.
 */
export async function loader(args: LoaderFunctionArgs) {
  try {
    return await download(args);
  } catch (err) {
    // Not an operator: the same short answer as for anything else they may not open.
    if (err instanceof Response && err.status === 404) return attachmentNotAvailable();
    throw err;
  }
}

async function download({ request, context, params }: LoaderFunctionArgs): Promise<Response> {
  const { session, operator } = await requireOperator(request, context);
  const areas = praticaAreasForRoles(operator.roles);
  const praticaId = parseId(params.id);
  const attachmentId = parseId(params.attachmentId);
  if (!areas.length || praticaId === null || attachmentId === null) return attachmentNotAvailable();
  const actor = actorFrom(session, operator);
  const found = await getWorkAttachment(context.db, { actor, areas, praticaId, attachmentId });
  if (!found) return attachmentNotAvailable();
  const response = await attachmentResponse(context.config, found.attachment);
  if (!response) return attachmentNotAvailable();
  try {
    await recordPraticaView(context.db, context.config.auditHmacKey, {
      actor,
      pratica: found.pratica,
      attachmentId: found.attachment.id,
      now: portalNow(context.config),
    });
  } catch (err) {
    // No log row, no file: close the file opened for the response.
    await response.body?.cancel();
    throw err;
  }
  return response;
}

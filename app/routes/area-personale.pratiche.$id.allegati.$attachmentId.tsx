import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireCitizen } from "~/auth/guards.server";
import { requireId, throwNotFound } from "~/http.server";
import { attachmentNotAvailable, attachmentResponse } from "~/dossier/attachment-download.server";
import { getAttachmentForDownload } from "~/dossier/practices.server";

/** One attachment of one of the citizen's pratiche, only if both are theirs. */
export async function loader(args: LoaderFunctionArgs) {
  try {
    return await download(args);
  } catch (err) {
    if (err instanceof Response && err.status === 404) return attachmentNotAvailable();
    throw err;
  }
}

async function download({ request, context, params }: LoaderFunctionArgs): Promise<Response> {
  const { citizenId } = await requireCitizen(request, context);
  const praticaId = requireId(params.id);
  const attachmentId = requireId(params.attachmentId);
  if (citizenId === null) throwNotFound();
  const attachment = await getAttachmentForDownload(context.db, citizenId, praticaId, attachmentId);
  if (!attachment) throwNotFound();
  return (await attachmentResponse(context.config, attachment)) ?? attachmentNotAvailable();
}

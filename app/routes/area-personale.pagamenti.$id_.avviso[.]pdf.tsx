import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireCitizen } from "~/auth/guards.server";
import { requireId, throwNotFound } from "~/http.server";
import { buildNoticeDocument, renderNoticePdf } from "~/payments/notice-pdf.server";
import { getCitizenNotice } from "~/payments/positions.server";
import { pdfResponse } from "~/payments/web.server";

/** The printable pagoPA notice of one of the citizen's payment options. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { citizenId } = await requireCitizen(request, context);
  const optionId = requireId(params.id);
  if (citizenId === null) throwNotFound();
  const detail = await getCitizenNotice(context.db, { optionId, citizenId });
  if (!detail) throwNotFound();
  const pdf = await renderNoticePdf(buildNoticeDocument(detail), { author: detail.creditor.name });
  return pdfResponse(pdf, `avviso-${detail.nav}.pdf`);
}

import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireCitizen } from "~/auth/guards.server";
import { requireId, throwNotFound } from "~/http.server";
import { getCitizenReceipt } from "~/payments/positions.server";
import { renderReceiptPdf } from "~/payments/receipt-pdf.server";
import { pdfResponse } from "~/payments/web.server";

/** A receipt as PDF, for the debtor or the payer. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { person, citizenId } = await requireCitizen(request, context);
  const receiptId = requireId(params.id);
  const receipt = await getCitizenReceipt(context.db, {
    receiptId,
    citizenId,
    fiscalCode: person.codiceFiscale,
  });
  if (!receipt) throwNotFound();
  const hideDebtor = receipt.debtorCitizenId === null || receipt.debtorCitizenId !== citizenId;
  const pdf = await renderReceiptPdf(receipt, { author: receipt.company_name, hideDebtor });
  return pdfResponse(pdf, `ricevuta-${receipt.notice_number}.pdf`);
}

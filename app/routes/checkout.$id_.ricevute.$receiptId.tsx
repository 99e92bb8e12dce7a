import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireId, throwNotFound } from "~/http.server";
import { isCheckoutId } from "~/payments/checkout.server";
import { getCheckoutReceipts } from "~/payments/positions.server";
import { renderReceiptPdf } from "~/payments/receipt-pdf.server";
import { pdfResponse } from "~/payments/web.server";

/**
 * A receipt of a checkout as PDF, for whoever holds the checkout's id (128 random bits): the payer
 * without login has no other way back to it. The debtor's name and fiscal code are left out: the
 * holder of a notice may pay it without learning whose it is.
 */
export async function loader({ params, context }: LoaderFunctionArgs) {
  const id = params.id;
  if (!isCheckoutId(id)) throwNotFound();
  const receiptId = requireId(params.receiptId);
  const receipt = (await getCheckoutReceipts(context.db, id)).find((r) => r.id === receiptId);
  if (!receipt) throwNotFound();
  const pdf = await renderReceiptPdf(receipt, { author: receipt.company_name, hideDebtor: true });
  return pdfResponse(pdf, `ricevuta-${receipt.notice_number}.pdf`);
}

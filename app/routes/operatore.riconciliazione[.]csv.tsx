import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireOperator } from "~/auth/guards.server";
import { NO_STORE } from "~/operator/http";
import { readReceiptRange } from "~/operator/reconciliation.server";
import { listReceipts, RECEIPTS_EXPORT_MAX } from "~/payments/creditor-receipts.server";
import { receiptsCsv } from "~/payments/creditor-reconciliation.server";

/**
 * The ente's receipts in the day range of the reconciliation page, as a CSV for spreadsheets in
 * the Italian locale (app/operator/csv.ts): same filters, at most RECEIPTS_EXPORT_MAX rows.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { operator } = await requireOperator(request, context, "pagamenti");
  const range = readReceiptRange(new URL(request.url).searchParams, context.config);
  if (!range.ok)
    return new Response(
      [range.errors.da, range.errors.a].filter(Boolean).join(" ") || "Intervallo di date non valido.",
      { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8", ...NO_STORE } },
    );
  const { items } = await listReceipts(context.db, operator.enteId, {
    ...range.range,
    page: 1,
    pageSize: RECEIPTS_EXPORT_MAX,
  });
  return new Response(receiptsCsv(items), {
    status: 200,
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="riconciliazione-${range.range.from}-${range.range.to}.csv"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

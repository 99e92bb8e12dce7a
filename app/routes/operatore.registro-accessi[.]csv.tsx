import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireOperator } from "~/auth/guards.server";
import { portalNow, todayIso } from "~/clock.server";
import { actorFrom } from "~/operator/actor";
import { exportAuditCsv, logAuditRead, parseAuditFilters } from "~/operator/audit-log.server";
import { NO_STORE } from "~/operator/http";

/**
 * The auditor's export of the ente's log, with the same filters as the page (CSV as described in
 * app/operator/csv.ts). The export is logged in its own row before the file is sent.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { session, operator } = await requireOperator(request, context, "auditor");
  const parsed = await parseAuditFilters(context.db, new URL(request.url).searchParams);
  if (!parsed.ok)
    return new Response(parsed.message, {
      status: 400,
      headers: { "Content-Type": "text/plain; charset=utf-8", ...NO_STORE },
    });
  const { csv, rows } = await exportAuditCsv(context.db, operator.enteId, parsed.filters, parsed.citizenId);
  const now = portalNow(context.config);
  await logAuditRead(context.db, context.config.auditHmacKey, {
    actor: actorFrom(session, operator),
    kind: "audit.export",
    filters: parsed.filters,
    citizenId: parsed.citizenId,
    rows,
    now,
  });
  const day = todayIso(context.config, now);
  return new Response(csv, {
    status: 200,
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="registro-accessi-${day}.csv"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireCitizen } from "~/auth/guards.server";
import { nowIso, todayIso } from "~/clock.server";
import { buildDeadlinesCalendar } from "~/dossier/export.server";

/** The citizen's deadlines (payments, document expiries, appointments, requests) as iCalendar. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { citizenId } = await requireCitizen(request, context);
  const calendar = await buildDeadlinesCalendar(context.db, citizenId, {
    today: todayIso(context.config),
    now: nowIso(context.config),
    publicUrl: context.config.publicUrl,
    portalName: context.config.org.displayName,
  });
  return new Response(calendar, {
    status: 200,
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": 'attachment; filename="scadenze.ics"',
      "Cache-Control": "no-store",
    },
  });
}

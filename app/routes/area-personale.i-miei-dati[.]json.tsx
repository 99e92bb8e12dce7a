import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireCitizen } from "~/auth/guards.server";
import { nowIso, todayIso } from "~/clock.server";
import { buildDossierExport } from "~/dossier/export.server";

/** The whole dossier as one JSON document to download (data portability). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { session, citizenId } = await requireCitizen(request, context);
  const document = await buildDossierExport(context.db, {
    citizenId,
    spid: {
      codiceFiscale: session.fiscal_code,
      name: session.name,
      surname: session.surname,
      spidLevel: session.spid_level,
      attributesJson: session.spid_attributes,
    },
    today: todayIso(context.config),
    generatedAt: nowIso(context.config),
    portal: { name: context.config.org.displayName, url: context.config.publicUrl },
  });
  return new Response(`${JSON.stringify(document, null, 2)}\n`, {
    status: 200,
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": 'attachment; filename="i-miei-dati.json"',
      "Cache-Control": "no-store",
    },
  });
}

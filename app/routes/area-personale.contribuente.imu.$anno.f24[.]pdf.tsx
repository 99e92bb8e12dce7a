import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireCitizen } from "~/auth/guards.server";
import { todayIso } from "~/clock.server";
import { renderImuF24Summary } from "~/dossier/taxpayer-pdf.server";
import { f24ImuRows, getImuYear, parseYearParam } from "~/dossier/taxpayer.server";

// A download opens outside the page: errors are plain Italian text.
function plainNotFound(message: string): Response {
  return new Response(message, {
    status: 404,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });
}

/** The year's IMU computation and F24 rows as a PDF to print or keep (not an official F24 form). */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { person, citizenId } = await requireCitizen(request, context);
  const year = parseYearParam(params.anno);
  if (year === null) throw plainNotFound("L'anno indicato non è valido: scrivi l'anno con quattro cifre.");
  const today = todayIso(context.config);
  const assessments = citizenId === null ? [] : await getImuYear(context.db, citizenId, year, today);
  if (assessments.length === 0) {
    throw plainNotFound(`Non risulta IMU calcolata a tuo nome per il ${year}.`);
  }
  const pdf = await renderImuF24Summary({
    year,
    taxpayer: { codiceFiscale: person.codiceFiscale, name: `${person.name} ${person.surname}`.trim() },
    assessments,
    rows: f24ImuRows(assessments),
    generatedOn: today,
    portalName: context.config.org.displayName,
  });
  return new Response(new Uint8Array(pdf), {
    status: 200,
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="imu-${year}-riepilogo-f24.pdf"`,
      "Content-Length": String(pdf.length),
      "Cache-Control": "no-store",
    },
  });
}

import type { LoaderFunctionArgs } from "@remix-run/node";
import { catalogueRdf } from "~/open-data/catalogue.server";
import { listOpenData, openDataIssued } from "~/open-data/datasets.server";
import { todayIso } from "~/clock.server";

/**
 * The open-data catalogue in DCAT-AP_IT (RDF/XML) for dati.gov.it's harvester: the datasets stored
 * by the daily job, with absolute URLs from the portal's public address (PUBLIC_URL).
 */
export async function loader({ context }: LoaderFunctionArgs) {
  const { config, db } = context;
  const datasets = await listOpenData(db);
  const rdf = catalogueRdf({
    baseUrl: config.publicUrl,
    publisher: { name: config.org.name, ipaCode: config.org.ipaCode, email: config.org.email },
    issued: (await openDataIssued(db)) ?? todayIso(config),
    datasets,
  });
  return new Response(rdf, {
    status: 200,
    headers: {
      "Content-Type": "application/rdf+xml; charset=utf-8",
      "Cache-Control": "public, max-age=3600",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

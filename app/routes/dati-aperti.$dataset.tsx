import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound } from "~/http.server";
import { getOpenDataCsv } from "~/open-data/datasets.server";
import { isOpenDataSlug } from "~/open-data/datasets";

/**
 * `/dati-aperti/<dataset>.csv`: a stored open dataset as the daily job wrote it (never computed on
 * request). Anything else under /dati-aperti is a page that does not exist.
 */
export async function loader({ params, context }: LoaderFunctionArgs) {
  const match = /^([a-z-]+)\.csv$/.exec(params.dataset ?? "");
  const slug = match?.[1] ?? "";
  if (!isOpenDataSlug(slug)) throw notFound();
  const stored = await getOpenDataCsv(context.db, slug);
  if (!stored)
    return new Response("I dati sono in preparazione: riprova tra qualche minuto.", {
      status: 503,
      headers: {
        "Content-Type": "text/plain; charset=utf-8",
        "Retry-After": "60",
        "Cache-Control": "no-store",
      },
    });
  return new Response(stored.csv, {
    status: 200,
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${slug}.csv"`,
      "Last-Modified": new Date(stored.generated_at).toUTCString(),
      "Cache-Control": "public, max-age=3600",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { requireCitizen } from "~/auth/guards.server";
import { errorMeta } from "~/components/error-boundary";
import { DossierErrorBoundary } from "~/components/taxpayer/error-boundary";
import { yearNotFound } from "~/dossier/taxpayer.server";

/** /area-personale/contribuente/tari without a year: a 404 that says which address to use. */
export const meta: MetaFunction = ({ error, matches }) => errorMeta(error, matches);

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireCitizen(request, context);
  throw yearNotFound("tari", true);
}

export default function TARIWithoutYear() {
  return null;
}

export function ErrorBoundary() {
  return (
    <DossierErrorBoundary
      backTo="/area-personale/contribuente"
      backLabel="Torna al fascicolo del contribuente"
    />
  );
}

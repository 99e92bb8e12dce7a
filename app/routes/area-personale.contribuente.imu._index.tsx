import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { requireCitizen } from "~/auth/guards.server";
import { errorMeta } from "~/components/error-boundary";
import { DossierErrorBoundary } from "~/components/taxpayer/error-boundary";
import { yearNotFound } from "~/dossier/taxpayer.server";

/** /area-personale/contribuente/imu without a year: a 404 that says which address to use. */
export const meta: MetaFunction = ({ error, matches }) => errorMeta(error, matches);

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireCitizen(request, context);
  throw yearNotFound("imu", true);
}

export default function IMUWithoutYear() {
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

import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useTranslation } from "react-i18next";
import { requireCitizen } from "~/auth/guards.server";
import { errorMeta } from "~/components/error-boundary";
import { DossierErrorBoundary } from "~/components/taxpayer/error-boundary";
import { yearNotFound } from "~/dossier/taxpayer.server";
import { messagesLoader } from "~/i18n/react";

export const handle = { i18n: ["taxpayer"] };
export const clientLoader = messagesLoader(["taxpayer"]);

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
  const { t } = useTranslation("taxpayer");
  return <DossierErrorBoundary backTo="/area-personale/contribuente" backLabel={t("backToDossier")} />;
}

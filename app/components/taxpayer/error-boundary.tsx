import { isRouteErrorResponse, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useServerText } from "~/i18n/react";

function messageOf(error: unknown): string | null {
  if (!isRouteErrorResponse(error)) return null;
  const data: unknown = error.data;
  if (data && typeof data === "object" && "message" in data && typeof data.message === "string")
    return data.message;
  return null;
}

/**
 * The shared error page, except that a 404 thrown with an Italian `message` (a year that is not a
 * year, a certificate that is not the citizen's) shows that message and the way back.
 */
export function DossierErrorBoundary({ backTo, backLabel }: { backTo: string; backLabel: string }) {
  const { t } = useTranslation();
  const serverText = useServerText();
  return (
    <GeneralErrorBoundary
      statusHandlers={{
        404: (error) => {
          const message = messageOf(error);
          return (
            <div className="row">
              <div className="col-lg-10">
                <h1>{t("errors.404.title")}</h1>
                <p className="lead">{message ? serverText(message) : t("errors.404.text")}</p>
                <p>
                  <Link to={backTo}>{backLabel}</Link>
                </p>
              </div>
            </div>
          );
        },
      }}
    />
  );
}

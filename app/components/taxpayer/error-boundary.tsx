import { isRouteErrorResponse, Link } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";

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
  return (
    <GeneralErrorBoundary
      statusHandlers={{
        404: (error) => (
          <div className="row">
            <div className="col-lg-10">
              <h1>Pagina non trovata</h1>
              <p className="lead">
                {messageOf(error) ??
                  "La pagina che cerchi non esiste, è stata spostata oppure non è disponibile con il tuo accesso."}
              </p>
              <p>
                <Link to={backTo}>{backLabel}</Link>
              </p>
            </div>
          </div>
        ),
      }}
    />
  );
}

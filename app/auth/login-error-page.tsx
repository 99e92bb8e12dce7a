import { json, type AppLoadContext } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { Breadcrumb } from "../components/breadcrumb";
import { notFound } from "./guards.server";
import { isSpidErrorCode, loginErrorView, type LoginErrorView } from "./login-errors";

export interface LoginErrorData {
  kind: "error";
  code: string;
  spidCode: string | null;
  detail: string | null;
  view: LoginErrorView;
}

/**
 * The loader of a refused login (or logout form). Express answers such a request through Remix at
 * the same URL (/saml/acs, /saml/login, /saml/logout, /saml/slo) with the reason in the load
 * context, so the page hydrates on the route it was rendered with. Reached directly: 404.
 */
export function loginErrorResponse(context: AppLoadContext) {
  const error = context.samlError;
  if (!error) throw notFound();
  const status = error.status >= 400 && error.status < 500 ? error.status : 400;
  const data: LoginErrorData = {
    kind: "error",
    code: error.code,
    spidCode: isSpidErrorCode(error.code) ? error.code : null,
    detail: error.detail ?? null,
    view: loginErrorView(error.code),
  };
  return json(data, { status, headers: { "Cache-Control": "no-store" } });
}

export function LoginErrorPage({ data }: { data: LoginErrorData }) {
  const { view, detail, spidCode } = data;
  return (
    <div className="container my-4 mb-5">
      <Breadcrumb items={[{ label: "Home", to: "/" }, { label: view.title }]} />
      <div className="row">
        <div className="col-lg-8">
          <h1 className="mt-3">{view.title}</h1>
          <div className="alert alert-danger mt-4" role="alert">
            <p className="mb-0">{view.message}</p>
          </div>
          {detail ? (
            <p>
              <strong>Dettaglio:</strong> {detail}
            </p>
          ) : null}
          {spidCode ? <p className="text-muted small">Codice di errore SPID: {spidCode}</p> : null}
          {view.retry ? (
            <p>Non è stata aperta alcuna sessione: per usare i servizi devi accedere di nuovo.</p>
          ) : null}
          <div className="d-flex flex-wrap gap-3 mt-4">
            {view.retry ? (
              <a className="btn btn-primary" href="/saml/login">
                Riprova
              </a>
            ) : null}
            <Link className="btn btn-outline-primary" to="/">
              Torna alla pagina iniziale
            </Link>
          </div>
        </div>
      </div>
    </div>
  );
}

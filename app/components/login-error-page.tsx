import { Link } from "@remix-run/react";
import type { LoginErrorData } from "~/auth/login-error.server";
import { Breadcrumb } from "~/components/breadcrumb";

export function LoginErrorPage({ data }: { data: LoginErrorData }) {
  const { view, detail, idpCode } = data;
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
          {idpCode ? <p className="text-muted small">Codice di errore: {idpCode}</p> : null}
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

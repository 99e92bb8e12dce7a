import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Breadcrumb } from "~/components/breadcrumb";
import { pageMeta } from "~/components/site";
import { loginErrorResponse } from "~/auth/login-error.server";
import { LoginErrorPage } from "~/components/login-error-page";
import { safeReturnPath } from "~/auth/return-path";
import { samlService } from "~/auth/saml-service";
import { CieButton, SpidButton, spidButtonLinks } from "~/auth/spid-button";

export const links: LinksFunction = () => spidButtonLinks();

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  data?.kind === "error"
    ? pageMeta(data.view.title, matches)
    : pageMeta(
        "Accedi",
        matches,
        "Accedi all'area personale con SPID o con la Carta d'identità elettronica (CIE).",
      );

/**
 * GET /saml/login without an IdP: Express passes it here to choose one. With invalid parameters
 * Express refused the request and the reason is rendered here, at the same URL.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  if (context.samlError) return loginErrorResponse(context);
  const url = new URL(request.url);
  const service = samlService(context);
  const levelParam = url.searchParams.get("level");
  const level = levelParam === "1" || levelParam === "2" || levelParam === "3" ? Number(levelParam) : null;
  return json(
    {
      kind: "choose" as const,
      idps: service.listIdps("spid"),
      // CieID is one identity provider; a second metadata file (pre-production) is not offered here.
      cie: service.listIdps("cie")[0] ?? null,
      level,
      next: safeReturnPath(url.searchParams.get("next")),
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}

export default function Login() {
  const data = useLoaderData<typeof loader>();
  if (data.kind === "error") return <LoginErrorPage data={data} />;
  const { idps, cie, level, next } = data;
  return (
    <div className="container my-4 mb-5">
      <Breadcrumb items={[{ label: "Home", to: "/" }, { label: "Accedi" }]} />
      <div className="row">
        <div className="col-lg-8">
          <h1 className="mt-3">Accedi all&apos;area personale</h1>
          <p className="lead">
            Per vedere i tuoi dati, le tue pratiche e i tuoi pagamenti accedi con la tua identità digitale:
            SPID oppure la Carta d&apos;identità elettronica (CIE).
          </p>
          {level && level > 1 ? (
            <p>
              Il servizio che hai richiesto chiede un accesso di livello {level}: ti sarà chiesto un secondo
              fattore di verifica (per esempio un codice o una notifica sull&apos;app) oppure, con la CIE, la
              carta stessa.
            </p>
          ) : null}
          {idps.length || cie ? (
            <div className="row g-4 mt-1">
              {idps.length ? (
                <section className="col-md-6" aria-labelledby="accesso-spid">
                  <h2 className="h5" id="accesso-spid">
                    Con SPID
                  </h2>
                  <p>Premi il pulsante e scegli dall&apos;elenco il gestore con cui hai attivato SPID.</p>
                  <SpidButton idps={idps} level={level} next={next} />
                </section>
              ) : null}
              {cie ? (
                <section className="col-md-6" aria-labelledby="accesso-cie">
                  <h2 className="h5" id="accesso-cie">
                    Con la Carta d&apos;identità elettronica
                  </h2>
                  <p>
                    Usa l&apos;app CieID, le credenziali CieID oppure la carta appoggiata al telefono o a un
                    lettore.
                  </p>
                  <CieButton idp={cie} level={level} next={next} />
                  <p className="mt-2 small">
                    <a
                      href="https://www.cartaidentita.interno.gov.it/cittadini/entra-con-cie/"
                      rel="noopener noreferrer"
                    >
                      Come si entra con la CIE
                    </a>
                  </p>
                </section>
              ) : null}
            </div>
          ) : (
            <div className="alert alert-warning" role="alert">
              Al momento nessun gestore di identità è configurato su questo portale. Riprova più tardi.
            </div>
          )}
          <p className="mt-5">
            <Link to="/">Torna alla pagina iniziale</Link>
          </p>
        </div>
      </div>
    </div>
  );
}

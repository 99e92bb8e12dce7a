import type { MetaDescriptor } from "@remix-run/node";
import { isRouteErrorResponse, Link, useRouteError, useRouteLoaderData } from "@remix-run/react";
import { useState, type ReactNode } from "react";
import { isHydrated } from "~/components/hydrated";
import { Icon } from "~/components/icon";
import { DEFAULT_SITE, portalNameFrom, type SiteInfo } from "~/components/site";

/** Titles for the error statuses a citizen can meet. */
const STATUS_TITLES: Record<number, string> = {
  400: "Richiesta non valida",
  401: "Accesso richiesto",
  403: "Accesso non consentito",
  404: "Pagina non trovata",
  405: "Operazione non consentita",
  408: "Tempo di attesa scaduto",
  409: "Operazione in conflitto con lo stato attuale",
  410: "Pagina non più disponibile",
  413: "Dati inviati troppo grandi",
  415: "Formato non supportato",
  422: "Dati non validi",
  429: "Troppe richieste",
  500: "Si è verificato un errore",
  502: "Servizio temporaneamente non disponibile",
  503: "Servizio temporaneamente non disponibile",
  504: "Servizio temporaneamente non disponibile",
};

const STATUS_TEXTS: Record<number, string> = {
  400: "La richiesta non può essere elaborata così come è stata inviata. Torna alla pagina precedente e riprova.",
  401: "Per vedere questa pagina devi accedere con SPID o CIE.",
  403: "Il tuo accesso non consente di vedere questa pagina o di compiere questa operazione.",
  405: "Questa operazione non è disponibile su questa pagina.",
  408: "La richiesta ha impiegato troppo tempo. Riprova.",
  409: "L'operazione non è più possibile perché i dati sono cambiati nel frattempo. Ricarica la pagina e riprova.",
  410: "La pagina che cerchi è stata rimossa.",
  413: "I dati o i file inviati superano la dimensione consentita.",
  415: "Il formato dei dati o dei file inviati non è tra quelli accettati.",
  422: "Alcuni dati inviati non sono validi. Torna alla pagina precedente, correggili e riprova.",
  429: "Hai inviato troppe richieste in poco tempo. Attendi qualche minuto e riprova.",
  502: "Il servizio non risponde in questo momento. Riprova tra qualche minuto.",
  503: "Il servizio non risponde in questo momento. Riprova tra qualche minuto.",
  504: "Il servizio non risponde in questo momento. Riprova tra qualche minuto.",
};

export function errorStatus(error: unknown): number {
  return isRouteErrorResponse(error) ? error.status : 500;
}

export function errorTitle(error: unknown): string {
  const status = errorStatus(error);
  return STATUS_TITLES[status] ?? (status >= 500 ? STATUS_TITLES[500] : "Richiesta non completata");
}

/** `<title>` for a route whose ErrorBoundary is showing: "Pagina non trovata - Fascicolo del cittadino". */
export function errorMeta(
  error: unknown,
  matches?: readonly { id: string; data: unknown }[],
): MetaDescriptor[] {
  return [{ title: `${errorTitle(error)} - ${portalNameFrom(matches)}` }];
}

/**
 * A message meant for the citizen, when a loader or action threw
 * `json({ message: "..." }, { status })`. Anything else (strings from the framework, English
 * texts, stack traces) is never shown.
 */
function userMessage(error: unknown): string | null {
  if (!isRouteErrorResponse(error)) return null;
  const data: unknown = error.data;
  if (data && typeof data === "object" && "message" in data && typeof data.message === "string") {
    return data.message;
  }
  return null;
}

interface RootData {
  site?: SiteInfo;
  requestId?: string;
}

export interface GeneralErrorBoundaryProps {
  /** Replaces the body of the page for one status, e.g. a 404 "Avviso non trovato". */
  statusHandlers?: Partial<Record<number, (error: unknown) => ReactNode>>;
}

/**
 * The one error page of the portal, inside the normal layout (the root Layout renders header and
 * footer around it). Use it as any route's ErrorBoundary:
 * `export function ErrorBoundary() { return <GeneralErrorBoundary />; }` together with
 * `meta: ({ error, matches }) => error ? errorMeta(error, matches) : ...`.
 */
export function GeneralErrorBoundary({ statusHandlers }: GeneralErrorBoundaryProps = {}) {
  const error = useRouteError();
  const root = useRouteLoaderData("root") as RootData | undefined;
  const site = root?.site ?? DEFAULT_SITE;
  // The request id in the root data belongs to the document request: it is right for an error
  // rendered on the server, stale for one met later during client-side navigation.
  const [requestId] = useState(() => (isHydrated() ? undefined : root?.requestId));
  const status = errorStatus(error);

  const custom = statusHandlers?.[status];
  if (custom) return <div className="container my-5">{custom(error)}</div>;
  if (status === 404) {
    return (
      <div className="container my-5">
        <NotFound site={site} />
      </div>
    );
  }

  const title = errorTitle(error);
  const message = userMessage(error);
  return (
    <div className="container my-5">
      <div className="row">
        <div className="col-lg-8">
          <h1>{title}</h1>
          {status >= 500 ? (
            <>
              <p className="lead">
                Non è stato possibile completare la richiesta per un problema del portale. I tuoi dati non
                sono stati modificati da questa operazione. Riprova tra qualche minuto.
              </p>
              <p>
                Se il problema si ripete, scrivi a <a href={`mailto:${site.email}`}>{site.email}</a>
                {requestId ? (
                  <>
                    {" "}
                    indicando questo codice, che ci aiuta a ritrovare la tua richiesta:{" "}
                    <code className="portal-request-id">{requestId}</code>
                  </>
                ) : (
                  " indicando la data, l'ora e la pagina in cui si è verificato il problema"
                )}
                .
              </p>
            </>
          ) : (
            <>
              <p className="lead">
                {message ?? STATUS_TEXTS[status] ?? "La richiesta non può essere completata."}
              </p>
              {status === 401 ? (
                <p>
                  <a className="btn btn-primary" href="/saml/login">
                    Accedi all&apos;area personale
                  </a>
                </p>
              ) : null}
            </>
          )}
          <p className="mt-4">
            <Link to="/">Torna alla pagina iniziale</Link>
          </p>
        </div>
      </div>
    </div>
  );
}

function NotFound({ site }: { site: SiteInfo }) {
  return (
    <div className="row">
      <div className="col-lg-8">
        <h1>Pagina non trovata</h1>
        <p className="lead">
          La pagina che cerchi non esiste, è stata spostata oppure non è disponibile con il tuo accesso.
        </p>
        <p>Se hai scritto l&apos;indirizzo a mano, controlla che sia corretto. Da qui puoi raggiungere:</p>
        <ul className="portal-link-list">
          <li>
            <Link to="/">la pagina iniziale del portale</Link>
          </li>
          <li>
            <Link to="/area-personale">la tua area personale</Link>, dopo l&apos;accesso con SPID o CIE
          </li>
          <li>
            <Link to="/paga-un-avviso">il pagamento di un avviso pagoPA</Link>, anche senza accedere
          </li>
        </ul>
        <p className="mt-4">
          <Icon name="it-mail" className="icon-sm icon-primary me-1" />
          Hai bisogno di aiuto? Scrivi a <a href={`mailto:${site.email}`}>{site.email}</a>.
        </p>
      </div>
    </div>
  );
}

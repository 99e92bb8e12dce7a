import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { notFound } from "~/http.server";
import { requireOperator } from "~/auth/guards.server";
import { portalNow, todayIso } from "~/clock.server";
import { Breadcrumb } from "~/components/breadcrumb";
import { EmptyState } from "~/components/dossier/empty-state";
import { Pagination } from "~/components/dossier/pagination";
import { errorMeta, GeneralErrorBoundary } from "~/components/error-boundary";
import { controlProps, FieldError, TextField } from "~/components/form";
import { pageMeta } from "~/components/site";
import { actorFrom } from "~/operator/actor";
import { NO_STORE, operatorHeaders } from "~/operator/http";
import { SEARCH_COUNT_CAP } from "~/operator/limits";
import {
  logPersonSearch,
  parsePersonSearch,
  searchPeople,
  type PersonSearchResult,
} from "~/operator/search.server";
import { hasDossierRole } from "~/operator/sections";

export const meta: MetaFunction<typeof loader> = ({ error, matches }) =>
  error ? errorMeta(error, matches) : pageMeta("Cerca una persona", matches);

export const headers = operatorHeaders;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { session, operator } = await requireOperator(request, context);
  if (!hasDossierRole(operator.roles)) throw notFound();
  const parsed = parsePersonSearch(new URL(request.url).searchParams);
  if (parsed.kind === "empty") return json({ parsed, result: null }, { headers: NO_STORE });
  if (parsed.kind === "invalid") return json({ parsed, result: null }, { status: 400, headers: NO_STORE });
  const today = todayIso(context.config);
  const result: PersonSearchResult = await searchPeople(context.db, operator, today, parsed.search);
  await logPersonSearch(context.db, context.config.auditHmacKey, {
    actor: actorFrom(session, operator),
    search: parsed.search,
    result,
    now: portalNow(context.config),
  });
  return json({ parsed, result }, { headers: NO_STORE });
}

export default function CercaPersona() {
  const { parsed, result } = useLoaderData<typeof loader>();
  const { search } = useLocation();
  const v = parsed.values;
  const error = parsed.kind === "invalid" ? parsed : null;
  const cfError = error?.field === "cf" ? error.message : null;
  const nameError = error && error.field !== "cf" ? error.message : null;
  return (
    <>
      <Breadcrumb items={[{ label: "Area operatore", to: "/operatore" }, { label: "Cerca una persona" }]} />
      <h1 className="mt-3">Cerca una persona</h1>
      <p className="lead">
        Trovi solo le persone legate al tuo ente: residenti, proprietari di immobili sul territorio, debitori
        di una posizione dell&apos;ente, richiedenti di una pratica. Per aprire il fascicolo dovrai indicare
        il motivo.
      </p>

      {error ? (
        <div className="alert alert-danger" role="alert">
          {error.message}
        </div>
      ) : null}

      <div className="row g-4">
        <div className="col-12 col-lg-5">
          <Form method="get" className="portal-section-box" aria-labelledby="by-cf-title">
            <h2 id="by-cf-title" className="h4">
              Per codice fiscale
            </h2>
            <TextField
              id="cf"
              label="Codice fiscale"
              defaultValue={v.cf}
              autoComplete="off"
              spellCheck={false}
              maxLength={20}
              hint="16 caratteri; la ricerca è esatta."
              hintId="cf-hint"
              hintReplacedByError
              error={cfError}
              errorId="cf-error"
            />
            <button type="submit" className="btn btn-primary">
              Cerca per codice fiscale
            </button>
          </Form>
        </div>
        <div className="col-12 col-lg-7">
          <Form method="get" className="portal-section-box" aria-labelledby="by-name-title">
            <h2 id="by-name-title" className="h4">
              Per cognome e nome
            </h2>
            <div className="row">
              <div className="form-group col-12 col-md-6">
                <label htmlFor="cognome" className="active">
                  Cognome (obbligatorio, anche solo l&apos;inizio)
                </label>
                <input
                  id="cognome"
                  name="cognome"
                  type="text"
                  defaultValue={v.cognome}
                  autoComplete="off"
                  maxLength={60}
                  {...controlProps(error?.field === "cognome", nameError && "name-error")}
                />
              </div>
              <div className="form-group col-12 col-md-6">
                <label htmlFor="nome" className="active">
                  Nome (facoltativo, anche solo l&apos;inizio)
                </label>
                <input
                  id="nome"
                  name="nome"
                  type="text"
                  defaultValue={v.nome}
                  autoComplete="off"
                  maxLength={60}
                  {...controlProps(error?.field === "nome", nameError && "name-error")}
                />
              </div>
            </div>
            <FieldError id="name-error" message={nameError} className="mb-3" />
            <button type="submit" className="btn btn-primary">
              Cerca per cognome e nome
            </button>
          </Form>
        </div>
      </div>

      {result ? (
        <section aria-labelledby="results-title" className="mt-4">
          <h2 id="results-title" className="h3">
            Risultati
          </h2>
          {result.total === 0 ? (
            <EmptyState title="Nessuna persona trovata">
              <p className="mb-0">
                Nessuna persona legata al tuo ente corrisponde alla ricerca. Controlla i dati oppure cerca per
                codice fiscale.
              </p>
            </EmptyState>
          ) : (
            <>
              <p aria-live="polite">
                {result.more
                  ? `Più di ${SEARCH_COUNT_CAP} persone trovate: sono elencate le prime ${SEARCH_COUNT_CAP}. Aggiungi altre lettere del cognome o il nome per restringere la ricerca.`
                  : result.total === 1
                    ? "1 persona trovata."
                    : `${result.total} persone trovate.`}
                {result.pageCount > 1 ? ` Pagina ${result.page} di ${result.pageCount}.` : null}
              </p>
              <div className="portal-table-wrap">
                <table className="table">
                  <caption className="visually-hidden">Persone trovate</caption>
                  <thead>
                    <tr>
                      <th scope="col">Cognome e nome</th>
                      <th scope="col">Anno di nascita</th>
                      <th scope="col">Comune di residenza</th>
                      <th scope="col">Codice fiscale (parziale)</th>
                      <th scope="col">Fascicolo</th>
                    </tr>
                  </thead>
                  <tbody>
                    {result.items.map((p) => (
                      <tr key={p.id}>
                        <th scope="row">
                          {p.surname} {p.name}
                        </th>
                        <td>{p.birthYear}</td>
                        <td>{p.comune ?? "Non residente nei comuni aderenti"}</td>
                        <td>
                          <code>{p.maskedCf}</code>
                        </td>
                        <td>
                          <Link to={`/operatore/cittadini/${p.id}`} prefetch="none">
                            Apri il fascicolo
                            <span className="visually-hidden">
                              {" "}
                              di {p.surname} {p.name}
                            </span>
                          </Link>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <Pagination
                page={result.page}
                pageCount={result.pageCount}
                search={search}
                label="Pagine dei risultati"
              />
            </>
          )}
        </section>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

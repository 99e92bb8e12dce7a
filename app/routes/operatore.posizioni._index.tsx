import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { requireOperator } from "~/auth/guards.server";
import { Breadcrumb } from "~/components/breadcrumb";
import { EmptyState } from "~/components/dossier/empty-state";
import { plural } from "~/rules/italian";
import { formatDayIt } from "~/rules/time";
import { Pagination } from "~/components/dossier/pagination";
import { parsePage } from "~/http.server";
import { errorMeta, GeneralErrorBoundary } from "~/components/error-boundary";
import { TextField } from "~/components/form";
import { Euro, NavCode } from "~/components/payments/notice-parts";
import paymentStyles from "~/components/payments/payments.css";
import { pageMeta } from "~/components/site";
import { NO_STORE, operatorHeaders } from "~/operator/http";
import { optionLabel } from "~/operator/position-history";
import { SERVICE_LABEL, type PositionService } from "~/payments/creditor-input";
import { listPositions } from "~/payments/creditor-positions.server";
import { POSITION_STATUS_LABEL, POSITION_STATUSES, type PositionStatus } from "~/rules/gpd";

export const meta: MetaFunction<typeof loader> = ({ error, matches }) =>
  error ? errorMeta(error, matches) : pageMeta("Posizioni debitorie", matches);

export const links: LinksFunction = () => [{ rel: "stylesheet", href: paymentStyles }];

export const headers = operatorHeaders;

const QUERY_MAX = 40;

function serviceLabel(service: string): string {
  return SERVICE_LABEL[service as PositionService] ?? service;
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { operator } = await requireOperator(request, context, "pagamenti");
  const params = new URL(request.url).searchParams;
  const stato = params.get("stato") ?? "";
  const q = (params.get("q") ?? "").trim();
  const filters = { stato, q };
  const page = parsePage(params);
  let error: string | null = null;
  if (stato !== "" && !(POSITION_STATUSES as readonly string[]).includes(stato))
    error = "Lo stato scelto per filtrare le posizioni non esiste.";
  else if (q.length > QUERY_MAX || !/^[A-Za-z0-9 ._-]*$/.test(q))
    error = `Cerca con un IUPD, un codice avviso o un codice fiscale: lettere, cifre, spazi, punti e trattini, al massimo ${QUERY_MAX} caratteri.`;
  if (error) return json({ error, filters, list: null }, { status: 400, headers: NO_STORE });

  const found = await listPositions(context.db, operator.enteId, {
    status: (stato || null) as PositionStatus | null,
    q: q || null,
    page,
  });
  const items = found.items.map((p) => ({
    id: p.id,
    iupd: p.iupd,
    debtorName: p.debtorName,
    debtorFiscalCode: p.debtorFiscalCode,
    service: serviceLabel(p.service),
    description: p.description,
    totalCents: p.totalCents,
    status: POSITION_STATUS_LABEL[p.status],
    options: p.options.map((o) => ({
      id: o.id,
      label: optionLabel(o.instalmentNumber),
      nav: o.nav,
      dueDate: o.dueDate,
    })),
  }));
  return json(
    {
      error: null,
      filters,
      list: { items, total: found.total, page: found.page, pageCount: found.pageCount },
    },
    { headers: NO_STORE },
  );
}

export default function Posizioni() {
  const { error, filters, list } = useLoaderData<typeof loader>();
  const { search } = useLocation();
  return (
    <>
      <Breadcrumb items={[{ label: "Area operatore", to: "/operatore" }, { label: "Posizioni debitorie" }]} />
      <h1 className="mt-3">Posizioni debitorie</h1>
      <p className="lead">
        Gli importi che il tuo ente chiede a persone e imprese tramite pagoPA: crea una posizione, pubblicala
        perché il debitore la veda e la paghi, annullala se non è più dovuta.
      </p>
      <p>
        <Link to="/operatore/posizioni/nuova" prefetch="none" className="btn btn-primary">
          Crea una posizione debitoria
        </Link>{" "}
        <Link to="/operatore/posizioni/importa" prefetch="none" className="btn btn-outline-primary">
          Importa posizioni da file
        </Link>
      </p>

      <Form method="get" className="portal-section-box" aria-labelledby="filters-title">
        <h2 id="filters-title" className="h4">
          Cerca tra le posizioni
        </h2>
        <div className="row g-3">
          <div className="col-12 col-md-4">
            <div className="select-wrapper">
              <label htmlFor="stato">Stato</label>
              <select id="stato" name="stato" defaultValue={filters.stato}>
                <option value="">Tutti</option>
                {POSITION_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {POSITION_STATUS_LABEL[s]}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <TextField
            id="q"
            type="search"
            label="IUPD, codice avviso o codice fiscale del debitore"
            wrapperClassName="col-12 col-md-8"
            labelClassName="form-label"
            defaultValue={filters.q}
            maxLength={QUERY_MAX}
            autoComplete="off"
            spellCheck={false}
            hint="Valore esatto; il codice avviso si può scrivere anche con gli spazi."
            hintId="q-hint"
            error={error}
          />
        </div>
        <button type="submit" className="btn btn-primary mt-3">
          Cerca
        </button>
      </Form>

      {list ? (
        list.total === 0 ? (
          <EmptyState title="Nessuna posizione debitoria con questi criteri" />
        ) : (
          <>
            <p aria-live="polite">
              {plural(list.total, "posizione", "posizioni")}.
              {list.pageCount > 1 ? ` Pagina ${list.page} di ${list.pageCount}.` : null}
            </p>
            <div className="portal-table-wrap">
              <table className="table">
                <caption className="visually-hidden">
                  Posizioni debitorie dell&apos;ente, dalla più recente
                </caption>
                <thead>
                  <tr>
                    <th scope="col">IUPD</th>
                    <th scope="col">Debitore</th>
                    <th scope="col">Servizio</th>
                    <th scope="col">Importo</th>
                    <th scope="col">Scadenza</th>
                    <th scope="col">Codice avviso</th>
                    <th scope="col">Stato</th>
                  </tr>
                </thead>
                <tbody>
                  {list.items.map((p) => (
                    <tr key={p.id}>
                      <th scope="row" className="portal-wrap">
                        <Link to={`/operatore/posizioni/${p.id}`} prefetch="none">
                          {p.iupd}
                        </Link>
                      </th>
                      <td>
                        {p.debtorName}
                        <code className="d-block small">{p.debtorFiscalCode}</code>
                      </td>
                      <td>
                        {p.service}
                        <span className="d-block small portal-wrap">{p.description}</span>
                      </td>
                      <td>
                        <Euro cents={p.totalCents} />
                      </td>
                      <td>
                        {p.options.length === 1 ? (
                          formatDayIt(p.options[0]!.dueDate)
                        ) : (
                          <ul className="list-unstyled mb-0">
                            {p.options.map((o) => (
                              <li key={o.id}>
                                {o.label}: {formatDayIt(o.dueDate)}
                              </li>
                            ))}
                          </ul>
                        )}
                      </td>
                      <td>
                        {p.options.length === 1 ? (
                          <NavCode nav={p.options[0]!.nav} />
                        ) : (
                          <ul className="list-unstyled mb-0">
                            {p.options.map((o) => (
                              <li key={o.id}>
                                <span className="visually-hidden">{o.label}: </span>
                                <NavCode nav={o.nav} />
                              </li>
                            ))}
                          </ul>
                        )}
                      </td>
                      <td>{p.status}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <Pagination
              page={list.page}
              pageCount={list.pageCount}
              search={search}
              label="Pagine delle posizioni debitorie"
            />
          </>
        )
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

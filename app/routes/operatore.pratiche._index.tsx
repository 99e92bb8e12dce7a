import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { notFound } from "~/http.server";
import { requireOperator } from "~/auth/guards.server";
import { Breadcrumb } from "~/components/breadcrumb";
import { EmptyState } from "~/components/dossier/empty-state";
import { formatDayIt } from "~/rules/time";
import { Pagination } from "~/components/dossier/pagination";
import { PraticaBadge } from "~/components/dossier/pratica-badge";
import { errorMeta, GeneralErrorBoundary } from "~/components/error-boundary";
import { pageMeta } from "~/components/site";
import { PRATICA_STATE_LABEL } from "~/rules/pratiche";
import { actorFrom } from "~/operator/actor";
import { NO_STORE, operatorHeaders } from "~/operator/http";
import { praticaAreasForRoles, ROLE_LABEL } from "~/operator/sections";
import { listWorklist, parseWorklistFilters, WORKLIST_STATES } from "~/operator/worklist.server";

export const meta: MetaFunction<typeof loader> = ({ error, matches }) =>
  error ? errorMeta(error, matches) : pageMeta("Pratiche", matches);

export const headers = operatorHeaders;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { session, operator } = await requireOperator(request, context);
  const areas = praticaAreasForRoles(operator.roles);
  if (!areas.length) throw notFound();
  const filters = parseWorklistFilters(new URL(request.url).searchParams);
  const list = await listWorklist(context.db, { actor: actorFrom(session, operator), areas, filters });
  return json(
    { areas: areas.map((a) => ROLE_LABEL[a]), filters, list, states: WORKLIST_STATES },
    { headers: NO_STORE },
  );
}

export default function Worklist() {
  const { areas, filters, list, states } = useLoaderData<typeof loader>();
  const { search } = useLocation();
  return (
    <>
      <Breadcrumb items={[{ label: "Area operatore", to: "/operatore" }, { label: "Pratiche" }]} />
      <h1 className="mt-3">Pratiche</h1>
      <p className="lead">
        Le richieste presentate al tuo ente nelle aree dei tuoi ruoli ({areas.join(", ")}), dalla meno
        recente. All&apos;inizio vedi quelle ancora da concludere.
      </p>
      <Form method="get" className="portal-section-box" aria-labelledby="filters-title">
        <h2 id="filters-title" className="h5">
          Filtra
        </h2>
        <div className="row g-3 align-items-end">
          <div className="col-12 col-md-5">
            <div className="select-wrapper">
              <label htmlFor="stato">Stato</label>
              <select id="stato" name="stato" defaultValue={filters.status}>
                <option value="aperte">Da lavorare (tutte le non concluse)</option>
                <option value="tutte">Tutte, anche concluse</option>
                {states.map((s) => (
                  <option key={s} value={s}>
                    {PRATICA_STATE_LABEL[s]} ({list.counts[s] ?? 0})
                  </option>
                ))}
              </select>
            </div>
          </div>
          <div className="col-12 col-md-4">
            <div className="select-wrapper">
              <label htmlFor="assegnazione">Assegnazione</label>
              <select id="assegnazione" name="assegnazione" defaultValue={filters.assigned}>
                <option value="">Tutte</option>
                <option value="mie">Assegnate a me</option>
                <option value="libere">Non assegnate</option>
              </select>
            </div>
          </div>
          <div className="col-12 col-md-3">
            <button type="submit" className="btn btn-primary w-100">
              Applica i filtri
            </button>
          </div>
        </div>
      </Form>

      {list.total === 0 ? (
        <EmptyState title="Nessuna pratica con questi filtri" />
      ) : (
        <>
          <p aria-live="polite">
            {list.total === 1 ? "1 pratica." : `${list.total} pratiche.`}
            {list.pageCount > 1 ? ` Pagina ${list.page} di ${list.pageCount}.` : null}
          </p>
          <div className="portal-table-wrap">
            <table className="table">
              <caption className="visually-hidden">Pratiche del tuo ente</caption>
              <thead>
                <tr>
                  <th scope="col">Pratica</th>
                  <th scope="col">Richiedente</th>
                  <th scope="col">Protocollo</th>
                  <th scope="col">Stato</th>
                  <th scope="col">Presentata</th>
                  <th scope="col">Scadenza</th>
                  <th scope="col">Assegnata a</th>
                </tr>
              </thead>
              <tbody>
                {list.items.map((p) => (
                  <tr key={p.id}>
                    <th scope="row">
                      <Link to={`/operatore/pratiche/${p.id}`} prefetch="none">
                        {p.title}
                      </Link>
                    </th>
                    <td>{p.applicant}</td>
                    <td>{p.protocolNumber ?? "—"}</td>
                    <td>
                      <PraticaBadge status={p.status} />
                    </td>
                    <td>{p.submittedDate ? formatDayIt(p.submittedDate) : "—"}</td>
                    <td>{p.deadlineDate ? formatDayIt(p.deadlineDate) : "—"}</td>
                    <td>{p.assignedToMe ? "A te" : (p.assignedTo ?? "Nessuno")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination
            page={list.page}
            pageCount={list.pageCount}
            search={search}
            label="Pagine delle pratiche"
          />
        </>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

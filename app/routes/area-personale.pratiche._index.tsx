import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import { requireCitizen } from "~/auth/guards.server";
import { Breadcrumb } from "~/components/breadcrumb";
import { EmptyState } from "~/components/dossier/empty-state";
import { formatDateIt, formatDayIt } from "~/rules/time";
import { ListFilters, ListSummary } from "~/components/dossier/list-filters";
import { Pagination } from "~/components/dossier/pagination";
import { parsePage, throwBadRequest, throwNotFound } from "~/http.server";
import { PraticaBadge } from "~/components/dossier/pratica-badge";
import { errorMeta, GeneralErrorBoundary } from "~/components/error-boundary";
import { pageMeta } from "~/components/site";
import { listPratiche, listPraticaTypes, praticaTypeLabel } from "~/dossier/practices.server";
import { isPraticaState, PRATICA_STATE_LABEL, PRATICA_STATES, type PraticaStatus } from "~/rules/pratiche";

export const meta: MetaFunction<typeof loader> = ({ error, matches }) =>
  error ? errorMeta(error, matches) : pageMeta("Pratiche", matches);

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { citizenId } = await requireCitizen(request, context);
  const params = new URL(request.url).searchParams;
  const page = parsePage(params);
  const stato = params.get("stato") ?? "";
  const tipo = params.get("tipo") ?? "";
  if (stato && !isPraticaState(stato))
    throwBadRequest("Lo stato scelto per filtrare le pratiche non esiste.");
  if (tipo && !/^[a-z0-9_-]{1,60}$/.test(tipo))
    throwBadRequest("Il tipo scelto per filtrare le pratiche non esiste.");
  const filters = { stato, tipo };
  if (citizenId === null) {
    return json({ known: false, filters, types: [], list: { items: [], total: 0, page: 1, pageCount: 1 } });
  }
  const [list, types] = await Promise.all([
    listPratiche(context.db, citizenId, {
      status: (stato || undefined) as PraticaStatus | undefined,
      type: tipo || undefined,
      page,
    }),
    listPraticaTypes(context.db, citizenId),
  ]);
  if (page > list.pageCount) throwNotFound();
  return json({
    known: true,
    filters,
    types: types.map((t) => ({ value: t, label: praticaTypeLabel(t) })),
    list: {
      ...list,
      items: list.items.map((p) => ({ ...p, typeLabel: praticaTypeLabel(p.type) })),
    },
  });
}

export default function Pratiche() {
  const { known, filters, types, list } = useLoaderData<typeof loader>();
  const { search } = useLocation();
  const filtered = Boolean(filters.stato || filters.tipo);
  return (
    <>
      <Breadcrumb items={[{ label: "Area personale", to: "/area-personale" }, { label: "Pratiche" }]} />
      <h1>Pratiche</h1>
      <p className="lead">
        Le richieste che hai presentato agli enti, con il loro stato. Apri una pratica per vederne le tappe,
        gli allegati e i messaggi.
      </p>

      {known ? (
        <ListFilters
          headingId="filtri-pratiche"
          heading="Filtra le pratiche"
          filters={[
            {
              id: "filtro-stato",
              name: "stato",
              label: "Stato",
              value: filters.stato,
              allLabel: "Tutti gli stati",
              options: PRATICA_STATES.map((s) => ({ value: s, label: PRATICA_STATE_LABEL[s] })),
            },
            {
              id: "filtro-tipo",
              name: "tipo",
              label: "Tipo di pratica",
              value: filters.tipo,
              allLabel: "Tutti i tipi",
              options: types,
            },
          ]}
        />
      ) : null}

      <ListSummary
        headingId="elenco-pratiche"
        heading={filtered ? "Pratiche che corrispondono ai filtri" : "Le tue pratiche"}
        total={list.total}
        noun={["pratica", "pratiche"]}
        page={list.page}
        pageCount={list.pageCount}
        clearFiltersTo={filtered ? "/area-personale/pratiche" : null}
      />

      {list.items.length === 0 ? (
        <EmptyState
          title={filtered ? "Nessuna pratica corrisponde ai filtri scelti" : "Non hai pratiche in corso"}
        >
          <p className="mb-0">
            {filtered
              ? "Prova a scegliere un altro stato o un altro tipo di pratica."
              : known
                ? "Quando presenterai una richiesta a un ente aderente, qui ne potrai seguire lo stato."
                : "Il tuo codice fiscale non compare nelle anagrafi dei comuni aderenti, per questo non risultano pratiche a tuo nome."}
          </p>
        </EmptyState>
      ) : (
        <ul className="list-unstyled" aria-labelledby="elenco-pratiche">
          {list.items.map((p) => (
            <li key={p.id} className="portal-list-item">
              <h3>
                <Link to={`/area-personale/pratiche/${p.id}`}>{p.title}</Link>
              </h3>
              <p className="mb-1">
                <PraticaBadge status={p.status} />
                <span className="ms-2">{p.typeLabel}</span>
                <span className="ms-2 small">· {p.enteName}</span>
              </p>
              <p className="small mb-0">
                {p.protocolNumber ? <>Protocollo {p.protocolNumber} · </> : <>Non ancora protocollata · </>}
                {p.submittedDate ? <>presentata il {formatDateIt(p.submittedDate)} · </> : null}
                {p.deadlineDate ? <>conclusione prevista entro il {formatDateIt(p.deadlineDate)} · </> : null}
                aggiornata il {formatDayIt(p.updatedAt)}
              </p>
            </li>
          ))}
        </ul>
      )}
      <Pagination page={list.page} pageCount={list.pageCount} search={search} label="Pagine delle pratiche" />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

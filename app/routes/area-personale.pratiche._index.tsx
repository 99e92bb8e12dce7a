import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import type { PraticaStatus } from "../../db/schema";
import { requireCitizen } from "../auth/guards.server";
import { Breadcrumb } from "../components/breadcrumb";
import { EmptyState } from "../components/dossier/empty-state";
import { formatDayIt, plural } from "../components/dossier/format";
import { Pagination } from "../components/dossier/pagination";
import { parsePage, throwBadRequest, throwNotFound } from "../components/dossier/params";
import { PraticaBadge } from "../components/dossier/pratica-badge";
import { errorMeta, GeneralErrorBoundary } from "../components/error-boundary";
import { pageMeta } from "../components/site";
import { listPratiche, listPraticaTypes, praticaTypeLabel } from "../dossier/practices.server";
import { formatDateIt } from "../rules/money";
import { isPraticaState, PRATICA_STATE_LABEL, PRATICA_STATES } from "../rules/pratiche";

export const meta: MetaFunction<typeof loader> = ({ error, matches }) =>
  error ? errorMeta(error, matches) : pageMeta("Pratiche", matches);

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { citizenId } = await requireCitizen(request, context);
  const params = new URL(request.url).searchParams;
  const page = parsePage(params);
  const stato = params.get("stato") ?? "";
  const tipo = params.get("tipo") ?? "";
  if (stato && !isPraticaState(stato)) throwBadRequest("Lo stato scelto per filtrare le pratiche non esiste.");
  if (tipo && !/^[a-z0-9_-]{1,60}$/.test(tipo)) throwBadRequest("Il tipo scelto per filtrare le pratiche non esiste.");
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
        Le richieste che hai presentato agli enti, con il loro stato. Apri una pratica per vederne le tappe, gli allegati e
        i messaggi.
      </p>

      {known ? (
        <Form method="get" className="portal-filters" aria-labelledby="filtri-pratiche">
          <h2 id="filtri-pratiche" className="visually-hidden">
            Filtra le pratiche
          </h2>
          <div className="row g-3 align-items-end">
            <div className="col-12 col-md-5">
              <div className="select-wrapper">
                <label htmlFor="filtro-stato">Stato</label>
                <select id="filtro-stato" name="stato" defaultValue={filters.stato}>
                  <option value="">Tutti gli stati</option>
                  {PRATICA_STATES.map((s) => (
                    <option key={s} value={s}>
                      {PRATICA_STATE_LABEL[s]}
                    </option>
                  ))}
                </select>
              </div>
            </div>
            <div className="col-12 col-md-5">
              <div className="select-wrapper">
                <label htmlFor="filtro-tipo">Tipo di pratica</label>
                <select id="filtro-tipo" name="tipo" defaultValue={filters.tipo}>
                  <option value="">Tutti i tipi</option>
                  {types.map((t) => (
                    <option key={t.value} value={t.value}>
                      {t.label}
                    </option>
                  ))}
                </select>
              </div>
            </div>
            <div className="col-12 col-md-2 pb-3">
              <button type="submit" className="btn btn-primary w-100">
                Filtra
              </button>
            </div>
          </div>
        </Form>
      ) : null}

      <h2 className="h4" id="elenco-pratiche">
        {filtered ? "Pratiche che corrispondono ai filtri" : "Le tue pratiche"}
      </h2>
      <p aria-live="polite">
        {plural(list.total, "pratica", "pratiche")}
        {list.pageCount > 1 ? ` · pagina ${list.page} di ${list.pageCount}` : ""}
        {filtered ? (
          <>
            {" · "}
            <Link to="/area-personale/pratiche">Togli i filtri</Link>
          </>
        ) : null}
      </p>

      {list.items.length === 0 ? (
        <EmptyState title={filtered ? "Nessuna pratica corrisponde ai filtri scelti" : "Non hai pratiche in corso"}>
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
                <span className="ms-2 small">· {p.entityName}</span>
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

import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireCitizen } from "~/auth/guards.server";
import { Breadcrumb } from "~/components/breadcrumb";
import { EmptyState } from "~/components/dossier/empty-state";
import { ListFilters, ListSummary } from "~/components/dossier/list-filters";
import { Pagination } from "~/components/dossier/pagination";
import { parsePage, throwBadRequest, throwNotFound } from "~/http.server";
import { PraticaBadge } from "~/components/dossier/pratica-badge";
import { errorMeta, GeneralErrorBoundary } from "~/components/error-boundary";
import { pageMeta } from "~/components/site";
import { listPratiche, listPraticaTypes, praticaTypeLabel } from "~/dossier/practices.server";
import { isPraticaState, PRATICA_STATES, type PraticaStatus } from "~/rules/pratiche";
import { metaT } from "~/i18n/instance";
import { messagesLoader, useFormat } from "~/i18n/react";

export const handle = { i18n: ["pratiche"] };

export const clientLoader = messagesLoader(["pratiche"]);

export const meta: MetaFunction<typeof loader> = ({ error, matches }) => {
  const t = metaT(matches, "pratiche");
  return error ? errorMeta(error, matches) : pageMeta(t("title"), matches);
};

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
  const { t } = useTranslation("pratiche");
  const f = useFormat();
  // Calendar dates of the pratica (the date part, as the ente recorded it).
  return (
    <>
      <Breadcrumb items={[{ label: t("common:nav.area"), to: "/area-personale" }, { label: t("title") }]} />
      <h1>{t("title")}</h1>
      <p className="lead">{t("lead")}</p>

      {known ? (
        <ListFilters
          headingId="filtri-pratiche"
          heading={t("filters.heading")}
          filters={[
            {
              id: "filtro-stato",
              name: "stato",
              label: t("filters.status"),
              value: filters.stato,
              allLabel: t("filters.allStatuses"),
              options: PRATICA_STATES.map((s) => ({ value: s, label: t(`status.${s}`) })),
            },
            {
              id: "filtro-tipo",
              name: "tipo",
              label: t("filters.type"),
              value: filters.tipo,
              allLabel: t("filters.allTypes"),
              options: types.map((o) => ({
                value: o.value,
                label: t(`type.${o.value}`, { defaultValue: o.label }),
              })),
            },
          ]}
        />
      ) : null}

      <ListSummary
        headingId="elenco-pratiche"
        heading={filtered ? t("list.filtered") : t("list.mine")}
        countText={t("list.count", { count: list.total })}
        page={list.page}
        pageCount={list.pageCount}
        clearFiltersTo={filtered ? "/area-personale/pratiche" : null}
      />

      {list.items.length === 0 ? (
        <EmptyState title={filtered ? t("empty.filteredTitle") : t("empty.title")}>
          <p className="mb-0">
            {filtered ? t("empty.filteredText") : known ? t("empty.text") : t("empty.notKnown")}
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
                <span className="ms-2">{t(`type.${p.type}`, { defaultValue: p.typeLabel })}</span>
                <span className="ms-2 small">· {p.enteName}</span>
              </p>
              <p className="small mb-0">
                {[
                  p.protocolNumber
                    ? t("item.protocol", { number: p.protocolNumber })
                    : t("item.notProtocolled"),
                  p.submittedDate ? t("item.submitted", { date: f.date(p.submittedDate) }) : null,
                  p.deadlineDate ? t("item.deadline", { date: f.date(p.deadlineDate) }) : null,
                  t("item.updated", { date: f.date(p.updatedAt) }),
                ]
                  .filter(Boolean)
                  .join(" · ")}
              </p>
            </li>
          ))}
        </ul>
      )}
      <Pagination page={list.page} pageCount={list.pageCount} search={search} label={t("list.pages")} />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

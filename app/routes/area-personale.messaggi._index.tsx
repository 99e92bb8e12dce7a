import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useLocation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireCitizen } from "~/auth/guards.server";
import { Breadcrumb } from "~/components/breadcrumb";
import { EmptyState } from "~/components/dossier/empty-state";
import { ListFilters, ListSummary } from "~/components/dossier/list-filters";
import { Pagination } from "~/components/dossier/pagination";
import { parseOptionalId, parsePage, throwBadRequest, throwNotFound } from "~/http.server";
import { errorMeta, GeneralErrorBoundary } from "~/components/error-boundary";
import { Icon } from "~/components/icon";
import { pageMeta } from "~/components/site";
import { countUnread, listMessages, listSenders } from "~/dossier/messages.server";
import { metaT } from "~/i18n/instance";
import { messagesLoader, useFormat } from "~/i18n/react";

export const handle = { i18n: ["area"] };

export const clientLoader = messagesLoader(["area"]);

export const meta: MetaFunction<typeof loader> = ({ error, matches }) => {
  if (error) return errorMeta(error, matches);
  const t = metaT(matches, "area");
  return pageMeta(t("messages.title"), matches);
};

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { citizenId } = await requireCitizen(request, context);
  const params = new URL(request.url).searchParams;
  const page = parsePage(params);
  const sender = parseOptionalId(params.get("mittente"));
  if (sender === "invalid") throwBadRequest("Il mittente scelto per filtrare i messaggi non esiste.");
  const stato = params.get("stato") ?? "";
  if (stato !== "" && stato !== "da-leggere") throwBadRequest("Il filtro scelto per i messaggi non esiste.");
  const filters = { mittente: sender === null ? "" : String(sender), stato };
  if (citizenId === null) {
    return json({
      known: false,
      filters,
      unread: 0,
      senders: [],
      list: { items: [], total: 0, page: 1, pageCount: 1 },
    });
  }
  const [list, senders, unread] = await Promise.all([
    listMessages(context.db, citizenId, {
      senderId: sender ?? undefined,
      unreadOnly: stato === "da-leggere",
      page,
    }),
    listSenders(context.db, citizenId),
    countUnread(context.db, citizenId),
  ]);
  if (page > list.pageCount) throwNotFound();
  return json({ known: true, filters, unread, senders, list });
}

export default function Messaggi() {
  const { known, filters, unread, senders, list } = useLoaderData<typeof loader>();
  const { search } = useLocation();
  const [searchParams] = useSearchParams();
  const filtered = Boolean(filters.mittente || filters.stato);
  const { t } = useTranslation("area");
  const f = useFormat();
  return (
    <>
      <Breadcrumb
        items={[{ label: t("layout.title"), to: "/area-personale" }, { label: t("messages.title") }]}
      />
      <h1>{t("messages.title")}</h1>
      <p className="lead">
        {t("messages.lead")}{" "}
        {unread > 0 ? (
          <strong>{t("messages.unread", { count: unread })}</strong>
        ) : known ? (
          t("messages.allRead")
        ) : null}
      </p>

      {searchParams.get("segnato") === "da-leggere" ? (
        <div className="alert alert-success" role="status">
          {t("messages.markedUnread")}
        </div>
      ) : null}
      {known ? (
        <ListFilters
          headingId="filtri-messaggi"
          heading={t("messages.filterHeading")}
          filters={[
            {
              id: "filtro-mittente",
              name: "mittente",
              label: t("messages.sender"),
              value: filters.mittente,
              allLabel: t("messages.allSenders"),
              options: senders.map((s) => ({ value: s.id, label: s.name })),
            },
            {
              id: "filtro-stato-msg",
              name: "stato",
              label: t("messages.show"),
              value: filters.stato,
              allLabel: t("messages.all"),
              options: [{ value: "da-leggere", label: t("messages.unreadOnly") }],
            },
          ]}
        />
      ) : null}

      <ListSummary
        headingId="elenco-messaggi"
        heading={filtered ? t("messages.matching") : t("messages.allMessages")}
        countText={t("messages.count", { count: list.total })}
        page={list.page}
        pageCount={list.pageCount}
        clearFiltersTo={filtered ? "/area-personale/messaggi" : null}
      />

      {list.items.length === 0 ? (
        <EmptyState title={filtered ? t("messages.noneMatching") : t("messages.none")}>
          <p className="mb-0">{filtered ? t("messages.noneMatchingText") : t("messages.noneText")}</p>
        </EmptyState>
      ) : (
        <ul className="list-unstyled" aria-labelledby="elenco-messaggi">
          {list.items.map((m) => (
            <li key={m.id} className="portal-list-item">
              <h3 className={m.read ? undefined : "portal-unread"}>
                <Link to={`/area-personale/messaggi/${m.id}`}>{m.subject}</Link>
              </h3>
              <p className="mb-1">
                {m.read ? (
                  <span className="badge bg-secondary">{t("messages.read")}</span>
                ) : (
                  <span className="badge bg-primary">
                    <Icon name="it-mail" size="xs" className="icon-white me-1" />
                    {t("messages.toRead")}
                  </span>
                )}{" "}
                <span className="ms-1">{m.senderName}</span>{" "}
                <span className="ms-1 small">· {f.date(m.sentAt)}</span>
              </p>
              {m.dueDate || m.hasPayment || m.hasPratica ? (
                <p className="small mb-0">
                  {m.dueDate ? t("messages.dueDate", { date: f.date(m.dueDate) }) : null}
                  {m.hasPayment ? t("messages.hasPayment") : null}
                  {m.hasPratica ? t("messages.hasPratica") : null}
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <Pagination page={list.page} pageCount={list.pageCount} search={search} label={t("messages.pages")} />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

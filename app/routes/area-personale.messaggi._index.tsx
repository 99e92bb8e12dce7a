import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useLocation, useSearchParams } from "@remix-run/react";
import { requireCitizen } from "~/auth/guards.server";
import { Breadcrumb } from "~/components/breadcrumb";
import { EmptyState } from "~/components/dossier/empty-state";
import { plural } from "~/rules/italian";
import { formatDateIt, formatDayIt } from "~/rules/time";
import { ListFilters, ListSummary } from "~/components/dossier/list-filters";
import { Pagination } from "~/components/dossier/pagination";
import { parseOptionalId, parsePage, throwBadRequest, throwNotFound } from "~/http.server";
import { errorMeta, GeneralErrorBoundary } from "~/components/error-boundary";
import { Icon } from "~/components/icon";
import { pageMeta } from "~/components/site";
import { countUnread, listMessages, listSenders } from "~/dossier/messages.server";

export const meta: MetaFunction<typeof loader> = ({ error, matches }) =>
  error ? errorMeta(error, matches) : pageMeta("Messaggi", matches);

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
  return (
    <>
      <Breadcrumb items={[{ label: "Area personale", to: "/area-personale" }, { label: "Messaggi" }]} />
      <h1>Messaggi</h1>
      <p className="lead">
        Le comunicazioni che gli enti della regione ti hanno inviato.{" "}
        {unread > 0 ? (
          <strong>Hai {plural(unread, "messaggio non letto", "messaggi non letti")}.</strong>
        ) : known ? (
          "Hai letto tutti i messaggi."
        ) : null}
      </p>

      {searchParams.get("segnato") === "da-leggere" ? (
        <div className="alert alert-success" role="status">
          Il messaggio è di nuovo tra quelli da leggere.
        </div>
      ) : null}
      {known ? (
        <ListFilters
          headingId="filtri-messaggi"
          heading="Filtra i messaggi"
          filters={[
            {
              id: "filtro-mittente",
              name: "mittente",
              label: "Mittente",
              value: filters.mittente,
              allLabel: "Tutti gli enti",
              options: senders.map((s) => ({ value: s.id, label: s.name })),
            },
            {
              id: "filtro-stato-msg",
              name: "stato",
              label: "Messaggi da mostrare",
              value: filters.stato,
              allLabel: "Tutti",
              options: [{ value: "da-leggere", label: "Solo da leggere" }],
            },
          ]}
        />
      ) : null}

      <ListSummary
        headingId="elenco-messaggi"
        heading={filtered ? "Messaggi che corrispondono ai filtri" : "Tutti i messaggi"}
        total={list.total}
        noun={["messaggio", "messaggi"]}
        page={list.page}
        pageCount={list.pageCount}
        clearFiltersTo={filtered ? "/area-personale/messaggi" : null}
      />

      {list.items.length === 0 ? (
        <EmptyState title={filtered ? "Nessun messaggio corrisponde ai filtri scelti" : "Non hai messaggi"}>
          <p className="mb-0">
            {filtered
              ? "Prova a scegliere un altro mittente o a mostrare tutti i messaggi."
              : "Quando un ente ti scriverà, troverai qui il suo messaggio."}
          </p>
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
                  <span className="badge bg-secondary">Letto</span>
                ) : (
                  <span className="badge bg-primary">
                    <Icon name="it-mail" size="xs" className="icon-white me-1" />
                    Da leggere
                  </span>
                )}{" "}
                <span className="ms-1">{m.senderName}</span>{" "}
                <span className="ms-1 small">· {formatDayIt(m.sentAt)}</span>
              </p>
              {m.dueDate || m.hasPayment || m.hasPratica ? (
                <p className="small mb-0">
                  {m.dueDate ? <>Scadenza indicata: {formatDateIt(m.dueDate)}. </> : null}
                  {m.hasPayment ? <>Contiene un avviso di pagamento. </> : null}
                  {m.hasPratica ? <>Riguarda una tua pratica.</> : null}
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <Pagination page={list.page} pageCount={list.pageCount} search={search} label="Pagine dei messaggi" />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { csrfToken } from "~/auth/csrf.server";
import { requireCitizen } from "~/auth/guards.server";
import { CsrfInput } from "~/auth/csrf-input";
import { Breadcrumb } from "~/components/breadcrumb";
import { EmptyState } from "~/components/dossier/empty-state";
import { metaT } from "~/i18n/instance";
import { messagesLoader, useFormat } from "~/i18n/react";
import { Pagination } from "~/components/dossier/pagination";
import { parseOptionalId, parsePage, throwBadRequest, throwNotFound } from "~/http.server";
import { errorMeta, GeneralErrorBoundary } from "~/components/error-boundary";
import { Icon } from "~/components/icon";
import {
  AfterDueDateNote,
  Euro,
  instalmentInfo,
  instalmentText,
  NavCode,
  PayNoticeButton,
  PayState,
} from "~/components/payments/notice-parts";
import { SelectedTotal } from "~/components/payments/selected-total";
import paymentStyles from "~/components/payments/payments.css";
import { pageMeta } from "~/components/site";
import { paymentsEnv } from "~/payments/context.server";
import {
  citizenNoticeFilterOptions,
  countCitizenNoticesByTab,
  listCitizenNotices,
  type NoticeSummary,
} from "~/payments/positions.server";
import { MAX_CART_ITEMS, noticeState, type NoticeTab } from "~/payments/rules";
import { readCart } from "~/payments/web.server";
import { afterDueDate } from "~/rules/after-due-date";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: paymentStyles }];

/** The tabs; their names are the messages list.tabs.<key> (list.title, list.heading...). */
const TABS: Array<{ key: NoticeTab }> = [{ key: "da-pagare" }, { key: "pagati" }, { key: "non-pagabili" }];

export const handle = { i18n: ["payments"] };

export const clientLoader = messagesLoader(["payments"]);

export const meta: MetaFunction<typeof loader> = ({ data, error, matches }) => {
  if (error) return errorMeta(error, matches);
  const t = metaT(matches, "payments");
  const tab = TABS.find((x) => x.key === data?.filters.stato)?.key ?? "da-pagare";
  return pageMeta(t(`list.title.${tab}`), matches);
};

function view(n: NoticeSummary, today: string, now: Date, cart: number[]) {
  const state = noticeState(n, today, now);
  return {
    optionId: n.optionId,
    creditorName: n.creditorName,
    purpose: n.purpose,
    amountCents: n.amountCents,
    dueDate: n.dueDate,
    nav: n.nav,
    instalment: instalmentInfo(n.instalmentNumber, n.instalmentCount, n.isPartialPayment),
    state,
    afterDue: afterDueDate(n, today),
    reason: n.statusReason,
    receiptId: n.receiptId,
    paidAt: n.paidAt,
    inCart: cart.includes(n.optionId),
  };
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { session, citizenId } = await requireCitizen(request, context);
  const params = new URL(request.url).searchParams;
  const stato = (params.get("stato") || "da-pagare") as NoticeTab;
  if (!TABS.some((t) => t.key === stato)) throwBadRequest("La scheda dei pagamenti richiesta non esiste.");
  const ente = parseOptionalId(params.get("ente"));
  if (ente === "invalid") throwBadRequest("L'ente scelto per filtrare i pagamenti non esiste.");
  const annoRaw = params.get("anno") ?? "";
  if (annoRaw !== "" && !/^(19|20)\d{2}$/.test(annoRaw))
    throwBadRequest("L'anno indicato non è valido: scrivilo con quattro cifre.");
  const anno = annoRaw ? Number(annoRaw) : null;
  const page = parsePage(params);
  const filters = { stato, ente: ente === null ? "" : String(ente), anno: annoRaw };
  if (citizenId === null) {
    return json({
      known: false,
      csrf: csrfToken(session),
      filters,
      counts: { "da-pagare": 0, pagati: 0, "non-pagabili": 0 },
      options: { creditors: [] as Array<{ id: number; name: string }>, years: [] as number[] },
      cartCount: 0,
      list: { items: [] as Array<ReturnType<typeof view>>, total: 0, page: 1, pageCount: 1 },
    });
  }
  const env = paymentsEnv(context.config);
  const [list, counts, options, cart] = await Promise.all([
    listCitizenNotices(context.db, { citizenId, tab: stato, enteId: ente, year: anno, page }),
    countCitizenNoticesByTab(context.db, { citizenId, enteId: ente, year: anno }),
    citizenNoticeFilterOptions(context.db, citizenId),
    readCart(request, context.config, citizenId),
  ]);
  if (page > list.pageCount) throwNotFound();
  const today = env.today();
  const now = env.now();
  return json(
    {
      known: true,
      csrf: csrfToken(session),
      filters,
      counts,
      options,
      cartCount: cart.length,
      list: { ...list, items: list.items.map((n) => view(n, today, now, cart)) },
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}

export default function Pagamenti() {
  const { known, csrf, filters, counts, options, cartCount, list } = useLoaderData<typeof loader>();
  const { search } = useLocation();
  const { t } = useTranslation("payments");
  const filtered = Boolean(filters.ente || filters.anno);
  const tabHref = (key: NoticeTab) => {
    const p = new URLSearchParams();
    if (key !== "da-pagare") p.set("stato", key);
    if (filters.ente) p.set("ente", filters.ente);
    if (filters.anno) p.set("anno", filters.anno);
    const qs = p.toString();
    return qs ? `?${qs}` : "/area-personale/pagamenti";
  };
  const current = TABS.find((x) => x.key === filters.stato)!;
  const selectable = filters.stato === "da-pagare" && list.items.some((i) => i.state.payable);

  return (
    <>
      <Breadcrumb
        items={[{ label: t("breadcrumb.area"), to: "/area-personale" }, { label: t("breadcrumb.payments") }]}
      />
      <h1>{t("list.h1")}</h1>
      <p className="lead">{t("list.lead", { max: MAX_CART_ITEMS })}</p>
      {cartCount > 0 ? (
        <p>
          <Link to="/area-personale/pagamenti/carrello" className="btn btn-outline-primary btn-icon">
            <Icon name="it-cart" className="icon-primary me-2" />
            <span>{t("list.goToCart", { count: cartCount })}</span>
          </Link>
        </p>
      ) : null}

      <nav aria-label={t("list.tabsLabel")} className="portal-pay-tabs">
        <ul className="nav nav-tabs">
          {TABS.map((tab) => (
            <li className="nav-item" key={tab.key}>
              <Link
                className={`nav-link${tab.key === filters.stato ? " active" : ""}`}
                to={tabHref(tab.key)}
                aria-current={tab.key === filters.stato ? "page" : undefined}
              >
                {t("list.tab", { label: t(`list.tabs.${tab.key}`), n: counts[tab.key] })}
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      {known && (options.creditors.length > 1 || options.years.length > 1) ? (
        <Form method="get" className="portal-filters" aria-labelledby="filtri-pagamenti">
          <h2 id="filtri-pagamenti" className="visually-hidden">
            {t("list.filtersHeading")}
          </h2>
          {filters.stato !== "da-pagare" ? <input type="hidden" name="stato" value={filters.stato} /> : null}
          <div className="row g-3 align-items-end">
            <div className="col-12 col-md-5">
              <div className="select-wrapper">
                <label htmlFor="filtro-ente">{t("fields.creditor")}</label>
                <select id="filtro-ente" name="ente" defaultValue={filters.ente}>
                  <option value="">{t("list.allCreditors")}</option>
                  {options.creditors.map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.name}
                    </option>
                  ))}
                </select>
              </div>
            </div>
            <div className="col-12 col-md-4">
              <div className="select-wrapper">
                <label htmlFor="filtro-anno">{t("list.year")}</label>
                <select id="filtro-anno" name="anno" defaultValue={filters.anno}>
                  <option value="">{t("list.allYears")}</option>
                  {options.years.map((y) => (
                    <option key={y} value={y}>
                      {y}
                    </option>
                  ))}
                </select>
              </div>
            </div>
            <div className="col-12 col-md-3 pb-3">
              <button type="submit" className="btn btn-primary w-100">
                {t("list.filter")}
              </button>
            </div>
          </div>
        </Form>
      ) : null}

      <h2 className="h4" id="elenco-avvisi">
        {filtered ? t(`list.headingFiltered.${current.key}`) : t(`list.heading.${current.key}`)}
      </h2>
      <p aria-live="polite">
        {t("list.count", { count: list.total })}
        {list.pageCount > 1 ? t("list.pageOf", { page: list.page, pages: list.pageCount }) : ""}
        {filtered ? (
          <>
            {" · "}
            <Link
              to={filters.stato === "da-pagare" ? "/area-personale/pagamenti" : `?stato=${filters.stato}`}
            >
              {t("list.clearFilters")}
            </Link>
          </>
        ) : null}
      </p>

      {list.items.length === 0 ? (
        <EmptyState title={filtered ? t("list.empty.filtered") : t(`list.empty.${current.key}`)}>
          {filters.stato === "da-pagare" && !filtered ? <p className="mb-0">{t("list.emptyText")}</p> : null}
        </EmptyState>
      ) : selectable ? (
        <>
          <p className="small">{t("list.selectHelp", { max: MAX_CART_ITEMS })}</p>
          <NoticeList items={list.items} csrf={csrf} cartForm={CART_FORM} />
          {/* The checkboxes above belong to this form through their form attribute, so that each
              notice can hold its own "Paga" form: forms cannot be nested. */}
          <Form method="post" action="/area-personale/pagamenti/carrello" id={CART_FORM}>
            <CsrfInput token={csrf} />
            <input type="hidden" name="intent" value="aggiungi" />
            <SelectedTotal formId={CART_FORM} field="avviso" max={MAX_CART_ITEMS} />
            <div className="portal-pay-actions">
              <button type="submit" className="btn btn-primary btn-icon">
                <Icon name="it-cart" className="icon-white me-2" />
                <span>{t("list.addSelected")}</span>
              </button>
            </div>
          </Form>
        </>
      ) : (
        <NoticeList items={list.items} csrf={csrf} cartForm={null} />
      )}
      <Pagination page={list.page} pageCount={list.pageCount} search={search} label={t("list.pages")} />
    </>
  );
}

type Item = ReturnType<typeof view>;

const CART_FORM = "carrello-avvisi";

/** The notices; with `cartForm`, each payable one has a checkbox of that form to pick it for the cart. */
function NoticeList({ items, csrf, cartForm }: { items: Item[]; csrf: string; cartForm: string | null }) {
  const selectable = cartForm !== null;
  const { t } = useTranslation("payments");
  const f = useFormat();
  return (
    <ul className="portal-notice-list">
      {items.map((n) => {
        const headingId = `avviso-${n.optionId}`;
        return (
          <li key={n.optionId} className={`portal-notice${n.state.overdue ? " portal-notice-overdue" : ""}`}>
            {selectable ? (
              <div className="portal-notice-select">
                {n.state.payable ? (
                  <input
                    type="checkbox"
                    name="avviso"
                    form={cartForm ?? undefined}
                    value={n.optionId}
                    data-amount-cents={n.amountCents}
                    id={`seleziona-${n.optionId}`}
                    defaultChecked={n.inCart}
                    aria-labelledby={`seleziona-${n.optionId}-label ${headingId}`}
                  />
                ) : null}
                <span id={`seleziona-${n.optionId}-label`} className="visually-hidden">
                  {t("list.selectFor")}
                </span>
              </div>
            ) : null}
            <div className="portal-notice-body">
              <h3 id={headingId}>
                <Link to={`/area-personale/pagamenti/${n.optionId}`}>{n.purpose}</Link>
              </h3>
              <PayState
                kind={n.state.kind}
                label={n.state.label}
                overdue={n.state.overdue}
                dueDate={n.dueDate}
              />
              {n.inCart ? (
                <>
                  {" "}
                  <span className="badge bg-primary ms-1">{t("list.inCart")}</span>
                </>
              ) : null}
              <dl className="portal-notice-meta">
                <div>
                  <dt>{t("fields.creditor")}</dt>
                  <dd>{n.creditorName}</dd>
                </div>
                <div>
                  <dt>{t("fields.amount")}</dt>
                  <dd>
                    <Euro cents={n.amountCents} />
                  </dd>
                </div>
                <div>
                  <dt>{t("fields.dueDate")}</dt>
                  <dd>{f.date(n.dueDate)}</dd>
                </div>
                <div>
                  <dt>{t("fields.instalment")}</dt>
                  <dd>{instalmentText(t, n.instalment)}</dd>
                </div>
                <div>
                  <dt>{t("fields.noticeCodeGloss")}</dt>
                  <dd>
                    <NavCode nav={n.nav} />
                  </dd>
                </div>
                {n.state.kind === "pagato" && n.paidAt ? (
                  <div>
                    <dt>{t("fields.paidOn")}</dt>
                    <dd>{f.date(n.paidAt)}</dd>
                  </div>
                ) : null}
              </dl>
              <AfterDueDateNote rule={n.afterDue} dueDate={n.dueDate} creditorName={n.creditorName} />
              {n.state.payable ? (
                <PayNoticeButton
                  optionId={n.optionId}
                  amountCents={n.amountCents}
                  purpose={n.purpose}
                  csrf={csrf}
                />
              ) : null}
              {n.state.kind === "pagato" && n.receiptId ? (
                <p className="mb-0 mt-2">
                  <Link to={`/area-personale/pagamenti/ricevute/${n.receiptId}`}>
                    <Trans
                      i18nKey="list.receiptLink"
                      t={t}
                      values={{ purpose: n.purpose }}
                      components={{ hidden: <span className="visually-hidden" /> }}
                    />
                  </Link>
                </p>
              ) : null}
              {(n.state.kind === "annullato" || n.state.kind === "scaduto") && n.reason ? (
                <p className="mb-0 mt-2">
                  <Trans
                    i18nKey="list.reason"
                    t={t}
                    values={{ reason: n.reason }}
                    components={{ strong: <strong /> }}
                  />
                </p>
              ) : null}
            </div>
          </li>
        );
      })}
    </ul>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

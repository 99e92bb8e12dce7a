import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { csrfToken, verifyCsrf } from "~/auth/csrf.server";
import { CsrfInput } from "~/auth/csrf-input";
import { requireCitizen } from "~/auth/guards.server";
import { Breadcrumb } from "~/components/breadcrumb";
import { EmptyState } from "~/components/dossier/empty-state";
import { metaT } from "~/i18n/instance";
import { messagesLoader, useFormat, useServerText } from "~/i18n/react";
import { errorMeta, GeneralErrorBoundary } from "~/components/error-boundary";
import { Icon } from "~/components/icon";
import { Euro, instalmentInfo, instalmentText, NavCode, PayState } from "~/components/payments/notice-parts";
import paymentStyles from "~/components/payments/payments.css";
import { pageMeta } from "~/components/site";
import { beginPayment } from "~/payments/checkout.server";
import { areaPaymentParties, paymentsEnv } from "~/payments/context.server";
import { getCitizenNotices } from "~/payments/positions.server";
import { getPaymentProvider } from "~/payments/psp.server";
import { MAX_CART_ITEMS, noticeState } from "~/payments/rules";
import { clearCart, readCart, refusalStatus, writeCart } from "~/payments/web.server";
import { readForm } from "~/http.server";
import { parseForm, UNKNOWN_INTENT } from "~/form-data.server";
import { CART_LISTS, cartActionSchema } from "~/forms/cart.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: paymentStyles }];

export const handle = { i18n: ["payments"] };

export const clientLoader = messagesLoader(["payments"]);

export const meta: MetaFunction<typeof loader> = ({ error, matches }) => {
  if (error) return errorMeta(error, matches);
  return pageMeta(metaT(matches, "payments")("cart.title"), matches);
};

/** The outcomes an action redirects with (?esito=), each with its message cart.outcome.<esito>. */
const OUTCOMES = ["aggiunti", "rimosso", "svuotato"] as const;
type CartOutcome = (typeof OUTCOMES)[number];
const isOutcome = (value: string): value is CartOutcome => (OUTCOMES as readonly string[]).includes(value);

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { session, citizenId } = await requireCitizen(request, context);
  const esito = new URL(request.url).searchParams.get("esito") ?? "";
  const ids = citizenId === null ? [] : await readCart(request, context.config, citizenId);
  const notices =
    citizenId === null ? [] : await getCitizenNotices(context.db, { optionIds: ids, citizenId });
  const env = paymentsEnv(context.config);
  const today = env.today();
  const now = env.now();
  const items = notices.map((n) => ({
    optionId: n.optionId,
    purpose: n.purpose,
    creditorName: n.creditorName,
    amountCents: n.amountCents,
    dueDate: n.dueDate,
    nav: n.nav,
    instalment: instalmentInfo(n.instalmentNumber, n.instalmentCount, n.isPartialPayment),
    state: noticeState(n, today, now),
  }));
  const payable = items.filter((i) => i.state.payable);
  return json(
    {
      outcome: isOutcome(esito) ? esito : null,
      csrf: csrfToken(session),
      items,
      totalCents: payable.reduce((s, i) => s + i.amountCents, 0),
      allPayable: items.length > 0 && payable.length === items.length,
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}

export async function action({ request, context }: ActionFunctionArgs) {
  const access = await requireCitizen(request, context);
  const { session, citizenId } = access;
  const form = await readForm(request, context);
  verifyCsrf(request, form, session);
  if (citizenId === null) return json({ error: "Non risultano avvisi intestati a te." }, { status: 404 });
  const config = context.config;
  const cart = await readCart(request, config, citizenId);
  const parsed = parseForm(cartActionSchema, form, CART_LISTS);
  if (!parsed.ok) {
    return json({ error: Object.values(parsed.errors)[0] ?? UNKNOWN_INTENT }, { status: 400 });
  }
  const input = parsed.data;

  if (input.intent === "aggiungi") {
    const ids = input.avviso;
    const own = await getCitizenNotices(context.db, { optionIds: ids, citizenId });
    if (own.length !== ids.length)
      return json({ error: "Uno degli avvisi scelti non è tra i tuoi." }, { status: 404 });
    const merged = [...cart, ...ids.filter((id) => !cart.includes(id))];
    if (merged.length > MAX_CART_ITEMS) {
      return json(
        {
          error: `Il carrello può contenere al massimo ${MAX_CART_ITEMS} avvisi: ne contiene già ${cart.length}. Togli qualche avviso prima di aggiungerne altri.`,
          // The number of notices already in the cart, for the page to write the message in its language.
          tooMany: cart.length,
        },
        { status: 400 },
      );
    }
    return redirect("/area-personale/pagamenti/carrello?esito=aggiunti", {
      status: 303,
      headers: { "Set-Cookie": await writeCart(config, citizenId, merged) },
    });
  }
  if (input.intent === "rimuovi") {
    const id = input.avviso;
    return redirect("/area-personale/pagamenti/carrello?esito=rimosso", {
      status: 303,
      headers: {
        "Set-Cookie": await writeCart(
          config,
          citizenId,
          cart.filter((c) => c !== id),
        ),
      },
    });
  }
  if (input.intent === "svuota") {
    return redirect("/area-personale/pagamenti/carrello?esito=svuotato", {
      status: 303,
      headers: { "Set-Cookie": await clearCart(config) },
    });
  }
  // input.intent === "paga"
  if (cart.length === 0) return json({ error: "Il carrello è vuoto." }, { status: 400 });
  const started = await beginPayment(context.db, paymentsEnv(config), getPaymentProvider(context), {
    optionIds: cart,
    debtorCitizenId: citizenId,
    ...areaPaymentParties(access),
  });
  if (!started.ok) {
    return json(
      { error: started.message, optionId: started.optionId ?? null },
      { status: refusalStatus(started) },
    );
  }
  return redirect(started.redirectUrl, { status: 303, headers: { "Set-Cookie": await clearCart(config) } });
}

export default function Carrello() {
  const { outcome, csrf, items, totalCents, allPayable } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("payments");
  const f = useFormat();
  const serverText = useServerText();
  const tooMany = actionData && "tooMany" in actionData ? actionData.tooMany : null;
  const error =
    typeof tooMany === "number"
      ? t("cart.tooMany", { max: MAX_CART_ITEMS, current: tooMany })
      : actionData?.error
        ? serverText(actionData.error)
        : null;
  const blocking = actionData && "optionId" in actionData ? actionData.optionId : null;
  return (
    <>
      <Breadcrumb
        items={[
          { label: t("breadcrumb.area"), to: "/area-personale" },
          { label: t("breadcrumb.payments"), to: "/area-personale/pagamenti" },
          { label: t("breadcrumb.cart") },
        ]}
      />
      <h1>{t("cart.title")}</h1>
      <p className="lead">{t("cart.lead", { max: MAX_CART_ITEMS })}</p>
      {error ? (
        <div className="alert alert-danger" role="alert">
          {error}
        </div>
      ) : outcome ? (
        <div className="alert alert-success" role="status">
          {t(`cart.outcome.${outcome}`)}
        </div>
      ) : null}

      {items.length === 0 ? (
        <EmptyState title={t("cart.emptyTitle")}>
          <p className="mb-0">
            <Trans
              i18nKey="cart.emptyText"
              t={t}
              components={{ a: <Link to="/area-personale/pagamenti" /> }}
            />
          </p>
        </EmptyState>
      ) : (
        <>
          <div className="table-responsive">
            <table className="table portal-pay-table">
              <caption>{t("cart.caption", { count: items.length })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("fields.notice")}</th>
                  <th scope="col">{t("fields.dueDate")}</th>
                  <th scope="col" className="portal-amount-cell">
                    {t("fields.amount")}
                  </th>
                  <th scope="col">
                    <span className="visually-hidden">{t("cart.actions")}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {items.map((i) => (
                  <tr key={i.optionId} className={blocking === i.optionId ? "table-danger" : undefined}>
                    <th scope="row">
                      <Link to={`/area-personale/pagamenti/${i.optionId}`}>{i.purpose}</Link>
                      <div className="small fw-normal">
                        {i.creditorName} · {instalmentText(t, i.instalment)} · <NavCode nav={i.nav} />
                      </div>
                      {!i.state.payable ? (
                        <div className="small">
                          <PayState kind={i.state.kind} label={i.state.label} />
                        </div>
                      ) : i.state.overdue ? (
                        <div className="small">
                          <PayState kind={i.state.kind} label={i.state.label} overdue dueDate={i.dueDate} />
                        </div>
                      ) : null}
                    </th>
                    <td>{f.date(i.dueDate)}</td>
                    <td className="portal-amount-cell">
                      <Euro cents={i.amountCents} />
                    </td>
                    <td>
                      <Form method="post">
                        <CsrfInput token={csrf} />
                        <input type="hidden" name="intent" value="rimuovi" />
                        <input type="hidden" name="avviso" value={i.optionId} />
                        <button type="submit" className="btn btn-link p-0">
                          <Trans
                            i18nKey="cart.remove"
                            t={t}
                            values={{ purpose: i.purpose }}
                            components={{ hidden: <span className="visually-hidden" /> }}
                          />
                        </button>
                      </Form>
                    </td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row" colSpan={2}>
                    {t("cart.total")}
                  </th>
                  <td className="portal-amount-cell fw-bold">
                    <Euro cents={totalCents} />
                  </td>
                  <td />
                </tr>
              </tfoot>
            </table>
          </div>
          <p className="small">{t("cart.feeNote")}</p>
          {!allPayable ? (
            <p>
              <Icon name="it-warning-circle" className="icon-sm me-1" />
              {t("cart.notPayable")}
            </p>
          ) : null}
          <div className="portal-pay-actions">
            <Form method="post">
              <CsrfInput token={csrf} />
              <input type="hidden" name="intent" value="paga" />
              <button type="submit" className="btn btn-primary btn-icon" disabled={!allPayable}>
                <Icon name="it-card" className="icon-white me-2" />
                <span>{t("cart.pay", { count: items.length })}</span>
              </button>
            </Form>
            <Form method="post">
              <CsrfInput token={csrf} />
              <input type="hidden" name="intent" value="svuota" />
              <button type="submit" className="btn btn-outline-primary">
                {t("cart.clear")}
              </button>
            </Form>
            <Link to="/area-personale/pagamenti">{t("cart.continue")}</Link>
          </div>
        </>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { csrfToken, verifyCsrf } from "~/auth/csrf.server";
import { CsrfInput } from "~/auth/csrf-input";
import { requireCitizen } from "~/auth/guards.server";
import { Breadcrumb } from "~/components/breadcrumb";
import { EmptyState } from "~/components/dossier/empty-state";
import { plural } from "~/rules/italian";
import { errorMeta, GeneralErrorBoundary } from "~/components/error-boundary";
import { Icon } from "~/components/icon";
import { Euro, NavCode, PayState } from "~/components/payments/notice-parts";
import paymentStyles from "~/components/payments/payments.css";
import { pageMeta } from "~/components/site";
import { beginPayment } from "~/payments/checkout.server";
import { areaPaymentParties, paymentsEnv } from "~/payments/context.server";
import { getCitizenNotices } from "~/payments/positions.server";
import { getPaymentProvider } from "~/payments/psp.server";
import { instalmentLabel, MAX_CART_ITEMS, noticeState } from "~/payments/rules";
import { clearCart, readCart, refusalStatus, writeCart } from "~/payments/web.server";
import { formatDateIt } from "~/rules/time";
import { readForm } from "~/http.server";
import { parseForm, UNKNOWN_INTENT } from "~/form-data.server";
import { CART_LISTS, cartActionSchema } from "~/forms/cart.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: paymentStyles }];

export const meta: MetaFunction<typeof loader> = ({ error, matches }) =>
  error ? errorMeta(error, matches) : pageMeta("Carrello dei pagamenti", matches);

const MESSAGES: Record<string, string> = {
  aggiunti: "Gli avvisi selezionati sono nel carrello.",
  rimosso: "L'avviso è stato tolto dal carrello.",
  svuotato: "Il carrello è stato svuotato.",
};

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
    instalment: instalmentLabel(n.instalmentNumber, n.instalmentCount, n.isPartialPayment),
    state: noticeState(n, today, now),
  }));
  const payable = items.filter((i) => i.state.payable);
  return json(
    {
      message: MESSAGES[esito] ?? null,
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
  const { message, csrf, items, totalCents, allPayable } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const error = actionData?.error ?? null;
  const blocking = actionData && "optionId" in actionData ? actionData.optionId : null;
  return (
    <>
      <Breadcrumb
        items={[
          { label: "Area personale", to: "/area-personale" },
          { label: "Pagamenti", to: "/area-personale/pagamenti" },
          { label: "Carrello" },
        ]}
      />
      <h1>Carrello dei pagamenti</h1>
      <p className="lead">
        Puoi pagare insieme fino a {MAX_CART_ITEMS} avvisi, anche di enti diversi, con un&apos;unica
        operazione: o vengono pagati tutti o nessuno.
      </p>
      {error ? (
        <div className="alert alert-danger" role="alert">
          {error}
        </div>
      ) : message ? (
        <div className="alert alert-success" role="status">
          {message}
        </div>
      ) : null}

      {items.length === 0 ? (
        <EmptyState title="Il carrello è vuoto">
          <p className="mb-0">
            Nell&apos;elenco degli <Link to="/area-personale/pagamenti">avvisi da pagare</Link> seleziona
            quelli che vuoi pagare insieme e aggiungili al carrello.
          </p>
        </EmptyState>
      ) : (
        <>
          <div className="table-responsive">
            <table className="table portal-pay-table">
              <caption>Avvisi nel carrello: {plural(items.length, "avviso", "avvisi")}</caption>
              <thead>
                <tr>
                  <th scope="col">Avviso</th>
                  <th scope="col">Scadenza</th>
                  <th scope="col" className="portal-amount-cell">
                    Importo
                  </th>
                  <th scope="col">
                    <span className="visually-hidden">Azioni</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {items.map((i) => (
                  <tr key={i.optionId} className={blocking === i.optionId ? "table-danger" : undefined}>
                    <th scope="row">
                      <Link to={`/area-personale/pagamenti/${i.optionId}`}>{i.purpose}</Link>
                      <div className="small fw-normal">
                        {i.creditorName} · {i.instalment} · <NavCode nav={i.nav} />
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
                    <td>{formatDateIt(i.dueDate)}</td>
                    <td className="portal-amount-cell">
                      <Euro cents={i.amountCents} />
                    </td>
                    <td>
                      <Form method="post">
                        <CsrfInput token={csrf} />
                        <input type="hidden" name="intent" value="rimuovi" />
                        <input type="hidden" name="avviso" value={i.optionId} />
                        <button type="submit" className="btn btn-link p-0">
                          Togli<span className="visually-hidden"> dal carrello: {i.purpose}</span>
                        </button>
                      </Form>
                    </td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row" colSpan={2}>
                    Totale da pagare
                  </th>
                  <td className="portal-amount-cell fw-bold">
                    <Euro cents={totalCents} />
                  </td>
                  <td />
                </tr>
              </tfoot>
            </table>
          </div>
          <p className="small">
            La commissione del prestatore di servizi di pagamento dipende dal metodo che sceglierai e ti viene
            mostrata prima di confermare.
          </p>
          {!allPayable ? (
            <p>
              <Icon name="it-warning-circle" className="icon-sm me-1" />
              Alcuni avvisi non sono più pagabili: toglili dal carrello per procedere.
            </p>
          ) : null}
          <div className="portal-pay-actions">
            <Form method="post">
              <CsrfInput token={csrf} />
              <input type="hidden" name="intent" value="paga" />
              <button type="submit" className="btn btn-primary btn-icon" disabled={!allPayable}>
                <Icon name="it-card" className="icon-white me-2" />
                <span>Paga {plural(items.length, "avviso", "avvisi")}</span>
              </button>
            </Form>
            <Form method="post">
              <CsrfInput token={csrf} />
              <input type="hidden" name="intent" value="svuota" />
              <button type="submit" className="btn btn-outline-primary">
                Svuota il carrello
              </button>
            </Form>
            <Link to="/area-personale/pagamenti">Continua a scegliere gli avvisi</Link>
          </div>
        </>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

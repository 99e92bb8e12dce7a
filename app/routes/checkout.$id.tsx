import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { getSession } from "~/auth/session.server";
import { plural } from "~/rules/italian";
import { formatDateIt, formatTimeIt } from "~/rules/time";
import { readForm, throwNotFound } from "~/http.server";
import { errorMeta, GeneralErrorBoundary } from "~/components/error-boundary";
import { Icon } from "~/components/icon";
import { Euro, NavCode, SimulationNotice } from "~/components/payments/notice-parts";
import paymentStyles from "~/components/payments/payments.css";
import { pageMeta } from "~/components/site";
import {
  expireCheckoutIfDue,
  getCheckout,
  isCheckoutId,
  settleCheckout,
  toProviderCheckout,
} from "~/payments/checkout.server";
import { ANONYMOUS_PAYER, citizenActor, paymentsEnv } from "~/payments/context.server";
import { getCheckoutReceipts } from "~/payments/positions.server";
import { getPaymentProvider } from "~/payments/psp.server";
import { issueFormToken, verifyFormToken } from "~/payments/web.server";
import { formatEuro } from "~/rules/money";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: paymentStyles }];

const TITLES = {
  in_corso: "Pagamento con pagoPA",
  pagato: "Pagamento eseguito",
  fallito: "Pagamento non riuscito",
  annullato: "Pagamento annullato",
  scaduto: "Tempo per il pagamento scaduto",
} as const;

export const meta: MetaFunction<typeof loader> = ({ data, error, matches }) =>
  error ? errorMeta(error, matches) : pageMeta(data ? TITLES[data.checkout.status] : "Pagamento", matches);

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const id = params.id;
  if (!isCheckoutId(id)) throwNotFound();
  const env = paymentsEnv(context.config);
  await expireCheckoutIfDue(context.db, env, id);
  const checkout = await getCheckout(context.db, id);
  if (!checkout) throwNotFound();
  const provider = getPaymentProvider(context);
  const { token, setCookie } = issueFormToken(request, context.config);
  const receipts = checkout.status === "pagato" ? await getCheckoutReceipts(context.db, id) : [];
  const minutesLeft = Math.max(0, Math.ceil((Date.parse(checkout.expiresAt) - env.now().getTime()) / 60_000));
  const headers = new Headers({ "Cache-Control": "no-store" });
  if (setCookie) headers.append("Set-Cookie", setCookie);
  return json(
    {
      token,
      simulated: provider.simulated,
      providerName: provider.name,
      methods: provider
        .methods()
        .map((m) => ({
          code: m.code,
          label: m.label,
          description: m.description,
          psp: m.pspCompanyName,
          feeCents: m.feeCents,
        })),
      checkout: {
        id: checkout.id,
        status: checkout.status,
        totalCents: checkout.totalCents,
        feeCents: checkout.feeCents,
        method: checkout.method,
        expiresAt: checkout.expiresAt,
        outcomeReason: checkout.outcomeReason,
        forCitizen: checkout.citizenId !== null,
        items: checkout.items.map((i) => ({
          optionId: i.optionId,
          description: i.description,
          creditorName: i.creditorName,
          nav: i.nav,
          dueDate: i.dueDate,
          amountCents: i.amountCents,
        })),
      },
      minutesLeft,
      receipts: receipts.map((r) => ({
        id: r.id,
        description: r.description,
        amountCents: r.payment_amount_cents,
        receiptId: r.receipt_id,
      })),
    },
    { headers },
  );
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const id = params.id;
  if (!isCheckoutId(id)) throwNotFound();
  const form = await readForm(request, context);
  verifyFormToken(request, form, context.config);
  const checkout = await getCheckout(context.db, id);
  if (!checkout) throwNotFound();
  const provider = getPaymentProvider(context);
  const outcome = await provider.receiveOutcome(toProviderCheckout(checkout), form);
  if ("error" in outcome) return json({ error: outcome.error }, { status: 400 });
  const session = await getSession(request, context);
  // A person acting for someone else pays as their delegate (their tie was checked when it started).
  const actor = session
    ? citizenActor(session.fiscal_code, session.acting_for_citizen_id !== null ? "delegato" : "cittadino")
    : ANONYMOUS_PAYER;
  await settleCheckout(context.db, paymentsEnv(context.config), id, outcome, actor);
  return redirect(`/checkout/${id}`, 303);
}

export default function Checkout() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { checkout } = data;
  const back = checkout.forCitizen
    ? { to: "/area-personale/pagamenti", label: "Torna ai tuoi pagamenti" }
    : { to: "/paga-un-avviso", label: "Paga un altro avviso" };
  return (
    <div className="container portal-checkout">
      {data.simulated ? <SimulationNotice /> : null}
      <h1>{TITLES[checkout.status]}</h1>

      {checkout.status === "in_corso" ? (
        <InProgress data={data} error={actionData?.error ?? null} />
      ) : (
        <Outcome data={data} />
      )}
      <p className="mt-4">
        <Link to={back.to}>{back.label}</Link>
      </p>
    </div>
  );
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

function Items({ checkout }: { checkout: Data["checkout"] }) {
  return (
    <div className="table-responsive">
      <table className="table portal-pay-table">
        <caption>{plural(checkout.items.length, "avviso", "avvisi")} in questo pagamento</caption>
        <thead>
          <tr>
            <th scope="col">Avviso</th>
            <th scope="col" className="portal-amount-cell">
              Importo
            </th>
          </tr>
        </thead>
        <tbody>
          {checkout.items.map((i) => (
            <tr key={i.optionId}>
              <th scope="row">
                {i.description}
                <div className="small fw-normal">
                  {i.creditorName} · codice avviso <NavCode nav={i.nav} /> · scadenza{" "}
                  {formatDateIt(i.dueDate)}
                </div>
              </th>
              <td className="portal-amount-cell">
                <Euro cents={i.amountCents} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function InProgress({ data, error }: { data: Data; error: string | null }) {
  const { checkout } = data;
  return (
    <>
      <p className="lead">
        Importo degli avvisi:{" "}
        <strong className="portal-checkout-total">€ {formatEuro(checkout.totalCents)}</strong>
      </p>
      <p>
        <Icon name="it-clock" className="icon-sm me-1" />
        Gli avvisi sono riservati a questo pagamento fino alle {formatTimeIt(checkout.expiresAt)} (
        {plural(data.minutesLeft, "minuto", "minuti")}): nel frattempo nessun altro può pagarli. Se il tempo
        scade senza un esito, tornano pagabili e nessun importo viene addebitato.
      </p>
      <Items checkout={checkout} />
      {error ? (
        <div className="alert alert-danger" role="alert">
          {error}
        </div>
      ) : null}
      <Form method="post">
        <input type="hidden" name="csrf" value={data.token} />
        <fieldset className="mb-3">
          <legend className="h4">Scegli come pagare</legend>
          {data.methods.map((m, i) => (
            <div className="portal-method" key={m.code}>
              <div className="form-check">
                <input
                  className="form-check-input"
                  type="radio"
                  name="metodo"
                  id={`metodo-${m.code}`}
                  value={m.code}
                  defaultChecked={i === 0}
                />
                <label className="form-check-label" htmlFor={`metodo-${m.code}`}>
                  {m.label}: commissione € {formatEuro(m.feeCents)}, totale €{" "}
                  {formatEuro(checkout.totalCents + m.feeCents)}
                </label>
              </div>
              <p className="small mb-0 ms-4">
                {m.description}. Prestatore: {m.psp}.
              </p>
            </div>
          ))}
        </fieldset>
        <div className="portal-pay-actions">
          <button type="submit" name="esito" value="successo" className="btn btn-primary btn-icon">
            <Icon name="it-check-circle" className="icon-white me-2" />
            <span>Paga</span>
          </button>
          {data.simulated ? (
            <button type="submit" name="esito" value="fallimento" className="btn btn-outline-danger">
              Simula un pagamento non riuscito
            </button>
          ) : null}
          <button type="submit" name="esito" value="annulla" className="btn btn-outline-primary">
            Annulla il pagamento
          </button>
        </div>
      </Form>
    </>
  );
}

function Outcome({ data }: { data: Data }) {
  const { checkout } = data;
  if (checkout.status === "pagato") {
    return (
      <>
        <div className="alert alert-success" role="status">
          Hai pagato € {formatEuro(checkout.totalCents + checkout.feeCents)} (di cui €{" "}
          {formatEuro(checkout.feeCents)} di commissione).{" "}
          {checkout.items.length > 1 ? "Gli avvisi risultano pagati" : "L'avviso risulta pagato"} e
          {checkout.items.length > 1 ? " le ricevute sono disponibili" : " la ricevuta è disponibile"}.
        </div>
        <Items checkout={checkout} />
        <h2 className="h4">Ricevute</h2>
        <ul className="portal-link-list">
          {data.receipts.map((r) => (
            <li key={r.id}>
              {checkout.forCitizen ? (
                <>
                  <Link to={`/area-personale/pagamenti/ricevute/${r.id}`}>Ricevuta: {r.description}</Link>
                  {" · "}
                </>
              ) : (
                <>{r.description}: </>
              )}
              <a href={`/checkout/${checkout.id}/ricevute/${r.id}`} download>
                scarica il PDF<span className="visually-hidden"> della ricevuta {r.description}</span>
              </a>
            </li>
          ))}
        </ul>
      </>
    );
  }
  const text =
    checkout.status === "annullato"
      ? "Hai annullato il pagamento: nessun importo è stato addebitato e gli avvisi sono di nuovo pagabili."
      : checkout.status === "scaduto"
        ? "Il tempo per completare il pagamento è scaduto: nessun importo è stato addebitato e gli avvisi sono di nuovo pagabili."
        : "Il pagamento non è andato a buon fine: nessun importo è stato addebitato e gli avvisi sono di nuovo pagabili.";
  return (
    <>
      <div className="alert alert-warning" role="status">
        {text}
        {checkout.status === "fallito" && checkout.outcomeReason ? (
          <> Motivo: {checkout.outcomeReason}</>
        ) : null}
      </div>
      <Items checkout={checkout} />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

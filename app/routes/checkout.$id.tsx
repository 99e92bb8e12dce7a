import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { getSession } from "~/auth/session.server";
import { metaT } from "~/i18n/instance";
import { messagesLoader, useFormat, useServerText } from "~/i18n/react";
import { formatTimeIt } from "~/rules/time";
import { readForm, throwNotFound } from "~/http.server";
import { errorMeta, GeneralErrorBoundary } from "~/components/error-boundary";
import { Icon } from "~/components/icon";
import { Euro, NavCode, PdfNote, SimulationNotice } from "~/components/payments/notice-parts";
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

export const links: LinksFunction = () => [{ rel: "stylesheet", href: paymentStyles }];

export const handle = { i18n: ["payments"] };

export const clientLoader = messagesLoader(["payments"]);


export const meta: MetaFunction<typeof loader> = ({ data, error, matches }) => {
  if (error) return errorMeta(error, matches);
  const t = metaT(matches, "payments");
  return pageMeta(data ? t(`checkout.title.${data.checkout.status}`) : t("checkout.title.default"), matches);
};

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
  const { t } = useTranslation("payments");
  const back = checkout.forCitizen
    ? { to: "/area-personale/pagamenti", label: t("checkout.backToPayments") }
    : { to: "/paga-un-avviso", label: t("checkout.payAnother") };
  return (
    <div className="container portal-checkout">
      {data.simulated ? <SimulationNotice /> : null}
      <h1>{t(`checkout.title.${checkout.status}`)}</h1>

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
  const { t } = useTranslation("payments");
  const f = useFormat();
  return (
    <div className="table-responsive">
      <table className="table portal-pay-table">
        <caption>{t("checkout.caption", { count: checkout.items.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("fields.notice")}</th>
            <th scope="col" className="portal-amount-cell">
              {t("fields.amount")}
            </th>
          </tr>
        </thead>
        <tbody>
          {checkout.items.map((i) => (
            <tr key={i.optionId}>
              <th scope="row">
                {i.description}
                <div className="small fw-normal">
                  <Trans
                    i18nKey="checkout.itemMeta"
                    t={t}
                    values={{ creditor: i.creditorName, date: f.date(i.dueDate) }}
                    components={{ code: <NavCode nav={i.nav} /> }}
                  />
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
  const { t } = useTranslation("payments");
  const f = useFormat();
  const serverText = useServerText();
  return (
    <>
      <p className="lead">
        <Trans
          i18nKey="checkout.total"
          t={t}
          values={{ amount: f.euro(checkout.totalCents) }}
          components={{ strong: <strong className="portal-checkout-total" /> }}
        />
      </p>
      <p>
        <Icon name="it-clock" className="icon-sm me-1" />
        {t("checkout.reserved", { time: formatTimeIt(checkout.expiresAt), count: data.minutesLeft })}
      </p>
      <Items checkout={checkout} />
      {error ? (
        <div className="alert alert-danger" role="alert">
          {serverText(error)}
        </div>
      ) : null}
      <Form method="post">
        <input type="hidden" name="csrf" value={data.token} />
        <fieldset className="mb-3">
          <legend className="h4">{t("checkout.chooseMethod")}</legend>
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
                  {t("checkout.method", {
                    method: t(`checkout.methods.${m.code}.label`, { defaultValue: m.label }),
                    fee: f.euro(m.feeCents),
                    total: f.euro(checkout.totalCents + m.feeCents),
                  })}
                </label>
              </div>
              <p className="small mb-0 ms-4">
                {t("checkout.methodDetails", {
                  description: t(`checkout.methods.${m.code}.description`, { defaultValue: m.description }),
                  psp: m.psp,
                })}
              </p>
            </div>
          ))}
        </fieldset>
        <div className="portal-pay-actions">
          <button type="submit" name="esito" value="successo" className="btn btn-primary btn-icon">
            <Icon name="it-check-circle" className="icon-white me-2" />
            <span>{t("checkout.pay")}</span>
          </button>
          {data.simulated ? (
            <button type="submit" name="esito" value="fallimento" className="btn btn-outline-danger">
              {t("checkout.simulateFailure")}
            </button>
          ) : null}
          <button type="submit" name="esito" value="annulla" className="btn btn-outline-primary">
            {t("checkout.cancel")}
          </button>
        </div>
      </Form>
    </>
  );
}

function Outcome({ data }: { data: Data }) {
  const { checkout } = data;
  const { t } = useTranslation("payments");
  const f = useFormat();
  const serverText = useServerText();
  if (checkout.status === "pagato") {
    return (
      <>
        <div className="alert alert-success" role="status">
          {t("checkout.paid", {
            count: checkout.items.length,
            total: f.euro(checkout.totalCents + checkout.feeCents),
            fee: f.euro(checkout.feeCents),
          })}
        </div>
        <Items checkout={checkout} />
        <h2 className="h4">{t("checkout.receipts")}</h2>
        <ul className="portal-link-list">
          {data.receipts.map((r) => (
            <li key={r.id}>
              {checkout.forCitizen ? (
                <>
                  <Link to={`/area-personale/pagamenti/ricevute/${r.id}`}>
                    {t("checkout.receiptLink", { description: r.description })}
                  </Link>
                  {" · "}
                </>
              ) : (
                <>{r.description}: </>
              )}
              <a href={`/checkout/${checkout.id}/ricevute/${r.id}`} download>
                <Trans
                  i18nKey="checkout.downloadPdf"
                  t={t}
                  values={{ description: r.description }}
                  components={{ hidden: <span className="visually-hidden" /> }}
                />
              </a>
              <PdfNote />
            </li>
          ))}
        </ul>
      </>
    );
  }
  const text =
    checkout.status === "annullato"
      ? t("checkout.cancelled")
      : checkout.status === "scaduto"
        ? t("checkout.expired")
        : t("checkout.failed");
  return (
    <>
      <div className="alert alert-warning" role="status">
        {text}
        {checkout.status === "fallito" && checkout.outcomeReason ? (
          <> {t("checkout.reason", { reason: serverText(checkout.outcomeReason) })}</>
        ) : null}
      </div>
      <Items checkout={checkout} />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

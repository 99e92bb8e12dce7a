import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { getSession } from "~/auth/session.server";
import { Breadcrumb } from "~/components/breadcrumb";
import { errorMeta, GeneralErrorBoundary } from "~/components/error-boundary";
import { TextField } from "~/components/form";
import { Icon } from "~/components/icon";
import { Euro, instalmentInfo, instalmentText, NavCode, PayState } from "~/components/payments/notice-parts";
import paymentStyles from "~/components/payments/payments.css";
import { pageMeta } from "~/components/site";
import { beginPayment } from "~/payments/checkout.server";
import { ANONYMOUS_PAYER, citizenActor, paymentsEnv } from "~/payments/context.server";
import { findNoticeForHolder, receiptCheckoutOf, type HolderNotice } from "~/payments/positions.server";
import { getPaymentProvider } from "~/payments/psp.server";
import { noticeState } from "~/payments/rules";
import { issueFormToken, refusalStatus, verifyFormToken } from "~/payments/web.server";
import { metaT } from "~/i18n/instance";
import { messagesLoader, useFormat, useServerText } from "~/i18n/react";
import { formObject, parseForm } from "~/form-data.server";
import { noticeLookupSchema, payerSchema } from "~/forms/pay-notice.server";
import { readForm } from "~/http.server";
import { maskEmail } from "~/mail/messages";
import { receiptMailAddress, resendReceiptMail } from "~/mail/receipts.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: paymentStyles }];

export const handle = { i18n: ["payments"] };

export const clientLoader = messagesLoader(["payments"]);

export const meta: MetaFunction<typeof loader> = ({ data, error, matches }) => {
  if (error) return errorMeta(error, matches);
  const t = metaT(matches, "payments");
  if (data?.outcome === "non-trovato") return pageMeta(t("lookup.notFoundTitle"), matches);
  return pageMeta(t("lookup.title"), matches, t("lookup.description"));
};

interface FieldErrors {
  codice?: string;
  ente?: string;
  email?: string;
}

function holderView(n: HolderNotice, today: string, now: Date) {
  return {
    creditorName: n.creditorName,
    creditorFiscalCode: n.creditorFiscalCode,
    purpose: n.purpose,
    amountCents: n.amountCents,
    dueDate: n.dueDate,
    nav: n.nav,
    instalment: instalmentInfo(n.instalmentNumber, n.instalmentCount, n.isPartialPayment),
    state: noticeState(n, today, now),
  };
}

type Outcome = "modulo" | "errori" | "non-trovato" | "trovato";

/** The notice that the codice avviso and the creditor's fiscal code name, from a query string or a form. */
async function lookup(context: LoaderFunctionArgs["context"], fields: Record<string, unknown>) {
  const env = paymentsEnv(context.config);
  const read = parseForm(noticeLookupSchema, fields);
  if (!read.ok)
    return { outcome: "errori" as Outcome, errors: read.errors as FieldErrors, notice: null, optionId: null };
  const found = await findNoticeForHolder(context.db, {
    nav: read.data.codice,
    creditorFiscalCode: read.data.ente,
  });
  if (!found) return { outcome: "non-trovato" as Outcome, errors: {}, notice: null, optionId: null };
  const notice = holderView(found, env.today(), env.now());
  const receiptCheckout =
    notice.state.kind === "pagato" ? await receiptCheckoutOf(context.db, found.optionId) : null;
  const receiptAddress = receiptCheckout ? await receiptMailAddress(context.db, receiptCheckout) : null;
  return {
    outcome: "trovato" as Outcome,
    errors: {},
    notice: { ...notice, receiptSentTo: receiptAddress ? maskEmail(receiptAddress) : null },
    optionId: found.optionId,
    receiptCheckout,
  };
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  const codice = (params.get("codice") ?? "").slice(0, 64);
  const ente = (params.get("ente") ?? "").slice(0, 64);
  const { token, setCookie } = issueFormToken(request, context.config);
  const headers = new Headers({ "Cache-Control": "no-store" });
  if (setCookie) headers.append("Set-Cookie", setCookie);
  const values = { codice, ente };
  if (!params.has("codice") && !params.has("ente")) {
    return json(
      { outcome: "modulo" as Outcome, errors: {} as FieldErrors, notice: null, values, token },
      { headers },
    );
  }
  const r = await lookup(context, values);
  const status = r.outcome === "errori" ? 400 : r.outcome === "non-trovato" ? 404 : 200;
  return json(
    { outcome: r.outcome, errors: r.errors as FieldErrors, notice: r.notice, values, token },
    { status, headers },
  );
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request, context);
  verifyFormToken(request, form, context.config);
  const fields = formObject(form);
  const r = await lookup(context, fields);
  if (r.outcome !== "trovato" || r.optionId === null) {
    return json(
      {
        error:
          r.outcome === "non-trovato"
            ? "Avviso non trovato."
            : "Controlla il codice avviso e il codice fiscale dell'ente.",
        errors: r.errors as FieldErrors,
      },
      { status: r.outcome === "non-trovato" ? 404 : 400 },
    );
  }
  if (fields.intent === "reinvia-ricevuta") {
    // Only to the address the receipt first went to: whoever holds the paper notice learns nothing.
    if (!r.receiptCheckout || !r.notice?.receiptSentTo)
      return json(
        { error: "Per questo avviso non è stata inviata una ricevuta per email.", errors: {} as FieldErrors },
        { status: 409 },
      );
    const env = paymentsEnv(context.config);
    const outcome = await resendReceiptMail(context.db, {
      checkoutId: r.receiptCheckout,
      day: env.today(),
      now: env.stamp(),
    });
    if (outcome !== "queued")
      return json(
        {
          error:
            "La ricevuta è già stata inviata di nuovo oggi: controlla anche la cartella della posta indesiderata.",
          errors: {} as FieldErrors,
        },
        { status: 429 },
      );
    return json({ error: null, errors: {} as FieldErrors, resentTo: r.notice.receiptSentTo });
  }
  const payer = parseForm(payerSchema, fields);
  if (!payer.ok)
    return json(
      { error: "Controlla l'indirizzo email.", errors: { email: payer.errors.email } as FieldErrors },
      { status: 400 },
    );
  const session = await getSession(request, context);
  const started = await beginPayment(context.db, paymentsEnv(context.config), getPaymentProvider(context), {
    optionIds: [r.optionId],
    payerCitizenId: session?.citizen_id ?? null,
    payerEmail: payer.data.email,
    actor: session ? citizenActor(session.fiscal_code) : ANONYMOUS_PAYER,
  });
  if (!started.ok)
    return json({ error: started.message, errors: {} as FieldErrors }, { status: refusalStatus(started) });
  return redirect(started.redirectUrl, 303);
}

export default function PagaUnAvviso() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors: FieldErrors = { ...data.errors, ...(actionData?.errors ?? {}) };
  const notice = data.notice;
  const { t } = useTranslation("payments");
  const serverText = useServerText();
  return (
    <div className="container portal-checkout">
      <Breadcrumb items={[{ label: t("breadcrumb.home"), to: "/" }, { label: t("lookup.title") }]} />
      {data.outcome === "non-trovato" ? (
        <>
          <h1>{t("lookup.notFoundTitle")}</h1>
          <div className="alert alert-warning" role="alert">
            {t("lookup.notFoundText")}
          </div>
        </>
      ) : (
        <>
          <h1>{t("lookup.title")}</h1>
          <p className="lead">
            <Trans i18nKey="lookup.lead" t={t} components={{ strong: <strong /> }} />
          </p>
        </>
      )}

      {data.outcome === "errori" ? (
        <div className="alert alert-danger" role="alert">
          {t("lookup.checkData", {
            errors: Object.values(errors)
              .filter((e): e is string => Boolean(e))
              .map(serverText)
              .join(" "),
          })}
        </div>
      ) : null}

      {notice ? (
        <FoundNotice
          notice={notice}
          token={data.token}
          values={data.values}
          error={actionData?.error ?? null}
          emailError={errors.email}
          resentTo={actionData && "resentTo" in actionData ? actionData.resentTo : null}
        />
      ) : (
        <LookupForm values={data.values} errors={errors} />
      )}
      {notice ? (
        <p className="mt-4">
          <Link to="/paga-un-avviso">{t("lookup.searchAnother")}</Link>
        </p>
      ) : null}
    </div>
  );
}

function LookupForm({ values, errors }: { values: { codice: string; ente: string }; errors: FieldErrors }) {
  const { t } = useTranslation("payments");
  const serverText = useServerText();
  return (
    <Form method="get" noValidate className="mt-4" reloadDocument>
      <TextField
        id="codice"
        label={t("lookup.codeLabel")}
        inputMode="numeric"
        autoComplete="off"
        defaultValue={values.codice}
        required
        hint={t("lookup.codeHint")}
        error={errors.codice ? serverText(errors.codice) : undefined}
      />
      <TextField
        id="ente"
        label={t("lookup.creditorLabel")}
        inputMode="numeric"
        autoComplete="off"
        defaultValue={values.ente}
        required
        hint={t("lookup.creditorHint")}
        error={errors.ente ? serverText(errors.ente) : undefined}
      />
      <button type="submit" className="btn btn-primary">
        {t("lookup.search")}
      </button>
    </Form>
  );
}

type Notice = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["notice"]>;

function FoundNotice({
  notice,
  token,
  values,
  error,
  emailError,
  resentTo,
}: {
  notice: Notice;
  token: string;
  values: { codice: string; ente: string };
  error: string | null;
  emailError?: string;
  resentTo: string | null;
}) {
  const paid = notice.state.kind === "pagato";
  const { t } = useTranslation("payments");
  const f = useFormat();
  const serverText = useServerText();
  return (
    <section className="portal-section-box mt-4" aria-labelledby="avviso-trovato">
      <h2 id="avviso-trovato">{paid ? t("lookup.paidTitle") : notice.purpose}</h2>
      {paid ? (
        <div className="alert alert-info" role="status">
          {t("lookup.paidAlert")}
        </div>
      ) : null}
      {resentTo ? (
        <div className="alert alert-success" role="status">
          {t("lookup.resent", { email: resentTo })}
        </div>
      ) : null}
      <p>
        <PayState
          kind={notice.state.kind}
          label={notice.state.label}
          overdue={notice.state.overdue}
          dueDate={notice.dueDate}
        />
      </p>
      <dl className="portal-dl-grid">
        <dt>{t("fields.creditor")}</dt>
        <dd>
          <Trans
            i18nKey="lookup.creditorValue"
            t={t}
            values={{ name: notice.creditorName, code: notice.creditorFiscalCode }}
            components={{ code: <span className="portal-nav-code" /> }}
          />
        </dd>
        <dt>{t("fields.purpose")}</dt>
        <dd>{notice.purpose}</dd>
        <dt>{t("fields.amount")}</dt>
        <dd>
          <Euro cents={notice.amountCents} />
        </dd>
        <dt>{t("fields.dueDate")}</dt>
        <dd>{f.date(notice.dueDate)}</dd>
        <dt>{t("fields.instalment")}</dt>
        <dd>{instalmentText(t, notice.instalment)}</dd>
        <dt>{t("fields.noticeCode")}</dt>
        <dd>
          <NavCode nav={notice.nav} />
        </dd>
      </dl>
      {error ? (
        <div className="alert alert-danger" role="alert">
          {serverText(error)}
        </div>
      ) : null}
      {notice.state.payable ? (
        <Form
          method="post"
          noValidate
          action={`/paga-un-avviso?${new URLSearchParams({ codice: values.codice, ente: values.ente })}`}
        >
          <input type="hidden" name="csrf" value={token} />
          <input type="hidden" name="codice" value={values.codice} />
          <input type="hidden" name="ente" value={values.ente} />
          <TextField
            id="email"
            type="email"
            label={t("lookup.emailLabel")}
            wrapperClassName="form-group mt-3"
            autoComplete="email"
            hint={t("lookup.emailHint")}
            error={emailError ? serverText(emailError) : undefined}
          />
          <button type="submit" className="btn btn-primary btn-icon">
            <Icon name="it-card" className="icon-white me-2" />
            <span>{t("lookup.pay")}</span>
          </button>
        </Form>
      ) : notice.state.kind === "in_pagamento" ? (
        <p className="mb-0">{t("lookup.inProgress")}</p>
      ) : paid && notice.receiptSentTo ? (
        <Form
          method="post"
          action={`/paga-un-avviso?${new URLSearchParams({ codice: values.codice, ente: values.ente })}`}
        >
          <input type="hidden" name="csrf" value={token} />
          <input type="hidden" name="codice" value={values.codice} />
          <input type="hidden" name="ente" value={values.ente} />
          <input type="hidden" name="intent" value="reinvia-ricevuta" />
          <p>{t("lookup.receiptSent", { email: notice.receiptSentTo })}</p>
          <button type="submit" className="btn btn-outline-primary">
            {t("lookup.resend", { email: notice.receiptSentTo })}
          </button>
        </Form>
      ) : !paid ? (
        <p className="mb-0">{t("lookup.notPayable", { creditor: notice.creditorName })}</p>
      ) : null}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { getSession } from "~/auth/session.server";
import { Breadcrumb } from "~/components/breadcrumb";
import { errorMeta, GeneralErrorBoundary } from "~/components/error-boundary";
import { TextField } from "~/components/form";
import { Icon } from "~/components/icon";
import { Euro, NavCode, PayState } from "~/components/payments/notice-parts";
import paymentStyles from "~/components/payments/payments.css";
import { pageMeta } from "~/components/site";
import { beginPayment } from "~/payments/checkout.server";
import { ANONYMOUS_PAYER, citizenActor, paymentsEnv } from "~/payments/context.server";
import { findNoticeForHolder, receiptCheckoutOf, type HolderNotice } from "~/payments/positions.server";
import { getPaymentProvider } from "~/payments/psp.server";
import { instalmentLabel, noticeState } from "~/payments/rules";
import { issueFormToken, refusalStatus, verifyFormToken } from "~/payments/web.server";
import { formatDateIt } from "~/rules/time";
import { formObject, parseForm } from "~/form-data.server";
import { noticeLookupSchema, payerSchema } from "~/forms/pay-notice.server";
import { readForm } from "~/http.server";
import { maskEmail } from "~/mail/messages";
import { receiptMailAddress, resendReceiptMail } from "~/mail/receipts.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: paymentStyles }];

export const meta: MetaFunction<typeof loader> = ({ data, error, matches }) => {
  if (error) return errorMeta(error, matches);
  if (data?.outcome === "non-trovato") return pageMeta("Avviso non trovato", matches);
  return pageMeta(
    "Paga un avviso",
    matches,
    "Paga un avviso pagoPA di Comuni, Regione e Aziende sanitarie con il codice avviso e il codice fiscale dell'ente, senza accedere.",
  );
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
    instalment: instalmentLabel(n.instalmentNumber, n.instalmentCount, n.isPartialPayment),
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
  return (
    <div className="container portal-checkout">
      <Breadcrumb items={[{ label: "Home", to: "/" }, { label: "Paga un avviso" }]} />
      {data.outcome === "non-trovato" ? (
        <>
          <h1>Avviso non trovato</h1>
          <div className="alert alert-warning" role="alert">
            Non risulta alcun avviso con il codice avviso e il codice fiscale dell&apos;ente indicati.
            Controlla i dati stampati sull&apos;avviso e riprova.
          </div>
        </>
      ) : (
        <>
          <h1>Paga un avviso</h1>
          <p className="lead">
            Puoi pagare un avviso pagoPA di un Comune, della Regione o di un&apos;Azienda sanitaria anche
            senza accedere: ti servono il <strong>codice avviso</strong> (18 cifre) e il{" "}
            <strong>codice fiscale dell&apos;ente creditore</strong> (11 cifre), stampati sull&apos;avviso.
          </p>
        </>
      )}

      {data.outcome === "errori" ? (
        <div className="alert alert-danger" role="alert">
          Controlla i dati inseriti: {Object.values(errors).filter(Boolean).join(" ")}
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
          <Link to="/paga-un-avviso">Cerca un altro avviso</Link>
        </p>
      ) : null}
    </div>
  );
}

function LookupForm({ values, errors }: { values: { codice: string; ente: string }; errors: FieldErrors }) {
  return (
    <Form method="get" noValidate className="mt-4" reloadDocument>
      <TextField
        id="codice"
        label="Codice avviso"
        inputMode="numeric"
        autoComplete="off"
        defaultValue={values.codice}
        required
        hint="18 cifre, anche separate da spazi, per esempio 3012 4000 0001 2345 10."
        error={errors.codice}
      />
      <TextField
        id="ente"
        label="Codice fiscale dell'ente creditore"
        inputMode="numeric"
        autoComplete="off"
        defaultValue={values.ente}
        required
        hint="11 cifre."
        error={errors.ente}
      />
      <button type="submit" className="btn btn-primary">
        Cerca l&apos;avviso
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
  return (
    <section className="portal-section-box mt-4" aria-labelledby="avviso-trovato">
      <h2 id="avviso-trovato">{paid ? "Avviso già pagato" : notice.purpose}</h2>
      {paid ? (
        <div className="alert alert-info" role="status">
          Questo avviso risulta già pagato: non devi pagarlo di nuovo.
        </div>
      ) : null}
      {resentTo ? (
        <div className="alert alert-success" role="status">
          Ricevuta inviata di nuovo a {resentTo}.
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
        <dt>Ente creditore</dt>
        <dd>
          {notice.creditorName} (codice fiscale{" "}
          <span className="portal-nav-code">{notice.creditorFiscalCode}</span>)
        </dd>
        <dt>Oggetto</dt>
        <dd>{notice.purpose}</dd>
        <dt>Importo</dt>
        <dd>
          <Euro cents={notice.amountCents} />
        </dd>
        <dt>Scadenza</dt>
        <dd>{formatDateIt(notice.dueDate)}</dd>
        <dt>Rata</dt>
        <dd>{notice.instalment}</dd>
        <dt>Codice avviso</dt>
        <dd>
          <NavCode nav={notice.nav} />
        </dd>
      </dl>
      {error ? (
        <div className="alert alert-danger" role="alert">
          {error}
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
            label="Email del pagatore (facoltativa)"
            wrapperClassName="form-group mt-3"
            autoComplete="email"
            hint="Se la indichi, ti inviamo qui la ricevuta in PDF; potrai farla inviare di nuovo solo a questo indirizzo. La ricevuta si scarica comunque alla fine del pagamento."
            error={emailError}
          />
          <button type="submit" className="btn btn-primary btn-icon">
            <Icon name="it-card" className="icon-white me-2" />
            <span>Paga l&apos;avviso</span>
          </button>
        </Form>
      ) : notice.state.kind === "in_pagamento" ? (
        <p className="mb-0">
          Per questo avviso è già in corso un pagamento avviato da poco. Se non verrà completato,
          l&apos;avviso tornerà pagabile entro pochi minuti.
        </p>
      ) : paid && notice.receiptSentTo ? (
        <Form
          method="post"
          action={`/paga-un-avviso?${new URLSearchParams({ codice: values.codice, ente: values.ente })}`}
        >
          <input type="hidden" name="csrf" value={token} />
          <input type="hidden" name="codice" value={values.codice} />
          <input type="hidden" name="ente" value={values.ente} />
          <input type="hidden" name="intent" value="reinvia-ricevuta" />
          <p>
            La ricevuta è stata inviata per email a {notice.receiptSentTo}, l&apos;indirizzo indicato al
            momento del pagamento. Puoi riceverla di nuovo solo lì.
          </p>
          <button type="submit" className="btn btn-outline-primary">
            Invia di nuovo la ricevuta a {notice.receiptSentTo}
          </button>
        </Form>
      ) : !paid ? (
        <p className="mb-0">
          Questo avviso non può più essere pagato. Per informazioni rivolgiti a {notice.creditorName}.
        </p>
      ) : null}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

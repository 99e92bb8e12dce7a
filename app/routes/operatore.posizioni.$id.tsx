import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { CsrfInput } from "~/auth/csrf-input";
import { csrfToken, verifyCsrf } from "~/auth/csrf.server";
import { requireOperator } from "~/auth/guards.server";
import { Breadcrumb } from "~/components/breadcrumb";
import { formatDateIt, formatDateTimeIt, formatDayIt } from "~/rules/time";
import { errorMeta, GeneralErrorBoundary } from "~/components/error-boundary";
import { Textarea } from "~/components/form";
import { Euro, NavCode } from "~/components/payments/notice-parts";
import paymentStyles from "~/components/payments/payments.css";
import { pageMeta } from "~/components/site";
import { appendAudit } from "~/audit.server";
import { portalNow, todayIso } from "~/clock.server";
import { actorFrom, operatorAudit } from "~/operator/actor";
import { NO_STORE, operatorHeaders } from "~/operator/http";
import { optionLabel, positionHistory } from "~/operator/position-history";
import { listPositionReceipts } from "~/operator/positions.server";
import { findTiedCitizen } from "~/operator/scope.server";
import { categoryLabel } from "~/operator/taxonomy";
import { CREDITOR_LIMITS, SERVICE_LABEL, type PositionService } from "~/payments/creditor-input";
import { getPosition, invalidatePosition, publishPosition } from "~/payments/creditor-positions.server";
import { paymentMethodLabel } from "~/payments/receipt-pdf.server";
import { allowedEvents, PAYMENT_OPTION_STATUS_LABEL, POSITION_STATUS_LABEL } from "~/rules/gpd";
import { formatEuroSymbol } from "~/rules/money";
import { notFound, parseId, readForm } from "~/http.server";
import { parseForm, UNKNOWN_INTENT } from "~/form-data.server";
import { positionActionSchema } from "~/forms/operator.server";

export const meta: MetaFunction<typeof loader> = ({ data, error, matches }) =>
  error || !data ? errorMeta(error, matches) : pageMeta(`Posizione debitoria ${data.p.iupd}`, matches);

export const links: LinksFunction = () => [{ rel: "stylesheet", href: paymentStyles }];

export const headers = operatorHeaders;

async function guard(request: Request, context: LoaderFunctionArgs["context"], id: string | undefined) {
  const { session, operator } = await requireOperator(request, context, "pagamenti");
  const positionId = parseId(id);
  if (positionId === null) throw notFound();
  return { session, operator, positionId };
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { session, operator, positionId } = await guard(request, context, params.id);
  const p = await getPosition(context.db, operator.enteId, positionId);
  if (!p) throw notFound();
  const [receipts, tied] = await Promise.all([
    listPositionReceipts(context.db, operator.enteId, p.id),
    p.debtorCitizenId === null
      ? undefined
      : findTiedCitizen(
          context.db,
          { enteId: operator.enteId, roles: ["pagamenti"] },
          p.debtorCitizenId,
          todayIso(context.config),
        ),
  ]);
  // A position names its debtor: opening it is a look at that person's data, and is logged.
  await appendAudit(
    context.db,
    context.config.auditHmacKey,
    {
      ...operatorAudit(actorFrom(session, operator)),
      role: "pagamenti",
      subjectCitizenId: p.debtorCitizenId,
      action: "payments.position.view",
      details: { positionId: p.id, iupd: p.iupd },
    },
    portalNow(context.config),
  );
  const labelOf = new Map(p.options.map((o) => [o.id, optionLabel(o.instalmentNumber)]));
  const history = positionHistory(
    p,
    receipts.map((r) => ({
      paymentDateTime: r.paymentDateTime,
      amountCents: r.amountCents,
      outcome: r.outcome,
      receiptId: r.receiptId,
      optionLabel: labelOf.get(r.optionId) ?? "",
    })),
  );
  return json(
    {
      p: {
        id: p.id,
        iupd: p.iupd,
        type: p.type,
        debtorName: p.debtorName,
        debtorFiscalCode: p.debtorFiscalCode,
        debtorCitizenId: p.debtorCitizenId,
        companyName: p.companyName,
        creditorFiscalCode: p.creditorFiscalCode,
        service: SERVICE_LABEL[p.service as PositionService] ?? p.service,
        description: p.description,
        validityDate: p.validityDate,
        switchToExpired: p.switchToExpired,
        status: p.status,
        statusLabel: POSITION_STATUS_LABEL[p.status],
        statusReason: p.statusReason,
        createdAt: p.createdAt,
        publishedAt: p.publishedAt,
        isPartialPayment: p.isPartialPayment,
        totalCents: p.totalCents,
        options: p.options.map((o) => ({
          id: o.id,
          label: optionLabel(o.instalmentNumber),
          description: o.description,
          amountCents: o.amountCents,
          dueDate: o.dueDate,
          nav: o.nav,
          iuv: o.iuv,
          status: PAYMENT_OPTION_STATUS_LABEL[o.status],
          paidAt: o.paidAt,
          transfers: o.transfers.map((t) => ({ ...t, category: categoryLabel(t.category) })),
        })),
      },
      receipts: receipts.map((r) => ({
        ...r,
        optionLabel: labelOf.get(r.optionId) ?? "",
        method: paymentMethodLabel(r.paymentMethod),
      })),
      history,
      // A pagamenti operator may open the debtor's notices in the dossier, with a stated reason:
      // only for a person tied to the ente, so that a draft does not reveal who is in the portal.
      dossierLink: tied ? `/operatore/cittadini/${tied.id}?sezione=pagamenti` : null,
      csrf: csrfToken(session),
    },
    { headers: NO_STORE },
  );
}

type ActionData = { intent: string; message: string; reasonError?: string; reason?: string };

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { session, operator, positionId } = await guard(request, context, params.id);
  // Scope before the anti-forgery token: another ente's position is a 404, never a 403.
  if (!(await getPosition(context.db, operator.enteId, positionId))) throw notFound();
  const form = await readForm(request, context);
  verifyCsrf(request, form, session);
  const by = { kind: "operatore" as const, actor: actorFrom(session, operator) };
  const reply = (data: ActionData, status: number) => json<ActionData>(data, { status, headers: NO_STORE });
  const parsed = parseForm(positionActionSchema, form);
  if (!parsed.ok) return reply({ intent: String(form.get("intent") ?? ""), message: UNKNOWN_INTENT }, 400);
  const input = parsed.data;
  const intent = input.intent;
  switch (input.intent) {
    case "pubblica": {
      const r = await publishPosition(context.db, context.config, by, positionId);
      if (r.ok)
        return redirect(`/operatore/posizioni/${positionId}?esito=pubblicata`, {
          status: 303,
          headers: NO_STORE,
        });
      if (r.status === 404) throw notFound();
      return reply({ intent, message: r.message }, r.status);
    }
    case "annulla": {
      const reason = input.motivo;
      const r = await invalidatePosition(context.db, context.config, by, positionId, reason);
      if (r.ok)
        return redirect(`/operatore/posizioni/${positionId}?esito=annullata`, {
          status: 303,
          headers: NO_STORE,
        });
      if (r.status === 404) throw notFound();
      return reply(
        {
          intent,
          message: r.status === 400 ? "La posizione non è stata annullata: indica il motivo." : r.message,
          reasonError: r.errors?.reason,
          reason,
        },
        r.status,
      );
    }
  }
}

function outcomeMessage(
  esito: string | null,
  p: { status: string; validityDate: string | null; debtorCitizenId: number | null },
): string | null {
  switch (esito) {
    case "creata":
      return "Posizione creata in bozza. Controlla i dati e pubblicala perché il debitore la veda e la possa pagare.";
    case "pubblicata":
      if (p.status === "PUBLISHED" && p.validityDate)
        return `Posizione pubblicata: diventa pagabile il ${formatDateIt(p.validityDate)}.`;
      return p.debtorCitizenId !== null
        ? "Posizione pubblicata: ora è pagabile e il debitore ha ricevuto un messaggio nella sua area personale."
        : "Posizione pubblicata: ora è pagabile.";
    case "annullata":
      return "Posizione annullata: l'avviso non è più pagabile.";
    default:
      return null;
  }
}

export default function Posizione() {
  const { p, receipts, history, dossierLink, csrf } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const outcome = actionData ? null : outcomeMessage(params.get("esito"), p);
  const events = allowedEvents(p.status);
  const canPublish = events.includes("publish");
  const canInvalidate = events.includes("invalidate");
  return (
    <>
      <Breadcrumb
        items={[
          { label: "Area operatore", to: "/operatore" },
          { label: "Posizioni debitorie", to: "/operatore/posizioni" },
          { label: p.iupd },
        ]}
      />
      <h1 className="mt-3 portal-wrap">Posizione debitoria {p.iupd}</h1>
      {outcome ? (
        <div className="alert alert-success" role="status">
          {outcome}
        </div>
      ) : null}
      {actionData ? (
        <div className="alert alert-danger" role="alert">
          {actionData.message}
        </div>
      ) : null}

      <p className="lead">
        Stato: <strong>{p.statusLabel}</strong>
        {p.statusReason ? <span className="d-block portal-wrap">Motivo: {p.statusReason}</span> : null}
      </p>

      <dl className="row portal-dl">
        <div className="col-12 col-md-6">
          <dt>Debitore</dt>
          <dd>
            {p.debtorName} ({p.type === "F" ? "persona fisica" : "persona giuridica"})
            <code className="d-block">{p.debtorFiscalCode}</code>
          </dd>
        </div>
        <div className="col-12 col-md-6">
          <dt>Ente creditore</dt>
          <dd>
            {p.companyName}
            <code className="d-block">{p.creditorFiscalCode}</code>
          </dd>
        </div>
        <div className="col-12 col-md-6">
          <dt>Servizio e causale</dt>
          <dd className="portal-wrap">
            {p.service}: {p.description}
          </dd>
        </div>
        <div className="col-6 col-md-3">
          <dt>Importo totale</dt>
          <dd>
            <Euro cents={p.totalCents} />
          </dd>
        </div>
        <div className="col-6 col-md-3">
          <dt>Modalità</dt>
          <dd>{p.isPartialPayment ? `${p.options.length} rate` : "Unica soluzione"}</dd>
        </div>
        <div className="col-6 col-md-3">
          <dt>Pagabile dal</dt>
          <dd>{p.validityDate ? formatDateIt(p.validityDate) : "Dalla pubblicazione"}</dd>
        </div>
        <div className="col-6 col-md-3">
          <dt>Dopo la scadenza</dt>
          <dd>{p.switchToExpired ? "Non più pagabile" : "Ancora pagabile"}</dd>
        </div>
        <div className="col-6 col-md-3">
          <dt>Creata</dt>
          <dd>{formatDateTimeIt(p.createdAt)}</dd>
        </div>
        <div className="col-6 col-md-3">
          <dt>Pubblicata</dt>
          <dd>{p.publishedAt ? formatDateTimeIt(p.publishedAt) : "Non ancora"}</dd>
        </div>
      </dl>
      {dossierLink ? (
        <p>
          <Link to={dossierLink} prefetch="none">
            Apri gli avvisi di {p.debtorName} nel suo fascicolo
          </Link>{" "}
          (ti sarà chiesto il motivo).
        </p>
      ) : null}

      {canPublish || canInvalidate ? (
        <section aria-labelledby="actions-title" className="portal-section-box">
          <h2 id="actions-title">Azioni</h2>
          {canPublish ? (
            <Form method="post">
              <CsrfInput token={csrf} />
              <input type="hidden" name="intent" value="pubblica" />
              <p>
                Con la pubblicazione gli avvisi diventano pagabili
                {p.validityDate ? ` dal ${formatDateIt(p.validityDate)}` : ""} e il debitore, se ha
                un&apos;area personale nel portale, riceve un messaggio. Dopo non si possono più modificare:
                si possono solo annullare.
              </p>
              <button type="submit" className="btn btn-primary">
                Pubblica
              </button>
            </Form>
          ) : null}
          {canInvalidate ? (
            <Form method="post" noValidate aria-labelledby="invalidate-title">
              <h3 id="invalidate-title" className="h5">
                Annulla la posizione
              </h3>
              <CsrfInput token={csrf} />
              <input type="hidden" name="intent" value="annulla" />
              <Textarea
                id="motivo"
                label="Motivo dell'annullamento (lo legge il debitore)"
                rows={3}
                required
                minLength={CREDITOR_LIMITS.reasonMin}
                maxLength={CREDITOR_LIMITS.reasonMax}
                defaultValue={actionData?.reason ?? ""}
                hint={`Da ${CREDITOR_LIMITS.reasonMin} a ${CREDITOR_LIMITS.reasonMax} caratteri. Gli avvisi non saranno più pagabili; ciò che è già stato pagato non cambia.`}
                error={actionData?.reasonError}
              />
              <button type="submit" className="btn btn-outline-danger">
                Annulla la posizione
              </button>
            </Form>
          ) : null}
        </section>
      ) : null}

      <section aria-labelledby="options-title" className="mt-4">
        <h2 id="options-title" className="h4">
          Avvisi di pagamento
        </h2>
        <div className="portal-table-wrap">
          <table className="table">
            <caption className="visually-hidden">
              Avvisi di pagamento della posizione, in ordine di rata
            </caption>
            <thead>
              <tr>
                <th scope="col">Rata</th>
                <th scope="col">Descrizione</th>
                <th scope="col">Importo</th>
                <th scope="col">Scadenza</th>
                <th scope="col">Codice avviso e IUV</th>
                <th scope="col">Stato</th>
              </tr>
            </thead>
            <tbody>
              {p.options.map((o) => (
                <tr key={o.id}>
                  <th scope="row">{o.label}</th>
                  <td className="portal-wrap">{o.description}</td>
                  <td>
                    <Euro cents={o.amountCents} />
                  </td>
                  <td>{formatDateIt(o.dueDate)}</td>
                  <td>
                    <NavCode nav={o.nav} />
                    <span className="d-block small">
                      IUV <code>{o.iuv}</code>
                    </span>
                  </td>
                  <td>
                    {o.status}
                    {o.paidAt ? ` il ${formatDayIt(o.paidAt)}` : ""}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="transfers-title" className="mt-4">
        <h2 id="transfers-title" className="h4">
          Trasferimenti
        </h2>
        <div className="portal-table-wrap">
          <table className="table table-sm">
            <caption className="visually-hidden">A chi vanno gli importi di ogni rata</caption>
            <thead>
              <tr>
                <th scope="col">Rata</th>
                <th scope="col">N.</th>
                <th scope="col">Beneficiario e IBAN</th>
                <th scope="col">Importo</th>
                <th scope="col">Causale</th>
                <th scope="col">Categoria</th>
              </tr>
            </thead>
            <tbody>
              {p.options.flatMap((o) =>
                o.transfers.map((t) => (
                  <tr key={`${o.id}-${t.idTransfer}`}>
                    <th scope="row">{o.label}</th>
                    <td>{t.idTransfer}</td>
                    <td>
                      <code>{t.organizationFiscalCode}</code>
                      <code className="d-block small portal-wrap">{t.iban}</code>
                    </td>
                    <td>
                      <Euro cents={t.amountCents} />
                    </td>
                    <td className="portal-wrap">{t.remittanceInformation}</td>
                    <td className="portal-wrap">{t.category}</td>
                  </tr>
                )),
              )}
            </tbody>
          </table>
        </div>
      </section>

      {receipts.length ? (
        <section aria-labelledby="receipts-title" className="mt-4">
          <h2 id="receipts-title" className="h4">
            Pagamenti ricevuti
          </h2>
          <div className="portal-table-wrap">
            <table className="table table-sm">
              <caption className="visually-hidden">Ricevute dei pagamenti di questa posizione</caption>
              <thead>
                <tr>
                  <th scope="col">Data e ora</th>
                  <th scope="col">Rata</th>
                  <th scope="col">Importo</th>
                  <th scope="col">Prestatore e metodo</th>
                  <th scope="col">Identificativo ricevuta</th>
                </tr>
              </thead>
              <tbody>
                {receipts.map((r) => (
                  <tr key={r.id}>
                    <th scope="row">{formatDateTimeIt(r.paymentDateTime)}</th>
                    <td>{r.optionLabel}</td>
                    <td>
                      <Euro cents={r.amountCents} />
                      {r.outcome === "KO" ? <span className="d-block small">Non eseguito</span> : null}
                      {r.feeCents ? (
                        <span className="d-block small">commissione {formatEuroSymbol(r.feeCents)}</span>
                      ) : null}
                    </td>
                    <td>
                      {r.pspName}
                      <span className="d-block small">{r.method}</span>
                    </td>
                    <td className="portal-wrap">
                      <code>{r.receiptId}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}

      <section aria-labelledby="history-title" className="mt-4">
        <h2 id="history-title" className="h4">
          Storico
        </h2>
        <ol className="portal-timeline">
          {history.map((e, i) => (
            <li key={i}>
              <p className="mb-1">
                <strong>{e.label}</strong>, {formatDateTimeIt(e.at)}
              </p>
              {e.note ? <p className="mb-0 portal-wrap">{e.note}</p> : null}
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

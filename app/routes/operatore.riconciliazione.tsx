import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { requireOperator } from "~/auth/guards.server";
import { Breadcrumb } from "~/components/breadcrumb";
import { EmptyState } from "~/components/dossier/empty-state";
import { plural } from "~/rules/italian";
import { formatDateIt, formatDateTimeIt, formatLongDayIt } from "~/rules/time";
import { Pagination } from "~/components/dossier/pagination";
import { parsePage } from "~/http.server";
import { errorMeta, GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, TextField } from "~/components/form";
import { Euro, NavCode } from "~/components/payments/notice-parts";
import paymentStyles from "~/components/payments/payments.css";
import { pageMeta } from "~/components/site";
import { NO_STORE, operatorHeaders } from "~/operator/http";
import { readReceiptRange } from "~/operator/reconciliation.server";
import {
  listReceipts,
  MAX_RECEIPT_RANGE_DAYS,
  RECEIPTS_EXPORT_MAX,
} from "~/payments/creditor-receipts.server";
import { dailyReceiptTotals } from "~/payments/creditor-reconciliation.server";
import { paymentMethodLabel } from "~/payments/receipt-pdf.server";
import { formatEuro } from "~/rules/money";

export const meta: MetaFunction<typeof loader> = ({ error, matches }) =>
  error ? errorMeta(error, matches) : pageMeta("Riconciliazione degli incassi", matches);

export const links: LinksFunction = () => [{ rel: "stylesheet", href: paymentStyles }];

export const headers = operatorHeaders;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { operator } = await requireOperator(request, context, "pagamenti");
  const params = new URL(request.url).searchParams;
  const range = readReceiptRange(params, context.config);
  const page = parsePage(params);
  // Server-only constants travel in the data: the component also runs in the browser.
  const limits = {
    maxDays: MAX_RECEIPT_RANGE_DAYS,
    // "50.000", thousands grouped the Italian way.
    exportMax: String(RECEIPTS_EXPORT_MAX).replace(/\B(?=(\d{3})+(?!\d))/g, "."),
  };
  if (!range.ok)
    return json(
      { values: range.values, errors: range.errors, limits, days: null, receipts: null },
      { status: 400, headers: NO_STORE },
    );
  const [days, receipts] = await Promise.all([
    dailyReceiptTotals(context.db, operator.enteId, range.range),
    listReceipts(context.db, operator.enteId, { ...range.range, page }),
  ]);
  return json(
    {
      values: range.values,
      errors: {} as { da?: string; a?: string },
      limits,
      days,
      receipts: {
        total: receipts.total,
        page: receipts.page,
        pageCount: receipts.pageCount,
        items: receipts.items.map((r) => ({
          id: r.id,
          paymentDateTime: r.paymentDateTime,
          noticeNumber: r.noticeNumber,
          iuv: r.creditorReferenceId,
          debtorName: r.debtorName,
          debtorFiscalCode: r.debtorFiscalCode,
          amountCents: r.paymentAmountCents,
          outcome: r.outcome,
          psp: r.pspCompanyName,
          method: paymentMethodLabel(r.paymentMethod),
          receiptId: r.receiptId,
          positionId: r.positionId,
          iupd: r.iupd,
        })),
      },
    },
    { headers: NO_STORE },
  );
}

export default function Riconciliazione() {
  const { values, errors, limits, days, receipts } = useLoaderData<typeof loader>();
  const { search } = useLocation();
  const exportQs = new URLSearchParams({ da: values.da, a: values.a }).toString();
  const summary = [
    errors.da ? { field: "da", message: errors.da } : null,
    errors.a ? { field: "a", message: errors.a } : null,
  ].filter((x): x is { field: string; message: string } => x !== null);
  const totals = (days ?? []).reduce(
    (s, d) => ({ count: s.count + d.count, cents: s.cents + d.totalCents, fees: s.fees + d.feeCents }),
    { count: 0, cents: 0, fees: 0 },
  );
  return (
    <>
      <Breadcrumb
        items={[{ label: "Area operatore", to: "/operatore" }, { label: "Riconciliazione degli incassi" }]}
      />
      <h1 className="mt-3">Riconciliazione degli incassi</h1>
      <p className="lead">
        I pagamenti ricevuti tramite pagoPA per il tuo ente, giorno per giorno (ora italiana), con le ricevute
        da confrontare con gli accrediti in tesoreria.
      </p>

      {summary.length ? (
        <ErrorSummary title="L'intervallo di date non è valido: correggilo." items={summary} />
      ) : null}

      <Form method="get" noValidate className="portal-section-box" aria-labelledby="range-title">
        <h2 id="range-title" className="h4">
          Periodo
        </h2>
        <div className="row g-3">
          <TextField
            id="da"
            type="date"
            label="Dal giorno"
            wrapperClassName="col-12 col-md-6 col-lg-3"
            labelClassName="form-label"
            defaultValue={values.da}
            error={errors.da}
          />
          <TextField
            id="a"
            type="date"
            label="Al giorno"
            wrapperClassName="col-12 col-md-6 col-lg-3"
            labelClassName="form-label"
            defaultValue={values.a}
            error={errors.a}
          />
        </div>
        <p className="small mt-2 mb-0">Al massimo {limits.maxDays} giorni.</p>
        <div className="d-flex flex-wrap gap-3 mt-3">
          <button type="submit" className="btn btn-primary">
            Mostra gli incassi
          </button>
          {days ? (
            <a className="btn btn-outline-primary" href={`/operatore/riconciliazione.csv?${exportQs}`}>
              Esporta CSV
              <span className="visually-hidden">
                {" "}
                delle ricevute dal {formatDateIt(values.da)} al {formatDateIt(values.a)} (al massimo{" "}
                {limits.exportMax} righe)
              </span>
            </a>
          ) : null}
        </div>
      </Form>

      {days && receipts ? (
        <>
          <section aria-labelledby="days-title" className="mt-4">
            <h2 id="days-title" className="h4">
              Incassi per giorno
            </h2>
            {days.length === 0 ? (
              <EmptyState title="Nessun pagamento ricevuto in questo periodo" />
            ) : (
              <div className="portal-table-wrap">
                <table className="table">
                  <caption className="visually-hidden">
                    Pagamenti ricevuti per giorno dal {formatDateIt(values.da)} al {formatDateIt(values.a)}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">Giorno</th>
                      <th scope="col">Pagamenti</th>
                      <th scope="col">Totale incassato</th>
                      <th scope="col">Commissioni pagate dai debitori</th>
                    </tr>
                  </thead>
                  <tbody>
                    {days.map((d) => (
                      <tr key={d.day}>
                        <th scope="row">{formatLongDayIt(d.day)}</th>
                        <td>{d.count}</td>
                        <td>
                          <Euro cents={d.totalCents} />
                        </td>
                        <td>€ {formatEuro(d.feeCents)}</td>
                      </tr>
                    ))}
                  </tbody>
                  <tfoot>
                    <tr>
                      <th scope="row">Totale del periodo</th>
                      <td>{totals.count}</td>
                      <td>
                        <Euro cents={totals.cents} />
                      </td>
                      <td>€ {formatEuro(totals.fees)}</td>
                    </tr>
                  </tfoot>
                </table>
              </div>
            )}
          </section>

          <section aria-labelledby="receipts-title" className="mt-4">
            <h2 id="receipts-title" className="h4">
              Ricevute
            </h2>
            {receipts.total === 0 ? (
              <EmptyState title="Nessuna ricevuta in questo periodo" />
            ) : (
              <>
                <p aria-live="polite">
                  {plural(receipts.total, "ricevuta", "ricevute")}, dalla meno recente.
                  {receipts.pageCount > 1 ? ` Pagina ${receipts.page} di ${receipts.pageCount}.` : null}
                </p>
                <div className="portal-table-wrap">
                  <table className="table table-sm">
                    <caption className="visually-hidden">Ricevute dei pagamenti del periodo</caption>
                    <thead>
                      <tr>
                        <th scope="col">Data e ora</th>
                        <th scope="col">Codice avviso e IUV</th>
                        <th scope="col">Debitore</th>
                        <th scope="col">Importo</th>
                        <th scope="col">Prestatore e metodo</th>
                        <th scope="col">Identificativo ricevuta</th>
                      </tr>
                    </thead>
                    <tbody>
                      {receipts.items.map((r) => (
                        <tr key={r.id}>
                          <th scope="row">{formatDateTimeIt(r.paymentDateTime)}</th>
                          <td>
                            <NavCode nav={r.noticeNumber} />
                            <span className="d-block small">
                              IUV <code>{r.iuv}</code>
                            </span>
                            <Link
                              to={`/operatore/posizioni/${r.positionId}`}
                              prefetch="none"
                              className="small"
                            >
                              Posizione {r.iupd}
                            </Link>
                          </td>
                          <td>
                            {r.debtorName}
                            <code className="d-block small">{r.debtorFiscalCode}</code>
                          </td>
                          <td>
                            <Euro cents={r.amountCents} />
                            {r.outcome === "KO" ? <span className="d-block small">Non eseguito</span> : null}
                          </td>
                          <td>
                            {r.psp}
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
                <Pagination
                  page={receipts.page}
                  pageCount={receipts.pageCount}
                  search={search}
                  label="Pagine delle ricevute"
                />
              </>
            )}
          </section>
        </>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

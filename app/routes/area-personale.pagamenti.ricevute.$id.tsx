import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Fragment } from "react";
import { requireCitizen } from "~/auth/guards.server";
import { Breadcrumb } from "~/components/breadcrumb";
import { requireId, throwNotFound } from "~/http.server";
import { errorMeta, GeneralErrorBoundary } from "~/components/error-boundary";
import { Icon } from "~/components/icon";
import { Euro } from "~/components/payments/notice-parts";
import paymentStyles from "~/components/payments/payments.css";
import { pageMeta } from "~/components/site";
import { getCitizenReceipt } from "~/payments/positions.server";
import { receiptFields } from "~/payments/receipt-pdf.server";
import { parseStoredTransfers } from "~/payments/receipts.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: paymentStyles }];

export const meta: MetaFunction<typeof loader> = ({ data, error, matches }) =>
  error
    ? errorMeta(error, matches)
    : pageMeta(data ? `Ricevuta: ${data.title}` : "Ricevuta di pagamento", matches);

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { person, citizenId } = await requireCitizen(request, context);
  const receiptId = requireId(params.id);
  const r = await getCitizenReceipt(context.db, { receiptId, citizenId, fiscalCode: person.codiceFiscale });
  if (!r) throwNotFound();
  return json(
    {
      id: r.id,
      title: r.description,
      companyName: r.company_name,
      amountCents: r.payment_amount_cents,
      optionId: r.debtorCitizenId === citizenId ? r.option_id : null,
      // A payer who is not the debtor does not learn whose debt it was.
      fields: receiptFields(r, { hideDebtor: r.debtorCitizenId === null || r.debtorCitizenId !== citizenId }),
      transfers: parseStoredTransfers(r.transfers_json),
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}

export default function Ricevuta() {
  const r = useLoaderData<typeof loader>();
  return (
    <>
      <Breadcrumb
        items={[
          { label: "Area personale", to: "/area-personale" },
          { label: "Pagamenti", to: "/area-personale/pagamenti?stato=pagati" },
          { label: "Ricevuta" },
        ]}
      />
      <h1>Ricevuta di pagamento</h1>
      <p className="lead">
        {r.title}: <Euro cents={r.amountCents} /> a {r.companyName}
      </p>
      <p>
        <span className="portal-pay-state portal-pay-state-pagato">
          <Icon name="it-check-circle" />
          <span>Pagamento eseguito</span>
        </span>
      </p>
      <section className="portal-section-box" aria-labelledby="dati-ricevuta">
        <h2 id="dati-ricevuta">Dati della ricevuta</h2>
        <dl className="portal-dl-grid">
          {r.fields.map(([label, value]) => (
            <Fragment key={label}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </Fragment>
          ))}
        </dl>
      </section>
      {r.transfers.length ? (
        <section className="portal-section-box" aria-labelledby="trasferimenti">
          <h2 id="trasferimenti">Trasferimenti</h2>
          <div className="table-responsive">
            <table className="table portal-pay-table">
              <caption className="visually-hidden">
                Come l&apos;importo è ripartito tra gli enti beneficiari
              </caption>
              <thead>
                <tr>
                  <th scope="col">N.</th>
                  <th scope="col">Ente beneficiario</th>
                  <th scope="col">IBAN</th>
                  <th scope="col">Causale</th>
                  <th scope="col" className="portal-amount-cell">
                    Importo
                  </th>
                </tr>
              </thead>
              <tbody>
                {r.transfers.map((t) => (
                  <tr key={t.idTransfer}>
                    <th scope="row">{t.idTransfer}</th>
                    <td>{t.fiscalCodePA}</td>
                    <td>
                      <span className="portal-nav-code">{t.iban}</span>
                    </td>
                    <td>{t.remittanceInformation}</td>
                    <td className="portal-amount-cell">
                      <Euro cents={t.amountCents} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
      <div className="portal-pay-actions">
        <a
          href={`/area-personale/pagamenti/ricevute/${r.id}/ricevuta.pdf`}
          className="btn btn-primary btn-icon"
          download
        >
          <Icon name="it-download" className="icon-white me-2" />
          <span>Scarica la ricevuta (PDF)</span>
        </a>
        {r.optionId ? <Link to={`/area-personale/pagamenti/${r.optionId}`}>Vai all&apos;avviso</Link> : null}
        <Link to="/area-personale/pagamenti?stato=pagati">Torna ai pagamenti</Link>
      </div>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

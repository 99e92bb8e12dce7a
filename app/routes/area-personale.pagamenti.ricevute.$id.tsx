import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Fragment } from "react";
import type { TFunction } from "i18next";
import { Trans, useTranslation } from "react-i18next";
import { requireCitizen } from "~/auth/guards.server";
import { Breadcrumb } from "~/components/breadcrumb";
import { requireId, throwNotFound } from "~/http.server";
import { errorMeta, GeneralErrorBoundary } from "~/components/error-boundary";
import { Icon } from "~/components/icon";
import { Euro, PdfNote } from "~/components/payments/notice-parts";
import paymentStyles from "~/components/payments/payments.css";
import { pageMeta } from "~/components/site";
import { getCitizenReceipt } from "~/payments/positions.server";
import { receiptFields } from "~/payments/receipt-pdf.server";
import { parseStoredTransfers } from "~/payments/receipts.server";
import type { Formats } from "~/i18n/format";
import { metaT } from "~/i18n/instance";
import { messagesLoader, useFormat } from "~/i18n/react";
import { formatNav } from "~/rules/nav";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: paymentStyles }];

export const handle = { i18n: ["payments"] };

export const clientLoader = messagesLoader(["payments"]);

export const meta: MetaFunction<typeof loader> = ({ data, error, matches }) => {
  if (error) return errorMeta(error, matches);
  const t = metaT(matches, "payments");
  return pageMeta(data ? t("receipt.title", { title: data.title }) : t("receipt.titleDefault"), matches);
};

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { person, citizenId } = await requireCitizen(request, context);
  const receiptId = requireId(params.id);
  const r = await getCitizenReceipt(context.db, { receiptId, citizenId, fiscalCode: person.codiceFiscale });
  if (!r) throwNotFound();
  const hideDebtor = r.debtorCitizenId === null || r.debtorCitizenId !== citizenId;
  return json(
    {
      id: r.id,
      title: r.description,
      companyName: r.company_name,
      amountCents: r.payment_amount_cents,
      optionId: r.debtorCitizenId === citizenId ? r.option_id : null,
      // A payer who is not the debtor does not learn whose debt it was.
      fields: receiptFields(r, { hideDebtor }),
      // The same fields' data, for pages in another language than the receipt's Italian.
      details: {
        ok: r.outcome === "OK",
        amountCents: r.payment_amount_cents,
        feeCents: r.fee_cents,
        paidAt: r.payment_date_time,
        applicationDate: r.application_date,
        description: r.description,
        creditor: r.company_name,
        creditorFiscalCode: r.creditor_fiscal_code,
        nav: r.notice_number,
        iuv: r.creditor_reference_id,
        debtor: hideDebtor ? null : { name: r.debtor_name, code: r.debtor_fiscal_code },
        payer: r.payer_name ? { name: r.payer_name, code: r.payer_fiscal_code } : null,
        psp: { name: r.psp_company_name, code: r.id_psp },
        method: r.payment_method,
        receiptId: r.receipt_id,
      },
      transfers: parseStoredTransfers(r.transfers_json),
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}

type Details = ReturnType<typeof useLoaderData<typeof loader>>["details"];

/**
 * The receipt's fields in a language other than Italian, in the order of receiptFields (which
 * gives the Italian page and the PDF theirs).
 */
function translatedFields(d: Details, t: TFunction, f: Formats): Array<[string, string]> {
  const withCode = (p: { name: string; code: string | null }) =>
    p.code ? t("receipt.values.withCode", { name: p.name, code: p.code }) : p.name;
  return [
    [t("receipt.fields.outcome"), d.ok ? t("receipt.values.ok") : t("receipt.values.ko")],
    [t("receipt.fields.amountPaid"), f.euro(d.amountCents)],
    [t("receipt.fields.fee"), f.euro(d.feeCents)],
    [t("receipt.fields.paidAt"), f.dateTime(d.paidAt)],
    [t("receipt.fields.applicationDate"), f.date(d.applicationDate)],
    [t("receipt.fields.purpose"), d.description],
    [t("receipt.fields.creditor"), d.creditor],
    [t("receipt.fields.creditorTaxCode"), d.creditorFiscalCode],
    [t("receipt.fields.noticeCode"), formatNav(d.nav)],
    [t("receipt.fields.iuv"), d.iuv],
    [t("receipt.fields.debtor"), d.debtor ? withCode(d.debtor) : t("receipt.values.debtorHidden")],
    [t("receipt.fields.payer"), d.payer ? withCode(d.payer) : t("receipt.values.payerUnknown")],
    [t("receipt.fields.psp"), withCode(d.psp)],
    [t("receipt.fields.method"), t(`receipt.methods.${d.method}`, { defaultValue: d.method })],
    [t("receipt.fields.receiptId"), d.receiptId],
  ];
}

export default function Ricevuta() {
  const r = useLoaderData<typeof loader>();
  const { t } = useTranslation("payments");
  const f = useFormat();
  const fields = f.locale === "it" ? r.fields : translatedFields(r.details, t, f);
  return (
    <>
      <Breadcrumb
        items={[
          { label: t("breadcrumb.area"), to: "/area-personale" },
          { label: t("breadcrumb.payments"), to: "/area-personale/pagamenti?stato=pagati" },
          { label: t("breadcrumb.receipt") },
        ]}
      />
      <h1>{t("receipt.h1")}</h1>
      <p className="lead">
        <Trans
          i18nKey="receipt.lead"
          t={t}
          values={{ title: r.title, amount: f.euro(r.amountCents), company: r.companyName }}
          components={{ amount: <span className="portal-amount" /> }}
        />
      </p>
      <p>
        <span className="portal-pay-state portal-pay-state-pagato">
          <Icon name="it-check-circle" />
          <span>{t("receipt.paid")}</span>
        </span>
      </p>
      <section className="portal-section-box" aria-labelledby="dati-ricevuta">
        <h2 id="dati-ricevuta">{t("receipt.data")}</h2>
        <dl className="portal-dl-grid">
          {fields.map(([label, value]) => (
            <Fragment key={label}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </Fragment>
          ))}
        </dl>
      </section>
      {r.transfers.length ? (
        <section className="portal-section-box" aria-labelledby="trasferimenti">
          <h2 id="trasferimenti">{t("receipt.transfers")}</h2>
          <div className="table-responsive">
            <table className="table portal-pay-table">
              <caption className="visually-hidden">{t("receipt.transfersCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("receipt.transferNumber")}</th>
                  <th scope="col">{t("receipt.beneficiary")}</th>
                  <th scope="col">{t("receipt.iban")}</th>
                  <th scope="col">{t("receipt.remittance")}</th>
                  <th scope="col" className="portal-amount-cell">
                    {t("fields.amount")}
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
          <span>{t("receipt.download")}</span>
        </a>
        <PdfNote />
        {r.optionId ? (
          <Link to={`/area-personale/pagamenti/${r.optionId}`}>{t("receipt.goToNotice")}</Link>
        ) : null}
        <Link to="/area-personale/pagamenti?stato=pagati">{t("receipt.back")}</Link>
      </div>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

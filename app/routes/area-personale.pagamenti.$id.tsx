import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { csrfToken, verifyCsrf } from "~/auth/csrf.server";
import { CsrfInput } from "~/auth/csrf-input";
import { requireCitizen } from "~/auth/guards.server";
import { Breadcrumb } from "~/components/breadcrumb";
import { metaT } from "~/i18n/instance";
import { messagesLoader, useFormat, useServerText } from "~/i18n/react";
import { readForm, requireId, throwNotFound } from "~/http.server";
import { parseForm, UNKNOWN_INTENT } from "~/form-data.server";
import { noticePaymentSchema } from "~/forms/citizen.server";
import { errorMeta, GeneralErrorBoundary } from "~/components/error-boundary";
import { Icon } from "~/components/icon";
import {
  AfterDueDateNote,
  Euro,
  instalmentInfo,
  instalmentText,
  NavCode,
  PayState,
  PdfNote,
} from "~/components/payments/notice-parts";
import paymentStyles from "~/components/payments/payments.css";
import { pageMeta } from "~/components/site";
import { beginPayment } from "~/payments/checkout.server";
import { qrSvgDataUri } from "~/payments/codes.server";
import { areaPaymentParties, paymentsEnv } from "~/payments/context.server";
import { getCitizenNotice } from "~/payments/positions.server";
import { getPaymentProvider } from "~/payments/psp.server";
import { MAX_CART_ITEMS, noticeState } from "~/payments/rules";
import { readCart, refusalStatus, taxInstalmentHref } from "~/payments/web.server";
import { buildQrPayload } from "~/rules/qr";
import { afterDueDate } from "~/rules/after-due-date";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: paymentStyles }];

export const handle = { i18n: ["payments"] };

export const clientLoader = messagesLoader(["payments"]);

export const meta: MetaFunction<typeof loader> = ({ data, error, matches }) => {
  if (error) return errorMeta(error, matches);
  const t = metaT(matches, "payments");
  return pageMeta(
    data ? t("notice.title", { purpose: data.notice.purpose }) : t("notice.titleDefault"),
    matches,
  );
};

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { session, citizenId } = await requireCitizen(request, context);
  const optionId = requireId(params.id);
  if (citizenId === null) throwNotFound();
  const detail = await getCitizenNotice(context.db, { optionId, citizenId });
  if (!detail) throwNotFound();
  const env = paymentsEnv(context.config);
  const today = env.today();
  const state = noticeState(detail, today, env.now());
  const unpaid = detail.optionStatus === "PO_UNPAID";
  const qrPayload = unpaid
    ? buildQrPayload({
        nav: detail.nav,
        creditorFiscalCode: detail.creditorFiscalCode,
        amountCents: detail.amountCents,
      })
    : null;
  const cart = await readCart(request, context.config, citizenId);
  const instalmentCount = detail.instalmentCount;
  return json(
    {
      notice: {
        optionId: detail.optionId,
        purpose: detail.purpose,
        positionDescription: detail.position.description,
        amountCents: detail.amountCents,
        dueDate: detail.dueDate,
        nav: detail.nav,
        iuv: detail.iuv,
        instalment: instalmentInfo(detail.instalmentNumber, instalmentCount, detail.isPartialPayment),
        creditor: {
          name: detail.creditor.name,
          fiscalCode: detail.creditorFiscalCode,
          email: detail.creditor.email,
          phone: detail.creditor.phone,
        },
        reason: detail.statusReason,
        receiptId: detail.receiptId,
        paidAt: detail.paidAt,
        taxInstalment: detail.taxInstalment
          ? { ...detail.taxInstalment, href: taxInstalmentHref(detail.taxInstalment) }
          : null,
        options: detail.options.map((o) => ({
          optionId: o.optionId,
          instalment: instalmentInfo(o.instalmentNumber, instalmentCount, o.isPartialPayment),
          amountCents: o.amountCents,
          dueDate: o.dueDate,
          paid: o.status !== "PO_UNPAID",
          receiptId: o.receiptId,
        })),
      },
      state,
      afterDue: afterDueDate(detail, today),
      csrf: csrfToken(session),
      qr: qrPayload ? { src: await qrSvgDataUri(qrPayload), payload: qrPayload } : null,
      inCart: cart.includes(detail.optionId),
      cartFull: cart.length >= MAX_CART_ITEMS && !cart.includes(detail.optionId),
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const access = await requireCitizen(request, context);
  const { session, citizenId } = access;
  const optionId = requireId(params.id);
  const form = await readForm(request, context);
  verifyCsrf(request, form, session);
  if (citizenId === null) throwNotFound();
  const parsed = parseForm(noticePaymentSchema, form);
  if (!parsed.ok) return json({ error: parsed.errors.intent ?? UNKNOWN_INTENT }, { status: 400 });
  const provider = getPaymentProvider(context);
  const started = await beginPayment(context.db, paymentsEnv(context.config), provider, {
    optionIds: [optionId],
    debtorCitizenId: citizenId,
    ...areaPaymentParties(access),
  });
  if (!started.ok) {
    if (started.code === "non_trovato") throwNotFound();
    return json({ error: started.message }, { status: refusalStatus(started) });
  }
  return redirect(started.redirectUrl, 303);
}

export default function Avviso() {
  const { notice, state, afterDue, csrf, qr, inCart, cartFull } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const error = actionData && "error" in actionData ? actionData.error : null;
  const hasInstalments = notice.options.length > 1;
  const { t } = useTranslation("payments");
  const f = useFormat();
  const serverText = useServerText();
  return (
    <>
      <Breadcrumb
        items={[
          { label: t("breadcrumb.area"), to: "/area-personale" },
          { label: t("breadcrumb.payments"), to: "/area-personale/pagamenti" },
          { label: notice.purpose },
        ]}
      />
      <h1>{notice.purpose}</h1>
      <p className="lead mb-2">{notice.creditor.name}</p>
      <p>
        <PayState kind={state.kind} label={state.label} overdue={state.overdue} dueDate={notice.dueDate} />
        {inCart ? (
          <>
            {" "}
            <span className="badge bg-primary ms-1">{t("list.inCart")}</span>
          </>
        ) : null}
      </p>
      <AfterDueDateNote rule={afterDue} dueDate={notice.dueDate} creditorName={notice.creditor.name} />

      {error ? (
        <div className="alert alert-danger" role="alert">
          {serverText(error)}
        </div>
      ) : null}

      <div className="row g-4">
        <div className="col-12 col-md-7">
          <section className="portal-section-box" aria-labelledby="dati-avviso">
            <h2 id="dati-avviso">{t("notice.data")}</h2>
            <dl className="portal-dl-grid">
              <dt>{t("fields.amount")}</dt>
              <dd>
                <Euro cents={notice.amountCents} />
              </dd>
              <dt>{t("fields.dueDate")}</dt>
              <dd>{f.date(notice.dueDate)}</dd>
              <dt>{t("fields.instalment")}</dt>
              <dd>{instalmentText(t, notice.instalment)}</dd>
              <dt>{t("fields.purpose")}</dt>
              <dd>{notice.positionDescription}</dd>
              <dt>{t("fields.noticeCodeGloss")}</dt>
              <dd>
                <NavCode nav={notice.nav} />
              </dd>
              <dt>{t("fields.iuv")}</dt>
              <dd>
                <span className="portal-nav-code">{notice.iuv}</span>
              </dd>
              <dt>{t("fields.creditorGloss")}</dt>
              <dd>{notice.creditor.name}</dd>
              <dt>{t("fields.creditorTaxCode")}</dt>
              <dd>
                <span className="portal-nav-code">{notice.creditor.fiscalCode}</span>
              </dd>
              {notice.paidAt ? (
                <>
                  <dt>{t("fields.paidOn")}</dt>
                  <dd>{f.date(notice.paidAt)}</dd>
                </>
              ) : null}
              {notice.reason && (state.kind === "annullato" || state.kind === "scaduto") ? (
                <>
                  <dt>{t("fields.reason")}</dt>
                  <dd>{notice.reason}</dd>
                </>
              ) : null}
            </dl>
          </section>
        </div>
        <div className="col-12 col-md-5">
          {qr ? (
            <section className="portal-section-box text-center" aria-labelledby="codice-qr">
              <h2 id="codice-qr" className="h5">
                {t("notice.qrTitle")}
              </h2>
              <img
                src={qr.src}
                className="portal-qr"
                width={180}
                height={180}
                alt={t("notice.qrAlt", {
                  nav: notice.nav,
                  creditor: notice.creditor.fiscalCode,
                  amount:
                    f.locale === "it"
                      ? (notice.amountCents / 100).toFixed(2).replace(".", ",")
                      : (notice.amountCents / 100).toFixed(2),
                })}
              />
              <p className="small mt-2 mb-0">{t("notice.qrHelp")}</p>
            </section>
          ) : null}
        </div>
      </div>

      <div className="portal-pay-actions">
        {state.payable ? (
          <>
            <Form method="post">
              <CsrfInput token={csrf} />
              <input type="hidden" name="intent" value="paga" />
              <button type="submit" className="btn btn-primary btn-icon">
                <Icon name="it-card" className="icon-white me-2" />
                <span>{t("notice.payNow")}</span>
              </button>
            </Form>
            {inCart ? (
              <Link to="/area-personale/pagamenti/carrello" className="btn btn-outline-primary">
                {t("notice.goToCart")}
              </Link>
            ) : cartFull ? (
              <span className="small">{t("notice.cartFull", { max: MAX_CART_ITEMS })}</span>
            ) : (
              <Form method="post" action="/area-personale/pagamenti/carrello">
                <CsrfInput token={csrf} />
                <input type="hidden" name="intent" value="aggiungi" />
                <input type="hidden" name="avviso" value={notice.optionId} />
                <button type="submit" className="btn btn-outline-primary btn-icon">
                  <Icon name="it-cart" className="icon-primary me-2" />
                  <span>{t("notice.addToCart")}</span>
                </button>
              </Form>
            )}
          </>
        ) : null}
        {state.kind !== "pagato" ? (
          <>
            <a
              href={`/area-personale/pagamenti/${notice.optionId}/avviso.pdf`}
              className="btn btn-outline-primary btn-icon"
              download
            >
              <Icon name="it-download" className="icon-primary me-2" />
              <span>{t("notice.download")}</span>
            </a>
            <PdfNote />
          </>
        ) : null}
        {notice.receiptId ? (
          <Link
            to={`/area-personale/pagamenti/ricevute/${notice.receiptId}`}
            className="btn btn-outline-primary btn-icon"
          >
            <Icon name="it-file" className="icon-primary me-2" />
            <span>{t("notice.viewReceipt")}</span>
          </Link>
        ) : null}
      </div>
      {state.kind === "in_pagamento" ? <p>{t("notice.inProgress")}</p> : null}

      {notice.taxInstalment ? (
        <section className="portal-section-box" aria-labelledby="tributo">
          <h2 id="tributo">{t("notice.taxTitle")}</h2>
          <p className="mb-1">
            <Trans
              i18nKey="notice.taxLine"
              t={t}
              values={{
                label: notice.taxInstalment.label,
                tax: notice.taxInstalment.tax,
                year: notice.taxInstalment.year,
                date: f.date(notice.taxInstalment.dueDate),
                amount: f.euro(notice.taxInstalment.amountCents),
              }}
              components={{ amount: <span className="portal-amount" /> }}
            />
          </p>
          <p className="mb-0">
            <Link to={notice.taxInstalment.href}>{t("notice.taxLink")}</Link>
          </p>
        </section>
      ) : null}

      {hasInstalments ? (
        <section className="portal-section-box" aria-labelledby="rate">
          <h2 id="rate">{t("notice.optionsTitle")}</h2>
          <div className="table-responsive">
            <table className="table portal-pay-table">
              <caption className="visually-hidden">{t("notice.optionsCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("fields.instalment")}</th>
                  <th scope="col">{t("fields.dueDate")}</th>
                  <th scope="col" className="portal-amount-cell">
                    {t("fields.amount")}
                  </th>
                  <th scope="col">{t("fields.status")}</th>
                </tr>
              </thead>
              <tbody>
                {notice.options.map((o) => (
                  <tr key={o.optionId}>
                    <th scope="row">
                      {o.optionId === notice.optionId ? (
                        <span aria-current="page">
                          {t("notice.thisNotice", { label: instalmentText(t, o.instalment) })}
                        </span>
                      ) : (
                        <Link to={`/area-personale/pagamenti/${o.optionId}`}>
                          {instalmentText(t, o.instalment)}
                        </Link>
                      )}
                    </th>
                    <td>{f.date(o.dueDate)}</td>
                    <td className="portal-amount-cell">
                      <Euro cents={o.amountCents} />
                    </td>
                    <td>
                      {o.paid ? (
                        o.receiptId ? (
                          <Link to={`/area-personale/pagamenti/ricevute/${o.receiptId}`}>
                            {t("notice.paidSeeReceipt")}
                          </Link>
                        ) : (
                          t("notice.paid")
                        )
                      ) : (
                        t("notice.toPay")
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}

      <section className="portal-section-box" aria-labelledby="contatti-ente">
        <h2 id="contatti-ente">{t("notice.contactTitle")}</h2>
        <p className="mb-0">
          <Trans
            i18nKey={`notice.contact.${
              notice.creditor.email
                ? notice.creditor.phone
                  ? "both"
                  : "email"
                : notice.creditor.phone
                  ? "phone"
                  : "none"
            }`}
            t={t}
            values={{
              name: notice.creditor.name,
              email: notice.creditor.email ?? "",
              phone: notice.creditor.phone ?? "",
            }}
            components={{
              mail: <a href={`mailto:${notice.creditor.email ?? ""}`}>{notice.creditor.email}</a>,
            }}
          />
        </p>
      </section>
      <p>
        <Link to="/area-personale/pagamenti">{t("notice.back")}</Link>
      </p>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

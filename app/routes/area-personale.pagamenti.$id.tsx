import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { csrfToken, verifyCsrf } from "~/auth/csrf.server";
import { CsrfInput } from "~/auth/csrf-input";
import { requireCitizen } from "~/auth/guards.server";
import { Breadcrumb } from "~/components/breadcrumb";
import { formatDateIt, formatDayIt } from "~/rules/time";
import { readForm, requireId, throwNotFound } from "~/http.server";
import { parseForm, UNKNOWN_INTENT } from "~/form-data.server";
import { noticePaymentSchema } from "~/forms/citizen.server";
import { errorMeta, GeneralErrorBoundary } from "~/components/error-boundary";
import { Icon } from "~/components/icon";
import { AfterDueDateNote, Euro, NavCode, PayState } from "~/components/payments/notice-parts";
import paymentStyles from "~/components/payments/payments.css";
import { pageMeta } from "~/components/site";
import { beginPayment } from "~/payments/checkout.server";
import { qrSvgDataUri } from "~/payments/codes.server";
import { areaPaymentParties, paymentsEnv } from "~/payments/context.server";
import { getCitizenNotice } from "~/payments/positions.server";
import { getPaymentProvider } from "~/payments/psp.server";
import { instalmentLabel, MAX_CART_ITEMS, noticeState } from "~/payments/rules";
import { readCart, refusalStatus, taxInstalmentHref } from "~/payments/web.server";
import { buildQrPayload } from "~/rules/qr";
import { afterDueDate } from "~/rules/after-due-date";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: paymentStyles }];

export const meta: MetaFunction<typeof loader> = ({ data, error, matches }) =>
  error
    ? errorMeta(error, matches)
    : pageMeta(data ? `Avviso: ${data.notice.purpose}` : "Avviso di pagamento", matches);

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
        instalment: instalmentLabel(detail.instalmentNumber, instalmentCount, detail.isPartialPayment),
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
          label: instalmentLabel(o.instalmentNumber, instalmentCount, o.isPartialPayment),
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
  return (
    <>
      <Breadcrumb
        items={[
          { label: "Area personale", to: "/area-personale" },
          { label: "Pagamenti", to: "/area-personale/pagamenti" },
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
            <span className="badge bg-primary ms-1">Nel carrello</span>
          </>
        ) : null}
      </p>
      <AfterDueDateNote rule={afterDue} dueDate={notice.dueDate} creditorName={notice.creditor.name} />

      {error ? (
        <div className="alert alert-danger" role="alert">
          {error}
        </div>
      ) : null}

      <div className="row g-4">
        <div className="col-12 col-md-7">
          <section className="portal-section-box" aria-labelledby="dati-avviso">
            <h2 id="dati-avviso">Dati dell&apos;avviso</h2>
            <dl className="portal-dl-grid">
              <dt>Importo</dt>
              <dd>
                <Euro cents={notice.amountCents} />
              </dd>
              <dt>Scadenza</dt>
              <dd>{formatDateIt(notice.dueDate)}</dd>
              <dt>Rata</dt>
              <dd>{notice.instalment}</dd>
              <dt>Oggetto</dt>
              <dd>{notice.positionDescription}</dd>
              <dt>Codice avviso</dt>
              <dd>
                <NavCode nav={notice.nav} />
              </dd>
              <dt>Codice IUV</dt>
              <dd>
                <span className="portal-nav-code">{notice.iuv}</span>
              </dd>
              <dt>Ente creditore</dt>
              <dd>{notice.creditor.name}</dd>
              <dt>Codice fiscale dell&apos;ente</dt>
              <dd>
                <span className="portal-nav-code">{notice.creditor.fiscalCode}</span>
              </dd>
              {notice.paidAt ? (
                <>
                  <dt>Pagato il</dt>
                  <dd>{formatDayIt(notice.paidAt)}</dd>
                </>
              ) : null}
              {notice.reason && (state.kind === "annullato" || state.kind === "scaduto") ? (
                <>
                  <dt>Motivo</dt>
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
                Codice QR pagoPA
              </h2>
              <img
                src={qr.src}
                className="portal-qr"
                width={180}
                height={180}
                alt={`Codice QR dell'avviso: codice avviso ${notice.nav}, ente ${notice.creditor.fiscalCode}, importo ${(notice.amountCents / 100).toFixed(2).replace(".", ",")} euro`}
              />
              <p className="small mt-2 mb-0">
                Inquadralo con l&apos;app della tua banca o di un altro prestatore aderente a pagoPA.
              </p>
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
                <span>Paga ora</span>
              </button>
            </Form>
            {inCart ? (
              <Link to="/area-personale/pagamenti/carrello" className="btn btn-outline-primary">
                Vai al carrello
              </Link>
            ) : cartFull ? (
              <span className="small">Il carrello contiene già {MAX_CART_ITEMS} avvisi.</span>
            ) : (
              <Form method="post" action="/area-personale/pagamenti/carrello">
                <CsrfInput token={csrf} />
                <input type="hidden" name="intent" value="aggiungi" />
                <input type="hidden" name="avviso" value={notice.optionId} />
                <button type="submit" className="btn btn-outline-primary btn-icon">
                  <Icon name="it-cart" className="icon-primary me-2" />
                  <span>Aggiungi al carrello</span>
                </button>
              </Form>
            )}
          </>
        ) : null}
        {state.kind !== "pagato" ? (
          <a
            href={`/area-personale/pagamenti/${notice.optionId}/avviso.pdf`}
            className="btn btn-outline-primary btn-icon"
            download
          >
            <Icon name="it-download" className="icon-primary me-2" />
            <span>Scarica l&apos;avviso (PDF)</span>
          </a>
        ) : null}
        {notice.receiptId ? (
          <Link
            to={`/area-personale/pagamenti/ricevute/${notice.receiptId}`}
            className="btn btn-outline-primary btn-icon"
          >
            <Icon name="it-file" className="icon-primary me-2" />
            <span>Vedi la ricevuta</span>
          </Link>
        ) : null}
      </div>
      {state.kind === "in_pagamento" ? (
        <p>
          Per questo avviso è in corso un pagamento avviato da poco. Se non verrà completato, l&apos;avviso
          tornerà pagabile entro pochi minuti.
        </p>
      ) : null}

      {notice.taxInstalment ? (
        <section className="portal-section-box" aria-labelledby="tributo">
          <h2 id="tributo">Tributo collegato</h2>
          <p className="mb-1">
            {notice.taxInstalment.label} · {notice.taxInstalment.tax} {notice.taxInstalment.year} · scadenza{" "}
            {formatDateIt(notice.taxInstalment.dueDate)} · <Euro cents={notice.taxInstalment.amountCents} />
          </p>
          <p className="mb-0">
            <Link to={notice.taxInstalment.href}>Vai al dettaglio nel fascicolo del contribuente</Link>
          </p>
        </section>
      ) : null}

      {hasInstalments ? (
        <section className="portal-section-box" aria-labelledby="rate">
          <h2 id="rate">Modalità di pagamento di questa posizione</h2>
          <div className="table-responsive">
            <table className="table portal-pay-table">
              <caption className="visually-hidden">
                Unica soluzione e rate della stessa posizione debitoria
              </caption>
              <thead>
                <tr>
                  <th scope="col">Rata</th>
                  <th scope="col">Scadenza</th>
                  <th scope="col" className="portal-amount-cell">
                    Importo
                  </th>
                  <th scope="col">Stato</th>
                </tr>
              </thead>
              <tbody>
                {notice.options.map((o) => (
                  <tr key={o.optionId}>
                    <th scope="row">
                      {o.optionId === notice.optionId ? (
                        <span aria-current="page">{o.label} (questo avviso)</span>
                      ) : (
                        <Link to={`/area-personale/pagamenti/${o.optionId}`}>{o.label}</Link>
                      )}
                    </th>
                    <td>{formatDateIt(o.dueDate)}</td>
                    <td className="portal-amount-cell">
                      <Euro cents={o.amountCents} />
                    </td>
                    <td>
                      {o.paid ? (
                        o.receiptId ? (
                          <Link to={`/area-personale/pagamenti/ricevute/${o.receiptId}`}>
                            Pagata, vedi la ricevuta
                          </Link>
                        ) : (
                          "Pagata"
                        )
                      ) : (
                        "Da pagare"
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
        <h2 id="contatti-ente">Hai domande su questo avviso?</h2>
        <p className="mb-0">
          Rivolgiti a {notice.creditor.name}
          {notice.creditor.email ? (
            <>
              {" "}
              scrivendo a <a href={`mailto:${notice.creditor.email}`}>{notice.creditor.email}</a>
            </>
          ) : null}
          {notice.creditor.phone ? <> o telefonando al {notice.creditor.phone}</> : null}.
        </p>
      </section>
      <p>
        <Link to="/area-personale/pagamenti">Torna ai pagamenti</Link>
      </p>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { csrfToken, verifyCsrf } from "~/auth/csrf.server";
import { requireCitizen } from "~/auth/guards.server";
import { nowIso } from "~/clock.server";
import { Breadcrumb } from "~/components/breadcrumb";
import { CsrfInput } from "~/auth/csrf-input";
import { readForm, requireId, throwBadRequest, throwNotFound } from "~/http.server";
import { parseForm, UNKNOWN_INTENT } from "~/form-data.server";
import { messageUnreadSchema } from "~/forms/citizen.server";
import { errorMeta, GeneralErrorBoundary } from "~/components/error-boundary";
import { pageMeta } from "~/components/site";
import { getMessage, markMessageRead, markMessageUnread } from "~/dossier/messages.server";
import { MessageBody } from "~/components/dossier/message-body";
import { PayNoticeButton } from "~/components/payments/notice-parts";
import { PAYMENT_OPTION_STATUS_LABEL } from "~/rules/gpd";
import { messagesLoader, useFormat } from "~/i18n/react";

export const handle = { i18n: ["area"] };

export const clientLoader = messagesLoader(["area"]);

export const meta: MetaFunction<typeof loader> = ({ data, error, matches }) =>
  error || !data ? errorMeta(error, matches) : pageMeta(data.message.subject, matches);

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { session, citizenId } = await requireCitizen(request, context);
  const id = requireId(params.id);
  if (citizenId === null) throwNotFound();
  // Opening a message marks it read, as in any mail program. This GET writes, but only the
  // citizen's own row, only from unread to read, and repeating it changes nothing (idempotent):
  // a prefetch or a reload cannot do harm, and no extra click is asked of the citizen.
  await markMessageRead(context.db, citizenId, id, nowIso(context.config));
  const message = await getMessage(context.db, citizenId, id);
  if (!message) throwNotFound();
  return json({ message, csrf: csrfToken(session) });
}

/** "Segna come da leggere": the one change a citizen makes to a message, by POST with the token. */
export async function action({ request, context, params }: ActionFunctionArgs) {
  const { session, citizenId } = await requireCitizen(request, context);
  const id = requireId(params.id);
  if (citizenId === null) throwNotFound();
  const form = await readForm(request, context);
  verifyCsrf(request, form, session);
  const parsed = parseForm(messageUnreadSchema, form);
  if (!parsed.ok) throwBadRequest(parsed.errors.intent ?? UNKNOWN_INTENT);
  const changed = await markMessageUnread(context.db, citizenId, id);
  if (!changed) throwNotFound();
  return redirect("/area-personale/messaggi?segnato=da-leggere", 303);
}

export default function Messaggio() {
  const { message, csrf } = useLoaderData<typeof loader>();
  const { t } = useTranslation("area");
  const f = useFormat();
  const status = message.payment?.status;
  return (
    <>
      <Breadcrumb
        items={[
          { label: t("layout.title"), to: "/area-personale" },
          { label: t("messages.title"), to: "/area-personale/messaggi" },
          { label: message.subject },
        ]}
      />
      <h1>{message.subject}</h1>
      <dl className="row portal-dl">
        <div className="col-12 col-md-6">
          <dt>{t("message.sender")}</dt>
          <dd>
            {message.senderName}
            {message.officeName ? ` · ${message.officeName}` : ""}
          </dd>
        </div>
        <div className="col-12 col-md-6">
          <dt>{t("message.received")}</dt>
          <dd>{f.dateTime(message.sentAt)}</dd>
        </div>
        {message.dueDate ? (
          <div className="col-12 col-md-6">
            <dt>{t("message.dueDate")}</dt>
            <dd>
              {f.date(message.dueDate)}{" "}
              <a href="/area-personale/scadenze.ics" download="scadenze.ics" className="ms-1">
                {t("message.addToCalendar")}
              </a>
            </dd>
          </div>
        ) : null}
      </dl>

      <div className="portal-section-box">
        <h2 className="visually-hidden">{t("message.body")}</h2>
        <MessageBody body={message.body} />
      </div>

      {message.payment ? (
        <section className="portal-section-box" aria-labelledby="msg-pagamento">
          <h2 id="msg-pagamento" className="h4">
            {t("message.payment.title")}
          </h2>
          <p className="mb-2">
            {message.payment.description}:{" "}
            <strong className="portal-amount">{f.euro(message.payment.amountCents)}</strong>
            {message.payment.dueDate
              ? t("message.payment.due", { date: f.date(message.payment.dueDate) })
              : ""}
            {t("message.payment.status", {
              status:
                status && Object.prototype.hasOwnProperty.call(PAYMENT_OPTION_STATUS_LABEL, status)
                  ? t(`paymentStatus.${status}`)
                  : status,
            })}
          </p>
          {message.payment.status === "PO_UNPAID" && message.payment.dueDate ? (
            <p className="mb-2">
              {message.payment.invalidAfterDueDate
                ? t("message.payment.invalidAfter", { date: f.date(message.payment.dueDate) })
                : t("message.payment.validAfter")}
            </p>
          ) : null}
          {message.payment.payable ? (
            <PayNoticeButton
              optionId={message.payment.optionId}
              amountCents={message.payment.amountCents}
              purpose={message.payment.description}
              csrf={csrf}
            />
          ) : null}
          <p className="mt-2 mb-0">
            <Link to={`/area-personale/pagamenti/${message.payment.optionId}`}>
              {t("message.payment.see")}
            </Link>
          </p>
        </section>
      ) : null}

      {message.pratica ? (
        <section className="portal-section-box" aria-labelledby="msg-pratica">
          <h2 id="msg-pratica" className="h4">
            {t("message.pratica.title")}
          </h2>
          <p className="mb-0">
            <Link to={`/area-personale/pratiche/${message.pratica.id}`}>{message.pratica.title}</Link>
            {message.pratica.protocolNumber
              ? t("message.pratica.protocol", { number: message.pratica.protocolNumber })
              : ""}
          </p>
        </section>
      ) : null}

      <div className="d-flex flex-wrap gap-3 align-items-center mt-4">
        <Link to="/area-personale/messaggi">{t("message.back")}</Link>
        <Form method="post">
          <CsrfInput token={csrf} />
          <button type="submit" name="intent" value="da-leggere" className="btn btn-outline-primary btn-sm">
            {t("message.markUnread")}
          </button>
        </Form>
      </div>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

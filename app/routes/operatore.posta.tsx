import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireOperator } from "~/auth/guards.server";
import { Breadcrumb } from "~/components/breadcrumb";
import { errorMeta, GeneralErrorBoundary } from "~/components/error-boundary";
import { pageMeta } from "~/components/site";
import { MAIL_KIND_LABEL, maskEmail } from "~/mail/messages";
import { summarizeQueue } from "~/mail/queue.server";
import { NO_STORE, operatorHeaders } from "~/operator/http";
import { formatDateTimeIt } from "~/rules/time";

export const meta: MetaFunction<typeof loader> = ({ error, matches }) =>
  error ? errorMeta(error, matches) : pageMeta("Posta in uscita", matches);

export const headers = operatorHeaders;

const STATE_LABEL = { in_coda: "In coda", inviato: "Inviata", non_inviabile: "Non inviabile" } as const;

/**
 * The admin watches the outgoing mail: how many messages wait, were sent or were given up, and the
 * latest ones with their attempts and last error. Addresses are masked and bodies are not shown:
 * the admin checks that mail flows, not what citizens receive.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireOperator(request, context, "admin");
  const summary = await summarizeQueue(context.db, { limit: 50 });
  return json(
    {
      counts: summary.counts,
      transport: context.config.mail.smtpUrl
        ? "server SMTP configurato"
        : context.config.mail.outbox
          ? "posta dimostrativa (/demo-posta)"
          : "nessuno: SMTP_URL non impostato, le email restano in coda",
      latest: summary.latest.map((m) => ({
        id: m.id,
        kind: MAIL_KIND_LABEL[m.kind],
        recipient: maskEmail(m.recipient),
        state: m.state,
        attempts: m.attempts,
        nextAttemptAt: m.state === "in_coda" ? m.next_attempt_at : null,
        lastError: m.last_error,
        createdAt: m.created_at,
        sentAt: m.sent_at,
      })),
    },
    { headers: NO_STORE },
  );
}

export default function PostaInUscita() {
  const { counts, transport, latest } = useLoaderData<typeof loader>();
  return (
    <>
      <Breadcrumb items={[{ label: "Area operatore", to: "/operatore" }, { label: "Posta in uscita" }]} />
      <h1 className="mt-3">Posta in uscita</h1>
      <p className="lead">
        Promemoria, ricevute e conferme degli indirizzi che il portale invia per email. Un invio non riuscito
        viene ritentato con attese crescenti; dopo 8 tentativi l&apos;email è segnata come non inviabile.
      </p>
      <p>Invio tramite: {transport}.</p>
      <dl className="row">
        {(Object.keys(STATE_LABEL) as Array<keyof typeof STATE_LABEL>).map((s) => (
          <div className="col-12 col-md-4" key={s}>
            <dt>{STATE_LABEL[s]}</dt>
            <dd className="h4">{counts[s]}</dd>
          </div>
        ))}
      </dl>
      <h2 className="h4">Ultime email</h2>
      {latest.length === 0 ? (
        <p>Nessuna email finora.</p>
      ) : (
        <div className="table-responsive">
          <table className="table">
            <caption className="visually-hidden">Ultime 50 email, dalla più recente</caption>
            <thead>
              <tr>
                <th scope="col">Scritta il</th>
                <th scope="col">Tipo</th>
                <th scope="col">Destinatario</th>
                <th scope="col">Stato</th>
                <th scope="col">Tentativi</th>
                <th scope="col">Ultimo errore</th>
              </tr>
            </thead>
            <tbody>
              {latest.map((m) => (
                <tr key={m.id}>
                  <td>{formatDateTimeIt(m.createdAt)}</td>
                  <td>{m.kind}</td>
                  <td>{m.recipient}</td>
                  <td>
                    {STATE_LABEL[m.state]}
                    {m.sentAt ? ` il ${formatDateTimeIt(m.sentAt)}` : ""}
                    {m.nextAttemptAt ? `, prossimo tentativo ${formatDateTimeIt(m.nextAttemptAt)}` : ""}
                  </td>
                  <td>{m.attempts}</td>
                  <td>{m.lastError ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

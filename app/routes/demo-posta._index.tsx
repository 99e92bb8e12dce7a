import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Breadcrumb } from "~/components/breadcrumb";
import { errorMeta, GeneralErrorBoundary } from "~/components/error-boundary";
import { pageMeta } from "~/components/site";
import { throwNotFound } from "~/http.server";
import { formatDateTimeIt } from "~/rules/time";

/**
 * Demo only: every mail the portal wrote, newest first, as a stakeholder would find it in the
 * mailbox (the demo outbox when no SMTP server is configured). 404 outside demo mode.
 */

export const meta: MetaFunction<typeof loader> = ({ error, matches }) => [
  ...(error ? errorMeta(error, matches) : pageMeta("Posta inviata (demo)", matches)),
  { name: "robots", content: "noindex, nofollow" },
];

const STATE_LABEL = { in_coda: "In coda", inviato: "Inviata", non_inviabile: "Non inviabile" } as const;

export async function loader({ context }: LoaderFunctionArgs) {
  if (!context.config.demo) throwNotFound();
  const rows = await context.db
    .selectFrom("mail_queue")
    .select([
      "id",
      "recipient",
      "subject",
      "text_body",
      "state",
      "transport",
      "attachment_kind",
      "created_at",
      "sent_at",
      "last_error",
    ])
    .orderBy("id", "desc")
    .limit(100)
    .execute();
  return json(
    { outbox: context.config.mail.outbox, from: context.config.mail.from, mails: rows },
    { headers: { "Cache-Control": "no-store" } },
  );
}

export default function DemoPosta() {
  const { mails, outbox, from } = useLoaderData<typeof loader>();
  return (
    <div className="container my-4">
      <Breadcrumb items={[{ label: "Home", to: "/" }, { label: "Posta inviata (demo)" }]} />
      <h1>Posta inviata (demo)</h1>
      <p className="lead">
        {outbox
          ? "In questa dimostrazione nessuna email esce dal computer: il portale le scrive qui, come le riceverebbe la casella del destinatario."
          : "Le email vanno al server di posta configurato; qui trovi quelle scritte dal portale e il loro stato."}{" "}
        Mittente: {from}.
      </p>
      {mails.length === 0 ? (
        <p>Nessuna email scritta finora.</p>
      ) : (
        <ol className="list-unstyled" aria-label="Email, dalla più recente">
          {mails.map((m) => (
            <li key={m.id} className="portal-section-box mb-3">
              <h2 className="h5 mb-1">{m.subject}</h2>
              <p className="mb-1 small">
                A: {m.recipient} · scritta il {formatDateTimeIt(m.created_at)} · {STATE_LABEL[m.state]}
                {m.sent_at ? ` il ${formatDateTimeIt(m.sent_at)}` : ""}
                {m.attachment_kind === "ricevute" ? " · con la ricevuta in PDF allegata" : ""}
              </p>
              {m.last_error ? <p className="small text-danger mb-1">Ultimo errore: {m.last_error}</p> : null}
              <details>
                <summary>Testo del messaggio</summary>
                <pre className="mt-2 small" style={{ whiteSpace: "pre-wrap" }}>
                  {m.text_body}
                </pre>
              </details>
              {m.transport === "posta-demo" ? (
                <a href={`/demo-posta/${m.id}.eml`} download>
                  Scarica il messaggio completo (.eml, con gli allegati)
                  <span className="visually-hidden">: {m.subject}</span>
                </a>
              ) : null}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

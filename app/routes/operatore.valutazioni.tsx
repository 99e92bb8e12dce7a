import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireOperator } from "~/auth/guards.server";
import { Breadcrumb } from "~/components/breadcrumb";
import { EmptyState } from "~/components/dossier/empty-state";
import { errorMeta, GeneralErrorBoundary } from "~/components/error-boundary";
import { pageMeta } from "~/components/site";
import { PAGE_FEEDBACK_LATEST_COMMENTS, summarizePageFeedback } from "~/dossier/page-feedback.server";
import { NO_STORE, operatorHeaders } from "~/operator/http";
import {
  PAGE_FEEDBACK_QUESTION,
  pageFeedbackChoiceLabel,
  pageFeedbackPageLabel,
} from "~/rules/page-feedback";
import { formatDateIt } from "~/rules/time";

export const meta: MetaFunction<typeof loader> = ({ error, matches }) =>
  error ? errorMeta(error, matches) : pageMeta("Valutazioni delle pagine", matches);

export const headers = operatorHeaders;

/**
 * The ente's admin reads what citizens think of the Area personale's pages. The pages are the
 * region's, not one ente's: every admin sees the same totals of every page. The ratings are
 * anonymous (page pattern, stars, reason, text, day), so nothing here is about a person.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireOperator(request, context, "admin");
  const pages = await summarizePageFeedback(context.db);
  return json(
    {
      pages: pages.map((p) => ({
        ...p,
        label: pageFeedbackPageLabel(p.page),
        choices: p.choices.map((c) => ({ ...c, label: pageFeedbackChoiceLabel(c.choice) })),
      })),
    },
    { headers: NO_STORE },
  );
}

const decimal = new Intl.NumberFormat("it-IT", { minimumFractionDigits: 1, maximumFractionDigits: 1 });

export default function Valutazioni() {
  const { pages } = useLoaderData<typeof loader>();
  const total = pages.reduce((sum, p) => sum + p.count, 0);
  return (
    <>
      <Breadcrumb
        items={[{ label: "Area operatore", to: "/operatore" }, { label: "Valutazioni delle pagine" }]}
      />
      <h1 className="mt-3">Valutazioni delle pagine</h1>
      <p className="lead">
        Alla domanda «{PAGE_FEEDBACK_QUESTION}» i cittadini rispondono in fondo a ogni pagina dell&apos;area
        personale, con un voto da 1 a 5 stelle e, se vogliono, un motivo e un breve commento.
      </p>
      <div className="callout">
        <div className="callout-title">Che cosa vedi qui</div>
        <p>
          L&apos;area personale è del portale regionale, non di un singolo ente: tutti gli amministratori
          degli enti vedono gli stessi totali, di tutte le pagine e di tutti i cittadini che le hanno
          valutate. Le valutazioni sono anonime: per ognuna si conservano solo la pagina (senza i numeri di
          avvisi, pratiche o messaggi), il voto, il motivo scelto, il commento e il giorno, mai chi l&apos;ha
          data. Ogni persona può valutare una pagina una volta per accesso.
        </p>
      </div>

      {total === 0 ? (
        <EmptyState title="Nessuna valutazione ricevuta finora" />
      ) : (
        <>
          <section aria-labelledby="riepilogo-titolo" className="portal-section-box">
            <h2 id="riepilogo-titolo">Riepilogo per pagina</h2>
            <p>{total === 1 ? "1 valutazione in tutto." : `${total} valutazioni in tutto.`}</p>
            <div className="portal-table-wrap">
              <table className="table table-sm">
                <caption className="visually-hidden">
                  Per ogni pagina: numero di valutazioni, media e quante hanno dato da 1 a 5 stelle
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Pagina</th>
                    <th scope="col">Valutazioni</th>
                    <th scope="col">Media</th>
                    {[1, 2, 3, 4, 5].map((n) => (
                      <th scope="col" key={n}>
                        {n === 1 ? "1 stella" : `${n} stelle`}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {pages.map((p) => (
                    <tr key={p.page}>
                      <th scope="row">
                        {p.label}
                        <code className="d-block small">{p.page}</code>
                      </th>
                      <td>{p.count}</td>
                      <td>{decimal.format(p.average)}</td>
                      {p.distribution.map((n, i) => (
                        <td key={i}>{n}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>

          <section aria-labelledby="commenti-titolo" className="portal-section-box">
            <h2 id="commenti-titolo">Motivi e commenti</h2>
            <p>
              Per ogni pagina, i motivi indicati e gli ultimi {PAGE_FEEDBACK_LATEST_COMMENTS} commenti, dal
              più recente.
            </p>
            {pages.map((p, index) => (
              <article key={p.page} className="mb-4" aria-labelledby={`pagina-${index}`}>
                <h3 id={`pagina-${index}`} className="h5">
                  {p.label}
                </h3>
                {p.choices.length ? (
                  <ul>
                    {p.choices.map((c) => (
                      <li key={c.choice}>{`${c.label}: ${c.count}`}</li>
                    ))}
                  </ul>
                ) : (
                  <p className="mb-2">Nessun motivo indicato.</p>
                )}
                {p.comments.length ? (
                  <ul className="portal-attention-list">
                    {p.comments.map((c, i) => (
                      <li key={i}>
                        <p className="mb-1">
                          <strong>{formatDateIt(c.day)}</strong>,{" "}
                          {c.rating === 1 ? "1 stella" : `${c.rating} stelle`}
                        </p>
                        <p className="mb-0 portal-pre-line portal-wrap">«{c.text}»</p>
                      </li>
                    ))}
                  </ul>
                ) : (
                  <p className="mb-0">Nessun commento.</p>
                )}
              </article>
            ))}
          </section>
        </>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

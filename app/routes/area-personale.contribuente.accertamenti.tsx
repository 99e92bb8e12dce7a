import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireCitizen } from "~/auth/guards.server";
import { todayIso } from "~/clock.server";
import { Breadcrumb } from "~/components/breadcrumb";
import { EmptyState } from "~/components/dossier/empty-state";
import { errorMeta, GeneralErrorBoundary } from "~/components/error-boundary";
import { pageMeta } from "~/components/site";
import { InstalmentState } from "~/components/taxpayer/instalment-state";
import { taxpayerLinks } from "~/components/taxpayer/styles";
import { TableBox } from "~/components/taxpayer/table-box";
import { TaxpayerNav } from "~/components/taxpayer/taxpayer-nav";
import { NOTICE_STATUS_LABEL } from "~/dossier/labels";
import { latestTaxYears, listTaxNotices } from "~/dossier/taxpayer.server";
import { formatDateIt } from "~/rules/time";
import { formatEuroSymbol } from "~/rules/money";

export const links = taxpayerLinks;

export const meta: MetaFunction<typeof loader> = ({ error, matches }) =>
  error ? errorMeta(error, matches) : pageMeta("Accertamenti", matches);

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { citizenId } = await requireCitizen(request, context);
  if (citizenId === null) return json({ notices: [], latest: { imu: null, tari: null } });
  const today = todayIso(context.config);
  const [notices, latest] = await Promise.all([
    listTaxNotices(context.db, citizenId, today),
    latestTaxYears(context.db, citizenId),
  ]);
  return json({ notices, latest });
}

export default function Accertamenti() {
  const { notices, latest } = useLoaderData<typeof loader>();
  return (
    <>
      <Breadcrumb
        items={[
          { label: "Area personale", to: "/area-personale" },
          { label: "Fascicolo del contribuente", to: "/area-personale/contribuente" },
          { label: "Accertamenti" },
        ]}
      />
      <h1>Avvisi di accertamento</h1>
      <p className="lead">
        Gli avvisi con cui un comune ti ha chiesto un tributo non versato o versato in parte, con imposta,
        sanzioni e interessi.
      </p>
      <TaxpayerNav current="accertamenti" latest={latest} />
      {notices.length === 0 ? (
        <EmptyState title="Non risultano avvisi di accertamento a tuo nome" icon="it-check-circle">
          <p className="mb-0">Nessun comune aderente ti ha notificato avvisi di accertamento.</p>
        </EmptyState>
      ) : (
        notices.map((n) => (
          <section key={n.id} className="portal-section-box" aria-labelledby={`avviso-${n.id}`}>
            <h2 id={`avviso-${n.id}`} className="h4">
              {n.tax} {n.year}: avviso n. {n.number}
            </h2>
            <p className="mb-2">
              {n.comune}, notificato il {formatDateIt(n.issuedDate)}. Stato:{" "}
              <strong>{NOTICE_STATUS_LABEL[n.status]}</strong>
            </p>
            <p>{n.reason}</p>
            <TableBox label={`Importi dell'avviso n. ${n.number}`}>
              <table className="table portal-figures">
                <caption className="visually-hidden">Importi dell&apos;avviso n. {n.number}</caption>
                <tbody>
                  <tr>
                    <th scope="row">Imposta</th>
                    <td className="portal-num">{formatEuroSymbol(n.taxCents)}</td>
                  </tr>
                  <tr>
                    <th scope="row">Sanzioni</th>
                    <td className="portal-num">{formatEuroSymbol(n.penaltyCents)}</td>
                  </tr>
                  <tr>
                    <th scope="row">Interessi</th>
                    <td className="portal-num">{formatEuroSymbol(n.interestCents)}</td>
                  </tr>
                </tbody>
                <tfoot>
                  <tr>
                    <th scope="row">Totale richiesto</th>
                    <td className="portal-num">{formatEuroSymbol(n.amountCents)}</td>
                  </tr>
                </tfoot>
              </table>
            </TableBox>
            {n.payment && n.dueDate && n.status !== "annullato" ? (
              <p className="mb-0">
                Pagamento:{" "}
                <InstalmentState
                  state={n.payment}
                  dueDate={n.dueDate}
                  paymentOptionId={n.paymentOptionId}
                  subject={`l'avviso di accertamento n. ${n.number}`}
                />
              </p>
            ) : null}
          </section>
        ))
      )}
      <p className="small mt-3">
        Se non sei d&apos;accordo con un avviso puoi chiedere il riesame in autotutela all&apos;ufficio
        tributi del comune o presentare ricorso entro 60 giorni dalla notifica.
      </p>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

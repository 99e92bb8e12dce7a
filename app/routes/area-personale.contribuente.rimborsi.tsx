import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireCitizen } from "~/auth/guards.server";
import { Breadcrumb } from "~/components/breadcrumb";
import { EmptyState } from "~/components/dossier/empty-state";
import { errorMeta, GeneralErrorBoundary } from "~/components/error-boundary";
import { pageMeta } from "~/components/site";
import { taxpayerLinks } from "~/components/taxpayer/styles";
import { TableBox } from "~/components/taxpayer/table-box";
import { TaxpayerNav } from "~/components/taxpayer/taxpayer-nav";
import { REFUND_STATUS_LABEL } from "~/dossier/labels";
import type { RefundStatus } from "~/rules/refunds";
import { latestTaxYears, listRefunds, maskIban } from "~/dossier/taxpayer.server";
import { formatDateIt } from "~/rules/time";
import { formatEuroSymbol } from "~/rules/money";

export const links = taxpayerLinks;

export const meta: MetaFunction<typeof loader> = ({ error, matches }) =>
  error ? errorMeta(error, matches) : pageMeta("Rimborsi", matches);

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { citizenId } = await requireCitizen(request, context);
  if (citizenId === null) return json({ refunds: [], latest: { imu: null, tari: null } });
  const [refunds, latest] = await Promise.all([
    listRefunds(context.db, citizenId),
    latestTaxYears(context.db, citizenId),
  ]);
  // The full IBAN stays out of the page: the last digits are enough to recognise the account.
  return json({ refunds: refunds.map((r) => ({ ...r, iban: maskIban(r.iban) })), latest });
}

const STATUS_CLASS: Record<RefundStatus, string> = {
  richiesto: "portal-badge-due",
  in_istruttoria: "portal-badge-due",
  approvato: "portal-badge-due",
  liquidato: "portal-badge-paid",
  respinto: "bg-secondary",
};

export default function Rimborsi() {
  const { refunds, latest } = useLoaderData<typeof loader>();
  return (
    <>
      <Breadcrumb
        items={[
          { label: "Area personale", to: "/area-personale" },
          { label: "Fascicolo del contribuente", to: "/area-personale/contribuente" },
          { label: "Rimborsi" },
        ]}
      />
      <h1>Rimborsi</h1>
      <p className="lead">
        Le richieste di rimborso di tributi versati in più o non dovuti, e a che punto sono.
      </p>
      <TaxpayerNav current="rimborsi" latest={latest} />
      {refunds.length === 0 ? (
        <EmptyState title="Non risultano richieste di rimborso a tuo nome">
          <p className="mb-0">
            Se hai pagato un tributo in più o non dovuto puoi chiederne il rimborso all&apos;ufficio tributi
            del comune entro cinque anni dal pagamento.
          </p>
        </EmptyState>
      ) : (
        <TableBox label="Richieste di rimborso">
          <table className="table portal-figures">
            <caption className="visually-hidden">Richieste di rimborso</caption>
            <thead>
              <tr>
                <th scope="col">Rimborso</th>
                <th scope="col">Richiesto il</th>
                <th scope="col" className="portal-num">
                  Importo
                </th>
                <th scope="col">Stato</th>
              </tr>
            </thead>
            <tbody>
              {refunds.map((r) => (
                <tr key={r.id}>
                  <th scope="row">
                    {r.tax} {r.year} - {r.ente}
                    <span className="d-block small fw-normal">{r.reason}</span>
                  </th>
                  <td>{formatDateIt(r.requestedDate)}</td>
                  <td className="portal-num">{formatEuroSymbol(r.amountCents)}</td>
                  <td>
                    <span className={`badge portal-state-badge ${STATUS_CLASS[r.status]}`}>
                      {REFUND_STATUS_LABEL[r.status]}
                    </span>
                    {r.status === "liquidato" && r.paidDate ? (
                      <span className="d-block small">
                        accreditato il {formatDateIt(r.paidDate)}
                        {r.iban ? ` sul conto ${r.iban}` : ""}
                      </span>
                    ) : r.iban ? (
                      <span className="d-block small">sul conto {r.iban}</span>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableBox>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

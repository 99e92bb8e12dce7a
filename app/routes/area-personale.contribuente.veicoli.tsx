import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireCitizen } from "~/auth/guards.server";
import { todayIso } from "~/clock.server";
import { Breadcrumb } from "~/components/breadcrumb";
import { EmptyState } from "~/components/dossier/empty-state";
import { errorMeta, GeneralErrorBoundary } from "~/components/error-boundary";
import { pageMeta } from "~/components/site";
import { VEHICLE_KIND_LABEL } from "~/dossier/labels";
import { formatDateIt, MONTH_NAMES } from "~/rules/time";
import { formatKw } from "~/rules/italian";
import { InstalmentState } from "~/components/taxpayer/instalment-state";
import { taxpayerLinks } from "~/components/taxpayer/styles";
import { TableBox } from "~/components/taxpayer/table-box";
import { TaxpayerNav } from "~/components/taxpayer/taxpayer-nav";
import { latestTaxYears, listVehicles } from "~/dossier/taxpayer.server";
import { computeBollo, type BolloSteps, type EuroClass } from "~/rules/bollo";
import { formatEuroSymbol } from "~/rules/money";

export const links = taxpayerLinks;

export const meta: MetaFunction<typeof loader> = ({ error, matches }) =>
  error ? errorMeta(error, matches) : pageMeta("Veicoli e bollo auto", matches);

function bolloSteps(kw: number, euroClass: number): BolloSteps | null {
  try {
    return computeBollo({ kw, euroClass: euroClass as EuroClass }).steps;
  } catch {
    return null;
  }
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { citizenId } = await requireCitizen(request, context);
  if (citizenId === null) return json({ vehicles: [], latest: { imu: null, tari: null } });
  const today = todayIso(context.config);
  const [vehicles, latest] = await Promise.all([
    listVehicles(context.db, citizenId, today),
    latestTaxYears(context.db, citizenId),
  ]);
  return json({
    vehicles: vehicles.map((v) => ({
      ...v,
      computed: v.kind === "autovettura" ? bolloSteps(v.kw, v.euroClass) : null,
    })),
    latest,
  });
}

export default function Veicoli() {
  const { vehicles, latest } = useLoaderData<typeof loader>();
  return (
    <>
      <Breadcrumb
        items={[
          { label: "Area personale", to: "/area-personale" },
          { label: "Fascicolo del contribuente", to: "/area-personale/contribuente" },
          { label: "Veicoli e bollo auto" },
        ]}
      />
      <h1>Veicoli e bollo auto</h1>
      <p className="lead">
        I veicoli intestati a te nel pubblico registro automobilistico e la tassa automobilistica regionale
        (bollo), con il calcolo dell&apos;importo e lo stato dei pagamenti.
      </p>
      <TaxpayerNav current="veicoli" latest={latest} />
      {vehicles.length === 0 ? (
        <EmptyState title="Non risultano veicoli intestati a te">
          <p className="mb-0">
            Nel pubblico registro automobilistico non ci sono veicoli intestati al tuo codice fiscale.
          </p>
        </EmptyState>
      ) : (
        vehicles.map((v) => (
          <section key={v.id} className="portal-section-box" aria-labelledby={`veicolo-${v.id}`}>
            <h2 id={`veicolo-${v.id}`}>
              {v.makeModel} <span className="portal-amount">{v.plate}</span>
            </h2>
            <dl className="row portal-dl">
              <div className="col-6 col-md-3">
                <dt>Tipo</dt>
                <dd>{VEHICLE_KIND_LABEL[v.kind] ?? v.kind}</dd>
              </div>
              <div className="col-6 col-md-3">
                <dt>Potenza</dt>
                <dd>{formatKw(v.kw)}</dd>
              </div>
              <div className="col-6 col-md-3">
                <dt>Classe ambientale</dt>
                <dd>Euro {v.euroClass}</dd>
              </div>
              <div className="col-6 col-md-3">
                <dt>Immatricolazione</dt>
                <dd>{formatDateIt(v.registrationDate)}</dd>
              </div>
              <div className="col-12">
                <dt>Scadenza del bollo</dt>
                <dd>ogni anno entro la fine di {MONTH_NAMES[v.bolloMonth - 1] ?? "—"}</dd>
              </div>
            </dl>
            {v.computed ? (
              <>
                <h3 className="h5">Come si calcola il bollo</h3>
                <ol className="portal-steps">
                  <li>
                    <span className="portal-step-label">
                      {formatKw(v.computed.kwUpTo100)} fino a 100 kW ×{" "}
                      {formatEuroSymbol(v.computed.rateUpTo100Cents)} per kW (Euro {v.computed.euroClass})
                    </span>
                    <span className="portal-step-value">{formatEuroSymbol(v.computed.partUpTo100Cents)}</span>
                  </li>
                  {v.computed.kwAbove100 > 0 ? (
                    <li>
                      <span className="portal-step-label">
                        {formatKw(v.computed.kwAbove100)} oltre 100 kW ×{" "}
                        {formatEuroSymbol(v.computed.rateAbove100Cents)} per kW
                      </span>
                      <span className="portal-step-value">
                        {formatEuroSymbol(v.computed.partAbove100Cents)}
                      </span>
                    </li>
                  ) : null}
                  <li>
                    <span className="portal-step-label">
                      <strong>Bollo annuo</strong>
                    </span>
                    <span className="portal-step-value portal-step-result">
                      {formatEuroSymbol(v.computed.amountCents)}
                    </span>
                  </li>
                </ol>
              </>
            ) : null}
            <h3 className="h5 mt-3">Pagamenti del bollo</h3>
            {v.bollo.length === 0 ? (
              <p className="mb-0">Non risultano avvisi di pagamento del bollo per questo veicolo.</p>
            ) : (
              <TableBox label={`Bollo del veicolo ${v.plate}`}>
                <table className="table portal-figures mb-0">
                  <caption className="visually-hidden">
                    Bollo auto del veicolo targato {v.plate}, per anno
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">Anno</th>
                      <th scope="col">Scadenza</th>
                      <th scope="col" className="portal-num">
                        Importo
                      </th>
                      <th scope="col">Stato</th>
                    </tr>
                  </thead>
                  <tbody>
                    {v.bollo.map((b) => (
                      <tr key={b.id}>
                        <th scope="row">{b.year}</th>
                        <td>{formatDateIt(b.dueDate)}</td>
                        <td className="portal-num">{formatEuroSymbol(b.amountCents)}</td>
                        <td>
                          <InstalmentState
                            state={b.state}
                            dueDate={b.dueDate}
                            paymentOptionId={b.paymentOptionId}
                            subject={`bollo ${b.year} del veicolo ${v.plate}`}
                          />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableBox>
            )}
          </section>
        ))
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireCitizen } from "~/auth/guards.server";
import { todayIso } from "~/clock.server";
import { Breadcrumb } from "~/components/breadcrumb";
import { EmptyState } from "~/components/dossier/empty-state";
import { errorMeta } from "~/components/error-boundary";
import { pageMeta } from "~/components/site";
import { DossierErrorBoundary } from "~/components/taxpayer/error-boundary";
import { InstalmentState } from "~/components/taxpayer/instalment-state";
import { taxpayerLinks } from "~/components/taxpayer/styles";
import { TableBox } from "~/components/taxpayer/table-box";
import { TaxpayerNav, YearNav } from "~/components/taxpayer/taxpayer-nav";
import {
  getTariYear,
  latestTaxYears,
  listTariYears,
  parseYearParam,
  yearNotFound,
} from "~/dossier/taxpayer.server";
import { formatDateIt } from "~/rules/time";
import { formatEuroSymbol } from "~/rules/money";

export const links = taxpayerLinks;

export const meta: MetaFunction<typeof loader> = ({ error, matches, data }) =>
  error ? errorMeta(error, matches) : pageMeta(`TARI ${data?.year ?? ""}`.trim(), matches);

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { citizenId } = await requireCitizen(request, context);
  const year = parseYearParam(params.anno);
  if (year === null) throw yearNotFound("tari");
  const today = todayIso(context.config);
  if (citizenId === null) return json({ year, years: [], assessments: [], latestImu: null });
  const [assessments, years, latest] = await Promise.all([
    getTariYear(context.db, citizenId, year, today),
    listTariYears(context.db, citizenId),
    latestTaxYears(context.db, citizenId),
  ]);
  return json({ year, years, assessments, latestImu: latest.imu });
}

function members(n: number): string {
  return n === 1 ? "1 componente" : `${n} componenti`;
}

export default function TariYear() {
  const { year, years, assessments, latestImu } = useLoaderData<typeof loader>();
  return (
    <>
      <Breadcrumb
        items={[
          { label: "Area personale", to: "/area-personale" },
          { label: "Fascicolo del contribuente", to: "/area-personale/contribuente" },
          { label: `TARI ${year}` },
        ]}
      />
      <h1>TARI {year}</h1>
      <p className="lead">
        La tassa sui rifiuti del {year}: da cosa dipende l&apos;importo, le rate e il loro stato di pagamento.
      </p>
      <TaxpayerNav current="tari" latest={{ imu: latestImu, tari: years[0] ?? null }} />
      <YearNav years={years} current={year} basePath="/area-personale/contribuente/tari" label="Anni TARI" />
      {assessments.length === 0 ? (
        <EmptyState title={`Non risulta TARI a tuo nome per il ${year}`}>
          <p className="mb-0">
            La TARI è intestata a chi occupa l&apos;abitazione: se vivi con altre persone potrebbe essere
            intestata a un altro componente della famiglia.
          </p>
        </EmptyState>
      ) : (
        assessments.map((t) => (
          <section key={t.id} className="portal-section-box" aria-labelledby={`tari-${t.id}`}>
            <h2 id={`tari-${t.id}`}>
              {t.comune}
              {t.address ? <span className="d-block h5 fw-normal mt-1">{t.address}</span> : null}
            </h2>
            <dl className="row portal-dl">
              <div className="col-6 col-md-3">
                <dt>Nucleo familiare</dt>
                <dd>{members(t.householdSize)}</dd>
              </div>
              <div className="col-6 col-md-3">
                <dt>Superficie</dt>
                <dd>{t.surfaceM2} m²</dd>
              </div>
            </dl>
            <TableBox label={`Importo TARI ${year}, ${t.comune}`}>
              <table className="table portal-figures">
                <caption>Come si compone l&apos;importo</caption>
                <tbody>
                  <tr>
                    <th scope="row">
                      Quota fissa
                      <span className="d-block small fw-normal">
                        dipende dalla superficie ({t.surfaceM2} m²) e dal numero di componenti
                      </span>
                    </th>
                    <td className="portal-num">{formatEuroSymbol(t.fixedCents)}</td>
                  </tr>
                  <tr>
                    <th scope="row">
                      Quota variabile
                      <span className="d-block small fw-normal">
                        dipende dal numero di componenti ({members(t.householdSize)})
                      </span>
                    </th>
                    <td className="portal-num">{formatEuroSymbol(t.variableCents)}</td>
                  </tr>
                  <tr>
                    <th scope="row">
                      TEFA
                      <span className="d-block small fw-normal">
                        tributo provinciale per l&apos;esercizio delle funzioni ambientali
                      </span>
                    </th>
                    <td className="portal-num">{formatEuroSymbol(t.tefaCents)}</td>
                  </tr>
                </tbody>
                <tfoot>
                  <tr>
                    <th scope="row">Totale TARI {year}</th>
                    <td className="portal-num">{formatEuroSymbol(t.amountCents)}</td>
                  </tr>
                </tfoot>
              </table>
            </TableBox>

            <h3 className="h5 mt-4">Rate</h3>
            {t.instalments.length === 0 ? (
              <p>Non risultano rate emesse per questo avviso.</p>
            ) : (
              <TableBox label={`Rate TARI ${year}, ${t.comune}`}>
                <table className="table portal-figures">
                  <caption className="visually-hidden">Rate della TARI {year}</caption>
                  <thead>
                    <tr>
                      <th scope="col">Rata</th>
                      <th scope="col">Scadenza</th>
                      <th scope="col" className="portal-num">
                        Importo
                      </th>
                      <th scope="col">Stato</th>
                    </tr>
                  </thead>
                  <tbody>
                    {t.instalments.map((i) => (
                      <tr key={i.id}>
                        <th scope="row">
                          {i.label}
                          {i.f24Code ? (
                            <span className="d-block small fw-normal">codice tributo {i.f24Code}</span>
                          ) : null}
                        </th>
                        <td>{formatDateIt(i.dueDate)}</td>
                        <td className="portal-num">{formatEuroSymbol(i.amountCents)}</td>
                        <td>
                          <InstalmentState
                            state={i.state}
                            dueDate={i.dueDate}
                            paymentOptionId={i.paymentOptionId}
                            subject={`${i.label.toLowerCase()} TARI ${year}`}
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
  return (
    <DossierErrorBoundary
      backTo="/area-personale/contribuente"
      backLabel="Torna al fascicolo del contribuente"
    />
  );
}

import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireCitizen } from "~/auth/guards.server";
import { todayIso } from "~/clock.server";
import { Breadcrumb } from "~/components/breadcrumb";
import { Card } from "~/components/card";
import { EmptyState } from "~/components/dossier/empty-state";
import { errorMeta, GeneralErrorBoundary } from "~/components/error-boundary";
import { pageMeta } from "~/components/site";
import { taxpayerLinks } from "~/components/taxpayer/styles";
import { TableBox } from "~/components/taxpayer/table-box";
import { TaxpayerNav } from "~/components/taxpayer/taxpayer-nav";
import { getTaxpayerOverview, latestTaxYears, type TaxYearSummary } from "~/dossier/taxpayer.server";
import { formatEuroSymbol } from "~/rules/money";

export const links = taxpayerLinks;

export const meta: MetaFunction<typeof loader> = ({ error, matches }) =>
  error ? errorMeta(error, matches) : pageMeta("Fascicolo del contribuente", matches);

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { citizenId } = await requireCitizen(request, context);
  const today = todayIso(context.config);
  if (citizenId === null)
    return json({ known: false as const, overview: null, latest: { imu: null, tari: null } });
  const [overview, latest] = await Promise.all([
    getTaxpayerOverview(context.db, citizenId, today),
    latestTaxYears(context.db, citizenId),
  ]);
  return json({ known: true as const, overview, latest });
}

const TAX_LABEL: Record<TaxYearSummary["tax"], string> = { IMU: "IMU", TARI: "TARI", BOLLO: "Bollo auto" };

function detailLink(s: TaxYearSummary): { to: string; text: string } {
  if (s.tax === "IMU")
    return { to: `/area-personale/contribuente/imu/${s.year}`, text: `Calcolo e rate IMU ${s.year}` };
  if (s.tax === "TARI")
    return { to: `/area-personale/contribuente/tari/${s.year}`, text: `Calcolo e rate TARI ${s.year}` };
  return { to: "/area-personale/contribuente/veicoli", text: `Bollo auto ${s.year}` };
}

function plural(n: number, one: string, many: string) {
  return `${n} ${n === 1 ? one : many}`;
}

export default function ContribuenteOverview() {
  const { known, overview, latest } = useLoaderData<typeof loader>();
  return (
    <>
      <Breadcrumb
        items={[{ label: "Area personale", to: "/area-personale" }, { label: "Fascicolo del contribuente" }]}
      />
      <h1>Fascicolo del contribuente</h1>
      <p className="lead">
        I tributi locali a tuo nome anno per anno: IMU sugli immobili, TARI sui rifiuti e bollo auto, con
        quanto è stato richiesto, quanto hai già pagato e quanto resta da pagare.
      </p>
      <TaxpayerNav current="riepilogo" latest={latest} />
      {!known || !overview ? (
        <EmptyState title="Non risultano tributi a tuo nome">
          <p className="mb-0">
            Il tuo codice fiscale non compare negli archivi tributari degli enti aderenti al portale. Se
            ritieni che sia un errore, rivolgiti all&apos;ufficio tributi del tuo comune.
          </p>
        </EmptyState>
      ) : (
        <>
          {overview.years.length === 0 ? (
            <EmptyState title="Non risultano tributi a tuo nome">
              <p className="mb-0">Gli enti aderenti non hanno calcolato IMU, TARI o bollo auto a tuo nome.</p>
            </EmptyState>
          ) : (
            overview.years.map(({ year, taxes }) => {
              const total = taxes.reduce((s, t) => s + t.totalCents, 0);
              const due = taxes.reduce((s, t) => s + t.dueCents + t.overdueCents, 0);
              return (
                <section key={year} className="portal-section-box" aria-labelledby={`anno-${year}`}>
                  <h2 id={`anno-${year}`}>Anno {year}</h2>
                  <TableBox label={`Tributi del ${year}`}>
                    <table className="table portal-figures mb-2">
                      <caption className="visually-hidden">
                        Tributi dell&apos;anno {year}: importi richiesti, pagati e da pagare
                      </caption>
                      <thead>
                        <tr>
                          <th scope="col">Tributo</th>
                          <th scope="col" className="portal-num">
                            Richiesto
                          </th>
                          <th scope="col" className="portal-num">
                            Pagato
                          </th>
                          <th scope="col" className="portal-num">
                            Da pagare
                          </th>
                          <th scope="col" className="portal-num">
                            di cui scaduto
                          </th>
                          <th scope="col">Dettaglio</th>
                        </tr>
                      </thead>
                      <tbody>
                        {taxes.map((t) => {
                          const link = detailLink(t);
                          return (
                            <tr key={t.tax}>
                              <th scope="row">{TAX_LABEL[t.tax]}</th>
                              <td className="portal-num">{formatEuroSymbol(t.totalCents)}</td>
                              <td className="portal-num">{formatEuroSymbol(t.paidCents)}</td>
                              <td className="portal-num">{formatEuroSymbol(t.dueCents + t.overdueCents)}</td>
                              <td className={`portal-num${t.overdueCents > 0 ? " portal-overdue-text" : ""}`}>
                                {formatEuroSymbol(t.overdueCents)}
                              </td>
                              <td>
                                <Link to={link.to}>
                                  <span className="visually-hidden">{link.text}: </span>
                                  {t.tax === "IMU" && t.instalments === 0
                                    ? "Perché non è dovuta"
                                    : "Vedi il dettaglio"}
                                </Link>
                              </td>
                            </tr>
                          );
                        })}
                      </tbody>
                    </table>
                  </TableBox>
                  <p className="mb-0">
                    Totale richiesto nel {year}: <strong>{formatEuroSymbol(total)}</strong>
                    {due > 0 ? (
                      <>
                        {" "}
                        · ancora da pagare: <strong>{formatEuroSymbol(due)}</strong>
                      </>
                    ) : (
                      " · tutto pagato"
                    )}
                  </p>
                </section>
              );
            })
          )}
          <h2 className="h3 mt-4">Le sezioni del fascicolo</h2>
          <div className="portal-summary-grid">
            <Card title="Immobili" to="/area-personale/contribuente/immobili" icon="it-pa">
              <p className="mb-0">
                {plural(overview.counts.properties, "immobile a tuo nome", "immobili a tuo nome")}
              </p>
            </Card>
            <Card title="Veicoli e bollo auto" to="/area-personale/contribuente/veicoli" icon="it-car">
              <p className="mb-0">
                {plural(overview.counts.vehicles, "veicolo intestato", "veicoli intestati")}
              </p>
            </Card>
            <Card title="Accertamenti" to="/area-personale/contribuente/accertamenti" icon="it-file">
              <p className="mb-0">
                {overview.counts.notices === 0
                  ? "Nessun avviso di accertamento"
                  : `${plural(overview.counts.notices, "avviso", "avvisi")}, ${overview.openNotices} da definire`}
              </p>
            </Card>
            <Card title="Versamenti F24" to="/area-personale/contribuente/f24" icon="it-card">
              <p className="mb-0">
                {plural(overview.counts.f24, "versamento registrato", "versamenti registrati")}
              </p>
            </Card>
            <Card title="Rimborsi" to="/area-personale/contribuente/rimborsi" icon="it-exchange-circle">
              <p className="mb-0">
                {overview.counts.refunds === 0
                  ? "Nessuna richiesta di rimborso"
                  : `${plural(overview.counts.refunds, "rimborso", "rimborsi")}, ${overview.openRefunds} in corso`}
              </p>
            </Card>
          </div>
        </>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

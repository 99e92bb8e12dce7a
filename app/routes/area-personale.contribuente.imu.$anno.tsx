import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireCitizen } from "~/auth/guards.server";
import { todayIso } from "~/clock.server";
import { Breadcrumb } from "~/components/breadcrumb";
import { EmptyState } from "~/components/dossier/empty-state";
import { errorMeta } from "~/components/error-boundary";
import { Icon } from "~/components/icon";
import { pageMeta } from "~/components/site";
import { DossierErrorBoundary } from "~/components/taxpayer/error-boundary";
import { f24CodeLabel } from "~/dossier/labels";
import { formatMonths, formatRateBp, formatShareBp } from "~/rules/italian";
import { InstalmentState } from "~/components/taxpayer/instalment-state";
import { taxpayerLinks } from "~/components/taxpayer/styles";
import { TableBox } from "~/components/taxpayer/table-box";
import { TaxpayerNav, YearNav } from "~/components/taxpayer/taxpayer-nav";
import {
  f24ImuRows,
  getImuYear,
  listImuYears,
  parseYearParam,
  yearNotFound,
  type ImuLine,
} from "~/dossier/taxpayer.server";
import { formatDateIt } from "~/rules/time";
import { formatEuroSymbol } from "~/rules/money";

export const links = taxpayerLinks;

export const meta: MetaFunction<typeof loader> = ({ error, matches, data }) =>
  error ? errorMeta(error, matches) : pageMeta(`IMU ${data?.year ?? ""}`.trim(), matches);

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { citizenId } = await requireCitizen(request, context);
  const year = parseYearParam(params.anno);
  if (year === null) throw yearNotFound("imu");
  const today = todayIso(context.config);
  if (citizenId === null) return json({ year, years: [], assessments: [], f24: [] });
  const [assessments, years] = await Promise.all([
    getImuYear(context.db, citizenId, year, today),
    listImuYears(context.db, citizenId),
  ]);
  return json({ year, years, assessments, f24: f24ImuRows(assessments) });
}

const INSTALMENT_NAME: Record<number, string> = { 1: "Acconto", 2: "Saldo" };

function instalmentName(n: number, count: number, label: string): string {
  if (count === 2) return INSTALMENT_NAME[n] ?? label;
  if (count === 1) return "Unica soluzione";
  return label;
}

function exemptionText(l: ImuLine): string {
  if (l.mainHome) {
    return `Abitazione principale di categoria ${l.category}: per le abitazioni principali diverse dalle categorie A/1, A/8 e A/9 l'IMU non è dovuta.`;
  }
  return "Immobile esente: l'IMU non è dovuta per quest'anno.";
}

function Steps({ l }: { l: ImuLine }) {
  return (
    <ol className="portal-steps">
      <li>
        <span className="portal-step-label">Rendita catastale (categoria {l.category})</span>
        <span className="portal-step-value">{formatEuroSymbol(l.renditaCents)}</span>
      </li>
      <li>
        <span className="portal-step-label">Rendita rivalutata del 5% (rendita × 1,05)</span>
        <span className="portal-step-value">{formatEuroSymbol(l.revaluedCents)}</span>
      </li>
      <li>
        <span className="portal-step-label">Moltiplicatore per la categoria {l.category}</span>
        <span className="portal-step-value">× {l.multiplier}</span>
      </li>
      <li>
        <span className="portal-step-label">Base imponibile (rendita rivalutata × moltiplicatore)</span>
        <span className="portal-step-value">{formatEuroSymbol(l.baseCents)}</span>
      </li>
      {l.exempt ? (
        <li>
          <span className="portal-step-label">{exemptionText(l)}</span>
          <span className="portal-step-value portal-step-result">{formatEuroSymbol(0)}</span>
        </li>
      ) : (
        <>
          <li>
            <span className="portal-step-label">Aliquota deliberata dal comune</span>
            <span className="portal-step-value">{formatRateBp(l.rateBp)}</span>
          </li>
          <li>
            <span className="portal-step-label">Mesi di possesso nell&apos;anno</span>
            <span className="portal-step-value">{formatMonths(l.monthsHeld)} su 12</span>
          </li>
          <li>
            <span className="portal-step-label">Quota di possesso</span>
            <span className="portal-step-value">{formatShareBp(l.shareBp)}</span>
          </li>
          {l.deductionCents > 0 ? (
            <li>
              <span className="portal-step-label">Detrazione per l&apos;abitazione principale</span>
              <span className="portal-step-value">− {formatEuroSymbol(l.deductionCents)}</span>
            </li>
          ) : null}
          <li>
            <span className="portal-step-label">
              <strong>IMU dovuta</strong> (base × aliquota × mesi / 12 × quota
              {l.deductionCents > 0 ? " − detrazione" : ""})
            </span>
            <span className="portal-step-value portal-step-result">{formatEuroSymbol(l.amountCents)}</span>
          </li>
        </>
      )}
    </ol>
  );
}

export default function ImuYear() {
  const { year, years, assessments, f24 } = useLoaderData<typeof loader>();
  const latest = { imu: years[0] ?? null };
  const total = assessments.reduce((s, a) => s + a.amountCents, 0);
  return (
    <>
      <Breadcrumb
        items={[
          { label: "Area personale", to: "/area-personale" },
          { label: "Fascicolo del contribuente", to: "/area-personale/contribuente" },
          { label: `IMU ${year}` },
        ]}
      />
      <h1>IMU {year}</h1>
      <p className="lead">
        Come è stata calcolata l&apos;imposta municipale propria sui tuoi immobili per il {year}, le rate e il
        loro stato di pagamento.
      </p>
      <TaxpayerNav current="imu" latest={latest} />
      <YearNav years={years} current={year} basePath="/area-personale/contribuente/imu" label="Anni IMU" />
      {assessments.length === 0 ? (
        <EmptyState title={`Non risulta IMU calcolata a tuo nome per il ${year}`}>
          <p className="mb-0">
            Per il {year} i comuni aderenti non hanno calcolato IMU a tuo nome: potresti non possedere
            immobili soggetti all&apos;imposta.
          </p>
        </EmptyState>
      ) : (
        <>
          <p>
            IMU {year} complessiva: <strong className="portal-amount">{formatEuroSymbol(total)}</strong>
          </p>
          {assessments.map((a) => (
            <section key={a.id} className="portal-section-box" aria-labelledby={`imu-${a.id}`}>
              <h2 id={`imu-${a.id}`}>
                {a.comune}
                {a.belfiore ? <span className="small fw-normal"> (codice ente {a.belfiore})</span> : null}
              </h2>
              <TableBox label={`Calcolo IMU ${year} per immobile, ${a.comune}`}>
                <table className="table table-sm portal-figures">
                  <caption>Calcolo per immobile (il dettaglio di ogni passaggio è più sotto)</caption>
                  <thead>
                    <tr>
                      <th scope="col">Immobile</th>
                      <th scope="col" className="portal-num">
                        Rendita
                      </th>
                      <th scope="col" className="portal-num">
                        Moltiplicatore
                      </th>
                      <th scope="col" className="portal-num">
                        Base imponibile
                      </th>
                      <th scope="col" className="portal-num">
                        Aliquota
                      </th>
                      <th scope="col" className="portal-num">
                        Mesi
                      </th>
                      <th scope="col" className="portal-num">
                        Quota
                      </th>
                      <th scope="col" className="portal-num">
                        IMU
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {a.lines.map((l) => (
                      <tr key={l.id}>
                        <th scope="row">
                          {l.address}
                          <span className="d-block small fw-normal">
                            Cat. {l.category} · fg. {l.foglio} part. {l.particella} sub. {l.subalterno}
                            {l.mainHome ? " · abitazione principale" : ""}
                          </span>
                        </th>
                        <td className="portal-num">{formatEuroSymbol(l.renditaCents)}</td>
                        <td className="portal-num">× {l.multiplier}</td>
                        <td className="portal-num">{formatEuroSymbol(l.baseCents)}</td>
                        <td className="portal-num">{l.exempt ? "—" : formatRateBp(l.rateBp)}</td>
                        <td className="portal-num">{l.exempt ? "—" : l.monthsHeld}</td>
                        <td className="portal-num">{formatShareBp(l.shareBp)}</td>
                        <td className="portal-num">
                          {l.exempt ? "Esente" : formatEuroSymbol(l.amountCents)}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                  <tfoot>
                    <tr>
                      <th scope="row" colSpan={7}>
                        Totale IMU {a.comune.replace(/^Comune di /, "")} {year}
                      </th>
                      <td className="portal-num">{formatEuroSymbol(a.amountCents)}</td>
                    </tr>
                  </tfoot>
                </table>
              </TableBox>

              <h3 className="h5">Il calcolo passo per passo</h3>
              {a.lines.map((l) => (
                <details key={l.id} className="portal-details" open={a.lines.length === 1 || !l.exempt}>
                  <summary>
                    {l.address} ({l.category}){l.exempt ? ": esente" : `: ${formatEuroSymbol(l.amountCents)}`}
                  </summary>
                  <Steps l={l} />
                </details>
              ))}

              <h3 className="h5 mt-4">Rate</h3>
              {a.instalments.length === 0 ? (
                <p>
                  <Icon name="it-check-circle" size="sm" className="icon-success me-1" />
                  Nessuna rata da pagare: l&apos;IMU {year} non è dovuta.
                </p>
              ) : (
                <TableBox label={`Rate IMU ${year}, ${a.comune}`}>
                  <table className="table portal-figures">
                    <caption className="visually-hidden">Rate dell&apos;IMU {year}</caption>
                    <thead>
                      <tr>
                        <th scope="col">Rata</th>
                        <th scope="col">Codice tributo F24</th>
                        <th scope="col">Scadenza</th>
                        <th scope="col" className="portal-num">
                          Importo
                        </th>
                        <th scope="col">Stato</th>
                      </tr>
                    </thead>
                    <tbody>
                      {a.instalments.map((i) => {
                        const name = instalmentName(i.number, a.instalments.length, i.label);
                        return (
                          <tr key={i.id}>
                            <th scope="row">{name}</th>
                            <td>
                              {i.f24Code ?? "—"}
                              {i.f24Code ? (
                                <span className="d-block small">{f24CodeLabel(i.f24Code)}</span>
                              ) : null}
                            </td>
                            <td>{formatDateIt(i.dueDate)}</td>
                            <td className="portal-num">{formatEuroSymbol(i.amountCents)}</td>
                            <td>
                              <InstalmentState
                                state={i.state}
                                dueDate={i.dueDate}
                                paymentOptionId={i.paymentOptionId}
                                subject={`${name.toLowerCase()} IMU ${year}`}
                              />
                            </td>
                          </tr>
                        );
                      })}
                    </tbody>
                  </table>
                </TableBox>
              )}
            </section>
          ))}

          {f24.length > 0 ? (
            <section className="portal-section-box" aria-labelledby="f24-riepilogo">
              <h2 id="f24-riepilogo">Riepilogo per il modello F24</h2>
              <p>
                I dati della sezione &laquo;IMU e altri tributi locali&raquo; del modello F24, se preferisci
                pagare in banca, alla posta o con l&apos;home banking invece che con pagoPA. Non pagare due
                volte la stessa rata.
              </p>
              <TableBox label="Righe della sezione IMU del modello F24">
                <table className="table portal-figures">
                  <caption className="visually-hidden">Righe della sezione IMU del modello F24</caption>
                  <thead>
                    <tr>
                      <th scope="col">Codice ente</th>
                      <th scope="col">Acconto</th>
                      <th scope="col">Saldo</th>
                      <th scope="col" className="portal-num">
                        N. immobili
                      </th>
                      <th scope="col">Codice tributo</th>
                      <th scope="col">Anno di riferimento</th>
                      <th scope="col" className="portal-num">
                        Importo a debito
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {f24.map((r, idx) => (
                      <tr key={idx}>
                        <td>{r.codiceEnte}</td>
                        <td>{r.acconto ? "X" : ""}</td>
                        <td>{r.saldo ? "X" : ""}</td>
                        <td className="portal-num">{r.numeroImmobili}</td>
                        <td>{r.codiceTributo}</td>
                        <td>{r.annoRiferimento}</td>
                        <td className="portal-num">{formatEuroSymbol(r.importoCents)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableBox>
              <p className="mb-0">
                <a
                  className="btn btn-outline-primary"
                  href={`/area-personale/contribuente/imu/${year}/f24.pdf`}
                  download={`imu-${year}-riepilogo-f24.pdf`}
                >
                  <Icon name="it-download" size="sm" className="icon-primary me-2" />
                  Scarica il prospetto di calcolo e riepilogo F24 (PDF)
                </a>
              </p>
            </section>
          ) : null}
        </>
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

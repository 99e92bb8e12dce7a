import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { BarChart, type BarChartItem } from "~/components/open-data/bar-chart";
import { pageMeta, useSiteInfo } from "~/components/site";
import { StaticPage } from "~/components/static-page";
import { TableBox } from "~/components/taxpayer/table-box";
import { listOpenData } from "~/open-data/datasets.server";
import {
  OPEN_DATA_LICENCE,
  OPEN_DATA_SLUGS,
  OPEN_DATASETS,
  suppressionRule,
  type ChartItem,
  type OpenDataset,
} from "~/open-data/datasets";
import { MIN_PEOPLE } from "~/open-data/suppression";
import { formatCount } from "~/rules/italian";
import { formatEuroSymbol } from "~/rules/money";
import { PRATICA_STATE_LABEL, isPraticaState } from "~/rules/pratiche";
import { formatDateIt, formatDateTimeIt, MONTH_NAMES } from "~/rules/time";

const TITLE = "Dati aperti";

export const meta: MetaFunction = ({ matches }) =>
  pageMeta(
    TITLE,
    matches,
    "Dati aggregati su pagamenti, pratiche, certificati, appuntamenti e residenti, in formato CSV con licenza CC BY 4.0.",
  );

/** The page reads what the daily job stored: nothing is computed on request. */
export async function loader({ context }: LoaderFunctionArgs) {
  const stored = await listOpenData(context.db);
  return json({ datasets: stored });
}

/** "2026-10" → "ottobre 2026"; other labels (age bands, states) as they read. */
function chartLabel(slug: string, label: string): string {
  const month = /^(\d{4})-(\d{2})$/.exec(label);
  if (month) return `${MONTH_NAMES[Number(month[2]) - 1]} ${month[1]}`;
  if (slug === "pratiche" && isPraticaState(label)) return PRATICA_STATE_LABEL[label];
  return label;
}

function chartItems(d: OpenDataset, chart: ChartItem[]): BarChartItem[] {
  return chart.map((c) => ({
    label: chartLabel(d.slug, c.label),
    value: c.value,
    text: d.chart.unit === "euro" ? formatEuroSymbol(c.value) : formatCount(c.value),
  }));
}

const LABEL_HEADER: Record<string, string> = {
  "pagamenti-ricevuti": "Mese",
  pratiche: "Stato",
  "certificati-rilasciati": "Mese",
  appuntamenti: "Mese",
  residenti: "Classe di età",
};

export default function OpenData() {
  const { datasets } = useLoaderData<typeof loader>();
  const site = useSiteInfo();
  const stored = new Map(datasets.map((d) => [d.slug, d]));
  return (
    <StaticPage
      title={TITLE}
      lead={
        <>
          Dati aggregati prodotti dal portale «{site.portalName}»: nessun dato riguarda una singola persona.
          Ogni insieme di dati si scarica in formato CSV ed è aggiornato ogni giorno.
        </>
      }
      contents={[
        { id: "come-usarli", label: "Come usare questi dati" },
        ...OPEN_DATA_SLUGS.map((slug) => ({ id: slug, label: OPEN_DATASETS[slug].title })),
      ]}
    >
      <h2 id="come-usarli">Come usare questi dati</h2>
      <p>
        Tutti i dati sono rilasciati con licenza{" "}
        <a href={OPEN_DATA_LICENCE.deed} hrefLang="it">
          {OPEN_DATA_LICENCE.name}
        </a>
        : puoi riutilizzarli liberamente, anche per fini commerciali, citando la fonte («{site.enteName} -{" "}
        {site.portalName}»). I file sono in formato CSV con codifica UTF-8, la virgola come separatore e una
        riga di intestazione; le date sono nel formato AAAA-MM-GG, i mesi AAAA-MM e i trimestri AAAA-Qn, gli
        importi in euro con il punto come separatore decimale.
      </p>
      <p>
        Per tutelare la riservatezza, nessuna riga riguarda meno di {MIN_PEOPLE} persone: quelle righe non
        sono pubblicate, e i totali indicati in questa pagina sono la somma delle sole righe pubblicate.
      </p>
      <p>
        Il catalogo dei dati in formato DCAT-AP_IT, raccolto dal portale nazionale dati.gov.it, è disponibile
        all&apos;indirizzo <a href="/dati-aperti/catalogo.rdf">catalogo dei dati aperti (RDF/XML)</a>. Vedi
        anche le <Link to="/note-legali">note legali</Link>.
      </p>

      {OPEN_DATA_SLUGS.map((slug) => {
        const d = OPEN_DATASETS[slug];
        const s = stored.get(slug);
        const items = s ? chartItems(d, s.chart) : [];
        const total = items.reduce((n, i) => n + i.value, 0);
        return (
          <section key={slug} aria-labelledby={slug} className="mt-5">
            <h2 id={slug}>{d.title}</h2>
            <p>{d.description}</p>
            <p>{suppressionRule(d.counted)}</p>
            <dl className="row mb-3">
              <dt className="col-sm-4">Licenza</dt>
              <dd className="col-sm-8">
                <a href={OPEN_DATA_LICENCE.deed} hrefLang="it">
                  {OPEN_DATA_LICENCE.short}
                </a>
              </dd>
              <dt className="col-sm-4">Ultimo aggiornamento</dt>
              <dd className="col-sm-8">
                {s
                  ? `${formatDateTimeIt(s.generated_at)} (dati al ${formatDateIt(s.reference_date)})`
                  : "In preparazione"}
              </dd>
              <dt className="col-sm-4">Frequenza di aggiornamento</dt>
              <dd className="col-sm-8">Giornaliera</dd>
              {s ? (
                <>
                  <dt className="col-sm-4">Righe pubblicate</dt>
                  <dd className="col-sm-8">{formatCount(s.row_count)}</dd>
                </>
              ) : null}
            </dl>
            {s ? (
              <p>
                <a href={`/dati-aperti/${slug}.csv`} download>
                  Scarica «{d.title}» in formato CSV
                </a>
              </p>
            ) : (
              <p>I dati sono in preparazione: il file sarà disponibile a breve.</p>
            )}
            {s && items.length === 0 ? (
              <p id={`vuoto-${slug}`}>
                Nessuna riga pubblicata: al momento ogni riga riguarderebbe meno di {MIN_PEOPLE} {d.counted}.
              </p>
            ) : null}
            {s && items.length > 0 ? (
              <>
                <BarChart
                  id={`grafico-${slug}`}
                  title={d.chart.title}
                  items={items}
                  labelHeader={LABEL_HEADER[slug] ?? "Voce"}
                  valueHeader={d.chart.unit === "euro" ? "Importo" : "Numero"}
                />
                <p className="small">
                  Totale del grafico, somma delle righe pubblicate:{" "}
                  {d.chart.unit === "euro" ? formatEuroSymbol(total) : formatCount(total)}.
                </p>
              </>
            ) : null}
            <TableBox label={`Colonne di «${d.title}»`}>
              <table className="table table-sm">
                <caption>Colonne del file CSV «{d.title}»</caption>
                <thead>
                  <tr>
                    <th scope="col">Colonna</th>
                    <th scope="col">Descrizione</th>
                    <th scope="col">Tipo</th>
                  </tr>
                </thead>
                <tbody>
                  {d.columns.map((c) => (
                    <tr key={c.name}>
                      <th scope="row">
                        <code>{c.name}</code>
                      </th>
                      <td>{c.description}</td>
                      <td className="text-nowrap">{c.type}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableBox>
          </section>
        );
      })}
    </StaticPage>
  );
}

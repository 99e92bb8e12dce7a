import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { BarChart, type BarChartItem } from "~/components/open-data/bar-chart";
import { pageMeta, useSiteInfo } from "~/components/site";
import { StaticPage } from "~/components/static-page";
import { TableBox } from "~/components/taxpayer/table-box";
import { taxNumbersFor } from "~/components/taxpayer/locale";
import type { Formats } from "~/i18n/format";
import { metaT } from "~/i18n/instance";
import { messagesLoader, useFormat } from "~/i18n/react";
import { listOpenData } from "~/open-data/datasets.server";
import {
  OPEN_DATA_LICENCE,
  OPEN_DATA_SLUGS,
  OPEN_DATASETS,
  type ChartItem,
  type OpenDataset,
  type OpenDataSlug,
} from "~/open-data/datasets";
import { columnTypeKey } from "~/open-data/messages";
import { MIN_PEOPLE } from "~/open-data/suppression";
import { isPraticaState } from "~/rules/pratiche";

export const handle = { i18n: ["openData"] };

export const meta: MetaFunction = ({ matches }) => {
  const t = metaT(matches, "openData");
  return pageMeta(t("title"), matches, t("description"));
};

/** The page reads what the daily job stored: nothing is computed on request. */
export async function loader({ context }: LoaderFunctionArgs) {
  const stored = await listOpenData(context.db);
  return json({ datasets: stored });
}

export const clientLoader = messagesLoader(["openData"]);

type T = (key: string, options?: Record<string, unknown>) => string;

/** "2026-10" → "ottobre 2026" / "October 2026"; pratica states by name; other labels (age bands) as they read. */
function chartLabel(slug: string, label: string, f: Formats, t: T): string {
  const month = /^(\d{4})-(\d{2})$/.exec(label);
  if (month) {
    const name = taxNumbersFor(f.locale).month(Number(month[2]));
    return name ? `${name} ${month[1]}` : label;
  }
  if (slug === "pratiche" && isPraticaState(label)) return t(`praticaState.${label}`);
  return label;
}

function chartItems(d: OpenDataset, chart: ChartItem[], f: Formats, t: T): BarChartItem[] {
  return chart.map((c) => ({
    label: chartLabel(d.slug, c.label, f, t),
    value: c.value,
    text: d.chart.unit === "euro" ? f.euro(c.value) : f.number(c.value),
  }));
}

const LABEL_HEADER: Record<OpenDataSlug, "month" | "state" | "ageBand"> = {
  "pagamenti-ricevuti": "month",
  pratiche: "state",
  "certificati-rilasciati": "month",
  appuntamenti: "month",
  residenti: "ageBand",
};

export default function OpenData() {
  const { datasets } = useLoaderData<typeof loader>();
  const site = useSiteInfo();
  const { t } = useTranslation("openData");
  const f = useFormat();
  const stored = new Map(datasets.map((d) => [d.slug, d]));
  const deed = f.locale === "it" ? OPEN_DATA_LICENCE.deed : OPEN_DATA_LICENCE.deed.replace(/\.it$/, ".en");
  const deedLang = f.locale === "it" ? "it" : "en";
  return (
    <StaticPage
      title={t("title")}
      lead={t("lead", { portal: site.portalName })}
      contents={[
        { id: "come-usarli", label: t("howTo.title") },
        ...OPEN_DATA_SLUGS.map((slug) => ({ id: slug, label: t(`datasets.${slug}.title`) })),
      ]}
    >
      <h2 id="come-usarli">{t("howTo.title")}</h2>
      <p>
        <Trans
          i18nKey="howTo.licence"
          t={t}
          values={{ ente: site.enteName, portal: site.portalName }}
          components={{
            a: (
              <a href={deed} hrefLang={deedLang}>
                {OPEN_DATA_LICENCE.short}
              </a>
            ),
          }}
        />
      </p>
      <p>{t("howTo.privacy", { min: MIN_PEOPLE })}</p>
      <p>
        <Trans
          i18nKey="howTo.catalogue"
          t={t}
          components={{
            a: <a href="/dati-aperti/catalogo.rdf">RDF/XML</a>,
            legal: <Link to="/note-legali" />,
          }}
        />
      </p>

      {OPEN_DATA_SLUGS.map((slug) => {
        const d = OPEN_DATASETS[slug];
        const s = stored.get(slug);
        const items = s ? chartItems(d, s.chart, f, t) : [];
        const total = items.reduce((n, i) => n + i.value, 0);
        const title = t(`datasets.${slug}.title`);
        const counted = t(`datasets.${slug}.counted`);
        return (
          <section key={slug} aria-labelledby={slug} className="mt-5">
            <h2 id={slug}>{title}</h2>
            <p>{t(`datasets.${slug}.description`)}</p>
            <p>{t("suppression", { min: MIN_PEOPLE, counted })}</p>
            <dl className="row mb-3">
              <dt className="col-sm-4">{t("facts.licence")}</dt>
              <dd className="col-sm-8">
                <a href={deed} hrefLang={deedLang}>
                  {OPEN_DATA_LICENCE.short}
                </a>
              </dd>
              <dt className="col-sm-4">{t("facts.updated")}</dt>
              <dd className="col-sm-8">
                {s
                  ? t("facts.updatedValue", {
                      dateTime: f.dateTime(s.generated_at),
                      date: f.date(s.reference_date),
                    })
                  : t("facts.preparing")}
              </dd>
              <dt className="col-sm-4">{t("facts.frequency")}</dt>
              <dd className="col-sm-8">{t("facts.daily")}</dd>
              {s ? (
                <>
                  <dt className="col-sm-4">{t("facts.rows")}</dt>
                  <dd className="col-sm-8">{f.number(s.row_count)}</dd>
                </>
              ) : null}
            </dl>
            {s ? (
              <p>
                <a href={`/dati-aperti/${slug}.csv`} download>
                  {t("download", { title })}
                </a>
              </p>
            ) : (
              <p>{t("notReady")}</p>
            )}
            {s && items.length === 0 ? (
              <p id={`vuoto-${slug}`}>{t("empty", { min: MIN_PEOPLE, counted })}</p>
            ) : null}
            {s && items.length > 0 ? (
              <>
                <BarChart
                  id={`grafico-${slug}`}
                  title={t(`datasets.${slug}.chart`)}
                  items={items}
                  labelHeader={t(`chart.labelHeader.${LABEL_HEADER[slug]}`)}
                  valueHeader={t(`chart.valueHeader.${d.chart.unit}`)}
                />
                <p className="small">
                  {t("chart.total", { total: d.chart.unit === "euro" ? f.euro(total) : f.number(total) })}
                </p>
              </>
            ) : null}
            <TableBox label={t("columns.label", { title })}>
              <table className="table table-sm">
                <caption>{t("columns.caption", { title })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("columns.name")}</th>
                    <th scope="col">{t("columns.description")}</th>
                    <th scope="col">{t("columns.type")}</th>
                  </tr>
                </thead>
                <tbody>
                  {d.columns.map((c) => (
                    <tr key={c.name}>
                      <th scope="row">
                        <code>{c.name}</code>
                      </th>
                      <td>{t(`datasets.${slug}.columns.${c.name}`)}</td>
                      <td className="text-nowrap">{t(`columnType.${columnTypeKey(c.type)}`)}</td>
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

import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import type { Formats } from "~/i18n/format";
import { useFormat } from "~/i18n/react";

export type ChartCategory = "IMU" | "TARI" | "BOLLO" | "ALTRO";

export interface ChartYear {
  year: number;
  due: Record<ChartCategory, number>;
  paid: Record<ChartCategory, number>;
  dueTotal: number;
  paidTotal: number;
}

export const CATEGORIES: ChartCategory[] = ["IMU", "TARI", "BOLLO", "ALTRO"];
/** Each category's name: taxChart.category.<code> in the "area" namespace. */
/** Colours of the design system, told apart also by their fill pattern. */
const COLOUR: Record<ChartCategory, string> = {
  IMU: "#0066cc",
  TARI: "#008055",
  BOLLO: "#995c00",
  ALTRO: "#5c6f82",
};

const W = 480;
const LABEL_W = 92;
const BAR_H = 16;
const BAR_GAP = 4;
const YEAR_GAP = 18;
const AMOUNT_W = 110;

function Patterns() {
  return (
    <defs>
      <pattern id="tc-IMU" width="6" height="6" patternUnits="userSpaceOnUse">
        <rect width="6" height="6" fill={COLOUR.IMU} />
      </pattern>
      <pattern id="tc-TARI" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
        <rect width="6" height="6" fill={COLOUR.TARI} />
        <rect width="2" height="6" fill="#ffffff" />
      </pattern>
      <pattern id="tc-BOLLO" width="6" height="6" patternUnits="userSpaceOnUse">
        <rect width="6" height="6" fill={COLOUR.BOLLO} />
        <circle cx="3" cy="3" r="1.2" fill="#ffffff" />
      </pattern>
      <pattern id="tc-ALTRO" width="6" height="6" patternUnits="userSpaceOnUse">
        <rect width="6" height="6" fill={COLOUR.ALTRO} />
        <path d="M0 3h6M3 0v6" stroke="#ffffff" strokeWidth="1" />
      </pattern>
    </defs>
  );
}

function describe(years: ChartYear[], t: TFunction, f: Formats): string {
  const parts = years.map((y) =>
    y.dueTotal === 0
      ? t("taxChart.yearNone", { year: y.year })
      : t("taxChart.yearAmounts", { year: y.year, due: f.euro(y.dueTotal), paid: f.euro(y.paidTotal) }),
  );
  return t("taxChart.description", { years: parts.join("; ") });
}

/**
 * Taxes and payments per year as an inline SVG image (title and description for screen readers)
 * with the same figures in a table below, folded in a `<details>` element.
 */
export function TaxChart({ years, headingId }: { years: ChartYear[]; headingId: string }) {
  const { t } = useTranslation("area");
  const f = useFormat();
  const label = (c: ChartCategory) => t(`taxChart.category.${c}`);
  const max = Math.max(1, ...years.flatMap((y) => [y.dueTotal, y.paidTotal]));
  const scale = (W - LABEL_W - AMOUNT_W) / max;
  const rowH = BAR_H * 2 + BAR_GAP + YEAR_GAP;
  const height = years.length * rowH;
  const ordered = [...years].sort((a, b) => b.year - a.year);

  const bar = (y: number, values: Record<ChartCategory, number>, total: number, label: string) => {
    let x = LABEL_W;
    return (
      <g>
        <text x={LABEL_W - 6} y={y + BAR_H - 4} textAnchor="end" fontSize="12" fill="#1a1a1a">
          {label}
        </text>
        {total === 0 ? (
          <rect x={LABEL_W} y={y} width="2" height={BAR_H} fill="#5c6f82" />
        ) : (
          CATEGORIES.map((c) => {
            const w = values[c] * scale;
            if (w <= 0) return null;
            const r = <rect key={c} x={x} y={y} width={Math.max(w, 1)} height={BAR_H} fill={`url(#tc-${c})`} stroke="#ffffff" strokeWidth="0.5" />;
            x += w;
            return r;
          })
        )}
        <text x={LABEL_W + total * scale + 6} y={y + BAR_H - 4} fontSize="12" fill="#1a1a1a">
          {f.euro(total)}
        </text>
      </g>
    );
  };

  return (
    <figure className="portal-tax-chart mb-0">
      <svg
        viewBox={`0 0 ${W} ${height}`}
        width="100%"
        role="img"
        aria-labelledby={`${headingId}-title ${headingId}-desc`}
        className="portal-tax-chart-svg"
      >
        <title id={`${headingId}-title`}>{t("taxChart.title")}</title>
        <desc id={`${headingId}-desc`}>{describe(ordered, t, f)}</desc>
        <Patterns />
        {ordered.map((y, i) => {
          const top = i * rowH;
          return (
            <g key={y.year}>
              <text x="0" y={top + BAR_H + 2} fontSize="15" fontWeight="700" fill="#1a1a1a">
                {y.year}
              </text>
              {bar(top, y.due, y.dueTotal, t("taxChart.due"))}
              {bar(top + BAR_H + BAR_GAP, y.paid, y.paidTotal, t("taxChart.paid"))}
            </g>
          );
        })}
      </svg>
      <figcaption>
        <ul className="portal-tax-chart-legend list-inline mb-2">
          {CATEGORIES.map((c) => (
            <li key={c} className="list-inline-item">
              <svg width="14" height="14" aria-hidden="true" focusable="false" className="me-1">
                <rect width="14" height="14" fill={`url(#tc-${c})`} />
              </svg>
              {label(c)}
            </li>
          ))}
        </ul>
      </figcaption>
      <details className="portal-details">
        <summary>{t("taxChart.showTable")}</summary>
        <div className="table-responsive-sm">
          <table className="table table-sm mt-2">
            <caption>{t("taxChart.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("taxChart.year")}</th>
                <th scope="col">{t("taxChart.item")}</th>
                <th scope="col" className="text-end">
                  {t("taxChart.dueColumn")}
                </th>
                <th scope="col" className="text-end">
                  {t("taxChart.paidColumn")}
                </th>
              </tr>
            </thead>
            {ordered.map((y) => {
              const cats = CATEGORIES.filter((c) => y.due[c] > 0 || y.paid[c] > 0);
              return (
                <tbody key={y.year}>
                  {cats.map((c, i) => (
                    <tr key={c}>
                      {i === 0 ? (
                        <th scope="rowgroup" rowSpan={cats.length + 1}>
                          {y.year}
                        </th>
                      ) : null}
                      <td>{label(c)}</td>
                      <td className="text-end text-nowrap">{f.euro(y.due[c])}</td>
                      <td className="text-end text-nowrap">{f.euro(y.paid[c])}</td>
                    </tr>
                  ))}
                  <tr className="fw-semibold">
                    {cats.length === 0 ? <th scope="rowgroup">{y.year}</th> : null}
                    <td>{cats.length === 0 ? t("taxChart.none") : t("taxChart.total")}</td>
                    <td className="text-end text-nowrap">{f.euro(y.dueTotal)}</td>
                    <td className="text-end text-nowrap">{f.euro(y.paidTotal)}</td>
                  </tr>
                </tbody>
              );
            })}
          </table>
        </div>
      </details>
    </figure>
  );
}

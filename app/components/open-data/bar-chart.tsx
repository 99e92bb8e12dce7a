import { useTranslation } from "react-i18next";
import { TableBox } from "~/components/taxpayer/table-box";

export interface BarChartItem {
  label: string;
  value: number;
  /** The value as people read it, e.g. "€ 1.020,99" or "1.234". */
  text: string;
}

const W = 480;
const LABEL_W = 120;
const VALUE_W = 110;
const BAR_H = 18;
const GAP = 6;

/**
 * A horizontal bar chart drawn on the server as inline SVG (no script), named for screen readers
 * by its title, and followed by the same figures in a table with a caption: what the chart shows
 * can always be read as text. Its own words come from the "openData" messages.
 */
export function BarChart({
  id,
  title,
  items,
  labelHeader,
  valueHeader,
}: {
  id: string;
  title: string;
  items: BarChartItem[];
  labelHeader: string;
  valueHeader: string;
}) {
  const { t } = useTranslation("openData");
  const max = Math.max(1, ...items.map((i) => i.value));
  const scale = (W - LABEL_W - VALUE_W) / max;
  const height = Math.max(1, items.length) * (BAR_H + GAP);
  const summary = items.map((i) => `${i.label}: ${i.text}`).join("; ");
  return (
    <figure className="mb-3">
      <svg
        viewBox={`0 0 ${W} ${height}`}
        width="100%"
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        className="portal-chart-svg"
      >
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{items.length ? `${summary}.` : t("chart.noData")}</desc>
        {items.map((item, n) => {
          const y = n * (BAR_H + GAP);
          const w = Math.max(item.value * scale, item.value > 0 ? 1 : 0);
          return (
            <g key={item.label}>
              <text x={LABEL_W - 6} y={y + BAR_H - 5} textAnchor="end" fontSize="12" fill="#1a1a1a">
                {item.label}
              </text>
              <rect x={LABEL_W} y={y} width={w} height={BAR_H} fill="#0066cc" />
              <text x={LABEL_W + w + 6} y={y + BAR_H - 5} fontSize="12" fill="#1a1a1a">
                {item.text}
              </text>
            </g>
          );
        })}
      </svg>
      <details className="portal-details">
        <summary>{t("chart.showTable")}</summary>
        <TableBox label={title}>
          <table className="table table-sm mt-2">
            <caption>{title}</caption>
            <thead>
              <tr>
                <th scope="col">{labelHeader}</th>
                <th scope="col" className="text-end">
                  {valueHeader}
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((i) => (
                <tr key={i.label}>
                  <th scope="row" className="fw-normal">
                    {i.label}
                  </th>
                  <td className="text-end text-nowrap">{i.text}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableBox>
      </details>
    </figure>
  );
}

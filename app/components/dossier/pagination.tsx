import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Icon } from "~/components/icon";

/** Links to the pages of a list, keeping the other query parameters (the filters). */
export function Pagination({
  page,
  pageCount,
  search,
  label,
}: {
  page: number;
  pageCount: number;
  /** The current query string, e.g. "?stato=da_integrare&pagina=2". */
  search: string;
  /** What is being paged, for the navigation's name: "Pagine delle pratiche". */
  label: string;
}) {
  const { t } = useTranslation();
  if (pageCount <= 1) return null;
  const href = (p: number) => {
    const params = new URLSearchParams(search);
    if (p <= 1) params.delete("pagina");
    else params.set("pagina", String(p));
    const qs = params.toString();
    return qs ? `?${qs}` : "?";
  };
  const pages = pageWindow(page, pageCount);
  return (
    <nav className="pagination-wrapper justify-content-center mt-4" aria-label={label}>
      <ul className="pagination flex-wrap">
        <li className={`page-item${page <= 1 ? " disabled" : ""}`}>
          {page <= 1 ? (
            <span className="page-link" aria-disabled="true">
              <Icon name="it-chevron-left" className="icon-primary" />
              <span className="visually-hidden">{t("pagination.previous")}</span>
            </span>
          ) : (
            <Link className="page-link" to={href(page - 1)}>
              <Icon name="it-chevron-left" className="icon-primary" />
              <span className="visually-hidden">{t("pagination.previous")}</span>
            </Link>
          )}
        </li>
        {pages.map((p, i) =>
          p === null ? (
            <li key={`gap-${i}`} className="page-item">
              <span className="page-link" aria-hidden="true">
                …
              </span>
            </li>
          ) : (
            <li key={p} className="page-item">
              <Link className="page-link" to={href(p)} aria-current={p === page ? "page" : undefined}>
                <span className="visually-hidden">{t("pagination.page")} </span>
                {p}
              </Link>
            </li>
          ),
        )}
        <li className={`page-item${page >= pageCount ? " disabled" : ""}`}>
          {page >= pageCount ? (
            <span className="page-link" aria-disabled="true">
              <span className="visually-hidden">{t("pagination.next")}</span>
              <Icon name="it-chevron-right" className="icon-primary" />
            </span>
          ) : (
            <Link className="page-link" to={href(page + 1)}>
              <span className="visually-hidden">{t("pagination.next")}</span>
              <Icon name="it-chevron-right" className="icon-primary" />
            </Link>
          )}
        </li>
      </ul>
    </nav>
  );
}

/** 1 … 4 5 [6] 7 8 … 20: first, last and two around the current page. */
export function pageWindow(page: number, pageCount: number): Array<number | null> {
  const set = new Set<number>([1, pageCount]);
  for (let p = page - 2; p <= page + 2; p++) if (p >= 1 && p <= pageCount) set.add(p);
  const sorted = [...set].sort((a, b) => a - b);
  const out: Array<number | null> = [];
  for (let i = 0; i < sorted.length; i++) {
    if (i > 0 && sorted[i] - sorted[i - 1] > 1) out.push(null);
    out.push(sorted[i]);
  }
  return out;
}

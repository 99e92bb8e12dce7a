import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

export interface SelectFilter {
  /** The select's id, which its label points at. */
  id: string;
  /** The query parameter. */
  name: string;
  label: string;
  /** The current value ("" for none). */
  value: string;
  /** The first option, with the empty value: "Tutti gli stati". */
  allLabel: string;
  options: ReadonlyArray<{ value: string | number; label: string }>;
}

/**
 * The filter form above a list of the Area personale: two selects and a "Filtra" button, sent by
 * GET so that a filtered list has its own address. The heading names the form for screen readers.
 */
export function ListFilters({
  headingId,
  heading,
  filters,
}: {
  headingId: string;
  /** Visually hidden: "Filtra i messaggi". */
  heading: string;
  filters: readonly [SelectFilter, SelectFilter];
}) {
  const { t } = useTranslation("area");
  return (
    <Form method="get" className="portal-filters" aria-labelledby={headingId}>
      <h2 id={headingId} className="visually-hidden">
        {heading}
      </h2>
      <div className="row g-3 align-items-end">
        {filters.map((f) => (
          <div key={f.id} className="col-12 col-md-5">
            <div className="select-wrapper">
              <label htmlFor={f.id}>{f.label}</label>
              <select id={f.id} name={f.name} defaultValue={f.value}>
                <option value="">{f.allLabel}</option>
                {f.options.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
            </div>
          </div>
        ))}
        <div className="col-12 col-md-2 pb-3">
          <button type="submit" className="btn btn-primary w-100">
            {t("filters.submit")}
          </button>
        </div>
      </div>
    </Form>
  );
}

/**
 * The list's heading and the line under it: how many items, which page, and, when filters are
 * on, a link that takes them off. The line is a live region: it changes when the filters do.
 */
export function ListSummary({
  headingId,
  heading,
  countText,
  page,
  pageCount,
  clearFiltersTo,
}: {
  headingId: string;
  heading: string;
  /** How many items, in the page's language: "3 messaggi" / "3 messages". */
  countText: string;
  page: number;
  pageCount: number;
  /** The unfiltered list's address, when filters are on. */
  clearFiltersTo: string | null;
}) {
  const { t } = useTranslation("area");
  return (
    <>
      <h2 className="h4" id={headingId}>
        {heading}
      </h2>
      <p aria-live="polite">
        {countText}
        {pageCount > 1 ? t("filters.page", { page, pageCount }) : ""}
        {clearFiltersTo ? (
          <>
            {" · "}
            <Link to={clearFiltersTo}>{t("filters.clear")}</Link>
          </>
        ) : null}
      </p>
    </>
  );
}

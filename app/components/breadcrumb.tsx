import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

export interface BreadcrumbItem {
  label: string;
  /** Omit for the current page (the last item). */
  to?: string;
}

/** The design system's breadcrumb. The last item is the current page. */
export function Breadcrumb({ items }: { items: BreadcrumbItem[] }) {
  const { t } = useTranslation();
  return (
    <nav className="breadcrumb-container" aria-label={t("breadcrumb.label")}>
      <ol className="breadcrumb p-0">
        {items.map((item, i) => {
          const last = i === items.length - 1;
          return last || !item.to ? (
            <li key={i} className="breadcrumb-item active" aria-current={last ? "page" : undefined}>
              {item.label}
            </li>
          ) : (
            <li key={i} className="breadcrumb-item">
              <Link to={item.to}>{item.label}</Link>
              <span className="separator" aria-hidden="true">
                /
              </span>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}

import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Breadcrumb } from "~/components/breadcrumb";
import { useLocale } from "~/i18n/react";

export interface StaticPageProps {
  title: string;
  /** One or two sentences under the title. */
  lead?: ReactNode;
  /** Sections of a long page, listed at the top as "In questa pagina" (ids of the h2s). */
  contents?: { id: string; label: string }[];
  /** Shown at the end, e.g. "26 novembre 2026". */
  updated?: string;
  /**
   * A legal text: in any language but Italian, a note at the top says that only the Italian text
   * is binding.
   */
  legal?: boolean;
  children: ReactNode;
}

/** Layout of the long text pages: breadcrumb, title, an optional index of sections, prose. */
export function StaticPage({ title, lead, contents, updated, legal, children }: StaticPageProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <div className="container my-4 mb-5">
      <Breadcrumb items={[{ label: t("nav.home"), to: "/" }, { label: title }]} />
      <div className="portal-prose">
        <h1 className="mt-3">{title}</h1>
        {legal && locale !== "it" ? (
          <p className="alert alert-info">{t("staticPage.italianBinding")}</p>
        ) : null}
        {lead ? <p className="lead">{lead}</p> : null}
        {contents?.length ? (
          <nav className="my-4" aria-labelledby="page-contents-title">
            <h2 id="page-contents-title" className="h5 mt-0">
              {t("staticPage.contents")}
            </h2>
            <ul className="portal-link-list portal-contents">
              {contents.map((c) => (
                <li key={c.id}>
                  <a href={`#${c.id}`}>{c.label}</a>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
        {children}
        {updated ? (
          <p className="mt-5 text-muted small">{t("staticPage.updated", { date: updated })}</p>
        ) : null}
      </div>
    </div>
  );
}

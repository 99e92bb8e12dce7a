import type { ReactNode } from "react";
import { Breadcrumb } from "~/components/breadcrumb";

export interface StaticPageProps {
  title: string;
  /** One or two sentences under the title. */
  lead?: ReactNode;
  /** Sections of a long page, listed at the top as "In questa pagina" (ids of the h2s). */
  contents?: { id: string; label: string }[];
  /** Shown at the end, e.g. "26 novembre 2026". */
  updated?: string;
  children: ReactNode;
}

/** Layout of the long text pages: breadcrumb, title, an optional index of sections, prose. */
export function StaticPage({ title, lead, contents, updated, children }: StaticPageProps) {
  return (
    <div className="container my-4 mb-5">
      <Breadcrumb items={[{ label: "Home", to: "/" }, { label: title }]} />
      <div className="portal-prose">
        <h1 className="mt-3">{title}</h1>
        {lead ? <p className="lead">{lead}</p> : null}
        {contents?.length ? (
          <nav className="my-4" aria-labelledby="page-contents-title">
            <h2 id="page-contents-title" className="h5 mt-0">
              In questa pagina
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
        {updated ? <p className="mt-5 text-muted small">Ultimo aggiornamento: {updated}</p> : null}
      </div>
    </div>
  );
}

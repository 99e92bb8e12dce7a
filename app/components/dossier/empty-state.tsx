import type { ReactNode } from "react";
import { Icon } from "~/components/icon";

/** An empty list explained in words, with what the citizen can do next. */
export function EmptyState({ title, children, icon = "it-info-circle" }: { title: string; children?: ReactNode; icon?: string }) {
  return (
    <div className="portal-empty-state">
      <Icon name={icon} className="icon-secondary me-2 flex-shrink-0" />
      <div>
        <p className="fw-semibold mb-1">{title}</p>
        {children ? <div className="mb-0">{children}</div> : null}
      </div>
    </div>
  );
}

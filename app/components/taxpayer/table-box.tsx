import type { ReactNode } from "react";

/**
 * A table that scrolls sideways inside its own box on narrow screens, so the page itself never
 * does. The box is a named region that takes keyboard focus, so that it can be scrolled without
 * a mouse as well (axe: scrollable-region-focusable).
 */
export function TableBox({
  label,
  children,
  className,
}: {
  label: string;
  children: ReactNode;
  className?: string;
}) {
  return (
    <div
      className={`table-responsive${className ? ` ${className}` : ""}`}
      role="region"
      aria-label={label}
      // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scrollable region must be focusable
      tabIndex={0}
    >
      {children}
    </div>
  );
}

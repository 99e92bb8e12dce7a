import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { Icon } from "~/components/icon";

export interface CardProps {
  title: ReactNode;
  /** When set, the title is the card's link (the model's advice: one link per card, on the title). */
  to?: string;
  /** Sprite id of an icon shown beside the title, e.g. "it-user". */
  icon?: string;
  /** Heading level of the title: 3 under an h2 section (the default), 2 directly under the h1. */
  headingLevel?: 2 | 3 | 4;
  children?: ReactNode;
  /** Secondary content below a separator: a secondary link, a date, a status. */
  footer?: ReactNode;
  className?: string;
}

/** The design system's `.it-card` (2.16+): an article whose first child is its title. */
export function Card({ title, to, icon, headingLevel = 3, children, footer, className }: CardProps) {
  const Heading = `h${headingLevel}` as "h2" | "h3" | "h4";
  const classes = ["it-card", "it-card-height-full", "rounded", "shadow-sm", "border", className]
    .filter(Boolean)
    .join(" ");
  return (
    <article className={classes}>
      <Heading className={`it-card-title${icon ? " it-card-title-icon" : ""} h4`}>
        {to ? <Link to={to}>{title}</Link> : <span>{title}</span>}
        {icon ? (
          <span className="it-card-title-icon-wrapper">
            <Icon name={icon} className="icon-primary" />
          </span>
        ) : null}
      </Heading>
      {children ? <div className="it-card-body">{children}</div> : null}
      {footer ? <div className="it-card-footer">{footer}</div> : null}
    </article>
  );
}

import sprite from "~/components/icons.svg";

/**
 * The icon sprite: the symbols of bootstrap-italia's sprite that the portal uses (icons.svg, written
 * by scripts/build-icons.mjs), a fingerprinted build asset.
 */
export const SPRITE_URL = sprite;

export type IconSize = "xs" | "sm" | "lg" | "xl";

export interface IconProps {
  /** Sprite id, e.g. "it-user" (the "it-" prefix may be omitted). */
  name: string;
  /** Extra classes, e.g. "icon-primary", "icon-white", "me-2". */
  className?: string;
  size?: IconSize;
  /**
   * Text alternative. Only when the icon carries meaning on its own (no visible text beside it);
   * otherwise leave it out and the icon is hidden from assistive technologies.
   */
  title?: string;
}

/** An icon from the design system's sprite. Decorative unless it has a title. */
export function Icon({ name, className, size, title }: IconProps) {
  const id = name.startsWith("it-") ? name : `it-${name}`;
  const classes = ["icon", size ? `icon-${size}` : null, className].filter(Boolean).join(" ");
  if (title) {
    return (
      <svg className={classes} role="img" aria-label={title} focusable="false">
        <title>{title}</title>
        <use href={`${SPRITE_URL}#${id}`} />
      </svg>
    );
  }
  return (
    <svg className={classes} aria-hidden="true" focusable="false">
      <use href={`${SPRITE_URL}#${id}`} />
    </svg>
  );
}

// Written by scripts/build-fonts.mjs before the build (the Latin part of each face).
import titillium600 from "~/fonts/titillium-web-600-latin.woff2";
import titillium700 from "~/fonts/titillium-web-700-latin.woff2";
import titilliumRegular from "~/fonts/titillium-web-regular-latin.woff2";
import designSystemStyles from "~/components/bootstrap-italia.css";

interface ComponentClass {
  getInstance(element: Element | null): { hide(): void } | null;
}

/** The design system's components that the layout drives from its own code. */
export interface BootstrapItalia {
  NavBarCollapsible?: ComponentClass;
  Dropdown?: ComponentClass;
}

let components: BootstrapItalia | undefined;

/** Called once by bootstrap-italia.client.ts, in the browser only. */
export function setBootstrap(loaded: BootstrapItalia): void {
  components = loaded;
}

/** The design system's components, or undefined on the server. */
export function getBootstrap(): BootstrapItalia | undefined {
  return components;
}

/**
 * The stylesheet (the design system's CSS with its @font-face rules, see bootstrap-italia.css) and
 * the Latin part of the three faces of Titillium Web that every page's text uses, preloaded so that they arrive with
 * the stylesheet rather than after it. All of them are fingerprinted build assets.
 */
export function bootstrapItaliaLinks() {
  const font = (href: string) => ({
    rel: "preload",
    as: "font",
    type: "font/woff2",
    crossOrigin: "anonymous" as const,
    href,
  });
  return [
    { rel: "stylesheet", href: designSystemStyles },
    font(titilliumRegular),
    font(titillium600),
    font(titillium700),
  ];
}

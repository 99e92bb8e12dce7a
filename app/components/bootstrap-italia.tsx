import { useEffect } from "react";

/** Served by server.ts from node_modules/bootstrap-italia/dist. */
export const BOOTSTRAP_ITALIA_DIST = "/bootstrap-italia/dist";

interface ComponentClass {
  getInstance(element: Element | null): { hide(): void; show(): void } | null;
}

/** The part of the global `bootstrap` object (from the bundle) that the layout uses. */
export interface BootstrapItalia {
  loadFonts(path: string): void;
  NavBarCollapsible?: ComponentClass;
  Dropdown?: ComponentClass;
}

type BootstrapWindow = Window & { bootstrap?: BootstrapItalia; __portalFontsLoaded?: boolean };

/** The bundle's global, or undefined on the server and before the bundle has run. */
export function getBootstrap(): BootstrapItalia | undefined {
  if (typeof window === "undefined") return undefined;
  return (window as BootstrapWindow).bootstrap;
}

/**
 * The stylesheet and the font files the page needs first. The fonts are preloaded so that the
 * @font-face rules added after hydration (see useDesignSystemFonts) find them already fetched.
 */
export function bootstrapItaliaLinks() {
  const font = (file: string) => ({
    rel: "preload",
    as: "font",
    type: "font/woff2",
    crossOrigin: "anonymous" as const,
    href: `${BOOTSTRAP_ITALIA_DIST}/fonts/Titillium_Web/${file}`,
  });
  return [
    { rel: "stylesheet", href: `${BOOTSTRAP_ITALIA_DIST}/css/bootstrap-italia.min.css` },
    font("titillium-web-v10-latin-ext_latin-regular.woff2"),
    font("titillium-web-v10-latin-ext_latin-600.woff2"),
    font("titillium-web-v10-latin-ext_latin-700.woff2"),
  ];
}

/**
 * The design system's script, loaded at the end of the body before Remix's own scripts. The bundle
 * carries video.js, which would otherwise add a <style> to <head> as it loads and break React's
 * hydration of the document: the inline flag before it (with the CSP nonce) turns that off.
 */
export function BootstrapItaliaScripts({ nonce }: { nonce: string | undefined }) {
  return (
    <>
      <script nonce={nonce} dangerouslySetInnerHTML={{ __html: "window.VIDEOJS_NO_DYNAMIC_STYLE = true;" }} />
      <script nonce={nonce} src={`${BOOTSTRAP_ITALIA_DIST}/js/bootstrap-italia.bundle.min.js`} />
    </>
  );
}

/**
 * Adds the design system's @font-face rules (Titillium Web, Lora, Roboto Mono) once, after
 * hydration: loadFonts inserts a <style> into <head>, which must not happen before React has
 * taken over the document.
 */
export function useDesignSystemFonts() {
  useEffect(() => {
    const w = window as BootstrapWindow;
    if (w.__portalFontsLoaded || !w.bootstrap) return;
    w.bootstrap.loadFonts(`${BOOTSTRAP_ITALIA_DIST}/fonts`);
    w.__portalFontsLoaded = true;
  }, []);
}

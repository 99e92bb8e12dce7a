import type { HeadersFunction } from "@remix-run/node";

/**
 * Operator pages carry personal data: never stored by the browser or a proxy, so that the back
 * button on a shared counter computer does not show a dossier again without a new, logged view.
 */
export const NO_STORE = { "Cache-Control": "no-store" } as const;

/** The `headers` export of every operator route: the loader's (or action's, or error's) headers, no-store. */
export const operatorHeaders: HeadersFunction = ({ loaderHeaders, actionHeaders, errorHeaders }) => {
  const out = new Headers(errorHeaders ?? actionHeaders ?? loaderHeaders);
  out.set("Cache-Control", "no-store");
  return out;
};

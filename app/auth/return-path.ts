/**
 * Where to go after login: only a same-origin relative path ("/area-personale/pratiche?x=1").
 * Anything else (absolute URLs, "//host", "/\host", control characters, our own login pages)
 * falls back to null, so the caller picks the default.
 */
export function safeReturnPath(value: unknown): string | null {
  if (typeof value !== "string") return null;
  if (value.length === 0 || value.length > 512) return null;
  if (!value.startsWith("/")) return null;
  if (value.startsWith("//") || value.startsWith("/\\")) return null;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return null;
  let parsed: URL;
  try {
    parsed = new URL(value, "http://portale.invalid");
  } catch {
    return null;
  }
  if (parsed.origin !== "http://portale.invalid") return null;
  if (parsed.pathname.startsWith("/saml/")) return null;
  return parsed.pathname + parsed.search;
}

/** The path and query of a request, as the `next` of a login redirect. */
export function currentPath(request: Request): string {
  const url = new URL(request.url);
  url.searchParams.delete("_data");
  return url.pathname + url.search;
}

export function loginUrl(
  opts: { next?: string | null; idp?: string | null; level?: number | null } = {},
): string {
  const params = new URLSearchParams();
  if (opts.idp) params.set("idp", opts.idp);
  if (opts.level) params.set("level", String(opts.level));
  const next = safeReturnPath(opts.next);
  if (next) params.set("next", next);
  const qs = params.toString();
  return qs ? `/saml/login?${qs}` : "/saml/login";
}

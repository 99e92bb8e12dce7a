/**
 * Where to go after login: only a same-origin relative path ("/area-personale/pratiche?x=1").
 * The value is resolved against the portal's own origin and the *result* is checked again: the
 * URL parser removes dot segments ("/.//evil.example" and "/%2e%2e//evil.example" both become
 * "//evil.example"), so a check of the input alone is not enough. Anything else (absolute URLs,
 * "//host", "/\host", control characters, encoded slashes that decode to "//", our own login
 * pages) falls back to null, so the caller picks the default.
 */
const OWN_ORIGIN = "http://portale.invalid";
const MAX_LENGTH = 512;

// eslint-disable-next-line no-control-regex
const CONTROL_OR_BACKSLASH = /[\u0000-\u001f\u007f-\u009f\\]/;

/** A path a browser reads as "this origin, this path": one leading "/", then no "/" or "\". */
function isSinglySlashed(path: string): boolean {
  return path.startsWith("/") && path[1] !== "/" && path[1] !== "\\";
}

/** The path as a later decoder could see it (up to three rounds of percent-decoding). */
function decodedForms(path: string): string[] {
  const forms = [path];
  let current = path;
  for (let round = 0; round < 3; round++) {
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      break;
    }
    if (next === current) break;
    forms.push(next);
    current = next;
  }
  return forms;
}

export function safeReturnPath(value: unknown): string | null {
  if (typeof value !== "string") return null;
  if (value.length === 0 || value.length > MAX_LENGTH) return null;
  if (!isSinglySlashed(value) || CONTROL_OR_BACKSLASH.test(value)) return null;
  let parsed: URL;
  try {
    parsed = new URL(value, OWN_ORIGIN);
  } catch {
    return null;
  }
  if (parsed.origin !== OWN_ORIGIN) return null;
  const result = parsed.pathname + parsed.search;
  // The normalised result is what goes into the Location header: it must itself be a same-origin
  // path starting with a single "/", and stay the same when resolved once more.
  if (result.length > MAX_LENGTH || !isSinglySlashed(result) || CONTROL_OR_BACKSLASH.test(result))
    return null;
  let again: URL;
  try {
    again = new URL(result, OWN_ORIGIN);
  } catch {
    return null;
  }
  if (again.origin !== OWN_ORIGIN || again.pathname + again.search !== result) return null;
  // Encoded slashes, backslashes or control characters in the path ("/%2f%2fhost", "/%252f...")
  // are never one of our pages, and a proxy or framework that decodes them would see "//host".
  for (const form of decodedForms(parsed.pathname)) {
    if (!isSinglySlashed(form) || CONTROL_OR_BACKSLASH.test(form) || /\/\.\.?(\/|$)/.test(form)) return null;
  }
  if (parsed.pathname.startsWith("/saml/")) return null;
  return result;
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

/**
 * Return paths an attacker may hand to `/saml/login?next=` (or smuggle into a login in any other
 * way) hoping that the portal's answer after the login leaves its origin. None of them may end in a
 * Location that a browser resolves to another origin or that starts with `//` or `/\`.
 */
export const OPEN_REDIRECT_PAYLOADS: readonly string[] = [
  // Dot segments that the URL parser removes, leaving "//host" (issue 10, item 2)
  "/.//evil.example",
  "/..//evil.example",
  "/%2e%2e//evil.example",
  "/%2E%2E//evil.example",
  "/%2e//evil.example",
  "/./%2e/..//evil.example",
  "/a/../..//evil.example",
  "/area-personale/../..//evil.example",
  "/%2e%2e/%2e%2e//evil.example",
  "/.//evil.example/area-personale",
  "/..;/..//evil.example",
  // Scheme-relative and absolute
  "//evil.example",
  "///evil.example",
  "////evil.example/x",
  "https://evil.example",
  "https:evil.example",
  "https:/evil.example",
  "http:\\\\evil.example",
  "javascript:alert(1)",
  "JaVaScRiPt:alert(document.domain)",
  "data:text/html,<script>alert(1)</script>",
  // Backslashes, which browsers read as slashes in special URLs
  "/\\evil.example",
  "\\/\\/evil.example",
  "\\\\evil.example",
  "/.\\/evil.example",
  "/\\/evil.example",
  // Tabs, newlines and other control characters, which the URL parser drops or keeps
  "/\t/evil.example",
  "/\n/evil.example",
  "/\r\n/evil.example",
  "\t//evil.example",
  " //evil.example",
  "/\u0000/evil.example",
  "/x\r\nLocation: https://evil.example",
  // Percent-encoded and doubly encoded slashes, backslashes, dots and control characters
  "/%2f%2fevil.example",
  "/%2F/evil.example",
  "/%5c%5cevil.example",
  "/%5C/evil.example",
  "/%09/evil.example",
  "/%0a/evil.example",
  "/%0d%0aLocation:%20https://evil.example",
  "/%252e%252e//evil.example",
  "/%252f%252fevil.example",
  "/%25252f%25252fevil.example",
  "/%2e%2e%5c%2e%2e%5cevil.example",
  // Look-alike slashes
  "/\uff0f/evil.example",
  "\uff0f\uff0fevil.example",
  "/\u2215/evil.example",
  // The portal's own login endpoints (a loop) and an overlong path
  "/saml/login?next=//evil.example",
  "/saml/acs",
  "/" + "a".repeat(600),
];

/** The three payloads named in issue 10: each ended in `Location: //evil.example` before the fix. */
export const ISSUE_PAYLOADS = ["/.//evil.example", "/..//evil.example", "/%2e%2e//evil.example"] as const;

/**
 * Whether a Location header value keeps the browser on `origin`: a path starting with a single
 * `/`, without backslashes or control characters, that resolves to `origin`.
 */
export function isSameOriginPath(location: string, origin: string): boolean {
  if (!location.startsWith("/") || location.startsWith("//")) return false;
  // eslint-disable-next-line no-control-regex
  if (/[\\\u0000-\u001f\u007f]/.test(location)) return false;
  let resolved: URL;
  try {
    resolved = new URL(location, origin);
  } catch {
    return false;
  }
  return resolved.origin === new URL(origin).origin;
}

import { describe, expect, it } from "vitest";
import {
  ISSUE_PAYLOADS,
  OPEN_REDIRECT_PAYLOADS,
  isSameOriginPath,
} from "../../tests/support/open-redirect-payloads";
import { loginUrl, safeReturnPath } from "~/auth/return-path";

const ORIGIN = "https://fascicolo.regione.example.it";

describe("safeReturnPath against open redirects", () => {
  it("has at least 25 payloads to try", () => {
    expect(OPEN_REDIRECT_PAYLOADS.length).toBeGreaterThanOrEqual(25);
  });

  it.each(OPEN_REDIRECT_PAYLOADS.map((p) => [JSON.stringify(p), p]))(
    "%s gives nothing or a same-origin path",
    (_label, payload) => {
      const out = safeReturnPath(payload);
      if (out === null) return;
      expect(isSameOriginPath(out, ORIGIN), out).toBe(true);
      // What a browser does with the Location header: it stays on the portal.
      expect(new URL(out, ORIGIN).origin).toBe(ORIGIN);
      // Stable: checking the result again keeps it as it is.
      expect(safeReturnPath(out)).toBe(out);
    },
  );

  it.each(ISSUE_PAYLOADS)("refuses %s (issue 10)", (payload) => {
    expect(safeReturnPath(payload)).toBeNull();
  });

  it.each([
    "/%2f%2fevil.example",
    "/%252f%252fevil.example",
    "/%5c%5cevil.example",
    "/%09/evil.example",
    "/%0d%0aLocation:%20https://evil.example",
  ])("refuses %s, which decodes to a scheme-relative or broken path", (payload) => {
    expect(safeReturnPath(payload)).toBeNull();
  });

  it.each([
    ["/area-personale", "/area-personale"],
    ["/area-personale/pratiche?stato=aperte&q=%2F%2F", "/area-personale/pratiche?stato=aperte&q=%2F%2F"],
    ["/area-personale/./anagrafe", "/area-personale/anagrafe"],
    ["/javascript:alert(1)", "/javascript:alert(1)"],
    ["/operatore#sezione", "/operatore"],
  ])("keeps the portal's own path %s", (input, out) => {
    expect(safeReturnPath(input)).toBe(out);
  });

  it.each(OPEN_REDIRECT_PAYLOADS.map((p) => [JSON.stringify(p), p]))(
    "loginUrl with next=%s carries nothing or a same-origin path",
    (_label, payload) => {
      const url = new URL(loginUrl({ next: payload }), ORIGIN);
      expect(url.origin).toBe(ORIGIN);
      expect(url.pathname).toBe("/saml/login");
      const next = url.searchParams.get("next");
      if (next !== null) {
        expect(isSameOriginPath(next, ORIGIN), next).toBe(true);
        expect(safeReturnPath(next)).toBe(next);
      }
    },
  );
});

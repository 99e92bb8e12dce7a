import { describe, expect, it } from "vitest";
import { csrfToken, isValidCsrfToken, verifyCsrf } from "~/auth/csrf.server";
import { loginUrl, safeReturnPath } from "~/auth/return-path";
import {
  clearSessionCookieHeader,
  readCookie,
  sessionCookieHeader,
  sessionState,
  sessionTokenFrom,
} from "~/auth/session.server";

describe("safeReturnPath", () => {
  it.each([
    ["/area-personale", "/area-personale"],
    ["/area-personale/pratiche?stato=aperte", "/area-personale/pratiche?stato=aperte"],
    ["/a/../b", "/b"],
  ])("keeps %s", (input, out) => expect(safeReturnPath(input)).toBe(out));

  it.each([
    "https://evil.example/",
    "//evil.example/x",
    "/\\evil.example",
    "javascript:alert(1)",
    "area-personale",
    "/saml/login",
    "/x\nSet-Cookie: a=b",
    "",
    "/" + "a".repeat(600),
  ])("refuses %j", (input) => expect(safeReturnPath(input)).toBeNull());

  it("refuses what is not a string", () => {
    expect(safeReturnPath(["/a"])).toBeNull();
    expect(safeReturnPath(undefined)).toBeNull();
  });

  it("builds login URLs with a safe next only", () => {
    expect(loginUrl({ next: "/area-personale" })).toBe("/saml/login?next=%2Farea-personale");
    expect(loginUrl({ next: "https://evil.example" })).toBe("/saml/login");
    expect(loginUrl({ idp: "demo", level: 2, next: "/x" })).toBe("/saml/login?idp=demo&level=2&next=%2Fx");
  });
});

describe("session cookie", () => {
  const token = "a".repeat(43);
  it("is __Host- prefixed and Secure on https, plain sid on http, always HttpOnly and Lax", () => {
    expect(sessionCookieHeader({ secure: true }, token)).toBe(
      `__Host-sid=${token}; Path=/; HttpOnly; SameSite=Lax; Secure`,
    );
    expect(sessionCookieHeader({ secure: false }, token)).toBe(
      `sid=${token}; Path=/; HttpOnly; SameSite=Lax`,
    );
    expect(clearSessionCookieHeader({ secure: false })).toContain("Max-Age=0");
  });

  it("reads only well-formed tokens from the right cookie", () => {
    expect(readCookie("a=1; sid=xyz; b=2", "sid")).toBe("xyz");
    expect(sessionTokenFrom(`x=1; sid=${token}`, { secure: false })).toBe(token);
    expect(sessionTokenFrom(`sid=${token}`, { secure: true })).toBeNull();
    expect(sessionTokenFrom("sid=short", { secure: false })).toBeNull();
    expect(sessionTokenFrom(null, { secure: false })).toBeNull();
  });

  it("expires after the idle time and at the absolute limit", () => {
    const now = new Date("2026-11-26T10:00:00Z");
    const config = { sessionIdleMinutes: 15 };
    expect(
      sessionState({ last_seen_at: "2026-11-26T09:50:00Z", expires_at: "2026-11-26T12:00:00Z" }, config, now),
    ).toBe("active");
    expect(
      sessionState({ last_seen_at: "2026-11-26T09:45:00Z", expires_at: "2026-11-26T12:00:00Z" }, config, now),
    ).toBe("idle");
    expect(
      sessionState({ last_seen_at: "2026-11-26T09:59:00Z", expires_at: "2026-11-26T10:00:00Z" }, config, now),
    ).toBe("expired");
  });
});

describe("CSRF", () => {
  const session = { id: "abc", csrf_secret: "secret-1" };
  it("binds the token to the session", () => {
    const token = csrfToken(session);
    expect(isValidCsrfToken(session, token)).toBe(true);
    expect(isValidCsrfToken({ ...session, id: "other" }, token)).toBe(false);
    expect(isValidCsrfToken({ ...session, csrf_secret: "secret-2" }, token)).toBe(false);
    expect(isValidCsrfToken(session, "")).toBe(false);
    expect(isValidCsrfToken(session, null)).toBe(false);
  });

  it("throws a 403 with an Italian message on a missing or wrong token", async () => {
    const form = new FormData();
    form.set("csrf", "sbagliato");
    let thrown: unknown;
    try {
      verifyCsrf(new Request("http://x/"), form, session);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(Response);
    const res = thrown as Response;
    expect(res.status).toBe(403);
    expect((await res.json()).message).toMatch(/Ricarica la pagina/);
    form.set("csrf", csrfToken(session));
    expect(() => verifyCsrf(new Request("http://x/"), form, session)).not.toThrow();
  });
});

import { describe, expect, it } from "vitest";
import { LOGIN_ERROR_CODES, loginErrorView } from "~/auth/login-errors";
import { loginErrorKey } from "~/components/login-error-page";
import { MESSAGES } from "~/locales";

// The login error page shows the domain's refusals (app/auth/login-errors.ts) through the "login"
// message files, keyed by code: every code is there, and in Italian the words are the domain's.

type Texts = { title: string; message: string };
const errors = (locale: "it" | "en") => MESSAGES[locale].login.errors as Record<string, Texts>;

describe("login error texts", () => {
  it.each(LOGIN_ERROR_CODES)("%s: in both languages, the Italian one as the domain says it", (code) => {
    expect(loginErrorKey(code)).toBe(`errors.${code}`);
    for (const locale of ["it", "en"] as const) {
      expect(errors(locale)[code]?.title, locale).toBeTruthy();
      expect(errors(locale)[code]?.message, locale).toBeTruthy();
    }
    const view = loginErrorView(code);
    expect(errors("it")[code]).toEqual({ title: view.title, message: view.message });
  });

  it("any other code gets the generic texts", () => {
    expect(loginErrorKey("malformed")).toBe("errors.generic");
    expect(loginErrorKey(undefined)).toBe("errors.generic");
    const view = loginErrorView("malformed");
    expect(errors("it").generic).toEqual({ title: view.title, message: view.message });
    expect(Object.keys(errors("it")).sort()).toEqual([...LOGIN_ERROR_CODES, "generic"].sort());
  });
});

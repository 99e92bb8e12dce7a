// The SPID login as a person does it in Chromium: home → "Accedi all'area personale" → SPID
// button → demo IdP → Area personale → logout; and the pages met on the way pass axe.
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { PERSONAS } from "../../db/seed/personas";
import {
  chooseDemoIdp,
  collectConsoleErrors,
  DEMO_IDP_NAME,
  describeBrowser,
  expectNoAxeViolations,
  newContext,
  PHONE_CONTEXT,
  saveScreenshot,
} from "../support/browser";
import { startServer, type TestServer } from "../support/server";

// Each test walks through several pages, two signatures and axe runs: generous on a busy machine.
vi.setConfig({ testTimeout: 180_000 });

const FAMIGLIA = PERSONAS.famiglia;
// These tests log in dozens of times a minute from one address: the login rate limit (30 a minute
// per address) is raised for them; what it guards is tested elsewhere.
const LOGIN_TEST_ENV = { RATE_LIMIT_FACTOR: "20" };

describeBrowser("SPID login in Chromium", ({ browser }) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startServer({ env: LOGIN_TEST_ENV });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("home → SPID button → demo IdP (famiglia, L2) → Area personale → logout", async () => {
    const context = await newContext(browser());
    const page = await context.newPage();
    const problems = collectConsoleErrors(page);
    try {
      await page.goto(`${server.url}/`);
      await page.getByRole("link", { name: "Accedi all'area personale" }).first().click();
      await page.waitForURL(/\/saml\/login/);
      await page.getByText("Entra con SPID").click();
      await page.getByRole("link", { name: DEMO_IDP_NAME }).waitFor({ state: "visible" });
      await expectNoAxeViolations(page, "SPID button page");
      await saveScreenshot(page, "login-spid-button");

      await page.getByRole("link", { name: DEMO_IDP_NAME }).click();
      await page.waitForURL(/\/demo-idp\/sso/);
      expect(await page.title()).toContain("Identity provider dimostrativo");
      await page
        .getByText("Identity provider dimostrativo — solo per prove, nessuna credenziale reale")
        .waitFor({ state: "visible" });
      await expect(page.getByRole("radio", { name: /SPID livello 2/ }).isChecked()).resolves.toBe(true);
      await expectNoAxeViolations(page, "demo IdP login page");
      await saveScreenshot(page, "login-demo-idp");

      // The auto-post to the portal's ACS runs with the CSP nonce: no click on "Prosegui" needed.
      await page.getByRole("button", { name: new RegExp(`${FAMIGLIA.name} ${FAMIGLIA.surname}`) }).click();
      await page.waitForURL(/\/area-personale$/, { timeout: 30_000 });
      await page.getByText(`${FAMIGLIA.name} ${FAMIGLIA.surname}`).first().waitFor({ state: "visible" });
      await saveScreenshot(page, "login-area-personale");

      await page.locator("#user-menu-toggle").click();
      await page.getByRole("button", { name: "Esci" }).click();
      await page.waitForURL((url) => url.pathname === "/", { timeout: 30_000 });
      await page
        .getByRole("link", { name: "Accedi all'area personale" })
        .first()
        .waitFor({ state: "visible" });

      const back = await page.goto(`${server.url}/area-personale`);
      expect(new URL(page.url()).pathname).toBe("/saml/login");
      expect(back?.status()).toBe(200);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("an unknown codice fiscale is explained on the IdP's page", async () => {
    const context = await newContext(browser());
    const page = await context.newPage();
    try {
      await page.goto(`${server.url}/saml/login`);
      await chooseDemoIdp(page);
      const field = page.getByRole("textbox", { name: "Codice fiscale" });
      await field.fill("RSSMRA80A01L219X");
      await field.press("Enter");
      await page.waitForURL(/\/demo-idp\/login/);
      await page.getByText("Il carattere di controllo non è corretto.").first().waitFor({ state: "visible" });
      await expect(
        page.getByRole("textbox", { name: "Codice fiscale" }).getAttribute("aria-invalid"),
      ).resolves.toBe("true");
      await expectNoAxeViolations(page, "demo IdP login page with an error");
      await saveScreenshot(page, "login-demo-idp-error");
    } finally {
      await context.close();
    }
  });

  it("a SPID error (nr22) ends on the portal's error page, which passes axe", async () => {
    const context = await newContext(browser(), PHONE_CONTEXT);
    const page = await context.newPage();
    try {
      await page.goto(`${server.url}/saml/login`);
      await chooseDemoIdp(page);
      await expectNoAxeViolations(page, "demo IdP login page (phone)");
      await saveScreenshot(page, "login-demo-idp-phone");
      const answer = page.waitForResponse((r) => r.url().endsWith("/saml/acs"));
      await page.getByRole("button", { name: /nr22/ }).click();
      const acs = await answer;
      expect(acs.status()).toBeGreaterThanOrEqual(400);
      expect(acs.status()).toBeLessThan(500);
      await page.waitForLoadState("load");
      await page.getByRole("heading", { level: 1 }).waitFor({ state: "visible" });
      expect(await page.content()).toContain("nr22");
      await expectNoAxeViolations(page, "login error page nr22");
      await saveScreenshot(page, "login-error-nr22");
    } finally {
      await context.close();
    }
  });

  it("Entra con CIE → demo CieID (famiglia, L3) → Area personale says CIE → logout on CieID's page", async () => {
    const context = await newContext(browser(), PHONE_CONTEXT);
    const page = await context.newPage();
    const problems = collectConsoleErrors(page);
    try {
      await page.goto(`${server.url}/saml/login`);
      await page.getByRole("heading", { level: 2, name: "Con la Carta d'identità elettronica" }).waitFor();
      await expectNoAxeViolations(page, "login page with SPID and CIE (phone)");
      await saveScreenshot(page, "login-spid-cie");
      await page.getByRole("link", { name: "Entra con CIE" }).click();
      await page.waitForURL(/\/demo-cie\/sso/);
      await page.getByRole("heading", { level: 1, name: "Accesso con CIE" }).waitFor({ state: "visible" });
      await page.locator("label", { hasText: "CIE livello 3" }).click();
      await expect(page.getByRole("radio", { name: /CIE livello 3/ }).isChecked()).resolves.toBe(true);
      await expectNoAxeViolations(page, "demo CieID login page (phone)");
      await saveScreenshot(page, "login-demo-cie");

      await page.getByRole("button", { name: new RegExp(`${FAMIGLIA.name} ${FAMIGLIA.surname}`) }).click();
      await page.waitForURL(/\/area-personale$/, { timeout: 30_000 });
      await page.getByText("CIE livello 3 (la carta e il suo PIN)").first().waitFor({ state: "visible" });
      await expectNoAxeViolations(page, "Scrivania after a CIE login (phone)");

      // On a phone the user menu folds into the header; the logout form is the same.
      await page.locator("#user-menu-toggle").click();
      await page.getByRole("button", { name: "Esci" }).click();
      await page.waitForURL(/\/demo-cie\/slo/, { timeout: 30_000 });
      await page.getByRole("heading", { level: 1, name: "Logout effettuato con successo" }).waitFor();
      await expectNoAxeViolations(page, "demo CieID logout page");
      const back = await page.goto(`${server.url}/area-personale`);
      expect(new URL(page.url()).pathname).toBe("/saml/login");
      expect(back?.status()).toBe(200);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

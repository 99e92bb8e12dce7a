// The main journeys in English, in Chromium: the language chosen in the header (and kept across
// pages, client-side navigations included), the public pages, the login, the Scrivania and the
// dossier's sections, a payment through the simulated checkout, and back to Italian. Every page
// passes axe (WCAG 2.1 A/AA, <html lang="en">) with no console errors, hydration errors included.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { PERSONAS } from "../../db/seed/personas";
import {
  collectConsoleErrors,
  DEMO_IDP_NAME,
  describeBrowser,
  expectNoAxeViolations,
  newContext,
  PHONE_CONTEXT,
  visible,
} from "../support/browser";
import { startServer, type TestServer } from "../support/server";

const FAMIGLIA = PERSONAS.famiglia;

async function lang(page: Page): Promise<string | null> {
  return page.locator("html").getAttribute("lang");
}

describeBrowser("the portal in English, in Chromium", ({ browser }) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startServer({ env: { RATE_LIMIT_FACTOR: "100" } });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("a resident switches to English, logs in, reads the dossier and pays a notice", async () => {
    // An Italian browser: the portal starts in Italian until the person chooses.
    const context = await newContext(browser());
    const page = await context.newPage();
    const problems = collectConsoleErrors(page);
    try {
      await page.goto(`${server.url}/`);
      expect(await lang(page)).toBe("it");
      await page.getByRole("button", { name: "EN – English" }).click();
      await page.waitForFunction(() => document.documentElement.lang === "en");
      expect(page.url()).toBe(`${server.url}/`);
      await visible(page.getByRole("heading", { level: 2, name: "Three dossiers, one login" }));
      await expectNoAxeViolations(page, "home, English");

      // A client-side navigation to a page whose messages the home page did not bring.
      await page.waitForFunction(() => document.documentElement.dataset.hydrated === "true");
      await page
        .getByRole("navigation", { name: "Main menu" })
        .getByRole("link", { name: "Pay a notice" })
        .click();
      await visible(page.getByRole("heading", { level: 1, name: "Pay a notice" }));
      await expectNoAxeViolations(page, "pay a notice, English");
      await page.getByRole("link", { name: "Legal notes" }).click();
      await page.waitForURL(/\/note-legali$/);
      await visible(page.getByText("only the Italian version is legally binding", { exact: false }).first());
      await expectNoAxeViolations(page, "legal notes, English");

      // The login: the portal's page in English, the demo identity provider's own page as it is.
      await page.goto(`${server.url}/saml/login?next=${encodeURIComponent("/area-personale")}`);
      expect(await lang(page)).toBe("en");
      await expectNoAxeViolations(page, "login page, English");
      await page.getByText("Log in with SPID").click();
      await page.getByRole("link", { name: DEMO_IDP_NAME }).click();
      await page.waitForURL(/\/demo-idp\/sso/);
      await page
        .getByRole("button", { name: new RegExp(`^${FAMIGLIA.name} ${FAMIGLIA.surname}\\b`) })
        .click();
      await page.waitForURL((url) => url.pathname === "/area-personale", { timeout: 30_000 });

      expect(await lang(page)).toBe("en");
      await visible(page.getByRole("heading", { level: 2, name: "Amounts to pay" }));
      await expectNoAxeViolations(page, "Scrivania, English");

      // The dossier's sections, each in English.
      for (const [path, heading] of [
        ["/area-personale/messaggi", "Messages"],
        ["/area-personale/certificati", "Certificates"],
        ["/area-personale/contribuente", "Taxpayer dossier"],
        ["/area-personale/contribuente/imu/2026", "IMU 2026"],
        ["/area-personale/profilo", "Profile and contacts"],
      ] as const) {
        await page.goto(`${server.url}${path}`);
        await visible(page.getByRole("heading", { level: 1, name: heading }));
        expect(await lang(page), path).toBe("en");
        await expectNoAxeViolations(page, `${path}, English`);
      }

      // From the Scrivania's menu to the payments (client-side), a notice, and the checkout.
      await page.goto(`${server.url}/area-personale`);
      await page.waitForFunction(() => document.documentElement.dataset.hydrated === "true");
      await page
        .getByRole("navigation", { name: "Main menu" })
        .getByRole("link", { name: "Payments" })
        .click();
      await visible(page.getByRole("heading", { level: 1, name: "Payments" }));
      await visible(page.getByRole("button", { name: /^Pay €[\d,]+\.\d\d — IMU 2026 - Saldo/ }));
      await expectNoAxeViolations(page, "payments, English");
      await page.getByRole("link", { name: "IMU 2026 - Saldo - Comune di Torino" }).click();
      await page.waitForURL(/\/area-personale\/pagamenti\/\d+$/);
      await visible(page.getByText("(PDF in Italian", { exact: false }).first());
      await expectNoAxeViolations(page, "notice, English");
      await page.getByRole("button", { name: "Pay now" }).click();
      await page.waitForURL(/\/checkout\/[0-9a-f]{32}$/);
      await visible(page.getByRole("heading", { level: 1, name: "Payment with pagoPA" }));
      expect(await lang(page)).toBe("en");
      await expectNoAxeViolations(page, "checkout, English");
      await page.locator('label[for="metodo-app"]').click();
      await page.getByRole("button", { name: "Pay", exact: true }).click();
      await visible(page.getByRole("heading", { level: 1, name: "Payment made" }));
      await expectNoAxeViolations(page, "checkout outcome, English");

      // Back to Italian from the header: the same page, in Italian.
      await page.goto(`${server.url}/area-personale/pagamenti`);
      await page.getByRole("button", { name: "IT – Italiano" }).click();
      await page.waitForFunction(() => document.documentElement.lang === "it");
      await visible(page.getByRole("heading", { level: 1, name: "Pagamenti" }));
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 300_000);

  it("an English browser gets English at once, on a phone too, and the 404 page with it", async () => {
    const context = await newContext(browser(), { ...PHONE_CONTEXT, locale: "en-GB" });
    const page = await context.newPage();
    const problems = collectConsoleErrors(page);
    try {
      await page.goto(`${server.url}/paga-un-avviso`);
      expect(await lang(page)).toBe("en");
      await visible(page.getByRole("heading", { level: 1, name: "Pay a notice" }));
      await expectNoAxeViolations(page, "pay a notice, English phone");
      const missing = await page.goto(`${server.url}/non-esiste`);
      expect(missing?.status()).toBe(404);
      await visible(page.getByRole("heading", { level: 1, name: "Page not found" }));
      await expectNoAxeViolations(page, "404, English phone");
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);
});

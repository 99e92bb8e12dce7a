// The famiglia persona logs in through the demo IdP in Chromium and walks the taxpayer dossier,
// the certificates (issuing one and verifying it publicly) and the profile: every page passes axe
// (WCAG 2.1 A/AA) without console errors, and the IMU tables stay usable on a phone.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { PERSONAS } from "../../db/seed/personas";
import {
  checkPage,
  collectConsoleErrors,
  describeBrowser,
  expectNoAxeViolations,
  loginWithDemoIdp,
  newContext,
  PHONE_CONTEXT,
  visible,
} from "../support/browser";
import { startServer, type TestServer } from "../support/server";

const FAMIGLIA = PERSONAS.famiglia;

/** Goes to a page of the dossier, waits for its main heading, checks it with axe. */
async function visit(page: Page, base: string, url: string, heading: string | RegExp, label: string) {
  await page.goto(base + url);
  await visible(page.getByRole("heading", { level: 1, name: heading }));
  await checkPage(page, `contribuente-${label.replace(/\W+/g, "-")}`);
}

describeBrowser("taxpayer dossier, certificates and profile in Chromium", ({ browser }) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startServer({ env: { RATE_LIMIT_FACTOR: "100" } });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("famiglia walks every section of the taxpayer dossier", { timeout: 360_000 }, async () => {
    const context = await newContext(browser());
    const page = await context.newPage();
    const problems = collectConsoleErrors(page);
    try {
      await loginWithDemoIdp(page, server.url, FAMIGLIA, { next: "/area-personale/contribuente" });
      await visible(page.getByRole("heading", { level: 1, name: "Fascicolo del contribuente" }));
      await visible(page.getByRole("heading", { level: 2, name: "Anno 2026" }));
      await checkPage(page, "contribuente-overview");

      // Client-side navigation through the section links.
      const sections = page.getByRole("navigation", { name: "Sezioni del fascicolo del contribuente" });
      await sections.getByRole("link", { name: "Immobili" }).click();
      await visible(page.getByRole("heading", { level: 1, name: "Immobili" }));
      await visible(page.getByRole("cell", { name: "A/2" }).first());
      await checkPage(page, "contribuente-immobili");

      await page
        .getByRole("navigation", { name: "Sezioni del fascicolo del contribuente" })
        .getByRole("link", { name: "IMU" })
        .click();
      await visible(page.getByRole("heading", { level: 1, name: "IMU 2026" }));
      await visible(page.getByText("€ 126.000,00").first());
      await visible(page.getByRole("link", { name: /Ricevuta del pagamento per acconto IMU 2026/ }));
      await visible(page.getByRole("link", { name: /Paga con pagoPA saldo IMU 2026/ }));
      await checkPage(page, "contribuente-imu");
      const pdfHref = await page
        .getByRole("link", { name: /prospetto di calcolo e riepilogo F24/ })
        .getAttribute("href");
      const pdf = await page.request.get(`${server.url}${pdfHref}`);
      expect(pdf.status()).toBe(200);
      expect(pdf.headers()["content-type"]).toBe("application/pdf");

      await visit(page, server.url, "/area-personale/contribuente/tari/2026", "TARI 2026", "tari");
      await visible(page.getByText("Scaduta").first());
      await visit(
        page,
        server.url,
        "/area-personale/contribuente/veicoli",
        "Veicoli e bollo auto",
        "veicoli",
      );
      await visible(page.getByText("€ 219,30").first());
      await visit(
        page,
        server.url,
        "/area-personale/contribuente/accertamenti",
        "Avvisi di accertamento",
        "accertamenti",
      );
      await visit(page, server.url, "/area-personale/contribuente/f24", "Versamenti con modello F24", "f24");
      await visit(page, server.url, "/area-personale/contribuente/rimborsi", "Rimborsi", "rimborsi");
      await visit(page, server.url, "/area-personale/contribuente/imu/abc", "Pagina non trovata", "imu-404");
      await visible(page.getByText("L'anno indicato non è valido"));
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it(
    "famiglia issues a certificate, downloads it and verifies it publicly",
    { timeout: 300_000 },
    async () => {
      const context = await newContext(browser());
      const page = await context.newPage();
      const problems = collectConsoleErrors(page);
      try {
        await loginWithDemoIdp(page, server.url, FAMIGLIA, { next: "/area-personale/certificati" });
        await visible(page.getByRole("heading", { level: 1, name: "Certificati" }));
        await expectNoAxeViolations(page, "certificati");
        await page.getByRole("link", { name: "Richiedi un certificato" }).click();
        await visible(page.getByRole("heading", { level: 1, name: "Richiedi un certificato" }));
        await checkPage(page, "contribuente-certificati-richiedi");
        // The design system draws the radio on the label: click it as people do.
        await page.locator('label[for="kind-stato_famiglia"]').click();
        expect(await page.getByLabel("Certificato di stato di famiglia").isChecked()).toBe(true);
        await page.getByLabel("Uso del certificato").selectOption("scolastico");
        await page.getByRole("button", { name: "Emetti il certificato" }).click();
        await visible(page.getByRole("heading", { name: "Certificato emesso" }));
        await checkPage(page, "contribuente-certificato-emesso");
        const code = (await page.locator(".alert-success .portal-code").textContent())!.trim();
        expect(code).toMatch(/^[A-Z2-7]{4}(-[A-Z2-7]{4}){4}$/);
        const href = await page
          .getByRole("link", { name: "Scarica il certificato (PDF)" })
          .getAttribute("href");
        const pdf = await page.request.get(`${server.url}${href}`);
        expect(pdf.status()).toBe(200);
        expect(pdf.headers()["content-type"]).toBe("application/pdf");

        // The verification page, in a context without the session.
        const anonymous = await newContext(browser());
        const publicPage = await anonymous.newPage();
        const publicProblems = collectConsoleErrors(publicPage);
        try {
          await visit(publicPage, server.url, `/verifica/${code}`, "Verifica di un certificato", "verifica");
          await visible(publicPage.getByRole("heading", { name: "Certificato valido" }));
          await visible(publicPage.getByText("C. M. (solo le iniziali"));
          expect(await publicPage.textContent("main")).not.toContain(FAMIGLIA.surname);
          await publicPage.goto(
            `${server.url}/verifica/${code.replace(/.$/, (c) => (c === "A" ? "B" : "A"))}`,
          );
          await visible(publicPage.getByRole("heading", { name: "Certificato non valido" }));
          await expectNoAxeViolations(publicPage, "verifica-non-valido");
          expect(publicProblems).toEqual([]);
        } finally {
          await anonymous.close();
        }
        expect(problems).toEqual([]);
      } finally {
        await context.close();
      }
    },
  );

  it(
    "famiglia edits the contact preferences, with errors shown in Italian",
    { timeout: 300_000 },
    async () => {
      const context = await newContext(browser());
      const page = await context.newPage();
      const problems = collectConsoleErrors(page);
      try {
        await loginWithDemoIdp(page, server.url, FAMIGLIA, { next: "/area-personale/profilo" });
        await visible(page.getByRole("heading", { level: 1, name: "Profilo e contatti" }));
        await expectNoAxeViolations(page, "profilo");
        await page.getByRole("textbox", { name: "Email" }).fill("chiara@");
        await page.locator('label[for="channel-email"]').click();
        await page.getByRole("button", { name: "Salva le preferenze" }).click();
        await visible(page.getByText("L'indirizzo email non è valido").first());
        await checkPage(page, "contribuente-profilo-errori");
        await page.getByRole("textbox", { name: "Email" }).fill("chiara.martinetti@example.it");
        await page.getByRole("button", { name: "Salva le preferenze" }).click();
        await visible(page.getByText("Preferenze di contatto salvate."));
        // The refused submission answered 400 on purpose: that one response is not a problem.
        const expected400 = (p: string) => /\/area-personale\/profilo\?_data=/.test(p) && /\b400\b/.test(p);
        expect(problems.filter((p) => !expected400(p))).toEqual([]);
      } finally {
        await context.close();
      }
    },
  );

  it(
    "on a phone the IMU tables scroll inside their box and the page does not",
    { timeout: 300_000 },
    async () => {
      const context = await newContext(browser(), PHONE_CONTEXT);
      const page = await context.newPage();
      const problems = collectConsoleErrors(page);
      try {
        await loginWithDemoIdp(page, server.url, FAMIGLIA, { next: "/area-personale/contribuente/imu/2026" });
        await visible(page.getByRole("heading", { level: 1, name: "IMU 2026" }));
        const widths = await page.evaluate(() => ({
          page: document.documentElement.scrollWidth,
          viewport: window.innerWidth,
          tables: [...document.querySelectorAll("table")].map((t) => ({
            inResponsiveBox: t.parentElement?.classList.contains("table-responsive") ?? false,
            overflowX: t.parentElement ? getComputedStyle(t.parentElement).overflowX : "",
          })),
        }));
        expect(widths.page).toBeLessThanOrEqual(widths.viewport);
        expect(widths.tables.length).toBeGreaterThan(0);
        for (const t of widths.tables) {
          expect(t.inResponsiveBox).toBe(true);
          expect(t.overflowX).toBe("auto");
        }
        await checkPage(page, "contribuente-imu-phone");
        expect(problems).toEqual([]);
      } finally {
        await context.close();
      }
    },
  );
});

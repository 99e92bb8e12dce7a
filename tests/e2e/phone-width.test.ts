// On a phone of 390×844 CSS pixels no page scrolls sideways: the public home, the certificates
// right after issuing one, the notices, the taxpayer dossier and the operators' lists. Tables
// scroll inside their own box; what is visually hidden inside them must stay inside that box.
import type { BrowserContextOptions, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { OPERATOR_PERSONAS, PERSONAS } from "../../db/seed/personas";
import { collectConsoleErrors, describeBrowser, loginWithDemoIdp, newContext } from "../support/browser";
import { startServer, type TestServer } from "../support/server";

const WIDTH = 390;
const PHONE_390: BrowserContextOptions = {
  viewport: { width: WIDTH, height: 844 },
  isMobile: true,
  hasTouch: true,
};

/** Fails naming the page and the elements whose right edge makes the page as wide as it is. */
async function expectFitsScreen(page: Page, label: string): Promise<void> {
  await page.waitForLoadState("networkidle");
  await page.evaluate(() => document.fonts.ready);
  const { scrollWidth, widest } = await page.evaluate(() => {
    const width = document.documentElement.scrollWidth;
    const found: string[] = [];
    for (const el of Array.from(document.querySelectorAll<HTMLElement>("body *"))) {
      const right = el.getBoundingClientRect().right + window.scrollX;
      if (Math.abs(right - width) < 1 && found.length < 6) {
        const classes = String(el.className).trim().replace(/\s+/g, ".");
        found.push(`${el.tagName.toLowerCase()}${classes ? `.${classes}` : ""}`);
      }
    }
    return { scrollWidth: width, widest: found };
  });
  expect(
    scrollWidth,
    `${label}: the page is ${scrollWidth} px wide, up to the edge of ${widest.join(", ") || "?"}`,
  ).toBeLessThanOrEqual(WIDTH);
}

describeBrowser(`pages on a ${WIDTH}×844 phone`, ({ browser }) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startServer({ env: { RATE_LIMIT_FACTOR: "100" } });
  });
  afterAll(async () => {
    await server?.stop();
  });

  async function onPhone(body: (page: Page) => Promise<void>) {
    const context = await newContext(browser(), PHONE_390);
    const page = await context.newPage();
    const problems = collectConsoleErrors(page);
    try {
      await body(page);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }

  it("public pages", () =>
    onPhone(async (page) => {
      for (const p of [
        "/",
        "/paga-un-avviso",
        "/dichiarazione-di-accessibilita",
        "/privacy",
        "/dati-aperti",
      ]) {
        await page.goto(server.url + p);
        await expectFitsScreen(page, p);
      }
    }));

  it("giovane issues a certificate: the list of certificates fits the screen", { timeout: 180_000 }, () =>
    onPhone(async (page) => {
      await loginWithDemoIdp(page, server.url, PERSONAS.giovane, { next: "/area-personale/certificati" });
      await expectFitsScreen(page, "certificati");
      await page.getByRole("link", { name: "Richiedi un certificato" }).click();
      await page.getByRole("heading", { level: 1, name: "Richiedi un certificato" }).waitFor();
      await expectFitsScreen(page, "certificati/richiedi");
      // The design system draws the radio on its label: click it as people do.
      await page.locator('label[for="kind-residenza"]').click();
      await page.getByLabel("Uso del certificato").selectOption("scolastico");
      await page.getByRole("button", { name: "Emetti il certificato" }).click();
      await page.getByRole("heading", { name: "Certificato emesso" }).waitFor();
      await expect(page.getByRole("table").locator("tbody tr").count()).resolves.toBeGreaterThan(1);
      await expectFitsScreen(page, "certificati after issuing");
      for (const p of ["/area-personale", "/area-personale/pagamenti", "/area-personale/accessi"]) {
        await page.goto(server.url + p);
        await expectFitsScreen(page, p);
      }
    }),
  );

  it("famiglia: notices and the taxpayer dossier", { timeout: 180_000 }, () =>
    onPhone(async (page) => {
      await loginWithDemoIdp(page, server.url, PERSONAS.famiglia);
      await expectFitsScreen(page, "scrivania");
      for (const p of [
        "/area-personale/pagamenti",
        "/area-personale/pagamenti?stato=pagati",
        "/area-personale/contribuente",
        "/area-personale/contribuente/imu/2026",
        "/area-personale/contribuente/tari/2026",
        "/area-personale/contribuente/f24",
        "/area-personale/messaggi",
      ]) {
        await page.goto(server.url + p);
        await expectFitsScreen(page, p);
      }
      await page.goto(`${server.url}/area-personale/pagamenti`);
      const notices = await page.evaluate(() =>
        Array.from(document.querySelectorAll("a"))
          .map((a) => a.getAttribute("href") ?? "")
          .filter((href) => /^\/area-personale\/pagamenti\/\d+$/.test(href)),
      );
      expect(notices.length).toBeGreaterThan(0);
      for (const href of new Set(notices)) {
        await page.goto(server.url + href);
        await expectFitsScreen(page, href);
      }
    }),
  );

  it("the payments office: positions and reconciliation", { timeout: 180_000 }, () =>
    onPhone(async (page) => {
      await loginWithDemoIdp(page, server.url, OPERATOR_PERSONAS.torinoPagamenti, {
        landing: /\/operatore$/,
      });
      for (const p of [
        "/operatore",
        "/operatore/posizioni",
        "/operatore/posizioni/nuova",
        "/operatore/riconciliazione",
      ]) {
        await page.goto(server.url + p);
        await expectFitsScreen(page, p);
      }
    }),
  );
});

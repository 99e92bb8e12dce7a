// A persona pays a cart of two notices in Chromium through the simulated pagoPA checkout and
// downloads the receipt; every payment page on the way passes axe (WCAG 2.1 A/AA) with no
// console errors. Each test walks many pages with axe on each: generous timeouts.
import { afterAll, beforeAll, expect, it } from "vitest";
import { openDatabase } from "../../db/connection";
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

describeBrowser("payments in Chromium", ({ browser }) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startServer({ env: { RATE_LIMIT_FACTOR: "100" } });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("famiglia pays a cart of two notices and downloads the receipt", async () => {
    const context = await newContext(browser());
    const page = await context.newPage();
    const problems = collectConsoleErrors(page);
    try {
      await loginWithDemoIdp(page, server.url, FAMIGLIA, { next: "/area-personale/pagamenti" });
      await visible(page.getByRole("heading", { level: 1, name: "Pagamenti" }));
      await visible(page.getByText("Da pagare, scaduto il 31/07/2026"));
      await checkPage(page, "pagamenti-da-pagare");

      await page.getByRole("link", { name: /^Pagati/ }).click();
      await page.waitForURL(/stato=pagati/);
      await visible(page.getByRole("link", { name: /Ricevuta del pagamento/ }).first());
      await expectNoAxeViolations(page, "payments, pagati");
      await page.getByRole("link", { name: /^Non più pagabili/ }).click();
      await page.waitForURL(/stato=non-pagabili/);
      await expectNoAxeViolations(page, "payments, non più pagabili");
      await page.getByRole("link", { name: /^Da pagare/ }).click();
      await page.waitForURL(
        (url) => url.pathname === "/area-personale/pagamenti" && !url.search.includes("stato"),
      );

      // The notice page, with its QR code.
      await page.getByRole("link", { name: "IMU 2026 - Saldo - Comune di Torino" }).click();
      await page.waitForURL(/\/area-personale\/pagamenti\/\d+$/);
      await visible(page.getByRole("img", { name: /Codice QR dell'avviso/ }));
      await checkPage(page, "pagamenti-avviso");
      const pdfHref = await page.getByRole("link", { name: "Scarica l'avviso (PDF)" }).getAttribute("href");
      const notice = await page.request.get(`${server.url}${pdfHref}`);
      expect(notice.status()).toBe(200);
      expect(notice.headers()["content-type"]).toBe("application/pdf");
      await page.getByRole("link", { name: "Torna ai pagamenti" }).click();
      await page.waitForURL((url) => url.pathname === "/area-personale/pagamenti");

      // Two notices of two creditors into the cart; the total of the ticked ones follows each tick.
      await visible(
        page.getByRole("button", { name: "Paga € 667,80 — IMU 2026 - Saldo - Comune di Torino" }),
      );
      await page.waitForFunction(() => document.documentElement.dataset.hydrated === "true");
      const total = page.locator(".portal-selected-total");
      await expect(total.getAttribute("aria-live")).resolves.toBe("polite");
      await visible(total.getByText("Totale selezionato: € 0,00 (nessun avviso)"));
      await page.getByRole("checkbox", { name: /IMU 2026 - Saldo/ }).check();
      await visible(total.getByText("Totale selezionato: € 667,80 (1 avviso)"));
      await page.getByRole("checkbox", { name: /Bollo auto/ }).check();
      await visible(total.getByText("Totale selezionato: € 887,10 (2 avvisi)"));
      await expectNoAxeViolations(page, "payments, two notices ticked");
      await page.getByRole("button", { name: "Aggiungi i selezionati al carrello" }).click();
      await page.waitForURL(/\/area-personale\/pagamenti\/carrello/);
      await visible(page.getByText("Avvisi nel carrello: 2 avvisi"));
      await visible(page.getByText("€ 887,10"));
      await checkPage(page, "pagamenti-carrello");

      await page.getByRole("button", { name: "Paga 2 avvisi" }).click();
      await page.waitForURL(/\/checkout\/[0-9a-f]{32}$/);
      await visible(page.getByText("Simulazione del circuito pagoPA — nessun addebito reale"));
      await checkPage(page, "pagamenti-checkout");
      // The design system draws the radio on its label, which takes the click.
      await page.locator('label[for="metodo-app"]').click();
      await expect(page.getByRole("radio", { name: /App di pagamento/ }).isChecked()).resolves.toBe(true);
      await page.getByRole("button", { name: "Paga", exact: true }).click();
      await visible(page.getByRole("heading", { level: 1, name: "Pagamento eseguito" }));
      await visible(page.getByText("Hai pagato € 887,90"));
      await checkPage(page, "pagamenti-esito");

      await page.getByRole("link", { name: /Ricevuta: IMU 2026 - Saldo/ }).click();
      await page.waitForURL(/\/area-personale\/pagamenti\/ricevute\/\d+$/);
      await visible(page.getByRole("heading", { level: 1, name: "Ricevuta di pagamento" }));
      await checkPage(page, "pagamenti-ricevuta");
      const receiptHref = await page
        .getByRole("link", { name: "Scarica la ricevuta (PDF)" })
        .getAttribute("href");
      const receipt = await page.request.get(`${server.url}${receiptHref}`);
      expect(receipt.status()).toBe(200);
      expect(receipt.headers()["content-type"]).toBe("application/pdf");
      expect((await receipt.body()).subarray(0, 5).toString()).toBe("%PDF-");

      // Both notices moved to "pagati".
      await page.goto(`${server.url}/area-personale/pagamenti?stato=pagati`);
      await visible(page.getByRole("link", { name: "IMU 2026 - Saldo - Comune di Torino", exact: true }));
      await visible(page.getByRole("link", { name: /^Bollo auto/ }));

      // The Scrivania: a Paga button with its amount on each notice still to pay, none for the paid.
      await page.goto(`${server.url}/area-personale`);
      await visible(page.getByRole("heading", { level: 2, name: "Importi da pagare" }));
      await visible(page.getByRole("button", { name: /^Paga € \d[\d.]*,\d\d — TARI 2026/ }).first());
      await expect(
        page.getByRole("button", { name: /^Paga € [\d.,]+ — IMU 2026 - Saldo/ }).count(),
      ).resolves.toBe(0);
      await checkPage(page, "scrivania-pagamenti");
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 300_000);

  it("paga un avviso, without login and on a phone, passes axe", async () => {
    const context = await newContext(browser(), PHONE_CONTEXT);
    const page = await context.newPage();
    const problems = collectConsoleErrors(page);
    try {
      await page.goto(`${server.url}/paga-un-avviso`);
      await expectNoAxeViolations(page, "paga un avviso");
      await page.getByLabel("Codice avviso").fill("1234");
      await page.getByLabel("Codice fiscale dell'ente creditore").fill("0051449001");
      await page.getByRole("button", { name: "Cerca l'avviso" }).click();
      await visible(page.getByText("Il codice avviso deve essere di 18 cifre.").first());
      await expectNoAxeViolations(page, "paga un avviso, errors");

      const handle = await openDatabase(server.databaseUrl);
      const fine = await handle.db
        .selectFrom("payment_options as po")
        .innerJoin("debt_positions as dp", "dp.id", "po.position_id")
        .select(["po.nav", "po.creditor_fiscal_code", "po.description"])
        .where("dp.debtor_fiscal_code", "=", PERSONAS.giovane.codiceFiscale)
        .where("dp.service", "=", "MULTA")
        .executeTakeFirstOrThrow();
      await handle.close();
      await page.getByLabel("Codice avviso").fill(fine.nav.replace(/(\d{4})(?=\d)/g, "$1 "));
      await page.getByLabel("Codice fiscale dell'ente creditore").fill(fine.creditor_fiscal_code);
      await page.getByRole("button", { name: "Cerca l'avviso" }).click();
      await visible(page.getByRole("heading", { level: 2, name: fine.description }));
      await visible(page.getByRole("button", { name: "Paga l'avviso" }));
      await expectNoAxeViolations(page, "paga un avviso, found");
      const found = page.url();

      // Paid with an address for the receipt; then the notice offers to send it there again.
      await page.getByLabel("Email del pagatore (facoltativa)").fill("pagatore.telefono@posta.test");
      await page.getByRole("button", { name: "Paga l'avviso" }).click();
      await page.getByRole("button", { name: "Paga", exact: true }).click();
      await visible(page.getByRole("heading", { level: 1, name: "Pagamento eseguito" }));
      await page.goto(found);
      await visible(page.getByRole("heading", { level: 2, name: "Avviso già pagato" }));
      await page.getByRole("button", { name: "Invia di nuovo la ricevuta a p***o@p***.test" }).click();
      await visible(page.getByText("Ricevuta inviata di nuovo a p***o@p***.test"));
      await expectNoAxeViolations(page, "paga un avviso, receipt sent again");

      await page.goto(`${server.url}/paga-un-avviso?codice=3020+3200+2700+0002+51&ente=03334231200`);
      await visible(page.getByRole("heading", { level: 1, name: "Avviso non trovato" }));
      await checkPage(page, "pagamenti-paga-un-avviso");
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 300_000);
});

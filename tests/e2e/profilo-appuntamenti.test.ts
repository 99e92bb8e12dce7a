// The rest of the Fascicolo del cittadino in Chromium (dossier-cittadino.test.ts has the first
// part): famiglia's Profilo, with a new email address confirmed through the link found in the demo
// outbox (/demo-posta) and the page a mail's "stop" link opens; Appuntamenti, a booking summed up,
// confirmed and cancelled; and on a phone, giovane's menu, Scrivania and sections fit the screen.
// Every page passes axe, with no console errors.
import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { PERSONAS } from "../../db/seed/personas";
import {
  areaSidebar,
  asCitizen,
  checkPage,
  describeBrowser,
  firstVisible,
  PHONE_CONTEXT,
} from "../support/browser";
import { startServer, type TestServer } from "../support/server";
import { unsubscribeUrl } from "../../app/mail/links.server";
import { readDb } from "../support/db";

vi.setConfig({ testTimeout: 240_000 });

async function noHorizontalScroll(page: Page, label: string) {
  const width = await page.evaluate(() => document.scrollingElement!.scrollWidth);
  expect(width, `${label}: page wider than the phone`).toBeLessThanOrEqual(375 + 1);
}

describeBrowser("Profilo, Appuntamenti and the phone in Chromium", ({ browser }) => {
  let server: TestServer;

  beforeAll(async () => {
    // Mail delivery every 1.5 s instead of 15 s.
    server = await startServer({ env: { JOB_PERIOD_FACTOR: "0.1" } });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("famiglia: Profilo, a new address confirmed from the demo outbox, and a mail's stop link", () =>
    asCitizen(browser(), server.url, PERSONAS.famiglia, async (page) => {
      await page.goto(`${server.url}/area-personale/profilo`);
      await firstVisible(page.getByRole("heading", { level: 1, name: "Profilo e contatti" }));
      await page.getByRole("textbox", { name: "Email" }).fill("famiglia.nuova@posta.test");
      await page.locator('label[for="channel-email"]').click();
      await page
        .getByLabel("Quanti giorni prima della scadenza vuoi il promemoria di un pagamento?")
        .selectOption("3");
      await page.getByRole("button", { name: "Salva le preferenze" }).click();
      await firstVisible(page.getByText(/Ti abbiamo inviato un collegamento a famiglia\.nuova@posta\.test/));
      await firstVisible(page.getByText("In attesa di conferma:"));
      await checkPage(page, "profilo-email-da-confermare");

      // The demo outbox shows the mail once the delivery job has written it.
      let link: string | null = null;
      for (let i = 0; i < 40 && !link; i++) {
        await page.goto(`${server.url}/demo-posta`);
        const text = await page.locator("main").innerText();
        if (text.includes("famiglia.nuova@posta.test") && text.includes("Inviata il"))
          link =
            /http:\/\/[^\s]+\/conferma-email\?token=[\w-]+/.exec(
              (await page.locator("pre").first().textContent()) ?? "",
            )?.[0] ?? null;
        if (!link) await page.waitForTimeout(500);
      }
      expect(link).not.toBeNull();
      await firstVisible(page.getByRole("heading", { level: 1, name: "Posta inviata (demo)" }));
      await checkPage(page, "demo-posta");

      await page.goto(link!);
      await firstVisible(page.getByRole("heading", { level: 1, name: "Conferma dell'indirizzo email" }));
      await checkPage(page, "conferma-email");
      await page.getByRole("button", { name: "Conferma l'indirizzo" }).click();
      await firstVisible(page.getByText(/Indirizzo confermato/));
      await checkPage(page, "email-confermata");
      await page.goto(`${server.url}/area-personale/profilo`);
      await firstVisible(page.getByText(/Le email arrivano a famiglia\.nuova@posta\.test, confermato il/));

      // The page behind the "stop" link of a reminder.
      const secrets = JSON.parse(fs.readFileSync(path.join(server.dataDir, "secrets.json"), "utf8")) as {
        sessionSecret: string;
      };
      const famigliaId = await readDb(server.dbFile, async (db) =>
        Number(
          (await db.get<{ id: number }>(
            "select id from citizens where codice_fiscale = ?",
            PERSONAS.famiglia.codiceFiscale,
          ))!.id,
        ),
      );
      const stop = unsubscribeUrl(
        { publicUrl: server.url, portalName: "Fascicolo del cittadino", secret: secrets.sessionSecret },
        famigliaId,
        "promemoria",
      );
      await page.goto(stop);
      await firstVisible(page.getByRole("heading", { level: 1, name: "Non ricevere più queste email" }));
      await checkPage(page, "disiscrizione");
      await page.getByRole("button", { name: "Non inviarmi più queste email" }).click();
      await firstVisible(page.getByText(/non riceverai più promemoria/));
      await checkPage(page, "disiscrizione-fatta");
    }));

  it("famiglia: Appuntamenti, a booking made step by step and cancelled", () =>
    asCitizen(browser(), server.url, PERSONAS.famiglia, async (page) => {
      await areaSidebar(page).getByRole("link", { name: "Appuntamenti" }).click();
      await firstVisible(page.getByRole("heading", { level: 1, name: "Appuntamenti" }));
      await checkPage(page, "appuntamenti");
      await page.getByRole("link", { name: "Prenota un appuntamento" }).click();
      await firstVisible(page.getByRole("heading", { level: 1, name: "Prenota un appuntamento" }));
      // The comune of residence's anagrafe comes already chosen.
      await expect(
        page.getByLabel("Ufficio", { exact: true }).locator("option:checked").textContent(),
      ).resolves.toBe("Comune di Torino: Servizi demografici - Anagrafe");
      await page.getByRole("button", { name: "Continua" }).click();
      await page.getByLabel("Servizio", { exact: true }).selectOption({ index: 1 });
      await page.getByRole("button", { name: "Continua" }).click();
      await page.getByLabel("Giorno", { exact: true }).selectOption({ index: 1 });
      await page.getByRole("button", { name: "Continua" }).click();
      await firstVisible(page.getByRole("heading", { level: 2, name: "4. Orario e contatti" }));
      await expect(page.getByText(PERSONAS.famiglia.codiceFiscale).count()).resolves.toBeGreaterThan(0);
      await checkPage(page, "prenota");
      await page.locator('input[name="slot"]').first().check({ force: true });
      await page.getByLabel("Telefono (facoltativo)").fill("011 1234567");
      await page.getByRole("button", { name: "Vai al riepilogo" }).click();
      await firstVisible(page.getByRole("heading", { level: 2, name: "5. Riepilogo" }));
      await expect(page.getByText("011 1234567").count()).resolves.toBeGreaterThan(0);
      await checkPage(page, "prenota-riepilogo");
      await page.getByRole("button", { name: "Conferma prenotazione" }).click();
      await firstVisible(page.getByText("Prenotazione confermata."));
      await checkPage(page, "appuntamento");
      await page.getByRole("button", { name: "Annulla l'appuntamento" }).click();
      await firstVisible(page.getByText("Hai annullato l'appuntamento"));
      await checkPage(page, "appuntamento-annullato");
    }));

  it("giovane on a phone: the menu folds, the Scrivania and the sections fit the screen", () =>
    asCitizen(
      browser(),
      server.url,
      PERSONAS.giovane,
      async (page) => {
        await firstVisible(page.getByRole("heading", { level: 2, name: "Importi da pagare" }));
        await noHorizontalScroll(page, "scrivania");
        await expect(areaSidebar(page).isVisible()).resolves.toBe(false);
        await checkPage(page, "telefono-scrivania");

        const menu = page.locator("nav.portal-area-nav-mobile");
        await menu.getByText("Menu dell'area personale").click();
        await firstVisible(menu.getByRole("link", { name: "Pratiche" }));
        await noHorizontalScroll(page, "menu aperto");
        await checkPage(page, "telefono-menu");
        await menu.getByRole("link", { name: "Pratiche" }).click();
        await firstVisible(page.getByRole("heading", { level: 1, name: "Pratiche" }));
        await noHorizontalScroll(page, "pratiche");
        await checkPage(page, "telefono-pratiche");

        for (const [href, heading] of [
          ["/area-personale/anagrafe", "Dati anagrafici"],
          ["/area-personale/documenti", "Documenti d'identità"],
          ["/area-personale/messaggi", "Messaggi"],
          ["/area-personale/appuntamenti", "Appuntamenti"],
        ] as const) {
          await page.goto(server.url + href);
          await firstVisible(page.getByRole("heading", { level: 1, name: heading }));
          await noHorizontalScroll(page, href);
          await checkPage(page, `telefono-${href.split("/").pop()}`);
        }
        const pratica = page.getByRole("link", { name: /certificato/i });
        await page.goto(`${server.url}/area-personale/pratiche`);
        await pratica.first().click();
        await firstVisible(page.getByRole("heading", { level: 2, name: "Tappe della pratica" }));
        await noHorizontalScroll(page, "pratica");
        await checkPage(page, "telefono-pratica");
      },
      PHONE_CONTEXT,
    ));
});

// The citizen personas log in through the demo IdP in Chromium and walk the Fascicolo del
// cittadino: Scrivania, Anagrafe, Documenti (rated with the page rating), Pratiche (with an
// integration sent), Messaggi, Appuntamenti (a booking summed up, confirmed and cancelled). Every
// page passes axe, with no console errors; on a phone the menu and the Scrivania fit the screen.
// Profilo: a new email address confirmed through the link found in the demo outbox (/demo-posta),
// and the page a mail's "stop" link opens.
import fs from "node:fs";
import path from "node:path";
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { PERSONAS } from "../../db/seed/personas";
import {
  collectConsoleErrors,
  describeBrowser,
  expectNoAxeViolations,
  loginWithDemoIdp,
  newContext,
  PHONE_CONTEXT,
  saveScreenshot,
  waitForHydration,
} from "../support/browser";
import { startServer, type TestServer } from "../support/server";
import { unsubscribeUrl } from "../../app/mail/links.server";
import { readDb } from "../support/db";

vi.setConfig({ testTimeout: 240_000 });

type Persona = (typeof PERSONAS)[keyof typeof PERSONAS];

async function visible(locator: Locator) {
  await locator.first().waitFor({ state: "visible", timeout: 20_000 });
}

/** Home → "Accedi all'area personale" → SPID → demo IdP → the persona's button → Scrivania. */
async function login(page: Page, baseUrl: string, persona: Persona) {
  await loginWithDemoIdp(page, baseUrl, persona);
  await visible(page.getByRole("heading", { level: 1, name: `${persona.name} ${persona.surname}` }));
}

async function checkPage(page: Page, label: string) {
  await waitForHydration(page);
  await expectNoAxeViolations(page, label);
  await saveScreenshot(page, `dossier-${label}`);
}

async function noHorizontalScroll(page: Page, label: string) {
  const width = await page.evaluate(() => document.scrollingElement!.scrollWidth);
  expect(width, `${label}: page wider than the phone`).toBeLessThanOrEqual(375 + 1);
}

/** The sidebar of the Area personale on a desktop. */
const sidebar = (page: Page) => page.locator("nav.portal-area-nav");

describeBrowser("Fascicolo del cittadino in Chromium", ({ browser }) => {
  let server: TestServer;

  beforeAll(async () => {
    // Mail delivery every 1.5 s instead of 15 s.
    server = await startServer({ env: { JOB_PERIOD_FACTOR: "0.1" } });
  });
  afterAll(async () => {
    await server?.stop();
  });

  /** A fresh desktop context logged in as famiglia; the body runs, then no console errors allowed. */
  async function asFamiglia(body: (page: Page) => Promise<void>) {
    const context = await newContext(browser());
    const page = await context.newPage();
    const problems = collectConsoleErrors(page);
    try {
      await login(page, server.url, PERSONAS.famiglia);
      await body(page);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }

  it("famiglia: Scrivania, Anagrafe and Documenti", () =>
    asFamiglia(async (page) => {
      await visible(page.getByRole("heading", { level: 2, name: "Importi da pagare" }));
      await visible(page.getByText(/Scaduto il \d\d\/\d\d\/2026/));
      await visible(page.getByRole("img", { name: /Tributi e pagamenti per anno/ }));
      await expect(
        sidebar(page).getByRole("link", { name: "Scrivania" }).getAttribute("aria-current"),
      ).resolves.toBe("page");
      await page.getByText("Mostra i dati del grafico in una tabella").click();
      await visible(page.getByRole("table", { name: "Importi dovuti e pagati per anno e per voce" }));
      await checkPage(page, "scrivania");

      await sidebar(page).getByRole("link", { name: "Dati anagrafici" }).click();
      await visible(page.getByRole("heading", { level: 1, name: "Dati anagrafici" }));
      await visible(page.getByText("minorenne"));
      await visible(page.getByText("Fonte: SPID"));
      await checkPage(page, "anagrafe");

      await sidebar(page).getByRole("link", { name: "Documenti d'identità" }).click();
      await visible(page.getByRole("heading", { level: 1, name: "Documenti d'identità" }));
      await visible(page.getByText(/Il documento scade tra \d+ giorni/));
      await checkPage(page, "documenti");

      // The page rating at the foot: four stars, a reason and a few words, then the thanks.
      const rating = page.getByRole("region", {
        name: "Quanto sono chiare le informazioni su questa pagina?",
      });
      await rating.locator('label[for="valutazione-voto-4"]').click();
      await expect(rating.getByRole("radio", { name: "4 stelle su 5" }).isChecked()).resolves.toBe(true);
      await rating.getByText("Vuoi dirci di più? (facoltativo)").click();
      await rating.getByText("Ho trovato subito quello che cercavo").click();
      await expect(
        rating.getByRole("radio", { name: "Ho trovato subito quello che cercavo" }).isChecked(),
      ).resolves.toBe(true);
      await rating.getByLabel("Vuoi aggiungere qualche dettaglio?").fill("Scadenza ben evidenziata.");
      await checkPage(page, "valutazione-aperta");
      await rating.getByRole("button", { name: "Invia la valutazione" }).click();
      await visible(page.getByText("Grazie, la tua valutazione è stata registrata"));
      await visible(page.getByRole("heading", { level: 1, name: "Documenti d'identità" }));
      await checkPage(page, "valutazione-inviata");
    }));

  it("famiglia: Profilo, a new address confirmed from the demo outbox, and a mail's stop link", () =>
    asFamiglia(async (page) => {
      await page.goto(`${server.url}/area-personale/profilo`);
      await visible(page.getByRole("heading", { level: 1, name: "Profilo e contatti" }));
      await page.getByRole("textbox", { name: "Email" }).fill("famiglia.nuova@posta.test");
      await page.locator('label[for="channel-email"]').click();
      await page
        .getByLabel("Quanti giorni prima della scadenza vuoi il promemoria di un pagamento?")
        .selectOption("3");
      await page.getByRole("button", { name: "Salva le preferenze" }).click();
      await visible(page.getByText(/Ti abbiamo inviato un collegamento a famiglia\.nuova@posta\.test/));
      await visible(page.getByText("In attesa di conferma:"));
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
      await visible(page.getByRole("heading", { level: 1, name: "Posta inviata (demo)" }));
      await checkPage(page, "demo-posta");

      await page.goto(link!);
      await visible(page.getByRole("heading", { level: 1, name: "Conferma dell'indirizzo email" }));
      await checkPage(page, "conferma-email");
      await page.getByRole("button", { name: "Conferma l'indirizzo" }).click();
      await visible(page.getByText(/Indirizzo confermato/));
      await checkPage(page, "email-confermata");
      await page.goto(`${server.url}/area-personale/profilo`);
      await visible(page.getByText(/Le email arrivano a famiglia\.nuova@posta\.test, confermato il/));

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
      await visible(page.getByRole("heading", { level: 1, name: "Non ricevere più queste email" }));
      await checkPage(page, "disiscrizione");
      await page.getByRole("button", { name: "Non inviarmi più queste email" }).click();
      await visible(page.getByText(/non riceverai più promemoria/));
      await checkPage(page, "disiscrizione-fatta");
    }));

  it("famiglia: Pratiche, the pratica to integrate, and an integration sent with a PDF", () =>
    asFamiglia(async (page) => {
      await sidebar(page).getByRole("link", { name: "Pratiche" }).click();
      await visible(page.getByRole("heading", { level: 1, name: "Pratiche" }));
      await page.getByLabel("Stato", { exact: true }).selectOption("da_integrare");
      await page.getByRole("button", { name: "Filtra" }).click();
      await page.waitForURL(/stato=da_integrare/);
      await checkPage(page, "pratiche");
      await page.getByRole("link", { name: "Richiesta di riduzione TARI" }).click();
      await visible(page.getByRole("heading", { level: 1, name: "Richiesta di riduzione TARI" }));
      await expect(
        sidebar(page).getByRole("link", { name: "Pratiche" }).getAttribute("aria-current"),
      ).resolves.toBe("true");
      await visible(page.getByRole("heading", { level: 2, name: "Tappe della pratica" }));
      await checkPage(page, "pratica");

      await page.getByLabel("File da allegare (obbligatorio)").setInputFiles({
        name: "attestazione-isee.pdf",
        mimeType: "application/pdf",
        buffer: Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"),
      });
      await page.getByLabel("Nota per l'ufficio (facoltativa)").fill("Allego l'attestazione ISEE 2026.");
      await page.getByRole("button", { name: "Invia l'integrazione" }).click();
      await visible(page.getByText("Abbiamo ricevuto la tua integrazione"));
      await visible(page.getByRole("link", { name: /attestazione-isee\.pdf/ }));
      await checkPage(page, "pratica-integrata");
    }));

  it("famiglia: Messaggi, a message linked to a payment", () =>
    asFamiglia(async (page) => {
      await sidebar(page)
        .getByRole("link", { name: /Messaggi/ })
        .click();
      await visible(page.getByRole("heading", { level: 1, name: "Messaggi" }));
      await visible(page.getByText(/Hai \d+ messaggi non letti/));
      await checkPage(page, "messaggi");
      await page.getByRole("link", { name: "IMU 2026: saldo in scadenza" }).click();
      await visible(page.getByRole("heading", { level: 1, name: "IMU 2026: saldo in scadenza" }));
      await visible(page.getByRole("link", { name: /Vedi l'avviso/ }));
      await checkPage(page, "messaggio");
    }));

  it("famiglia: Appuntamenti, a booking made step by step and cancelled", () =>
    asFamiglia(async (page) => {
      await sidebar(page).getByRole("link", { name: "Appuntamenti" }).click();
      await visible(page.getByRole("heading", { level: 1, name: "Appuntamenti" }));
      await checkPage(page, "appuntamenti");
      await page.getByRole("link", { name: "Prenota un appuntamento" }).click();
      await visible(page.getByRole("heading", { level: 1, name: "Prenota un appuntamento" }));
      // The comune of residence's anagrafe comes already chosen.
      await expect(
        page.getByLabel("Ufficio", { exact: true }).locator("option:checked").textContent(),
      ).resolves.toBe("Comune di Torino: Servizi demografici - Anagrafe");
      await page.getByRole("button", { name: "Continua" }).click();
      await page.getByLabel("Servizio", { exact: true }).selectOption({ index: 1 });
      await page.getByRole("button", { name: "Continua" }).click();
      await page.getByLabel("Giorno", { exact: true }).selectOption({ index: 1 });
      await page.getByRole("button", { name: "Continua" }).click();
      await visible(page.getByRole("heading", { level: 2, name: "4. Orario e contatti" }));
      await expect(page.getByText(PERSONAS.famiglia.codiceFiscale).count()).resolves.toBeGreaterThan(0);
      await checkPage(page, "prenota");
      await page.locator('input[name="slot"]').first().check({ force: true });
      await page.getByLabel("Telefono (facoltativo)").fill("011 1234567");
      await page.getByRole("button", { name: "Vai al riepilogo" }).click();
      await visible(page.getByRole("heading", { level: 2, name: "5. Riepilogo" }));
      await expect(page.getByText("011 1234567").count()).resolves.toBeGreaterThan(0);
      await checkPage(page, "prenota-riepilogo");
      await page.getByRole("button", { name: "Conferma prenotazione" }).click();
      await visible(page.getByText("Prenotazione confermata."));
      await checkPage(page, "appuntamento");
      await page.getByRole("button", { name: "Annulla l'appuntamento" }).click();
      await visible(page.getByText("Hai annullato l'appuntamento"));
      await checkPage(page, "appuntamento-annullato");
    }));

  it("giovane on a phone: the menu folds, the Scrivania and the sections fit the screen", async () => {
    const context = await newContext(browser(), PHONE_CONTEXT);
    const page = await context.newPage();
    const problems = collectConsoleErrors(page);
    try {
      await login(page, server.url, PERSONAS.giovane);
      await visible(page.getByRole("heading", { level: 2, name: "Importi da pagare" }));
      await noHorizontalScroll(page, "scrivania");
      await expect(sidebar(page).isVisible()).resolves.toBe(false);
      await checkPage(page, "telefono-scrivania");

      const menu = page.locator("nav.portal-area-nav-mobile");
      await menu.getByText("Menu dell'area personale").click();
      await visible(menu.getByRole("link", { name: "Pratiche" }));
      await noHorizontalScroll(page, "menu aperto");
      await checkPage(page, "telefono-menu");
      await menu.getByRole("link", { name: "Pratiche" }).click();
      await visible(page.getByRole("heading", { level: 1, name: "Pratiche" }));
      await noHorizontalScroll(page, "pratiche");
      await checkPage(page, "telefono-pratiche");

      for (const [href, heading] of [
        ["/area-personale/anagrafe", "Dati anagrafici"],
        ["/area-personale/documenti", "Documenti d'identità"],
        ["/area-personale/messaggi", "Messaggi"],
        ["/area-personale/appuntamenti", "Appuntamenti"],
      ] as const) {
        await page.goto(server.url + href);
        await visible(page.getByRole("heading", { level: 1, name: heading }));
        await noHorizontalScroll(page, href);
        await checkPage(page, `telefono-${href.split("/").pop()}`);
      }
      const pratica = page.getByRole("link", { name: /certificato/i });
      await page.goto(`${server.url}/area-personale/pratiche`);
      await pratica.first().click();
      await visible(page.getByRole("heading", { level: 2, name: "Tappe della pratica" }));
      await noHorizontalScroll(page, "pratica");
      await checkPage(page, "telefono-pratica");

      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

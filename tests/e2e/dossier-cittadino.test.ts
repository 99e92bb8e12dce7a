// The famiglia persona logs in through the demo IdP in Chromium and walks the Fascicolo del
// cittadino: Scrivania, Anagrafe, Documenti (rated with the page rating), Pratiche (with an
// integration sent) and Messaggi. Every page passes axe, with no console errors. Profilo,
// Appuntamenti and the phone are in profilo-appuntamenti.test.ts.
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { PERSONAS } from "../../db/seed/personas";
import { areaSidebar, asCitizen, checkPage, describeBrowser, firstVisible } from "../support/browser";
import { startServer, type TestServer } from "../support/server";

vi.setConfig({ testTimeout: 240_000 });

describeBrowser("Fascicolo del cittadino in Chromium", ({ browser }) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("famiglia: Scrivania, Anagrafe and Documenti", () =>
    asCitizen(browser(), server.url, PERSONAS.famiglia, async (page) => {
      await firstVisible(page.getByRole("heading", { level: 2, name: "Importi da pagare" }));
      await firstVisible(page.getByText(/Scaduto il \d\d\/\d\d\/2026/));
      await firstVisible(page.getByRole("img", { name: /Tributi e pagamenti per anno/ }));
      await expect(
        areaSidebar(page).getByRole("link", { name: "Scrivania" }).getAttribute("aria-current"),
      ).resolves.toBe("page");
      await page.getByText("Mostra i dati del grafico in una tabella").click();
      await firstVisible(page.getByRole("table", { name: "Importi dovuti e pagati per anno e per voce" }));
      await checkPage(page, "scrivania");

      await areaSidebar(page).getByRole("link", { name: "Dati anagrafici" }).click();
      await firstVisible(page.getByRole("heading", { level: 1, name: "Dati anagrafici" }));
      await firstVisible(page.getByText("minorenne"));
      await firstVisible(page.getByText("Fonte: SPID"));
      await checkPage(page, "anagrafe");

      await areaSidebar(page).getByRole("link", { name: "Documenti d'identità" }).click();
      await firstVisible(page.getByRole("heading", { level: 1, name: "Documenti d'identità" }));
      await firstVisible(page.getByText(/Il documento scade tra \d+ giorni/));
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
      await firstVisible(page.getByText("Grazie, la tua valutazione è stata registrata"));
      await firstVisible(page.getByRole("heading", { level: 1, name: "Documenti d'identità" }));
      await checkPage(page, "valutazione-inviata");
    }));

  it("famiglia: Pratiche, the pratica to integrate, and an integration sent with a PDF", () =>
    asCitizen(browser(), server.url, PERSONAS.famiglia, async (page) => {
      await areaSidebar(page).getByRole("link", { name: "Pratiche" }).click();
      await firstVisible(page.getByRole("heading", { level: 1, name: "Pratiche" }));
      await page.getByLabel("Stato", { exact: true }).selectOption("da_integrare");
      await page.getByRole("button", { name: "Filtra" }).click();
      await page.waitForURL(/stato=da_integrare/);
      await checkPage(page, "pratiche");
      await page.getByRole("link", { name: "Richiesta di riduzione TARI" }).click();
      await firstVisible(page.getByRole("heading", { level: 1, name: "Richiesta di riduzione TARI" }));
      await expect(
        areaSidebar(page).getByRole("link", { name: "Pratiche" }).getAttribute("aria-current"),
      ).resolves.toBe("true");
      await firstVisible(page.getByRole("heading", { level: 2, name: "Tappe della pratica" }));
      await checkPage(page, "pratica");

      await page.getByLabel("File da allegare (obbligatorio)").setInputFiles({
        name: "attestazione-isee.pdf",
        mimeType: "application/pdf",
        buffer: Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"),
      });
      await page.getByLabel("Nota per l'ufficio (facoltativa)").fill("Allego l'attestazione ISEE 2026.");
      await page.getByRole("button", { name: "Invia l'integrazione" }).click();
      await firstVisible(page.getByText("Abbiamo ricevuto la tua integrazione"));
      await firstVisible(page.getByRole("link", { name: /attestazione-isee\.pdf/ }));
      await checkPage(page, "pratica-integrata");
    }));

  it("famiglia: Messaggi, a message linked to a payment", () =>
    asCitizen(browser(), server.url, PERSONAS.famiglia, async (page) => {
      await areaSidebar(page)
        .getByRole("link", { name: /Messaggi/ })
        .click();
      await firstVisible(page.getByRole("heading", { level: 1, name: "Messaggi" }));
      await firstVisible(page.getByText(/Hai \d+ messaggi non letti/));
      await checkPage(page, "messaggi");
      await page.getByRole("link", { name: "IMU 2026: saldo in scadenza" }).click();
      await firstVisible(page.getByRole("heading", { level: 1, name: "IMU 2026: saldo in scadenza" }));
      await firstVisible(page.getByRole("link", { name: /Vedi l'avviso/ }));
      await checkPage(page, "messaggio");
    }));
});

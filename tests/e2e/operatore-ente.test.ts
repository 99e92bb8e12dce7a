// The operator area in Chromium, beyond the registry search (operatore.test.ts): the auditor's
// access log and its verification, the admin's pages (API keys, page ratings, outgoing mail), an
// operator of two comuni choosing and switching the ente, and the payments office creating,
// publishing and reconciling a debt position. Every page visited passes axe, with no console
// errors beyond the refusal provoked on purpose.
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { OPERATOR_PERSONAS, PERSONAS } from "../../db/seed/personas";
import { checkPage, describeBrowser, firstVisible, loggedIn, openOperatorSection } from "../support/browser";
import { startServer, type TestServer } from "../support/server";

vi.setConfig({ testTimeout: 240_000 });

describeBrowser("Operators of the ente in Chromium", ({ browser }) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("the auditor's log, its verification and the admin's pages (API keys, ratings, outgoing mail) pass axe", async () => {
    for (const [persona, path, title] of [
      [OPERATOR_PERSONAS.torinoAuditor, "/operatore/registro-accessi", "Registro degli accessi"],
      [OPERATOR_PERSONAS.torinoAdmin, "/operatore/ente", "Gestione dell'ente"],
    ] as const) {
      await loggedIn(
        browser(),
        server.url,
        persona,
        async (page) => {
          await checkPage(page, `${persona.surname}: home`);
          await page.goto(`${server.url}${path}`);
          await firstVisible(page.getByRole("heading", { level: 1, name: title }));
          await checkPage(page, title);
          if (path === "/operatore/ente") {
            await page
              .getByLabel("Nome della chiave (per esempio il gestionale che la usa)")
              .fill("Gestionale di prova");
            await page.getByRole("button", { name: "Crea la chiave" }).click();
            await firstVisible(page.getByText(/fdc_[A-Za-z0-9_-]{43}/));
            await checkPage(page, "API key created");
            await page.getByRole("link", { name: "Valutazioni delle pagine" }).first().click();
            await firstVisible(page.getByRole("heading", { level: 1, name: "Valutazioni delle pagine" }));
            await checkPage(page, "page ratings");
            await page.getByRole("link", { name: "Posta in uscita" }).first().click();
            await firstVisible(page.getByRole("heading", { level: 1, name: "Posta in uscita" }));
            await firstVisible(page.getByText("Invio tramite: posta dimostrativa (/demo-posta)."));
            await checkPage(page, "outgoing mail");
          }
          if (path === "/operatore/registro-accessi") {
            await page.getByRole("button", { name: "Verifica integrità" }).click();
            await firstVisible(page.getByText(/Registro degli accessi integro: \d+ righe verificate/));
            await checkPage(page, "log verified");
          }
        },
        { landing: /\/operatore$/ },
      );
    }
  });

  it("an operator of two comuni chooses the ente after login, works for it, and switches", async () => {
    const persona = OPERATOR_PERSONAS.moncalieriPagamenti;
    await loggedIn(
      browser(),
      server.url,
      persona,
      async (page) => {
        await firstVisible(page.getByRole("heading", { level: 1, name: "Per quale ente lavori?" }));
        await checkPage(page, "ente choice");
        await page.getByRole("button", { name: "Lavora per Comune di Moncalieri" }).click();
        await page.waitForURL(/\/operatore$/);
        await firstVisible(page.getByText("per conto di Comune di Moncalieri"));
        await checkPage(page, "home after the choice");
        await page.getByRole("link", { name: "Cambia ente" }).click();
        await page.waitForURL(/\/operatore\/scegli-ente$/);
        await firstVisible(page.getByText("È l'ente per cui stai lavorando."));
        await page.getByRole("button", { name: "Lavora per Comune di Collegno" }).click();
        await page.waitForURL(/\/operatore$/);
        await firstVisible(page.getByText("per conto di Comune di Collegno"));
      },
      { landing: /\/operatore\/scegli-ente/ },
    );
  });

  it("the payments office lists, creates and publishes a position and opens the reconciliation", async () => {
    const operator = OPERATOR_PERSONAS.torinoPagamenti;
    // The refused form answers 400 on purpose: Chromium reports that data request as a failed load.
    const refused = /(HTTP 400|status of 400).*\/operatore\/posizioni\/nuova/;
    await loggedIn(
      browser(),
      server.url,
      operator,
      async (page) => {
        await firstVisible(page.getByRole("heading", { level: 2, name: "Posizioni debitorie" }));
        await checkPage(page, "payments office: home");

        await openOperatorSection(page, "Posizioni debitorie");
        await firstVisible(page.getByRole("table"));
        await checkPage(page, "positions");

        await page.getByRole("link", { name: "Crea una posizione debitoria" }).click();
        await firstVisible(page.getByRole("heading", { level: 1, name: "Nuova posizione debitoria" }));
        await checkPage(page, "new position form");

        // An amount that is not one: the summary at the top links to the field.
        await page.getByLabel("Codice fiscale o partita IVA").fill(PERSONAS.giovane.codiceFiscale);
        await page.getByLabel("Cognome e nome, o ragione sociale").fill("Colombo Federico");
        await page.getByLabel("Servizio").selectOption("SERVIZI");
        await page
          .getByLabel("Causale (la legge il debitore sull'avviso)")
          .fill("Occupazione di suolo pubblico 2027");
        await page.getByLabel("Categoria (tassonomia pagoPA)").selectOption("9/0101105IM/");
        // The design system draws the radio on its label, which takes the click.
        await page.locator('label[for="modalita-rate"]').click();
        await expect(page.getByRole("radio", { name: "A rate (da 2 a 3 righe)" }).isChecked()).resolves.toBe(
          true,
        );
        await page.locator("#importo-1").fill("abc");
        await page.locator("#scadenza-1").fill("2026-12-31");
        await page.locator("#importo-2").fill("60,00");
        await page.locator("#scadenza-2").fill("2027-01-31");
        await page.getByRole("button", { name: "Crea la posizione in bozza" }).click();
        await firstVisible(
          page.getByRole("link", { name: "L'importo non è valido: scrivilo in euro, per esempio 1.234,56." }),
        );
        await checkPage(page, "new position form with errors");

        await page.locator("#importo-1").fill("1.060,50");
        await page.getByRole("button", { name: "Crea la posizione in bozza" }).click();
        await page.waitForURL(/\/operatore\/posizioni\/\d+\?esito=creata$/);
        await firstVisible(page.getByRole("heading", { level: 1, name: /^Posizione debitoria / }));
        await firstVisible(page.getByText("Posizione creata in bozza."));
        await firstVisible(page.getByText("Stato: Bozza"));
        await checkPage(page, "position: draft");

        await page.getByRole("button", { name: "Pubblica" }).click();
        await firstVisible(page.getByText(/^Posizione pubblicata: ora è pagabile/));
        await firstVisible(page.getByRole("button", { name: "Annulla la posizione" }));
        await checkPage(page, "position: published");

        await openOperatorSection(page, "Riconciliazione", "Riconciliazione degli incassi");
        await checkPage(page, "reconciliation");
        await page.getByLabel("Dal giorno", { exact: true }).fill("2026-09-01");
        await page.getByLabel("Al giorno", { exact: true }).fill("2026-09-30");
        await page.getByRole("button", { name: "Mostra gli incassi" }).click();
        await firstVisible(page.getByRole("heading", { level: 2, name: "Incassi per giorno" }));
        await firstVisible(page.getByText("Totale del periodo"));
        await checkPage(page, "reconciliation: September");
      },
      { landing: /\/operatore$/, expectedErrors: refused },
    );
  });
});

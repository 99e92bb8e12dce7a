// The operator area in Chromium: the Torino registry operator logs in through the demo IdP,
// searches the famiglia persona, states a reason and opens her dossier; then the citizen logs in
// and finds that access, with its reason, on "Chi ha visto i miei dati". Every page visited passes
// axe, with no console errors beyond the refusals provoked on purpose. The other operators' pages
// are in operatore-ente.test.ts.
import { afterAll, beforeAll, it, vi } from "vitest";
import { OPERATOR_PERSONAS, PERSONAS } from "../../db/seed/personas";
import {
  areaSidebar,
  checkPage,
  describeBrowser,
  firstVisible,
  loggedIn,
  openOperatorSection,
} from "../support/browser";
import { startServer, type TestServer } from "../support/server";

vi.setConfig({ testTimeout: 240_000 });

const REASON = "Rinnovo della carta d'identità richiesto allo sportello";
// The two refusals this test provokes on purpose (a malformed codice fiscale, a reason left
// empty) answer 400, as they must: Chromium reports those data requests as failed loads.
const EXPECTED_400 = /(HTTP 400|status of 400).*(cf=MRTCHR86C52L219X|\/operatore\/cittadini\/\d+\?index)/;

describeBrowser("Operator area in Chromium", ({ browser }) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("an operator searches, states a reason and opens a dossier; the citizen then sees that access", async () => {
    const operator = OPERATOR_PERSONAS.torinoAnagrafe;
    const famiglia = PERSONAS.famiglia;
    await loggedIn(
      browser(),
      server.url,
      operator,
      async (page) => {
        await firstVisible(page.getByRole("heading", { level: 1, name: "Area operatore" }));
        await checkPage(page, "operator home");

        await openOperatorSection(page, "Cerca una persona");
        await checkPage(page, "search");

        // A malformed codice fiscale is explained next to the field.
        await page.getByLabel("Codice fiscale", { exact: true }).fill("MRTCHR86C52L219X");
        await page.getByRole("button", { name: "Cerca per codice fiscale" }).click();
        await firstVisible(page.getByText("Il carattere di controllo non è corretto.").first());
        await checkPage(page, "search with an error");

        await page.getByLabel("Cognome (obbligatorio, anche solo l'inizio)").fill("martinet");
        await page.getByRole("button", { name: "Cerca per cognome e nome" }).click();
        await firstVisible(page.getByRole("rowheader", { name: `${famiglia.surname} ${famiglia.name}` }));
        await checkPage(page, "search by name");

        await page.getByLabel("Codice fiscale", { exact: true }).fill(famiglia.codiceFiscale);
        await page.getByRole("button", { name: "Cerca per codice fiscale" }).click();
        // The search by name found her too: wait for this search's page, not the previous one's.
        await page.waitForURL((url) => url.searchParams.get("cf") === famiglia.codiceFiscale);
        await firstVisible(page.getByText("1 persona trovata."));
        await firstVisible(page.getByText("MRTCHR*********H"));
        await page
          .getByRole("link", { name: `Apri il fascicolo di ${famiglia.surname} ${famiglia.name}` })
          .click();
        await firstVisible(
          page.getByRole("heading", { level: 2, name: "Perché consulti questo fascicolo?" }),
        );
        await checkPage(page, "reason form");

        // Without a reason the form refuses, with the errors on the fields.
        await page.getByRole("button", { name: /Apri il fascicolo/ }).click();
        await firstVisible(page.getByText("Scegli la categoria del motivo dell'accesso."));
        await checkPage(page, "reason form with errors");

        await page.getByLabel("Categoria del motivo").selectOption("sportello");
        await page.getByLabel("Descrizione del motivo").fill(REASON);
        await page.getByRole("button", { name: /Apri il fascicolo/ }).click();
        await page.waitForURL(/\/operatore\/cittadini\/\d+\/anagrafe$/);
        await firstVisible(
          page.getByRole("heading", {
            level: 1,
            name: `Dati anagrafici: ${famiglia.surname} ${famiglia.name}`,
          }),
        );
        await firstVisible(page.getByText(`«${REASON}»`));
        await firstVisible(page.getByText(famiglia.codiceFiscale));
        await checkPage(page, "dossier: anagrafe");

        await page
          .getByRole("navigation", { name: "Sezioni del fascicolo" })
          .getByRole("link", { name: "Documenti" })
          .click();
        await firstVisible(
          page.getByRole("heading", { level: 1, name: `Documenti: ${famiglia.surname} ${famiglia.name}` }),
        );
        await checkPage(page, "dossier: documenti");

        // The counter's paper delegation: the person's delegations and the form with the two uploads.
        await page
          .getByRole("navigation", { name: "Sezioni del fascicolo" })
          .getByRole("link", { name: "Deleghe" })
          .click();
        await firstVisible(
          page.getByRole("heading", { level: 1, name: `Deleghe: ${famiglia.surname} ${famiglia.name}` }),
        );
        await firstVisible(page.getByRole("heading", { level: 2, name: "Registra una delega su carta" }));
        await firstVisible(page.getByLabel("Modulo di delega firmato"));
        await checkPage(page, "dossier: deleghe");

        await page
          .getByRole("navigation", { name: "Sezioni del fascicolo" })
          .getByRole("link", { name: "Pratiche" })
          .click();
        await firstVisible(page.getByRole("heading", { level: 1, name: /^Pratiche:/ }));
        await checkPage(page, "dossier: pratiche");

        await page
          .getByRole("link", { name: `Invia un messaggio a ${famiglia.surname} ${famiglia.name}` })
          .click();
        await firstVisible(
          page.getByRole("heading", { level: 2, name: `Messaggio a ${famiglia.surname} ${famiglia.name}` }),
        );
        await checkPage(page, "dossier: message form");

        await openOperatorSection(page, "Pratiche");
        await checkPage(page, "worklist");
        const first = page.locator("table tbody tr th a").first();
        if (await first.count()) {
          await first.click();
          await firstVisible(page.getByRole("heading", { level: 2, name: "Tappe" }));
          await checkPage(page, "pratica");
        }
      },
      { landing: /\/operatore$/, expectedErrors: EXPECTED_400 },
    );

    await loggedIn(
      browser(),
      server.url,
      famiglia,
      async (cpage) => {
        await areaSidebar(cpage).getByRole("link", { name: "Chi ha visto i miei dati" }).click();
        await firstVisible(cpage.getByRole("heading", { level: 1, name: "Chi ha visto i miei dati" }));
        await firstVisible(cpage.getByText(`Richiesta allo sportello: «${REASON}»`));
        await firstVisible(cpage.getByText("Comune di Torino"));
        await firstVisible(cpage.getByText(`operatore ${operator.name} ${operator.surname}`));
        await firstVisible(cpage.getByText("Dati anagrafici, Documenti, Deleghe, Pratiche"));
        await checkPage(cpage, "citizen: accessi");
        await cpage.getByText("Segnala un accesso che ritieni improprio").first().click();
        await checkPage(cpage, "citizen: report form open");
      },
      { landing: /\/area-personale$/ },
    );
  });
});

/**
 * The page rating at the foot of the Area personale's pages, over HTTP as a browser without
 * JavaScript sends it: the stars and the optional reason and text are stored under the page's
 * pattern, with no citizen, and the page comes back with thanks; a second rating of the same page
 * in the same login is not stored; bad input is a 400 in Italian and stores nothing. The ente's
 * admin reads the totals; any other operator, and a citizen, get 404.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OPERATOR_PERSONAS, PERSONAS } from "../../db/seed/personas";
import { TEST_TODAY } from "../support/constants";
import { readDb } from "../support/db";
import { parseForms, request as httpRequest } from "../support/http";
import { loginAs } from "../support/saml-client";
import { startServer, type TestServer } from "../support/server";

let server: TestServer;
const cookies = { famiglia: "", giovane: "", admin: "", anagrafe: "", auditor: "" };
/** An unpaid notice of each citizen: two ids, one page. */
const notice = { famiglia: 0, giovane: 0 };

const request = (cookie: string | null, p: string, form?: Record<string, string>) =>
  httpRequest(server.url, cookie, p, form);

interface FeedbackRow {
  id: number;
  page: string;
  rating: number;
  choice: string | null;
  comment: string | null;
  day: string;
}

const rows = () =>
  readDb(server.dbFile, (db) => db.all<FeedbackRow>("select * from page_feedback order by id"));

/** The widget's form on a page: where it posts and its hidden fields. */
async function widget(cookie: string, path: string) {
  const page = await request(cookie, path);
  expect(page.status, path).toBe(200);
  const form = parseForms(page.body).find((f) => f.action === "/area-personale/valutazione");
  expect(form, `the rating form on ${path}`).toBeDefined();
  return { page, form: form! };
}

beforeAll(async () => {
  server = await startServer({ env: { RATE_LIMIT_FACTOR: "100" } });
  cookies.famiglia = (await loginAs(server.url, { codiceFiscale: PERSONAS.famiglia.codiceFiscale })).cookie;
  cookies.giovane = (await loginAs(server.url, { codiceFiscale: PERSONAS.giovane.codiceFiscale })).cookie;
  for (const who of ["admin", "anagrafe", "auditor"] as const) {
    const persona = {
      admin: OPERATOR_PERSONAS.torinoAdmin,
      anagrafe: OPERATOR_PERSONAS.torinoAnagrafe,
      auditor: OPERATOR_PERSONAS.torinoAuditor,
    }[who];
    cookies[who] = (await loginAs(server.url, { codiceFiscale: persona.codiceFiscale })).cookie;
  }
  for (const who of ["famiglia", "giovane"] as const) {
    notice[who] = (await readDb(server.dbFile, (db) =>
      db.get<{ id: number }>(
        `select po.id from payment_options po join debt_positions dp on dp.id = po.position_id
         join citizens c on c.id = dp.debtor_citizen_id
         where c.codice_fiscale = ? and po.status = 'PO_UNPAID' order by po.id limit 1`,
        PERSONAS[who].codiceFiscale,
      ),
    ))!.id;
  }
});

afterAll(async () => {
  await server?.stop();
});

describe("page rating", () => {
  it("asks the question on the Area personale's pages, as a form that needs no JavaScript", async () => {
    const { page, form } = await widget(cookies.famiglia, `/area-personale/pagamenti/${notice.famiglia}`);
    expect(page.text).toContain("Quanto sono chiare le informazioni su questa pagina?");
    expect(form.method).toBe("post");
    expect(form.fields.pagina).toBe(`/area-personale/pagamenti/${notice.famiglia}`);
    expect(form.fields.csrf).toBeTruthy();
    for (let n = 1; n <= 5; n++) expect(form.html).toContain(`name="voto" value="${n}"`);
    expect(form.html).toContain("1 stella su 5");
    expect(page.text).toContain("non scrivere dati personali");
    // The widget also keeps the page's own query, to come back to it.
    const filtered = await widget(cookies.famiglia, "/area-personale/pratiche?stato=da_integrare");
    expect(filtered.form.fields.pagina).toBe("/area-personale/pratiche?stato=da_integrare");
  });

  it("stores the rating under the page's pattern, with no citizen, and comes back with thanks", async () => {
    const path = `/area-personale/pagamenti/${notice.famiglia}`;
    const { form } = await widget(cookies.famiglia, path);
    const before = (await rows()).length;
    const sent = await request(cookies.famiglia, "/area-personale/valutazione", {
      ...form.fields,
      voto: "2",
      scelta: "poco-chiare",
      testo: "  Non si capisce quale sia la scadenza.  ",
    });
    expect(sent.status).toBe(303);
    expect(sent.location).toBe(`${path}?valutazione=grazie#valutazione`);
    const stored = await rows();
    expect(stored).toHaveLength(before + 1);
    const row = stored.at(-1)!;
    expect(Object.keys(row).sort()).toEqual(["choice", "comment", "day", "id", "page", "rating"]);
    expect(row).toMatchObject({
      page: "/area-personale/pagamenti/:id",
      rating: 2,
      choice: "poco-chiare",
      comment: "Non si capisce quale sia la scadenza.",
      day: TEST_TODAY,
    });
    const back = await request(cookies.famiglia, sent.location!.replace(/#.*$/, ""));
    expect(back.status).toBe(200);
    expect(back.text).toContain("Grazie, la tua valutazione è stata registrata");
    expect(parseForms(back.body).some((f) => f.action === "/area-personale/valutazione")).toBe(false);
  });

  it("takes one rating per page per login, and another page or person on their own", async () => {
    const path = `/area-personale/pagamenti/${notice.famiglia}`;
    const { form } = await widget(cookies.famiglia, path);
    const before = (await rows()).length;
    const again = await request(cookies.famiglia, "/area-personale/valutazione", {
      ...form.fields,
      voto: "5",
    });
    expect(again.status).toBe(303);
    expect(again.location).toBe(`${path}?valutazione=gia-inviata#valutazione`);
    expect((await request(cookies.famiglia, again.location!.replace(/#.*$/, ""))).text).toContain(
      "Hai già valutato questa pagina",
    );
    expect(await rows()).toHaveLength(before);

    // Another citizen's notice is the same page.
    const other = await widget(cookies.giovane, `/area-personale/pagamenti/${notice.giovane}`);
    expect(
      (await request(cookies.giovane, "/area-personale/valutazione", { ...other.form.fields, voto: "4" }))
        .status,
    ).toBe(303);
    const scrivania = await widget(cookies.famiglia, "/area-personale");
    expect(
      (
        await request(cookies.famiglia, "/area-personale/valutazione", {
          ...scrivania.form.fields,
          voto: "5",
          scelta: "trovato-subito",
          testo: "",
        })
      ).location,
    ).toBe("/area-personale?valutazione=grazie#valutazione");
    const stored = (await rows()).slice(before);
    expect(stored.map((r) => [r.page, r.rating, r.choice, r.comment])).toEqual([
      ["/area-personale/pagamenti/:id", 4, null, null],
      ["/area-personale", 5, "trovato-subito", null],
    ]);
  });

  it("refuses bad input with a 400 in Italian and stores nothing", async () => {
    const { form } = await widget(cookies.famiglia, "/area-personale/documenti");
    const before = (await rows()).length;
    const cases: Array<[Record<string, string>, string]> = [
      [{ voto: "6" }, "Scegli da 1 a 5 stelle"],
      [{ voto: "0" }, "Scegli da 1 a 5 stelle"],
      [{ voto: "" }, "Scegli da 1 a 5 stelle"],
      [{ voto: "tre" }, "Scegli da 1 a 5 stelle"],
      [{ voto: "3", scelta: "inventata" }, "Il motivo indicato non è tra quelli proposti"],
      [{ voto: "3", testo: "a".repeat(201) }, "al massimo 200 caratteri"],
      [{ voto: "3", testo: "Sono MRTCHR86C52L219H" }, "sembra contenere dati personali"],
      [{ voto: "3", testo: "scrivetemi a chiara@example.org" }, "sembra contenere dati personali"],
      [{ voto: "3", pagina: "/operatore/ente" }, "non è tra quelle dell'area personale"],
      [{ voto: "3", pagina: "https://example.org/area-personale" }, "non è tra quelle dell'area personale"],
    ];
    for (const [fields, message] of cases) {
      const sent = await request(cookies.famiglia, "/area-personale/valutazione", {
        ...form.fields,
        ...fields,
      });
      expect(sent.status, JSON.stringify(fields)).toBe(400);
      expect(sent.body, JSON.stringify(fields)).toContain('<html lang="it"');
      expect(sent.text, JSON.stringify(fields)).toContain(message);
    }
    // Without the anti-forgery token, or without a session.
    const { csrf: _csrf, ...noToken } = form.fields;
    expect(
      (await request(cookies.famiglia, "/area-personale/valutazione", { ...noToken, voto: "3" })).status,
    ).toBe(403);
    const anonymous = await request(null, "/area-personale/valutazione", { ...form.fields, voto: "3" });
    expect(anonymous.status).toBe(303);
    expect(anonymous.location).toMatch(/^\/saml\/login/);
    expect(await rows()).toHaveLength(before);
    // Exactly 200 characters is fine.
    const ok = await request(cookies.famiglia, "/area-personale/valutazione", {
      ...form.fields,
      voto: "3",
      testo: "è".repeat(200),
    });
    expect(ok.status).toBe(303);
    expect(await rows()).toHaveLength(before + 1);
  });
});

describe("the admin's summary", () => {
  it("shows each page's count, average, distribution and latest comments to the ente's admin", async () => {
    const page = await request(cookies.admin, "/operatore/valutazioni");
    expect(page.status).toBe(200);
    expect(page.text).toContain("non di un singolo ente");
    const row = /<tr>(?:(?!<\/tr>)[\s\S])*?\/area-personale\/pagamenti\/:id(?:(?!<\/tr>)[\s\S])*<\/tr>/.exec(
      page.body,
    );
    expect(row, "the row of the notice page").not.toBeNull();
    const cells = [...row![0].matchAll(/<td>([^<]*)<\/td>/g)].map((m) => m[1]);
    // Two ratings (2 and 4 stars): average 3,0; one 2-star and one 4-star.
    expect(cells).toEqual(["2", "3,0", "0", "1", "0", "1", "0"]);
    expect(page.text).toContain("Non si capisce quale sia la scadenza.");
    expect(page.text).toContain("Alcune informazioni non erano chiare: 1");
    expect(page.text).toContain("Ho trovato subito quello che cercavo: 1");
    // Nothing about the people who rated.
    expect(page.body).not.toContain(PERSONAS.famiglia.codiceFiscale);
    expect(page.body).not.toContain(PERSONAS.giovane.codiceFiscale);
    // The admin's menu and home lead here.
    const home = await request(cookies.admin, "/operatore");
    expect(home.body.split('href="/operatore/valutazioni"').length - 1).toBe(2);
  });

  it("is not there for any other operator or for a citizen", async () => {
    for (const who of ["anagrafe", "auditor", "famiglia"] as const) {
      expect((await request(cookies[who], "/operatore/valutazioni")).status, who).toBe(404);
    }
    const home = await request(cookies.anagrafe, "/operatore");
    expect(home.body).not.toContain('href="/operatore/valutazioni"');
  });
});

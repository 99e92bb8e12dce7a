/**
 * Each role is tied to a person by its own kind of link (PORTAL.md, "Who may see what"), over
 * HTTP against the real server with two entes: Moncalieri's payments office bills a Torino
 * resident one euro and publishes it; from then on it sees its position and its debtor, while
 * Moncalieri's registry office still finds no one and gets 404 on the person's dossier. The
 * payments operator works for two comuni and chooses the ente after login; switching to the
 * other one closes what the first opened.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OPERATOR_PERSONAS, PERSONAS } from "../../db/seed/personas";
import { readDb } from "../support/db";
import { loginAs } from "../support/saml-client";
import { startServer, type TestServer } from "../support/server";
import { csrfOf, parseForms, request as httpRequest } from "../support/http";

let server: TestServer;
let registry: string;
let billing: string;
let famigliaId: number;
let positionId: number;

const FAMIGLIA = PERSONAS.famiglia.codiceFiscale;
const NOBODY = "Nessuna persona trovata";

/** One row of the server's database; the test expects it to exist. */
const one = <T>(sql: string, ...params: unknown[]): Promise<T> =>
  readDb(server.dbFile, async (db) => (await db.get<T>(sql, ...params)) as T);

const request = (cookie: string, path: string, form?: Record<string, string>) =>
  httpRequest(server.url, cookie, path, form);

/** The operator record ids offered on the choice page, by ente name. */
function postsOf(html: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of parseForms(html)) {
    if (!("operatore" in f.fields)) continue;
    const form = html.slice(html.indexOf(`value="${f.fields.operatore}"`));
    const ente = /Lavora per ([^<]+)</.exec(form)?.[1]?.trim();
    if (ente) out[ente] = f.fields.operatore;
  }
  return out;
}

async function choose(cookie: string, ente: string) {
  const page = await request(cookie, "/operatore/scegli-ente");
  expect(page.status).toBe(200);
  const posts = postsOf(page.body);
  expect(Object.keys(posts), page.text.slice(0, 500)).toContain(ente);
  return request(cookie, "/operatore/scegli-ente", {
    csrf: csrfOf(page.body, 'name="operatore"'),
    operatore: posts[ente]!,
  });
}

beforeAll(async () => {
  server = await startServer({ env: { RATE_LIMIT_FACTOR: "100" } });
  registry = (await loginAs(server.url, { codiceFiscale: OPERATOR_PERSONAS.moncalieriAnagrafe.codiceFiscale }))
    .cookie;
  billing = (await loginAs(server.url, { codiceFiscale: OPERATOR_PERSONAS.moncalieriPagamenti.codiceFiscale }))
    .cookie;
  famigliaId = (await one<{ id: number }>("select id from citizens where codice_fiscale = ?", FAMIGLIA)).id;
});

afterAll(async () => {
  await server?.stop();
});

describe("an operator of several entes", () => {
  it("is asked which ente to work for, and no ente is picked for them", async () => {
    const home = await request(billing, "/operatore");
    expect(home.status).toBe(303);
    expect(home.location).toBe("/operatore/scegli-ente?next=%2Foperatore");
    // Any operator page, not only the home: the choice comes first, then back to the page.
    const list = await request(billing, "/operatore/posizioni");
    expect(list.status).toBe(303);
    expect(list.location).toBe("/operatore/scegli-ente?next=%2Foperatore%2Fposizioni");
    const page = await request(billing, "/operatore/scegli-ente");
    expect(page.status).toBe(200);
    expect(page.text).toContain("Per quale ente lavori?");
    expect(Object.keys(postsOf(page.body)).sort()).toEqual(["Comune di Collegno", "Comune di Moncalieri"]);
  });

  it("refuses a choice that is not theirs, and a citizen gets 404 on the choice page", async () => {
    const page = await request(billing, "/operatore/scegli-ente");
    const csrf = csrfOf(page.body, 'name="operatore"');
    const torinoOperator = (
      await one<{ id: number }>(
        "select id from operators where codice_fiscale = ?",
        OPERATOR_PERSONAS.torinoAnagrafe.codiceFiscale,
      )
    ).id;
    const foreign = await request(billing, "/operatore/scegli-ente", {
      csrf,
      operatore: String(torinoOperator),
    });
    expect(foreign.status).toBe(404);
    expect((await request(billing, "/operatore")).status).toBe(303);
    const citizen = (await loginAs(server.url, { codiceFiscale: PERSONAS.giovane.codiceFiscale })).cookie;
    expect((await request(citizen, "/operatore/scegli-ente")).status).toBe(404);
    expect((await request(citizen, "/operatore")).status).toBe(404);
  });

  it("works for the chosen ente, shown in the header, with a way to switch", async () => {
    const chosen = await choose(billing, "Comune di Moncalieri");
    expect(chosen.status).toBe(303);
    expect(chosen.location).toBe("/operatore");
    const home = await request(billing, "/operatore");
    expect(home.status).toBe(200);
    expect(home.text).toContain("per conto di Comune di Moncalieri");
    expect(home.text).toContain("Cambia ente");
    expect(home.body).toContain("· Comune di Moncalieri");
    const logged = await one<{ n: number }>("select count(*) as n from audit_log where action = 'auth.ente'");
    expect(logged.n).toBeGreaterThanOrEqual(1);
  });
});

describe("a payments tie never opens the registry", () => {
  it("Moncalieri's registry office does not see a Torino resident before the bill", async () => {
    const search = await request(registry, `/operatore/cittadini?cf=${FAMIGLIA}`);
    expect(search.status).toBe(200);
    expect(search.text).toContain(NOBODY);
    expect((await request(registry, `/operatore/cittadini/${famigliaId}`)).status).toBe(404);
  });

  it("Moncalieri's payments office bills the Torino resident one euro and publishes it", async () => {
    const NEW = "/operatore/posizioni/nuova";
    const page = await request(billing, NEW);
    expect(page.status).toBe(200);
    const created = await request(billing, NEW, {
      csrf: csrfOf(page.body, 'name="importo_1"'),
      tipo: "F",
      cf: FAMIGLIA,
      nominativo: `${PERSONAS.famiglia.surname} ${PERSONAS.famiglia.name}`,
      servizio: "MULTA",
      descrizione: "Sanzione per sosta vietata",
      categoria: "9/0102100SA/",
      categoria_altra: "",
      modalita: "unica",
      iupd: "",
      validita: "",
      importo_1: "1,00",
      causale_1: "",
      scadenza_1: "2027-01-31",
    });
    expect(created.status, created.text.slice(0, 800)).toBe(303);
    positionId = Number(/^\/operatore\/posizioni\/(\d+)/.exec(created.location ?? "")?.[1]);
    expect(positionId).toBeGreaterThan(0);
    const shown = await request(billing, `/operatore/posizioni/${positionId}`);
    const published = await request(billing, `/operatore/posizioni/${positionId}`, {
      csrf: csrfOf(shown.body, 'value="pubblica"'),
      intent: "pubblica",
    });
    expect(published.status).toBe(303);
    const status = (
      await one<{ status: string }>("select status from debt_positions where id = ?", positionId)
    ).status;
    expect(status).toBe("VALID");
  });

  it("the payments office now sees its position and its debtor, and only the payments section", async () => {
    expect((await request(billing, `/operatore/posizioni/${positionId}`)).status).toBe(200);
    const search = await request(billing, `/operatore/cittadini?cf=${FAMIGLIA}`);
    expect(search.status).toBe(200);
    expect(search.text).not.toContain(NOBODY);
    expect(search.text).toContain(PERSONAS.famiglia.surname);
    const reasonPage = await request(billing, `/operatore/cittadini/${famigliaId}`);
    expect(reasonPage.status).toBe(200);
    const opened = await request(billing, `/operatore/cittadini/${famigliaId}`, {
      csrf: csrfOf(reasonPage.body, 'name="categoria"'),
      categoria: "riscossione",
      motivo: "Verifica del pagamento della sanzione per sosta vietata",
    });
    expect(opened.status, opened.text.slice(0, 600)).toBe(303);
    expect(opened.location).toBe(`/operatore/cittadini/${famigliaId}/pagamenti`);
    expect((await request(billing, opened.location!)).status).toBe(200);
  });

  it("Moncalieri's registry office still finds no one and gets 404 on every section", async () => {
    const search = await request(registry, `/operatore/cittadini?cf=${FAMIGLIA}`);
    expect(search.status).toBe(200);
    expect(search.text).toContain(NOBODY);
    const byName = await request(
      registry,
      `/operatore/cittadini?cognome=${encodeURIComponent(PERSONAS.famiglia.surname)}&nome=${encodeURIComponent(PERSONAS.famiglia.name)}`,
    );
    expect(byName.status).toBe(200);
    expect(byName.text).toContain(NOBODY);
    expect((await request(registry, `/operatore/cittadini/${famigliaId}`)).status).toBe(404);
    for (const section of ["anagrafe", "documenti", "certificati", "pratiche", "messaggio"]) {
      const res = await request(registry, `/operatore/cittadini/${famigliaId}/${section}`);
      expect(res.status, section).toBe(404);
    }
  });

  it("switching to the other comune closes the access and the position is out of reach", async () => {
    const switched = await choose(billing, "Comune di Collegno");
    expect(switched.status).toBe(303);
    const running = await one<{ n: number }>(
      "select count(*) as n from operator_accesses where citizen_id = ? and ended_at is null",
      famigliaId,
    );
    expect(running.n).toBe(0);
    const home = await request(billing, "/operatore");
    expect(home.text).toContain("per conto di Comune di Collegno");
    expect((await request(billing, `/operatore/posizioni/${positionId}`)).status).toBe(404);
    expect((await request(billing, `/operatore/cittadini/${famigliaId}/pagamenti`)).status).toBe(404);
  });
});

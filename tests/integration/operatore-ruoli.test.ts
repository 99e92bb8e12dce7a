/**
 * Who may open what in the operator area (PORTAL.md, "Who may see what"), over HTTP against the
 * real server: every operator route for every Torino role, the Moncalieri operator, the Region's
 * bollo operator and a citizen, table-driven; then scope (an operator of another comune cannot
 * find or open a Torino resident) and "no reason, no dossier".
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OPERATOR_PERSONAS, PERSONAS } from "../../db/seed/personas";
import { readDb } from "../support/db";
import { loginAs, logout } from "../support/saml-client";
import { startServer, type TestServer } from "../support/server";
import { csrfOf, request as httpRequest } from "../support/http";

let server: TestServer;

const WHO = [
  "torinoAnagrafe",
  "torinoTributi",
  "torinoPagamenti",
  "torinoAuditor",
  "torinoAdmin",
  "moncalieriAnagrafe",
  "regioneBollo",
  "famiglia",
] as const;
type Who = (typeof WHO)[number];

const cookies = {} as Record<Who, string>;
let ids: { famiglia: number; anagrafePratica: number; tributiPratica: number; torinoPosition: number };

/** One row of the server's database; the test expects it to exist. */
const one = <T>(sql: string, ...params: unknown[]): Promise<T> =>
  readDb(server.dbFile, async (db) => (await db.get<T>(sql, ...params)) as T);

beforeAll(async () => {
  server = await startServer({ env: { RATE_LIMIT_FACTOR: "100" } });
  for (const who of WHO) {
    const cf = who === "famiglia" ? PERSONAS.famiglia.codiceFiscale : OPERATOR_PERSONAS[who].codiceFiscale;
    cookies[who] = (await loginAs(server.url, { codiceFiscale: cf })).cookie;
  }
  ids = await readDb(server.dbFile, async (db) => {
    const torino = (await db.get<{ id: number }>("select id from entities where ipa_code = 'c_l219'"))!;
    const famiglia = (await db.get<{ id: number }>(
      "select id from citizens where codice_fiscale = ?",
      PERSONAS.famiglia.codiceFiscale,
    ))!;
    const pratica = async (area: string) =>
      (await db.get<{ id: number }>(
        "select id from pratiche where entity_id = ? and area = ? and status != 'bozza' order by id limit 1",
        torino.id,
        area,
      ))!.id;
    const position = (await db.get<{ id: number }>(
      "select id from debt_positions where entity_id = ? and status = 'VALID' order by id limit 1",
      torino.id,
    ))!;
    return {
      famiglia: famiglia.id,
      anagrafePratica: await pratica("anagrafe"),
      tributiPratica: await pratica("tributi"),
      torinoPosition: position.id,
    };
  });
});

afterAll(async () => {
  await server?.stop();
});

const request = (cookie: string, path: string, form?: Record<string, string>) =>
  httpRequest(server.url, cookie, path, form);

type Expect = Record<Who, number>;
// Columns: anagrafe, tributi, pagamenti, auditor, admin (Torino), Moncalieri anagrafe, Regione bollo, citizen.
const row = (...s: number[]): Expect => Object.fromEntries(WHO.map((w, i) => [w, s[i]])) as Expect;

const GET_ROUTES: Array<{ name: string; path: () => string; expect: Expect }> = [
  { name: "home", path: () => "/operatore", expect: row(200, 200, 200, 200, 200, 200, 200, 404) },
  { name: "search", path: () => "/operatore/cittadini", expect: row(200, 200, 200, 404, 404, 200, 200, 404) },
  {
    name: "search by cf",
    path: () => `/operatore/cittadini?cf=${PERSONAS.famiglia.codiceFiscale}`,
    expect: row(200, 200, 200, 404, 404, 200, 200, 404),
  },
  {
    name: "reason form",
    path: () => `/operatore/cittadini/${ids.famiglia}`,
    expect: row(200, 200, 200, 404, 404, 404, 200, 404),
  },
  {
    name: "worklist",
    path: () => "/operatore/pratiche",
    expect: row(200, 200, 404, 404, 404, 200, 404, 404),
  },
  {
    name: "registry pratica",
    path: () => `/operatore/pratiche/${ids.anagrafePratica}`,
    expect: row(200, 404, 404, 404, 404, 404, 404, 404),
  },
  {
    name: "tax pratica",
    path: () => `/operatore/pratiche/${ids.tributiPratica}`,
    expect: row(404, 200, 404, 404, 404, 404, 404, 404),
  },
  {
    name: "access log",
    path: () => "/operatore/registro-accessi",
    expect: row(404, 404, 404, 200, 404, 404, 404, 404),
  },
  {
    name: "access log CSV",
    path: () => "/operatore/registro-accessi.csv",
    expect: row(404, 404, 404, 200, 404, 404, 404, 404),
  },
  { name: "ente admin", path: () => "/operatore/ente", expect: row(404, 404, 404, 404, 200, 404, 404, 404) },
  // The payments office of each ente sees its own positions and receipts; the Region's bollo office is one.
  {
    name: "debt positions",
    path: () => "/operatore/posizioni",
    expect: row(404, 404, 200, 404, 404, 404, 200, 404),
  },
  {
    name: "new position form",
    path: () => "/operatore/posizioni/nuova",
    expect: row(404, 404, 200, 404, 404, 404, 200, 404),
  },
  {
    name: "Torino position",
    path: () => `/operatore/posizioni/${ids.torinoPosition}`,
    expect: row(404, 404, 200, 404, 404, 404, 404, 404),
  },
  {
    name: "reconciliation",
    path: () => "/operatore/riconciliazione",
    expect: row(404, 404, 200, 404, 404, 404, 200, 404),
  },
  {
    name: "reconciliation CSV",
    path: () => "/operatore/riconciliazione.csv",
    expect: row(404, 404, 200, 404, 404, 404, 200, 404),
  },
];

/** The operator routes that change something, for the visitor without a session. */
const POST_PATHS = (): string[] => [
  "/operatore/posizioni/nuova",
  `/operatore/posizioni/${ids.torinoPosition}`,
  "/operatore/ente",
  `/operatore/pratiche/${ids.anagrafePratica}`,
];

const SECTIONS = [
  "anagrafe",
  "documenti",
  "certificati",
  "pratiche",
  "messaggio",
  "immobili",
  "imu",
  "tari",
  "accertamenti",
  "f24",
  "rimborsi",
  "pagamenti",
] as const;

/** Which sections each persona's role opens on the famiglia persona (tied to Torino and, as bollo debtor, to the Region). */
const OPENS: Record<Who, readonly string[]> = {
  torinoAnagrafe: ["anagrafe", "documenti", "certificati", "pratiche", "messaggio"],
  torinoTributi: ["pratiche", "messaggio", "immobili", "imu", "tari", "accertamenti", "f24", "rimborsi"],
  torinoPagamenti: ["pagamenti"],
  torinoAuditor: [],
  torinoAdmin: [],
  moncalieriAnagrafe: [],
  regioneBollo: ["pagamenti"],
  famiglia: [],
};

describe("role matrix", () => {
  it("answers every operator route as PORTAL.md says, for every persona", async () => {
    const mismatches: string[] = [];
    const check = (who: Who, what: string, got: number, want: number) => {
      if (got !== want) mismatches.push(`${who} ${what}: expected ${want}, got ${got}`);
    };
    for (const who of WHO) {
      for (const route of GET_ROUTES) {
        const r = await request(cookies[who], route.path());
        check(who, `GET ${route.path()} (${route.name})`, r.status, route.expect[who]);
        if (r.status === 404) expect(r.body).not.toMatch(/\bat .*\.js:\d+/);
        // The menu and the home offer the payments sections to the payments role only.
        if (route.name === "home" && r.status === 200) {
          const payments = who === "torinoPagamenti" || who === "regioneBollo";
          for (const href of ['href="/operatore/posizioni"', 'href="/operatore/riconciliazione"'])
            check(who, `home links ${href}`, r.body.split(href).length - 1, payments ? 2 : 0);
        }
      }
      // Before stating a reason: a section the role opens sends to the reason form, others are 404.
      for (const s of SECTIONS) {
        const path = `/operatore/cittadini/${ids.famiglia}/${s}`;
        const r = await request(cookies[who], path);
        const want = OPENS[who].includes(s) ? 303 : 404;
        check(who, `GET ${path} without a reason`, r.status, want);
        if (r.status === 303)
          check(
            who,
            `redirect of ${path}`,
            r.location === `/operatore/cittadini/${ids.famiglia}?sezione=${s}` ? 1 : 0,
            1,
          );
      }
      // Stating a reason: allowed where the reason form is.
      const form = await request(cookies[who], `/operatore/cittadini/${ids.famiglia}`);
      if (form.status === 200) {
        const open = await request(cookies[who], `/operatore/cittadini/${ids.famiglia}`, {
          csrf: csrfOf(form.body),
          categoria: "sportello",
          motivo: "Verifica della matrice dei ruoli",
        });
        check(who, "POST reason", open.status, 303);
      } else {
        const open = await request(cookies[who], `/operatore/cittadini/${ids.famiglia}`, {
          csrf: "x",
          categoria: "sportello",
          motivo: "Verifica della matrice dei ruoli",
        });
        check(who, "POST reason where not allowed", open.status, 404);
      }
      for (const s of SECTIONS) {
        const path = `/operatore/cittadini/${ids.famiglia}/${s}`;
        const r = await request(cookies[who], path);
        check(who, `GET ${path} with a reason`, r.status, OPENS[who].includes(s) ? 200 : 404);
      }
      // Actions: the guard answers before the anti-forgery check (404 where not allowed, 403 for a bad token).
      const actions: Array<[string, Record<string, string>, number]> = [
        ["/operatore/ente", { intent: "crea-chiave", etichetta: "prova" }, who === "torinoAdmin" ? 403 : 404],
        [
          `/operatore/pratiche/${ids.anagrafePratica}`,
          { intent: "prendi" },
          who === "torinoAnagrafe" ? 403 : 404,
        ],
        [
          `/operatore/cittadini/${ids.famiglia}/messaggio`,
          { oggetto: "Prova di messaggio", testo: "Messaggio di prova" },
          OPENS[who].includes("messaggio") ? 403 : 404,
        ],
        [
          "/operatore/posizioni/nuova",
          { tipo: "F", cf: PERSONAS.famiglia.codiceFiscale, importo_1: "10,00" },
          who === "torinoPagamenti" || who === "regioneBollo" ? 403 : 404,
        ],
        [
          `/operatore/posizioni/${ids.torinoPosition}`,
          { intent: "pubblica" },
          who === "torinoPagamenti" ? 403 : 404,
        ],
        [
          `/operatore/posizioni/${ids.torinoPosition}`,
          { intent: "annulla", motivo: "Verifica della matrice dei ruoli" },
          who === "torinoPagamenti" ? 403 : 404,
        ],
      ];
      for (const [path, body, want] of actions) {
        const r = await request(cookies[who], path, { ...body, csrf: "non-valido" });
        check(who, `POST ${path}`, r.status, want);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it("sends a visitor without a session to the login", async () => {
    const res = await httpRequest(server.url, null, "/operatore/cittadini");
    expect([302, 303]).toContain(res.status);
    expect(res.location).toMatch(/^\/saml\/login/);
    for (const route of GET_ROUTES) {
      const r = await httpRequest(server.url, null, route.path());
      expect([302, 303], `GET ${route.path()}`).toContain(r.status);
      expect(r.location, `GET ${route.path()}`).toMatch(/^\/saml\/login/);
    }
    for (const path of POST_PATHS()) {
      const r = await httpRequest(server.url, null, path, { intent: "pubblica" });
      expect([302, 303], `POST ${path}`).toContain(r.status);
      expect(r.location, `POST ${path}`).toMatch(/^\/saml\/login/);
    }
  });
});

describe("scope", () => {
  const moncalieri = () => cookies.moncalieriAnagrafe;
  const torino = () => cookies.torinoAnagrafe;
  const resultsOf = (text: string) => text.slice(text.indexOf("Risultati"));

  it("lets the Torino operator find the famiglia persona by codice fiscale and by name", async () => {
    const byCf = await request(torino(), `/operatore/cittadini?cf=${PERSONAS.famiglia.codiceFiscale}`);
    expect(byCf.body).toContain(`/operatore/cittadini/${ids.famiglia}"`);
    expect(byCf.text).toContain("MRTCHR*********H");
    expect(byCf.text).not.toContain(PERSONAS.famiglia.codiceFiscale);
    const byName = await request(torino(), "/operatore/cittadini?cognome=martinet&nome=chi");
    expect(byName.body).toContain(`/operatore/cittadini/${ids.famiglia}"`);
  });

  it("does not let the Moncalieri operator find a Torino-only resident, by codice fiscale or by name", async () => {
    const byCf = await request(moncalieri(), `/operatore/cittadini?cf=${PERSONAS.famiglia.codiceFiscale}`);
    expect(byCf.status).toBe(200);
    expect(byCf.body).not.toContain(`/operatore/cittadini/${ids.famiglia}"`);
    expect(byCf.text).toContain("Nessuna persona trovata");
    // Same answer as for a well-formed codice fiscale that nobody has.
    const nobody = await request(moncalieri(), "/operatore/cittadini?cf=RSSMRA80A01H501U");
    expect(resultsOf(byCf.text)).toBe(resultsOf(nobody.text));
    const byName = await request(moncalieri(), "/operatore/cittadini?cognome=Martinetti&nome=Chiara");
    expect(byName.body).not.toContain(`/operatore/cittadini/${ids.famiglia}"`);
    expect(byName.text).not.toContain("Martinetti Chiara");
  });

  it("does not let the Moncalieri operator open her by URL: 404 like a person that does not exist", async () => {
    const missing = await request(moncalieri(), "/operatore/cittadini/999999");
    for (const path of [
      `/operatore/cittadini/${ids.famiglia}`,
      `/operatore/cittadini/${ids.famiglia}/anagrafe`,
    ]) {
      const r = await request(moncalieri(), path);
      expect(r.status).toBe(404);
      expect(r.text).toBe(missing.text);
    }
    const post = await request(moncalieri(), `/operatore/cittadini/${ids.famiglia}`, {
      csrf: "x",
      categoria: "sportello",
      motivo: "Tentativo di accesso fuori ambito",
    });
    expect(post.status).toBe(404);
  });

  it("refuses a malformed codice fiscale with an Italian 400", async () => {
    const r = await request(torino(), "/operatore/cittadini?cf=MRTCHR86C52L219X");
    expect(r.status).toBe(400);
    expect(r.text).toContain("Il carattere di controllo non è corretto.");
  });
});

describe("scope per role: a stranger tied to Torino by one link only", () => {
  let byPosition: { id: number; cf: string };
  let byProperty: { id: number; cf: string };

  beforeAll(async () => {
    await readDb(server.dbFile, async (db) => {
      const torino = (await db.get<{ id: number }>("select id from entities where ipa_code = 'c_l219'"))!.id;
      // People with no link of any kind to Torino in the seed.
      const strangers = await db.all<{ id: number; cf: string }>(
        `select c.id, c.codice_fiscale as cf from citizens c
          where not exists (select 1 from residences r where r.citizen_id = c.id and r.entity_id = ?)
            and not exists (select 1 from property_owners po join properties p on p.id = po.property_id
                             where po.citizen_id = c.id and p.entity_id = ?)
            and not exists (select 1 from imu_assessments i where i.citizen_id = c.id and i.entity_id = ?)
            and not exists (select 1 from tari_assessments i where i.citizen_id = c.id and i.entity_id = ?)
            and not exists (select 1 from tax_notices i where i.citizen_id = c.id and i.entity_id = ?)
            and not exists (select 1 from pratiche i where i.citizen_id = c.id and i.entity_id = ?)
            and not exists (select 1 from debt_positions d where d.entity_id = ?
                             and (d.debtor_citizen_id = c.id or d.debtor_fiscal_code = c.codice_fiscale))
          order by c.id limit 2`,
        ...Array<number>(7).fill(torino),
      );
      expect(strangers).toHaveLength(2);
      [byPosition, byProperty] = strangers as [typeof byPosition, typeof byProperty];
      const stamp = "2026-11-20T10:00:00.000Z";
      await db.run(
        `insert into debt_positions (entity_id, iupd, type, debtor_fiscal_code, debtor_name, debtor_citizen_id,
           company_name, service, description, validity_date, switch_to_expired, status, status_reason,
           created_at, published_at, updated_at)
         values (?, 'IUPD-SCOPE-1', 'F', ?, 'Estraneo', null, 'Comune di Torino', 'MULTA', 'Sanzione', null, 0,
           'VALID', null, ?, ?, ?)`,
        torino,
        byPosition.cf,
        stamp,
        stamp,
        stamp,
      );
      const property = (await db.get<{ id: number }>(
        `insert into properties (entity_id, address, foglio, particella, subalterno, category, rendita_cents, surface_m2)
         values (?, 'Via della Prova 1', '999', '1', '1', 'C/6', 12000, 15) returning id`,
        torino,
      ))!;
      await db.run(
        `insert into property_owners (property_id, citizen_id, share_bp, main_home, from_date, to_date)
         values (?, ?, 10000, 0, '2020-01-01', null)`,
        property.id,
        byProperty.id,
      );
    });
  });

  const found = async (who: Who, cf: string) => {
    const r = await request(cookies[who], `/operatore/cittadini?cf=${cf}`);
    expect(r.status).toBe(200);
    return !r.text.includes("Nessuna persona trovata");
  };

  it("the debtor of a Torino position is the payments office's only", async () => {
    const { id, cf } = byPosition;
    expect(await found("torinoPagamenti", cf)).toBe(true);
    expect(await found("torinoAnagrafe", cf)).toBe(false);
    expect(await found("torinoTributi", cf)).toBe(false);
    expect((await request(cookies.torinoPagamenti, `/operatore/cittadini/${id}`)).status).toBe(200);
    expect((await request(cookies.torinoPagamenti, `/operatore/cittadini/${id}/pagamenti`)).status).toBe(303);
    for (const who of ["torinoAnagrafe", "torinoTributi"] as const) {
      expect((await request(cookies[who], `/operatore/cittadini/${id}`)).status, who).toBe(404);
      for (const s of SECTIONS) {
        expect((await request(cookies[who], `/operatore/cittadini/${id}/${s}`)).status, `${who} ${s}`).toBe(
          404,
        );
      }
    }
  });

  it("the owner of a Torino property is the tax office's only", async () => {
    const { id, cf } = byProperty;
    expect(await found("torinoTributi", cf)).toBe(true);
    expect(await found("torinoAnagrafe", cf)).toBe(false);
    expect(await found("torinoPagamenti", cf)).toBe(false);
    expect((await request(cookies.torinoTributi, `/operatore/cittadini/${id}`)).status).toBe(200);
    for (const s of ["immobili", "imu", "pratiche", "messaggio"])
      expect((await request(cookies.torinoTributi, `/operatore/cittadini/${id}/${s}`)).status, s).toBe(303);
    for (const who of ["torinoAnagrafe", "torinoPagamenti"] as const) {
      expect((await request(cookies[who], `/operatore/cittadini/${id}`)).status, who).toBe(404);
      for (const s of SECTIONS) {
        expect((await request(cookies[who], `/operatore/cittadini/${id}/${s}`)).status, `${who} ${s}`).toBe(
          404,
        );
      }
    }
  });
});

describe("no reason, no dossier", () => {
  it("shows no section before a valid reason, refuses a short one, and closes with the dossier", async () => {
    const cookie = cookies.torinoAnagrafe;
    const giovane = (
      await one<{ id: number }>(
        "select id from citizens where codice_fiscale = ?",
        PERSONAS.giovane.codiceFiscale,
      )
    ).id;
    const before = await request(cookie, `/operatore/cittadini/${giovane}/anagrafe`);
    expect(before.status).toBe(303);
    expect(before.location).toBe(`/operatore/cittadini/${giovane}?sezione=anagrafe`);
    const form = await request(cookie, before.location!);
    expect(form.status).toBe(200);
    expect(form.text).toContain("Perché consulti questo fascicolo?");
    expect(form.text).not.toContain(PERSONAS.giovane.codiceFiscale);

    const short = await request(cookie, `/operatore/cittadini/${giovane}`, {
      csrf: csrfOf(form.body),
      categoria: "sportello",
      motivo: "breve",
      sezione: "anagrafe",
    });
    expect(short.status).toBe(400);
    expect(short.text).toContain("almeno 10 caratteri");
    expect((await request(cookie, `/operatore/cittadini/${giovane}/anagrafe`)).status).toBe(303);

    const noCsrf = await request(cookie, `/operatore/cittadini/${giovane}`, {
      categoria: "sportello",
      motivo: "Richiesta di certificato allo sportello",
    });
    expect(noCsrf.status).toBe(403);

    const open = await request(cookie, `/operatore/cittadini/${giovane}`, {
      csrf: csrfOf(form.body),
      categoria: "sportello",
      motivo: "Richiesta di certificato allo sportello",
      sezione: "anagrafe",
    });
    expect(open.status).toBe(303);
    expect(open.location).toBe(`/operatore/cittadini/${giovane}/anagrafe`);
    const page = await request(cookie, open.location!);
    expect(page.status).toBe(200);
    expect(page.text).toContain("Richiesta di certificato allo sportello");
    expect(page.text).toContain(PERSONAS.giovane.codiceFiscale);

    // Opening another dossier ends this access.
    const other = await request(cookie, `/operatore/cittadini/${ids.famiglia}`);
    await request(cookie, `/operatore/cittadini/${ids.famiglia}`, {
      csrf: csrfOf(other.body),
      categoria: "sportello",
      motivo: "Seconda persona allo sportello",
    });
    expect((await request(cookie, `/operatore/cittadini/${giovane}/anagrafe`)).status).toBe(303);
    expect((await request(cookie, `/operatore/cittadini/${ids.famiglia}/anagrafe`)).status).toBe(200);

    // Closing it from the banner.
    const closed = await request(cookie, `/operatore/cittadini/${ids.famiglia}`, {
      csrf: csrfOf(other.body),
      intent: "chiudi",
    });
    expect(closed.status).toBe(303);
    expect((await request(cookie, `/operatore/cittadini/${ids.famiglia}/anagrafe`)).status).toBe(303);
  });

  it("ends the access at logout", async () => {
    const { cookie } = await loginAs(server.url, {
      codiceFiscale: OPERATOR_PERSONAS.torinoAnagrafe.codiceFiscale,
    });
    const form = await request(cookie, `/operatore/cittadini/${ids.famiglia}`);
    const open = await request(cookie, `/operatore/cittadini/${ids.famiglia}`, {
      csrf: csrfOf(form.body),
      categoria: "sportello",
      motivo: "Richiesta prima di uscire dal portale",
    });
    expect(open.status).toBe(303);
    const page = await request(cookie, `/operatore/cittadini/${ids.famiglia}/anagrafe`);
    expect(page.status).toBe(200);
    const running = async () =>
      (
        await one<{ n: number }>(
          "select count(*) as n from operator_accesses a join operators o on o.id = a.operator_id where o.codice_fiscale = ? and a.ended_at is null and a.reason_text = 'Richiesta prima di uscire dal portale'",
          OPERATOR_PERSONAS.torinoAnagrafe.codiceFiscale,
        )
      ).n;
    expect(await running()).toBe(1);
    await logout(server.url, cookie, csrfOf(page.body, 'action="/saml/logout"'));
    expect(await running()).toBe(0);
  });
});

/**
 * Every form action of the portal answers a request that is not a form with a 4xx, never a 5xx:
 * JSON, text/plain, no Content-Type and a broken multipart body get 415 or 400, a foreign Origin
 * with a valid anti-forgery token gets 403, all in the portal's Italian error page; the server logs
 * none of them as an error, and every log line is JSON. The actions are found by reading
 * app/routes, so a new action is covered (or the test asks for its fixture) without editing it.
 * Ids beyond PostgreSQL's `integer` answer 404 on the routes that take one (on SQLite, which
 * these tests use, an out-of-range id only misses; on PostgreSQL it used to fail the query with a
 * 500, which the one bounded parseId now prevents before any query).
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OPERATOR_PERSONAS, PERSONAS } from "../../db/seed/personas";
import { readDb } from "../support/db";
import { ROUTES_DIR, routeFiles, urlPattern } from "../support/route-files";
import { WebClient, parseForms, request, send } from "../support/http";
import { loginAs } from "../support/saml-client";
import { startServer, type TestServer } from "../support/server";

const ACTION_EXPORT = /export\s+(?:async\s+function\s+action\b|const\s+action\b)/;

type Who = "famiglia" | "anagrafe" | "tributi" | "pagamenti" | "admin" | "auditor" | null;

function actionRouteFiles(): string[] {
  return routeFiles().filter((f) => ACTION_EXPORT.test(fs.readFileSync(path.join(ROUTES_DIR, f), "utf8")));
}

let server: TestServer;
const cookies: Record<Exclude<Who, null>, string> = {
  famiglia: "",
  anagrafe: "",
  tributi: "",
  pagamenti: "",
  admin: "",
  auditor: "",
};
/** Real ids from the seed, by name. */
const ids: Record<string, string> = {};

async function one<T>(sql: string, ...params: unknown[]): Promise<T> {
  const row = await readDb(server.dbFile, (db) => db.get<T>(sql, ...params));
  if (!row) throw new Error(`no row for: ${sql}`);
  return row;
}

/**
 * Who may reach each action, and the values of its URL parameters. Routes under /area-personale
 * default to the famiglia citizen, the others (public pages) to no session; an operator route or a
 * route with parameters must be listed here, or the test says so.
 */
const FIXTURES: Record<string, { who?: Who; params?: Record<string, () => string> }> = {
  "area-personale.pratiche.$id.tsx": { params: { id: () => ids.praticaFamiglia! } },
  "area-personale.pagamenti.$id.tsx": { params: { id: () => ids.optionFamiglia! } },
  "area-personale.messaggi.$id.tsx": { params: { id: () => ids.messageFamiglia! } },
  "area-personale.appuntamenti.$id.tsx": { params: { id: () => ids.appointmentFamiglia! } },
  "checkout.$id.tsx": { who: null, params: { id: () => "0123456789abcdef0123456789abcdef" } },
  "operatore.ente.tsx": { who: "admin" },
  "operatore.registro-accessi_.verifica.tsx": { who: "auditor" },
  "operatore_.scegli-ente.tsx": { who: "admin" },
  "operatore.posizioni.nuova.tsx": { who: "pagamenti" },
  "operatore.posizioni.importa._index.tsx": { who: "pagamenti" },
  "operatore.posizioni.$id.tsx": { who: "pagamenti", params: { id: () => ids.positionTorino! } },
  "operatore.pratiche.$id.tsx": { who: "tributi", params: { id: () => ids.praticaTributi! } },
  "operatore.cittadini.$id._index.tsx": { who: "anagrafe", params: { id: () => ids.citizenFamiglia! } },
  "operatore.cittadini.$id.$section.tsx": {
    who: "anagrafe",
    params: { id: () => ids.citizenFamiglia!, section: () => "messaggio" },
  },
};

interface Target {
  file: string;
  url: string;
  who: Who;
}

function targetOf(file: string): Target {
  const fixture = FIXTURES[file] ?? {};
  const pattern = urlPattern(file);
  if (pattern.startsWith("/operatore") && fixture.who === undefined) {
    throw new Error(`${file}: add to FIXTURES which operator may reach its action`);
  }
  const who: Who =
    fixture.who !== undefined ? fixture.who : pattern.startsWith("/area-personale") ? "famiglia" : null;
  const url = pattern.replace(/:(\w+)/g, (_, name: string) => {
    const value = fixture.params?.[name];
    if (!value) throw new Error(`${file}: add to FIXTURES a seeded value for :${name}`);
    return value();
  });
  return { file, url, who };
}

const tokens = new Map<string, { cookie: string; token: string }>();

/** A browser-like jar per target: the session cookie plus whatever the page sets (the payment form's cookie). */
async function tokenAndCookie(target: Target): Promise<{ cookie: string; token: string }> {
  const known = tokens.get(target.file);
  if (known) return known;
  const found = await findToken(target);
  tokens.set(target.file, found);
  return found;
}

async function findToken(target: Target): Promise<{ cookie: string; token: string }> {
  const client = new WebClient(server.url, target.who ? cookies[target.who] : null);
  // The page of the action itself, or the public payment form of a notice, which sets the same
  // anti-forgery cookie as the checkout's page (whose made-up id has no page).
  for (const p of [target.url, ids.lookupPath!]) {
    const page = await client.get(p);
    const token = parseForms(page.body).find((f) => f.fields.csrf)?.fields.csrf;
    if (token) return { cookie: client.cookie, token };
  }
  throw new Error(`${target.file}: no anti-forgery token found on ${target.url}`);
}

interface Sent {
  status: number;
  contentType: string;
  body: string;
}

async function post(
  target: Target,
  cookie: string,
  body: BodyInit | undefined,
  headers: Record<string, string>,
): Promise<Sent> {
  const res = await send(server.url + target.url, { method: "POST", cookie, body, headers });
  return { status: res.status, contentType: res.headers.get("content-type") ?? "", body: res.body };
}

const targets: Target[] = [];

beforeAll(async () => {
  server = await startServer({ env: { RATE_LIMIT_FACTOR: "100", LOG_LEVEL: "info" } });
  const who: Record<Exclude<Who, null>, string> = {
    famiglia: PERSONAS.famiglia.codiceFiscale,
    anagrafe: OPERATOR_PERSONAS.torinoAnagrafe.codiceFiscale,
    tributi: OPERATOR_PERSONAS.torinoTributi.codiceFiscale,
    pagamenti: OPERATOR_PERSONAS.torinoPagamenti.codiceFiscale,
    admin: OPERATOR_PERSONAS.torinoAdmin.codiceFiscale,
    auditor: OPERATOR_PERSONAS.torinoAuditor.codiceFiscale,
  };
  for (const [k, cf] of Object.entries(who)) {
    cookies[k as keyof typeof cookies] = (await loginAs(server.url, { codiceFiscale: cf })).cookie;
  }
  const famiglia = PERSONAS.famiglia.codiceFiscale;
  const citizen = (await one<{ id: number }>("select id from citizens where codice_fiscale = ?", famiglia)).id;
  ids.citizenFamiglia = String(citizen);
  ids.praticaFamiglia = String(
    (await one<{ id: number }>("select id from pratiche where citizen_id = ? order by id limit 1", citizen)).id,
  );
  ids.praticaTributi = String(
    (await one<{ id: number }>(
      "select id from pratiche where citizen_id = ? and area = 'tributi' and status = 'da_integrare' order by id limit 1",
      citizen,
    )).id,
  );
  ids.messageFamiglia = String(
    (await one<{ id: number }>("select id from messages where citizen_id = ? order by id limit 1", citizen)).id,
  );
  ids.appointmentFamiglia = String(
    (await one<{ id: number }>(
      "select id from appointments where citizen_id = ? and status = 'prenotato' order by id limit 1",
      citizen,
    )).id,
  );
  ids.optionFamiglia = String(
    (await one<{ id: number }>(
      `select po.id from payment_options po join debt_positions dp on dp.id = po.position_id
       where dp.debtor_citizen_id = ? and po.status = 'PO_UNPAID' order by po.id limit 1`,
      citizen,
    )).id,
  );
  const notice = (await one<{ nav: string; cf: string }>(
    `select po.nav as nav, po.creditor_fiscal_code as cf from payment_options po
     where po.id = ?`,
    Number(ids.optionFamiglia),
  ));
  ids.lookupPath = `/paga-un-avviso?codice=${notice.nav}&ente=${notice.cf}`;
  ids.positionTorino = String(
    (await one<{ id: number }>(
      `select dp.id from debt_positions dp join entities e on e.id = dp.entity_id
       where e.fiscal_code = '00514490010' order by dp.id limit 1`,
    )).id,
  );
  for (const file of actionRouteFiles()) targets.push(targetOf(file));
});

afterAll(async () => {
  await server?.stop();
});

/** The portal's own error page (or the action's page), in Italian, never Remix's bare 500. */
function expectItalianPage(sent: Sent, what: string): void {
  expect(sent.contentType, what).toMatch(/^text\/html/);
  expect(sent.body, what).toContain('<html lang="it"');
}

describe("form actions and bodies that are not forms", () => {
  it("finds the actions by reading app/routes", () => {
    expect(targets.length).toBeGreaterThanOrEqual(18);
    expect(targets.map((t) => t.file)).toContain("area-personale.pratiche.$id.tsx");
  });

  it("answers 415 to JSON, text/plain and no Content-Type, 400 to a broken multipart body", async () => {
    const failures: string[] = [];
    for (const target of targets) {
      const { cookie, token } = await tokenAndCookie(target);
      const cases: Array<{ name: string; body: BodyInit; headers: Record<string, string>; want: number }> = [
        {
          name: "JSON",
          body: JSON.stringify({ csrf: token, intent: "x" }),
          headers: { "content-type": "application/json" },
          want: 415,
        },
        {
          name: "text/plain",
          body: `csrf=${token}&intent=x`,
          headers: { "content-type": "text/plain;charset=UTF-8" },
          want: 415,
        },
        {
          // A byte body: fetch adds no Content-Type of its own.
          name: "no Content-Type",
          body: new TextEncoder().encode(`csrf=${encodeURIComponent(token)}`),
          headers: {},
          want: 415,
        },
        {
          name: "broken multipart",
          body: `--xyz\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n${token}\r\n--xy`,
          headers: { "content-type": "multipart/form-data; boundary=xyz" },
          want: 400,
        },
        {
          name: "multipart without boundary",
          body: "csrf=x",
          headers: { "content-type": "multipart/form-data" },
          want: 400,
        },
      ];
      for (const c of cases) {
        const sent = await post(target, cookie, c.body, c.headers);
        const what = `${c.name} → POST ${target.url} (${target.file}): ${sent.status}`;
        if (sent.status !== c.want) failures.push(`${what}, expected ${c.want}`);
        else {
          expectItalianPage(sent, what);
          expect(sent.body, what).toContain(
            c.want === 415 ? "nel formato di un modulo del portale" : "Il modulo inviato non è completo",
          );
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it("answers 403 to a foreign Origin even with a valid token, and 'Origin: null' likewise", async () => {
    const failures: string[] = [];
    for (const target of targets) {
      const { cookie, token } = await tokenAndCookie(target);
      for (const origin of ["https://evil.example", "null"]) {
        const sent = await post(target, cookie, new URLSearchParams({ csrf: token, intent: "x" }), {
          "content-type": "application/x-www-form-urlencoded",
          origin,
        });
        const what = `Origin ${origin} → POST ${target.url} (${target.file}): ${sent.status}`;
        if (sent.status !== 403) failures.push(`${what}, expected 403`);
        else {
          expectItalianPage(sent, what);
          expect(sent.body, what).toContain("da un sito diverso da questo portale");
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it("still accepts the portal's own Origin", async () => {
    const target = targets.find((t) => t.file === "area-personale.profilo.tsx")!;
    const { cookie, token } = await tokenAndCookie(target);
    const sent = await post(
      target,
      cookie,
      new URLSearchParams({ csrf: token, email: "chiara@example.it", phone: "", reminderChannel: "email" }),
      { "content-type": "application/x-www-form-urlencoded", origin: server.url },
    );
    expect(sent.status).toBe(303);
  });

  it("logs none of these as an error, and every log line is JSON", () => {
    const lines = server
      .output()
      .split("\n")
      .filter((l) => l.trim() !== "" && !l.startsWith("Portale pronto su"));
    const notJson = lines.filter((l) => {
      try {
        JSON.parse(l);
        return false;
      } catch {
        return true;
      }
    });
    expect(notJson.slice(0, 5)).toEqual([]);
    const errors = lines
      .map((l) => JSON.parse(l) as { level: number; msg?: string })
      .filter((l) => l.level >= 50);
    expect(errors).toEqual([]);
    const statuses = lines
      .map((l) => JSON.parse(l) as { msg?: string; status?: number })
      .filter((l) => l.msg === "request" && typeof l.status === "number");
    expect(statuses.filter((l) => l.status! >= 500)).toEqual([]);
  });
});

describe("ids beyond the database's integer range", () => {
  it("answer 404, as any unknown id, on pages of citizens and operators", async () => {
    const huge = ["2147483648", "99999999999", "9999999999"];
    const pages: Array<{ who: Exclude<Who, null>; path: (id: string) => string }> = [
      { who: "famiglia", path: (id) => `/area-personale/pratiche/${id}` },
      { who: "famiglia", path: (id) => `/area-personale/messaggi/${id}` },
      { who: "famiglia", path: (id) => `/area-personale/pagamenti/${id}` },
      { who: "famiglia", path: (id) => `/area-personale/certificati/${id}.pdf` },
      { who: "famiglia", path: (id) => `/area-personale/appuntamenti/${id}` },
      { who: "tributi", path: (id) => `/operatore/pratiche/${id}` },
      { who: "pagamenti", path: (id) => `/operatore/posizioni/${id}` },
      { who: "anagrafe", path: (id) => `/operatore/cittadini/${id}` },
      { who: "anagrafe", path: (id) => `/operatore/cittadini/${id}/anagrafe` },
    ];
    const failures: string[] = [];
    for (const p of pages) {
      for (const id of huge) {
        const res = await request(server.url, cookies[p.who], p.path(id));
        if (res.status !== 404) failures.push(`${p.path(id)} as ${p.who}: ${res.status}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it("are ignored as a filter of the access log, not passed to the query", async () => {
    const res = await request(
      server.url,
      cookies.auditor,
      "/operatore/registro-accessi?operatore=9999999999",
    );
    expect(res.status).toBe(200);
  });
});

/**
 * Sessions after a SPID login: guards, idle and absolute expiry, logout (local and Single
 * Logout both ways), CSRF, no-store, rate limits, level step-up, operators, two processes.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readDb } from "../support/db";
import { startServer, type TestServer } from "../support/server";
import {
  TEST_IDP_ENTITY_ID,
  TEST_IDP_SLO,
  TEST_IDP_SSO,
  TEST_IDP_CODICE_FISCALE,
  defaultAttributes,
  logoutRequestXml,
  logoutResponseXml,
  redirectUrl,
  setUpTestIdp,
  type KeyPair,
} from "../support/spid-test-idp";
import { loginAs } from "../support/saml-client";

let server: TestServer;
/** RATE_LIMIT_FACTOR 0.1: 3 requests a minute on /saml/*. */
let limited: TestServer;
let idp: KeyPair;
let idpDir: string;
let citizenCf: string;
const OPERATOR_ONLY_CF = "RSSMRA80A01H501U";

function get<T>(sql: string, ...params: unknown[]): Promise<T> {
  return readDb(server.dbFile, async (db) => (await db.get<T>(sql, ...params)) as T);
}
async function run(sql: string, ...params: unknown[]): Promise<void> {
  await readDb(server.dbFile, (db) => db.run(sql, ...params));
}
const sessionId = (cookie: string) => crypto.createHash("sha256").update(cookie.split("=")[1]).digest("hex");
const sessionRow = (cookie: string) =>
  get<
    | {
        id: string;
        csrf_secret: string;
        spid_level: number;
        name_id: string;
        session_index: string;
        acting_as: string;
      }
    | undefined
  >("select * from sessions where id = ?", sessionId(cookie));
const csrfFor = async (cookie: string) => {
  const row = (await sessionRow(cookie))!;
  return crypto.createHmac("sha256", row.csrf_secret).update(`csrf:${row.id}`).digest("base64url");
};
const page = (url: string, cookie?: string) =>
  fetch(`${server.url}${url}`, { redirect: "manual", headers: cookie ? { Cookie: cookie } : {} });
const post = (url: string, form: Record<string, string>, cookie?: string) =>
  fetch(`${server.url}${url}`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...(cookie ? { Cookie: cookie } : {}) },
    body: new URLSearchParams(form).toString(),
  });

beforeAll(async () => {
  idpDir = fs.mkdtempSync(path.join(os.tmpdir(), "portal-idps-"));
  idp = await setUpTestIdp(idpDir);
  [server, limited] = await Promise.all([
    startServer({ env: { SAML_IDP_DIR: idpDir, RATE_LIMIT_FACTOR: "100", SESSION_IDLE_MINUTES: "1" } }),
    startServer({ env: { SAML_IDP_DIR: idpDir, RATE_LIMIT_FACTOR: "0.1" } }),
  ]);
  citizenCf = (
    await get<{ codice_fiscale: string }>("select codice_fiscale from citizens order by id limit 1")
  ).codice_fiscale;
  // One operator who is not a resident, and one resident who is also an operator.
  const ente = (await get<{ id: number }>("select id from entities order by id limit 1")).id;
  const now = new Date().toISOString();
  for (const cf of [OPERATOR_ONLY_CF, citizenCf]) {
    await run(
      "insert into operators (codice_fiscale, entity_id, office_id, surname, name, email, active, created_at) values (?, ?, null, 'Rossi', 'Mario', 'm.rossi@example.it', 1, ?)",
      cf,
      ente,
      now,
    );
    const op = (
      await get<{ id: number }>(
        "select id from operators where codice_fiscale = ? order by id desc limit 1",
        cf,
      )
    ).id;
    await run("insert into operator_roles (operator_id, role) values (?, 'anagrafe')", op);
  }
});

afterAll(async () => {
  await Promise.all([server?.stop(), limited?.stop()]);
});

describe("guards", () => {
  it("without a session, personal pages answer 303 to the login with the way back", async () => {
    for (const url of ["/area-personale", "/area-personale/dati-spid?x=1", "/operatore"]) {
      const res = await page(url);
      expect(res.status, url).toBe(303);
      expect(res.headers.get("location")).toBe(`/saml/login?next=${encodeURIComponent(url)}`);
    }
  });

  it("a forged or unknown cookie is no session", async () => {
    const res = await page("/area-personale", `sid=${"x".repeat(43)}`);
    expect(res.status).toBe(303);
  });

  it("a citizen sees their area; the operator area is 404 to them", async () => {
    const { cookie } = await loginAs(server.url, { codiceFiscale: TEST_IDP_CODICE_FISCALE, testIdp: idp });
    expect((await page("/area-personale", cookie)).status).toBe(200);
    const op = await page("/operatore", cookie);
    expect(op.status).toBe(404);
  });

  it("an operator who is not a resident lands in the operator area; roles come from the database", async () => {
    const { cookie, location } = await loginAs(server.url, { codiceFiscale: OPERATOR_ONLY_CF, testIdp: idp });
    expect(location).toBe("/operatore");
    const res = await page("/operatore", cookie);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("Anagrafe");
    // Deactivated in the database: refused at the next request, whatever the session says.
    await run("update operators set active = 0 where codice_fiscale = ?", OPERATOR_ONLY_CF);
    expect((await page("/operatore", cookie)).status).toBe(404);
    await run("update operators set active = 1 where codice_fiscale = ?", OPERATOR_ONLY_CF);
  });

  it("a resident who is also an operator starts as citizen and may switch, with the CSRF token", async () => {
    const { cookie, location } = await loginAs(server.url, { codiceFiscale: citizenCf, testIdp: idp });
    expect(location).toBe("/area-personale");
    expect((await sessionRow(cookie))!.acting_as).toBe("cittadino");
    const refused = await post("/area-personale/cambia-ruolo", { ruolo: "operatore" }, cookie);
    expect(refused.status).toBe(403);
    const res = await post(
      "/area-personale/cambia-ruolo",
      { ruolo: "operatore", csrf: await csrfFor(cookie) },
      cookie,
    );
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/operatore");
    expect((await sessionRow(cookie))!.acting_as).toBe("operatore");
  });
});

describe("expiry", () => {
  it("an idle session (SESSION_IDLE_MINUTES=1) is refused and deleted", async () => {
    const { cookie } = await loginAs(server.url, { codiceFiscale: TEST_IDP_CODICE_FISCALE, testIdp: idp });
    expect((await page("/area-personale", cookie)).status).toBe(200);
    await run(
      "update sessions set last_seen_at = ? where id = ?",
      new Date(Date.now() - 2 * 60_000).toISOString(),
      sessionId(cookie),
    );
    const res = await page("/area-personale", cookie);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toContain("/saml/login");
    expect(await sessionRow(cookie)).toBeUndefined();
  });

  it("a session past its absolute lifetime is refused even if active", async () => {
    const { cookie } = await loginAs(server.url, { codiceFiscale: TEST_IDP_CODICE_FISCALE, testIdp: idp });
    await run(
      "update sessions set expires_at = ? where id = ?",
      new Date(Date.now() - 1000).toISOString(),
      sessionId(cookie),
    );
    expect((await page("/area-personale", cookie)).status).toBe(303);
    expect(await sessionRow(cookie)).toBeUndefined();
  });

  it("every login gets a new session id; the one it replaces is deleted", async () => {
    const first = await loginAs(server.url, { codiceFiscale: TEST_IDP_CODICE_FISCALE, testIdp: idp });
    const second = await loginAs(server.url, {
      codiceFiscale: TEST_IDP_CODICE_FISCALE,
      testIdp: idp,
      cookie: first.cookie,
    });
    expect(second.cookie).not.toBe(first.cookie);
    expect(await sessionRow(second.cookie)).toBeDefined();
    expect(await sessionRow(first.cookie)).toBeUndefined();
  });
});

describe("logout", () => {
  it("POST /saml/logout without or with a wrong CSRF token is 403 and keeps the session", async () => {
    const { cookie } = await loginAs(server.url, { codiceFiscale: TEST_IDP_CODICE_FISCALE, testIdp: idp });
    for (const form of [{}, { csrf: "sbagliato" }] as Record<string, string>[]) {
      const res = await post("/saml/logout", form, cookie);
      expect(res.status).toBe(403);
      const body = await res.text();
      expect(body).toContain('lang="it"');
      expect(body).toContain("Modulo scaduto");
    }
    expect(await sessionRow(cookie)).toBeDefined();
  });

  it("deletes the session before telling the IdP, then accepts the IdP's signed LogoutResponse", async () => {
    const { cookie } = await loginAs(server.url, { codiceFiscale: TEST_IDP_CODICE_FISCALE, testIdp: idp });
    const row = (await sessionRow(cookie))!;
    const res = await post("/saml/logout", { csrf: await csrfFor(cookie) }, cookie);
    expect(res.status).toBe(303);
    expect(res.headers.get("set-cookie")).toMatch(/sid=;.*Max-Age=0/);
    expect(await sessionRow(cookie)).toBeUndefined();
    expect((await page("/area-personale", cookie)).status).toBe(303);

    const location = res.headers.get("location")!;
    expect(location.startsWith(`${TEST_IDP_SLO}?`)).toBe(true);
    const url = new URL(location);
    expect(url.searchParams.get("Signature")).toBeTruthy();
    const xml = zlib.inflateRawSync(Buffer.from(url.searchParams.get("SAMLRequest")!, "base64")).toString();
    expect(xml).toContain(`>${row.name_id}</saml:NameID>`);
    expect(xml).toContain(`NameQualifier="${TEST_IDP_ENTITY_ID}"`);
    expect(xml).toContain(`>${row.session_index}</`);
    expect(xml).toContain('Format="urn:oasis:names:tc:SAML:2.0:nameid-format:entity"');
    const requestId = /\sID="([^"]+)"/.exec(xml)![1];

    const unsigned = redirectUrl(
      `${server.url}/saml/slo`,
      "SAMLResponse",
      logoutResponseXml({ inResponseTo: requestId, destination: `${server.url}/saml/slo` }),
      null,
    );
    expect((await fetch(unsigned, { redirect: "manual" })).status).toBe(400);
    const answer = redirectUrl(
      `${server.url}/saml/slo`,
      "SAMLResponse",
      logoutResponseXml({ inResponseTo: requestId, destination: `${server.url}/saml/slo` }),
      idp,
      url.searchParams.get("RelayState")!,
    );
    const back = await fetch(answer, { redirect: "manual" });
    expect(back.status).toBe(303);
    expect(back.headers.get("location")).toBe("/?uscita=1");
  });

  it("an IdP-initiated, signed LogoutRequest ends the session and gets a signed LogoutResponse", async () => {
    const { cookie } = await loginAs(server.url, { codiceFiscale: TEST_IDP_CODICE_FISCALE, testIdp: idp });
    const row = (await sessionRow(cookie))!;
    const message = logoutRequestXml({
      nameId: row.name_id,
      sessionIndex: row.session_index,
      destination: `${server.url}/saml/slo`,
    });
    const unsigned = await fetch(redirectUrl(`${server.url}/saml/slo`, "SAMLRequest", message, null), {
      redirect: "manual",
    });
    expect(unsigned.status).toBe(400);
    expect(await sessionRow(cookie)).toBeDefined();

    const res = await fetch(redirectUrl(`${server.url}/saml/slo`, "SAMLRequest", message, idp, "rs-1"), {
      redirect: "manual",
    });
    expect(res.status).toBe(303);
    expect(await sessionRow(cookie)).toBeUndefined();
    const url = new URL(res.headers.get("location")!);
    expect(url.origin + url.pathname).toBe(TEST_IDP_SLO);
    expect(url.searchParams.get("RelayState")).toBe("rs-1");
    expect(url.searchParams.get("Signature")).toBeTruthy();
    const xml = zlib.inflateRawSync(Buffer.from(url.searchParams.get("SAMLResponse")!, "base64")).toString();
    expect(xml).toContain("urn:oasis:names:tc:SAML:2.0:status:Success");
  });

  it("logout without a session just lands on the home page", async () => {
    const res = await post("/saml/logout", {});
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/?uscita=1");
  });
});

describe("hardening", () => {
  it("personal pages and the login flow are never cached", async () => {
    const { cookie } = await loginAs(server.url, { codiceFiscale: TEST_IDP_CODICE_FISCALE, testIdp: idp });
    for (const url of ["/area-personale", "/operatore", "/saml/login", "/saml/login?idp=idp-di-prova"]) {
      const res = await page(url, cookie);
      expect(res.headers.get("cache-control"), url).toContain("no-store");
    }
    expect((await page("/area-personale")).headers.get("cache-control")).toContain("no-store");
  });

  it("a Remix form without the CSRF token is refused with 403", async () => {
    const { cookie } = await loginAs(server.url, { codiceFiscale: TEST_IDP_CODICE_FISCALE, testIdp: idp });
    const res = await post("/area-personale/cambia-ruolo", { ruolo: "cittadino", csrf: "x" }, cookie);
    expect(res.status).toBe(403);
  });
});

describe("SPID level step-up", () => {
  it("a level-1 session is sent back to its IdP at level 2 for the full SPID data, then comes back", async () => {
    const first = await loginAs(server.url, { codiceFiscale: TEST_IDP_CODICE_FISCALE, testIdp: idp, level: 1 });
    expect((await sessionRow(first.cookie))!.spid_level).toBe(1);
    const res = await page("/area-personale/dati-spid", first.cookie);
    expect(res.status).toBe(303);
    const location = res.headers.get("location")!;
    const params = new URL(location, server.url).searchParams;
    expect(params.get("idp")).toBe(TEST_IDP_ENTITY_ID);
    expect(params.get("level")).toBe("2");
    expect(params.get("next")).toBe("/area-personale/dati-spid");

    const toIdp = await page(location, first.cookie);
    expect(toIdp.status).toBe(302);
    const authn = new URL(toIdp.headers.get("location")!);
    expect(authn.origin + authn.pathname).toBe(TEST_IDP_SSO);
    const xml = zlib.inflateRawSync(Buffer.from(authn.searchParams.get("SAMLRequest")!, "base64")).toString();
    expect(xml).toContain('ForceAuthn="true"');
    expect(xml).toContain("https://www.spid.gov.it/SpidL2");

    const second = await loginAs(server.url, {
      codiceFiscale: TEST_IDP_CODICE_FISCALE,
      testIdp: idp,
      cookie: first.cookie,
      level: 2,
      next: "/area-personale/dati-spid",
      attributes: { ...defaultAttributes(), mobilePhone: "+393331234567" },
    });
    expect(second.location).toBe("/area-personale/dati-spid");
    const full = await page("/area-personale/dati-spid", second.cookie);
    expect(full.status).toBe(200);
    expect(await full.text()).toContain("+393331234567");
    expect(await sessionRow(first.cookie)).toBeUndefined();
  });
});

describe("two server processes on one database", () => {
  it("a login started on one process completes on the other, and the session works on both", async () => {
    // Both behind one public address, as behind a load balancer.
    const other = await startServer({
      dataDir: server.dataDir,
      env: { SAML_IDP_DIR: idpDir, RATE_LIMIT_FACTOR: "100", PUBLIC_URL: server.url },
    });
    try {
      const { startLogin, buildResponse, signAssertion, postToAcs, sessionCookie } =
        await import("../support/spid-test-idp");
      const login = await startLogin(server.url);
      const { xml } = buildResponse({
        acsUrl: `${server.url}/saml/acs`,
        spEntityId: `${server.url}/saml/metadata`,
        requestId: login.requestId,
      });
      const res = await postToAcs(other.url, signAssertion(xml, idp), login.relayState);
      expect(res.status).toBe(303);
      const cookie = sessionCookie(res.setCookie)!;
      expect(
        (await fetch(`${other.url}/area-personale`, { headers: { Cookie: cookie }, redirect: "manual" }))
          .status,
      ).toBe(200);
      expect((await page("/area-personale", cookie)).status).toBe(200);
      // The same response replayed on the first process is refused there too.
      const replay = await postToAcs(server.url, signAssertion(xml, idp), login.relayState);
      expect(replay.status).toBe(400);
    } finally {
      await other.stop();
    }
  });
});

describe("rate limit on the login flow", () => {
  it("answers 429 with Retry-After, X-RateLimit-* and an Italian message", async () => {
    {
      let last: Response | undefined;
      for (let i = 0; i < 4; i++) last = await fetch(`${limited.url}/saml/login`, { redirect: "manual" });
      expect(last!.status).toBe(429);
      expect(Number(last!.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(last!.headers.get("x-ratelimit-limit")).toBe("3");
      expect(last!.headers.get("x-ratelimit-remaining")).toBe("0");
      expect(last!.headers.get("ratelimit-limit")).toBe("3");
      expect(await last!.text()).toContain("Troppe richieste");
      // Metadata stays reachable for the IdPs.
      expect((await fetch(`${limited.url}/saml/metadata`)).status).toBe(200);
    }
  });

  it("counts form posts, not page views, in the forms' budget (6 a minute here)", async () => {
    for (let i = 0; i < 8; i++) expect((await fetch(`${limited.url}/note-legali`)).status).toBe(200);
    const choose = () =>
      fetch(`${limited.url}/lingua`, {
        method: "POST",
        redirect: "manual",
        headers: { "content-type": "application/x-www-form-urlencoded", origin: limited.url },
        body: "lingua=it&ritorno=%2F",
      });
    for (let i = 0; i < 6; i++) expect((await choose()).status).toBe(303);
    const refused = await choose();
    expect(refused.status).toBe(429);
    expect(await refused.text()).toContain("Troppe richieste in poco tempo da questo indirizzo");
    expect((await fetch(`${limited.url}/note-legali`)).status).toBe(200);
  });
});

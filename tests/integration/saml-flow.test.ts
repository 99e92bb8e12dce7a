// SPID login over HTTP against the real built server in demo mode: the portal's SP (node-saml)
// and the demo IdP (samlify) exchange signed messages exactly as with a real SPID IdP.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OPERATOR_PERSONAS, PERSONAS } from "../../db/seed/personas";
import { csrfOf, request } from "../support/http";
import {
  idpLogout,
  loginAs,
  loginError,
  logout,
  tryLoginAs,
  type SpidErrorCode,
} from "../support/saml-client";
import { startServer, type TestServer } from "../support/server";

const FAMIGLIA = PERSONAS.famiglia;
// These tests log in dozens of times a minute from one address: the login rate limit (30 a minute
// per address) is raised for them; what it guards is tested elsewhere.
const LOGIN_TEST_ENV = { RATE_LIMIT_FACTOR: "20" };

/** Logged in as the famiglia persona: the dossier opens, then logout ends the session everywhere. */
async function loginAndLogout(server: TestServer, binding: "redirect" | "post") {
  const login = await loginAs(server.url, { codiceFiscale: FAMIGLIA.codiceFiscale, level: 2, binding });
  expect(login.acsStatus).toBe(303);
  expect(new URL(login.finalUrl).pathname).toBe("/area-personale");
  expect(login.status).toBe(200);

  const desk = await request(server.url, login.cookie, "/area-personale");
  expect(desk.status).toBe(200);
  expect(desk.body).toContain(FAMIGLIA.name);
  expect(desk.body).toContain(FAMIGLIA.surname);

  const out = await logout(server.url, login.cookie, csrfOf(desk.body, 'action="/saml/logout"'));
  const paths = out.visited.map((u) => new URL(u).pathname);
  expect(paths).toContain("/demo-idp/slo");
  expect(paths).toContain("/saml/slo");
  expect(out.status).toBe(200);
  expect(new URL(out.finalUrl).pathname).toBe("/");

  const after = await request(server.url, login.cookie, "/area-personale");
  expect([302, 303]).toContain(after.status);
  expect(after.location).toMatch(/\/saml\/login/);
}

describe("SPID login with the demo IdP", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ env: LOGIN_TEST_ENV });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it.each(["redirect", "post"] as const)(
    "famiglia persona, %s binding: login, Area personale, logout",
    async (binding) => {
      await loginAndLogout(server, binding);
    },
  );

  it("Entra con CIE: the demo CieID logs the famiglia persona in at level 3; logout ends on CieID's page", async () => {
    const login = await loginAs(server.url, {
      idp: "demo-cie",
      codiceFiscale: FAMIGLIA.codiceFiscale,
      level: 3,
      next: "/area-personale",
    });
    expect(login.acsStatus).toBe(303);
    expect(new URL(login.finalUrl).pathname).toBe("/area-personale");
    const desk = await request(server.url, login.cookie, "/area-personale");
    expect(desk.status).toBe(200);
    expect(desk.text).toContain(FAMIGLIA.surname);
    expect(desk.text).toContain("CIE livello 3");
    expect(desk.text).toContain("CieID dimostrativo");

    const out = await logout(server.url, login.cookie, csrfOf(desk.body, 'action="/saml/logout"'));
    const paths = out.visited.map((u) => new URL(u).pathname);
    // CieID answers no LogoutRequest: the round trip ends on its own page, not back on /saml/slo.
    expect(paths).toContain("/demo-cie/slo");
    expect(paths).not.toContain("/saml/slo");
    expect(out.status).toBe(200);
    expect(out.body).toContain("Logout effettuato con successo");
    const after = await request(server.url, login.cookie, "/area-personale");
    expect([302, 303]).toContain(after.status);
  });

  it("comes back to the page asked for", async () => {
    const login = await loginAs(server.url, {
      codiceFiscale: FAMIGLIA.codiceFiscale,
      next: "/area-personale/anagrafe",
    });
    expect(new URL(login.finalUrl).pathname).toBe("/area-personale/anagrafe");
    expect(login.status).toBe(200);
  });

  it("an operator who is not a resident lands on /operatore", async () => {
    const op = OPERATOR_PERSONAS.torinoAnagrafe;
    const login = await loginAs(server.url, { codiceFiscale: op.codiceFiscale });
    expect(new URL(login.finalUrl).pathname).toBe("/operatore");
    expect(login.status).toBe(200);
    expect(login.body).toContain(op.surname);
  });

  it("refuses a level lower than the one asked, with a 4xx page and no session", async () => {
    const result = await tryLoginAs(server.url, {
      codiceFiscale: FAMIGLIA.codiceFiscale,
      requestLevel: 2,
      level: 1,
    });
    expect(result.acsStatus).toBeGreaterThanOrEqual(400);
    expect(result.acsStatus).toBeLessThan(500);
    expect(result.status).toBe(result.acsStatus);
    expect(result.cookie).toBe("");
    expect(result.body).toContain('lang="it"');
    expect(result.body).toMatch(/livello/i);
  });

  it("accepts a level higher than the one asked", async () => {
    const login = await loginAs(server.url, {
      codiceFiscale: FAMIGLIA.codiceFiscale,
      requestLevel: 1,
      level: 3,
    });
    expect(login.status).toBe(200);
  });

  it.each(["nr19", "nr20", "nr21", "nr22", "nr23", "nr25"] as const)(
    "the SPID error %s ends on a 4xx page in Italian",
    async (code: SpidErrorCode) => {
      const result = await loginError(server.url, code);
      expect(result.acsStatus).toBeGreaterThanOrEqual(400);
      expect(result.acsStatus).toBeLessThan(500);
      expect(result.status).toBe(result.acsStatus);
      expect(result.body).toContain('lang="it"');
      expect(result.body).toContain(code);
      expect(result.body).toContain("Riprova");
    },
  );

  it("'Esci da tutti i servizi' on the demo IdP ends the portal session (IdP-initiated logout)", async () => {
    const login = await loginAs(server.url, { codiceFiscale: FAMIGLIA.codiceFiscale });
    expect(login.idpCookie).toMatch(/^demo_idp_sessione=/);
    const home = await request(server.url, login.idpCookie, "/demo-idp/");
    expect(home.body).toContain("Esci da tutti i servizi");

    const out = await idpLogout(server.url, login.idpCookie);
    const paths = out.visited.map((u) => new URL(u).pathname);
    expect(paths).toEqual(["/demo-idp/logout", "/saml/slo", "/demo-idp/slo"]);
    expect(out.status).toBe(200);
    expect(out.body).toContain("Sei uscito da tutti i servizi");

    const after = await request(server.url, login.cookie, "/area-personale");
    expect([302, 303]).toContain(after.status);
  });

  it("the demo IdP refuses an unknown codice fiscale on its page (400, Italian)", async () => {
    await expect(loginAs(server.url, { codiceFiscale: "ZZZZZZ00A01L219X" })).rejects.toThrow(
      /HTTP 400[\s\S]*codice fiscale/i,
    );
  });
});

/**
 * Two server processes on one data directory and database, as behind a load balancer: both are
 * started with the same PUBLIC_URL (A's address), so the SP's entityID, ACS URL and the demo
 * IdP's entityID are the same in both, and they share keys and secrets from the data directory.
 * The login starts on A (which stores the request), the IdP's page is answered by B, the answer is
 * POSTed to B's ACS at its own address, and the session opened by B is used on A.
 */
describe("two server processes on one database", () => {
  let a: TestServer;
  let b: TestServer;
  beforeAll(async () => {
    a = await startServer({ env: LOGIN_TEST_ENV });
    b = await startServer({ dataDir: a.dataDir, env: { ...LOGIN_TEST_ENV, PUBLIC_URL: a.url } });
  });
  afterAll(async () => {
    await b?.stop();
    await a?.stop();
  });

  it.each(["redirect", "post"] as const)(
    "a login started on A completes on B (%s binding)",
    async (binding) => {
      const login = await loginAs(a.url, {
        codiceFiscale: FAMIGLIA.codiceFiscale,
        binding,
        answerVia: b.url,
      });
      expect(login.acsStatus).toBe(303);
      const onA = await request(a.url, login.cookie, "/area-personale");
      expect(onA.status).toBe(200);
      expect(onA.body).toContain(FAMIGLIA.surname);
      const onB = await request(b.url, login.cookie, "/area-personale");
      expect(onB.status).toBe(200);
    },
  );

  it("a logout on B ends the session opened on A", async () => {
    const login = await loginAs(a.url, { codiceFiscale: FAMIGLIA.codiceFiscale });
    const desk = await request(b.url, login.cookie, "/area-personale");
    expect(desk.status).toBe(200);
    const out = await logout(b.url, login.cookie, csrfOf(desk.body, 'action="/saml/logout"'));
    expect(out.status).toBe(200);
    const after = await request(a.url, login.cookie, "/area-personale");
    expect([302, 303]).toContain(after.status);
  });
});

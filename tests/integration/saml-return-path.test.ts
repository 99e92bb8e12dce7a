/**
 * Issue 10, item 2: no open redirect after the login. A hostile `next` on /saml/login, a hostile
 * RelayState at the ACS, or a hostile return path already stored with the request must all end on
 * a same-origin path that starts with a single "/".
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PERSONAS } from "../../db/seed/personas";
import { ISSUE_PAYLOADS, OPEN_REDIRECT_PAYLOADS, isSameOriginPath } from "../support/open-redirect-payloads";
import { readDb } from "../support/db";
import { loginAs, tryLoginAs } from "../support/saml-client";
import { startServer, type TestServer } from "../support/server";
import {
  TEST_IDP_CODICE_FISCALE,
  buildResponse,
  postToAcs,
  sessionCookie,
  setUpTestIdp,
  signAssertion,
  startLogin,
  type KeyPair,
} from "../support/spid-test-idp";

let server: TestServer;
let idp: KeyPair;

beforeAll(async () => {
  const idpDir = fs.mkdtempSync(path.join(os.tmpdir(), "portal-idps-"));
  idp = await setUpTestIdp(idpDir);
  server = await startServer({ env: { SAML_IDP_DIR: idpDir, RATE_LIMIT_FACTOR: "100" } });
});

afterAll(async () => {
  await server?.stop();
});

/** The nastiest: the three of the issue, and the encoded, backslash and whitespace variants. */
const NASTIEST = [
  ...ISSUE_PAYLOADS,
  "/%2E%2E//evil.example",
  "/area-personale/../..//evil.example",
  "/%252e%252e//evil.example",
  "/%2f%2fevil.example",
  "/\\evil.example",
  "\\/\\/evil.example",
  "/\t/evil.example",
  "/\r\n/evil.example",
  "https:evil.example",
  "javascript:alert(1)",
];

function expectSameOrigin(location: string | null) {
  expect(location).not.toBeNull();
  expect(isSameOriginPath(location!, server.url), location!).toBe(true);
  expect(new URL(location!, server.url).origin).toBe(new URL(server.url).origin);
}

describe("the return path after a login stays on the portal", () => {
  it.each(NASTIEST.map((p) => [JSON.stringify(p), p]))(
    "next=%s: the ACS answers with a same-origin path",
    async (_label, next) => {
      const { location, cookie } = await loginAs(server.url, {
        codiceFiscale: TEST_IDP_CODICE_FISCALE,
        testIdp: idp,
        next,
      });
      expect(cookie).toMatch(/^sid=/);
      expectSameOrigin(location);
      // Nothing of the hostile path survives: the login lands on the default page.
      expect(location).toBe("/area-personale");
    },
  );

  it("every payload of the list, as next, ends on a same-origin path", async () => {
    for (const next of OPEN_REDIRECT_PAYLOADS) {
      const { location } = await loginAs(server.url, {
        codiceFiscale: TEST_IDP_CODICE_FISCALE,
        testIdp: idp,
        next,
      });
      expectSameOrigin(location);
    }
  });

  it("a harmless next is still honoured", async () => {
    const { location } = await loginAs(server.url, {
      codiceFiscale: TEST_IDP_CODICE_FISCALE,
      testIdp: idp,
      next: "/area-personale/anagrafe?vista=famiglia",
    });
    expect(location).toBe("/area-personale/anagrafe?vista=famiglia");
  });

  it.each(ISSUE_PAYLOADS.map((p) => [p]))(
    "next=%s through the demo IdP (samlify), POST binding: the browser ends on the portal",
    async (next) => {
      const result = await tryLoginAs(server.url, {
        codiceFiscale: PERSONAS.famiglia.codiceFiscale,
        next,
        binding: "post",
      });
      expect(result.acsStatus).toBe(303);
      expect(result.cookie).toMatch(/^sid=/);
      expect(new URL(result.finalUrl).origin).toBe(new URL(server.url).origin);
      expect(new URL(result.finalUrl).pathname).toBe("/area-personale");
      expect(result.status).toBe(200);
    },
  );
});

describe("RelayState at the ACS", () => {
  it.each(NASTIEST.map((p) => [JSON.stringify(p), p]))(
    "RelayState=%s instead of the request's: refused with a 4xx page, no redirect, no session",
    async (_label, relayState) => {
      const login = await startLogin(server.url);
      const { xml } = buildResponse({
        acsUrl: `${server.url}/saml/acs`,
        spEntityId: `${server.url}/saml/metadata`,
        requestId: login.requestId,
      });
      const res = await postToAcs(server.url, signAssertion(xml, idp), relayState);
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(res.location).toBeNull();
      expect(sessionCookie(res.setCookie)).toBeNull();
      expect(res.body).toContain('lang="it"');
      expect(res.body).toContain("RelayState");
    },
  );

  it.each(ISSUE_PAYLOADS.map((p) => [p]))(
    "a return path %s stored with the request (as an older version did) is not followed",
    async (payload) => {
      const login = await startLogin(server.url);
      const changed = await readDb(server.dbFile, (db) =>
        db.run("update saml_requests set return_to = ? where relay_state = ?", payload, login.relayState),
      );
      expect(changed).toBe(1);
      const { xml } = buildResponse({
        acsUrl: `${server.url}/saml/acs`,
        spEntityId: `${server.url}/saml/metadata`,
        requestId: login.requestId,
      });
      const res = await postToAcs(server.url, signAssertion(xml, idp), login.relayState);
      expect(res.status).toBe(303);
      expectSameOrigin(res.location);
      expect(res.location).toBe("/area-personale");
    },
  );
});

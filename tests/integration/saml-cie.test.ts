/**
 * "Entra con CIE" against a scripted CieID (its metadata in SAML_CIE_IDP_DIR, beside a SPID test
 * IdP): the login page, CIE's own metadata, the AuthnRequest, what the ACS accepts and refuses
 * under CIE's rules, what the session and the access log record, and the logout.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { DOMParser } from "@xmldom/xmldom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readDb } from "../support/db";
import { csrfOf, pageText, send } from "../support/http";
import { startServer, type TestServer } from "../support/server";
import {
  CIE_TEST_IDP,
  SPID_TEST_IDP,
  buildResponse,
  newKeyPair,
  postToAcs,
  sessionCookie,
  setUpTestIdp,
  signAssertion,
  signResponse,
  startLogin,
  type KeyPair,
  type ResponseSpec,
} from "../support/spid-test-idp";

const CIE_NS = "https://www.cartaidentita.interno.gov.it/saml-extensions";

let server: TestServer;
let cie: KeyPair;
let citizen: { codice_fiscale: string; name: string; surname: string; birth_date: string };

beforeAll(async () => {
  const spidDir = fs.mkdtempSync(path.join(os.tmpdir(), "portal-idps-"));
  const cieDir = fs.mkdtempSync(path.join(os.tmpdir(), "portal-cie-"));
  [, cie] = await Promise.all([setUpTestIdp(spidDir, SPID_TEST_IDP), setUpTestIdp(cieDir, CIE_TEST_IDP)]);
  server = await startServer({
    env: { SAML_IDP_DIR: spidDir, SAML_CIE_IDP_DIR: cieDir, RATE_LIMIT_FACTOR: "100" },
  });
  citizen = (await readDb(server.dbFile, (db) =>
    db.get("select codice_fiscale, name, surname, birth_date from citizens order by id limit 1"),
  )) as typeof citizen;
});

afterAll(async () => {
  await server?.stop();
});

/** CieID's answer to a login started on the portal: both Response and Assertion signed. */
async function cieAnswer(
  spec: (requestId: string) => Partial<ResponseSpec> = () => ({}),
  opts: { level?: number; signResponse?: boolean; keys?: KeyPair } = {},
) {
  const keys = opts.keys ?? cie;
  const login = await startLogin(server.url, { idp: CIE_TEST_IDP, level: opts.level ?? 2 });
  const extra = spec(login.requestId);
  const { xml } = buildResponse({
    acsUrl: `${server.url}/saml/acs`,
    spEntityId: `${server.url}/saml/metadata`,
    requestId: login.requestId,
    idpEntityId: CIE_TEST_IDP.entityId,
    responseIssuerFormat: null,
    authnContextClassRef: "https://www.spid.gov.it/SpidL3",
    attributes: {
      name: citizen.name,
      familyName: citizen.surname,
      dateOfBirth: citizen.birth_date,
      fiscalNumber: `TINIT-${citizen.codice_fiscale}`,
    },
    ...extra,
  });
  const withAssertion = extra.assertionCount === 0 ? xml : signAssertion(xml, keys);
  const signed = opts.signResponse === false ? withAssertion : signResponse(withAssertion, keys);
  return { login, acs: await postToAcs(server.url, signed, login.relayState) };
}

const sessionRows = () =>
  readDb(server.dbFile, (db) =>
    db.all<{ credential: string; spid_level: number; idp_entity_id: string }>(
      "select credential, spid_level, idp_entity_id from sessions",
    ),
  );

describe("the login page", () => {
  it("offers Entra con CIE beside Entra con SPID, and CieID is not in SPID's list", async () => {
    const page = await send(`${server.url}/saml/login?next=%2Farea-personale%2Fpagamenti`);
    expect(page.status).toBe(200);
    expect(page.text).toContain("Entra con SPID");
    expect(page.text).toContain("Entra con CIE");
    const cieLink = /<a class="spid-access-button cie-access" href="([^"]+)"/.exec(page.body)?.[1];
    expect(cieLink?.replace(/&amp;/g, "&")).toBe(
      `/saml/login?idp=${CIE_TEST_IDP.id}&next=%2Farea-personale%2Fpagamenti`,
    );
    const spidList = /<ul class="spid-providers"[\s\S]*?<\/ul>/.exec(page.body)![0];
    expect(spidList).toContain(SPID_TEST_IDP.name);
    expect(spidList).not.toContain(`idp=${CIE_TEST_IDP.id}`);
  });
});

describe("CIE metadata and request", () => {
  it("serves CIE's own metadata for the same entity, with the cie: extensions", async () => {
    const res = await send(`${server.url}/saml/metadata/cie`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/samlmetadata\+xml/);
    const doc = new DOMParser().parseFromString(res.body, "text/xml");
    expect(doc.documentElement.getAttribute("entityID")).toBe(`${server.url}/saml/metadata`);
    expect(doc.getElementsByTagNameNS(CIE_NS, "Municipality")[0]?.textContent).toBe("L219");
    expect(res.body).not.toContain("spidCode");
    const spid = await send(`${server.url}/saml/metadata`);
    expect(spid.body).toContain("spidCode");
  });

  it("asks CieID with ForceAuthn even at level 1, and remembers the request", async () => {
    const login = await startLogin(server.url, { idp: CIE_TEST_IDP, level: 1 });
    expect(login.location.startsWith(`${CIE_TEST_IDP.sso}?`)).toBe(true);
    expect(login.requestXml).toMatch(/ForceAuthn="true"/);
    expect(login.requestXml).toContain("https://www.spid.gov.it/SpidL1");
    expect(login.requestXml).toMatch(/AttributeConsumingServiceIndex="0"/);
    const row = await readDb(server.dbFile, (db) =>
      db.get<{ idp_entity_id: string }>(
        "select idp_entity_id from saml_requests where id = ?",
        login.requestId,
      ),
    );
    expect(row?.idp_entity_id).toBe(CIE_TEST_IDP.entityId);
  });
});

describe("the ACS under CIE's rules", () => {
  it("opens a CIE session, logs the credential, and the Scrivania says how the citizen entered", async () => {
    const before = (await sessionRows()).length;
    const { acs } = await cieAnswer();
    expect(acs.status).toBe(303);
    const cookie = sessionCookie(acs.setCookie)!;
    expect(cookie).toBeTruthy();
    const rows = await sessionRows();
    expect(rows).toHaveLength(before + 1);
    expect(rows.at(-1)).toMatchObject({
      credential: "cie",
      spid_level: 3,
      idp_entity_id: CIE_TEST_IDP.entityId,
    });
    const audit = await readDb(server.dbFile, (db) =>
      db.get<{ details: string }>(
        "select details from audit_log where action = 'auth.login' order by id desc limit 1",
      ),
    );
    expect(JSON.parse(audit!.details)).toMatchObject({
      credential: "cie",
      level: 3,
      idp: CIE_TEST_IDP.entityId,
    });

    const desk = await send(`${server.url}/area-personale`, { cookie });
    expect(desk.status).toBe(200);
    expect(desk.text).toContain("Identità digitale CIE (Carta d'identità elettronica)");
    expect(desk.text).toContain("CIE livello 3 (la carta e il suo PIN)");
    expect(desk.text).toContain("Vedi i dati ricevuti dalla CIE");
    const data = await send(`${server.url}/area-personale/dati-spid`, { cookie });
    expect(data.status).toBe(200);
    expect(data.text).toContain("Dati ricevuti dalla CIE");
    // The lead names the credential and the level in the area's words.
    expect(data.text).toContain(
      "identità digitale (CIE (Carta d'identità elettronica)) ha trasmesso al portale all'ultimo accesso (CIE livello 3 (la carta e il suo PIN))",
    );
    expect(data.text).toContain(citizen.codice_fiscale);
    const registry = await send(`${server.url}/area-personale/anagrafe`, { cookie });
    expect(registry.text).toContain("Vedi i dati ricevuti dalla CIE");
    expect(registry.text).not.toContain("ricevuti da SPID");
  });

  it("refuses with 403 an answer whose Response is not signed, and opens no session", async () => {
    const before = (await sessionRows()).length;
    const { acs } = await cieAnswer(undefined, { signResponse: false });
    expect(acs.status).toBe(403);
    expect(acs.contentType).toMatch(/text\/html/);
    expect(acs.body).toContain("La risposta non è firmata dal gestore di identità.");
    expect(await sessionRows()).toHaveLength(before);
  });

  it("explains CieID's nr23 as an expired or revoked card, in Italian, with 403", async () => {
    const { acs } = await cieAnswer(() => ({
      statusCode: "urn:oasis:names:tc:SAML:2.0:status:Responder",
      statusMessage: "ErrorCode nr23",
      assertionCount: 0,
    }));
    expect(acs.status).toBe(403);
    expect(pageText(acs.body)).toContain("Carta d'identità scaduta o revocata");
    expect(pageText(acs.body)).toContain("Codice di errore: CIE nr23");
  });

  it("refuses a SPID-signed answer for a request made to CieID", async () => {
    const { acs } = await cieAnswer(undefined, { keys: await newKeyPair("idp.prova.example") });
    expect(acs.status).toBe(403);
    expect(sessionCookie(acs.setCookie)).toBeNull();
  });
});

describe("logout of a CIE session", () => {
  it("ends the session here and sends CieID a signed LogoutRequest, waiting for no answer", async () => {
    const { acs } = await cieAnswer();
    const cookie = sessionCookie(acs.setCookie)!;
    const desk = await send(`${server.url}/area-personale`, { cookie });
    const out = await send(`${server.url}/saml/logout`, {
      cookie,
      form: { csrf: csrfOf(desk.body, 'action="/saml/logout"') },
    });
    expect(out.status).toBe(303);
    const location = new URL(out.location!);
    expect(`${location.origin}${location.pathname}`).toBe(CIE_TEST_IDP.slo);
    expect(location.searchParams.get("Signature")).toBeTruthy();
    const request = zlib
      .inflateRawSync(Buffer.from(location.searchParams.get("SAMLRequest")!, "base64"))
      .toString("utf8");
    expect(request).toContain("LogoutRequest");
    const id = /\sID="([^"]+)"/.exec(request)![1];
    const pending = await readDb(server.dbFile, (db) =>
      db.get<{ n: number }>("select count(*) as n from saml_requests where id = ?", id),
    );
    expect(pending?.n).toBe(0);
    const after = await send(`${server.url}/area-personale`, { cookie });
    expect(after.status).toBe(303);
  });
});

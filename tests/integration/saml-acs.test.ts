/**
 * The ACS against crafted IdP responses: every SPID rule (SPID.md §3) refused on its own, with a
 * 4xx Italian page and no session; and the variants SPID allows, accepted.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readDb } from "../support/db";
import { pageText } from "../support/http";
import { startServer, type TestServer } from "../support/server";
import {
  TEST_IDP_ENTITY_ID,
  buildResponse,
  defaultAttributes,
  instant,
  newKeyPair,
  postToAcs,
  randomId,
  sessionCookie,
  setUpTestIdp,
  signAssertion,
  signResponse,
  startLogin,
  type KeyPair,
  type ResponseSpec,
  type StartedLogin,
} from "../support/spid-test-idp";

let server: TestServer;
let idp: KeyPair;
let otherKey: KeyPair;
let knownCitizen: { codice_fiscale: string; name: string };

async function query<T>(sql: string, ...params: unknown[]): Promise<T> {
  const row = await readDb(server.dbFile, (db) => db.get<T>(sql, ...params));
  if (row === undefined) throw new Error(`no row: ${sql}`);
  return row;
}
const sessionCount = async () => (await query<{ n: number }>("select count(*) as n from sessions")).n;

beforeAll(async () => {
  const idpDir = fs.mkdtempSync(path.join(os.tmpdir(), "portal-idps-"));
  [idp, otherKey] = await Promise.all([setUpTestIdp(idpDir), newKeyPair("altro.example")]);
  server = await startServer({ env: { SAML_IDP_DIR: idpDir, RATE_LIMIT_FACTOR: "100" } });
  knownCitizen = await query("select codice_fiscale, name from citizens order by id limit 1");
});

afterAll(async () => {
  await server?.stop();
});

interface Ctx {
  login: StartedLogin;
  base: ResponseSpec;
}

function baseSpec(login: StartedLogin): ResponseSpec {
  return {
    acsUrl: `${server.url}/saml/acs`,
    spEntityId: `${server.url}/saml/metadata`,
    requestId: login.requestId,
  };
}

const minutes = (n: number) => n * 60_000;
const beforeRequest = (ctx: Ctx) => new Date(Date.parse(ctx.login.issueInstant) - minutes(10)).toISOString();
const signed = (spec: ResponseSpec) => signAssertion(buildResponse(spec).xml, idp);

interface RejectCase {
  name: string;
  level?: number;
  spec?: (ctx: Ctx) => Partial<ResponseSpec>;
  craft?: (ctx: Ctx) => string;
  relayState?: (ctx: Ctx) => string | null;
  /** Text that must appear on the page. */
  says?: string;
  status?: 400 | 403;
}

const SPID_ERRORS: Array<[string, string]> = [
  ["nr19", "Credenziali errate troppe volte"],
  ["nr20", "Livello di sicurezza non disponibile"],
  ["nr21", "Tempo scaduto"],
  ["nr22", "Consenso non dato"],
  ["nr23", "Identità SPID sospesa o revocata"],
  ["nr25", "Accesso annullato"],
];

const wrap = (ctx: Ctx, mode: "extensions" | "nested") => {
  const good = signed({ ...ctx.base });
  const original = /<saml:Assertion[\s\S]*<\/saml:Assertion>/.exec(good)![0];
  const forged = original.replace(/GDASDV00A01H501J/, "RSSMRA80A01H501U");
  if (mode === "extensions") {
    // Forged copy in place (same ID, copied signature), the signed original hidden in Extensions.
    return good
      .replace(original, forged)
      .replace("<samlp:Status>", `<samlp:Extensions>${original}</samlp:Extensions><samlp:Status>`);
  }
  // Forged assertion with its own ID that carries the original signature and, inside, the original.
  const forgedOwnId =
    forged.replace(/ID="[^"]+"/, `ID="${randomId()}"`).replace("</saml:Assertion>", "") +
    `<saml:Advice>${original}</saml:Advice></saml:Assertion>`;
  return good.replace(original, forgedOwnId);
};

const REJECTED: RejectCase[] = [
  // Response level
  { name: "Response senza ID", spec: () => ({ responseId: null }) },
  { name: "Response con Version 1.0", spec: () => ({ responseVersion: "1.0" }) },
  { name: "Response senza Version", spec: () => ({ responseVersion: null }) },
  { name: "Response senza IssueInstant", spec: () => ({ responseIssueInstant: null }) },
  {
    name: "Response con IssueInstant malformato",
    spec: () => ({ responseIssueInstant: "26/11/2026 10:00" }),
  },
  {
    name: "Response con IssueInstant senza fuso UTC",
    spec: () => ({ responseIssueInstant: "2026-11-26T10:00:00" }),
  },
  {
    name: "Response con IssueInstant precedente alla richiesta",
    spec: (c) => ({ responseIssueInstant: beforeRequest(c) }),
  },
  {
    name: "Response con IssueInstant nel futuro",
    spec: () => ({ responseIssueInstant: instant(minutes(10)) }),
  },
  { name: "Response senza InResponseTo", spec: () => ({ inResponseTo: null }) },
  {
    name: "Response con InResponseTo sconosciuto",
    spec: () => ({ inResponseTo: randomId() }),
    says: "Richiesta di accesso non trovata",
  },
  { name: "Response senza Destination", spec: () => ({ destination: null }) },
  {
    name: "Response con Destination diversa dall'ACS",
    spec: () => ({ destination: "https://altro.example/saml/acs" }),
  },
  { name: "Response senza StatusCode", spec: () => ({ statusCode: null }) },
  {
    name: "Response con StatusCode Responder senza codice SPID",
    spec: () => ({ statusCode: "urn:oasis:names:tc:SAML:2.0:status:Responder" }),
    status: 403,
  },
  { name: "Response senza Issuer", spec: () => ({ responseIssuer: null }) },
  {
    name: "Response con Issuer di un altro IdP",
    spec: () => ({ responseIssuer: "https://altro-idp.example" }),
  },
  {
    name: "Response con Issuer Format non entity",
    spec: () => ({ responseIssuerFormat: "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified" }),
  },
  {
    name: "Response senza Assertion",
    spec: () => ({ assertionCount: 0 }),
    craft: (c) => buildResponse({ ...c.base, assertionCount: 0 }).xml,
  },
  { name: "Response con due Assertion", spec: () => ({ assertionCount: 2 }) },
  { name: "RelayState diverso da quello della richiesta", relayState: () => "altro-relay-state" },
  // Signatures
  {
    name: "Assertion non firmata (Response firmata)",
    craft: (c) => signResponse(buildResponse(c.base).xml, idp),
    status: 403,
  },
  { name: "Assertion e Response non firmate", craft: (c) => buildResponse(c.base).xml, status: 403 },
  {
    name: "Assertion firmata con un'altra chiave (certificato incluso)",
    craft: (c) => signAssertion(buildResponse(c.base).xml, otherKey),
    status: 403,
  },
  {
    name: "Response e Assertion firmate con un'altra chiave",
    craft: (c) => signResponse(signAssertion(buildResponse(c.base).xml, otherKey), otherKey),
    status: 403,
  },
  {
    name: "Assertion modificata dopo la firma",
    craft: (c) => signed(c.base).replace("GDASDV00A01H501J", "RSSMRA80A01H501U"),
    status: 403,
  },
  {
    name: "XML signature wrapping: originale firmata in Extensions",
    craft: (c) => wrap(c, "extensions"),
    status: 403,
  },
  {
    name: "XML signature wrapping: originale annidata nell'asserzione falsa",
    craft: (c) => wrap(c, "nested"),
    status: 403,
  },
  // Assertion level
  { name: "Assertion senza ID", spec: () => ({ assertionId: null }) },
  { name: "Assertion con Version 1.0", spec: () => ({ assertionVersion: "1.0" }) },
  { name: "Assertion senza Version", spec: () => ({ assertionVersion: null }) },
  { name: "Assertion senza IssueInstant", spec: () => ({ assertionIssueInstant: null }) },
  { name: "Assertion con IssueInstant malformato", spec: () => ({ assertionIssueInstant: "ieri" }) },
  {
    name: "Assertion con IssueInstant precedente alla richiesta",
    spec: (c) => ({ assertionIssueInstant: beforeRequest(c) }),
  },
  {
    name: "Assertion con IssueInstant nel futuro",
    spec: () => ({ assertionIssueInstant: instant(minutes(10)) }),
  },
  { name: "Assertion senza Subject", spec: () => ({ subject: false }) },
  { name: "Subject senza NameID", spec: () => ({ nameId: null }) },
  { name: "NameID vuoto", spec: () => ({ nameId: "" }) },
  { name: "NameID senza Format", spec: () => ({ nameIdFormat: null }) },
  {
    name: "NameID con Format persistent",
    spec: () => ({ nameIdFormat: "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent" }),
  },
  { name: "NameID senza NameQualifier", spec: () => ({ nameQualifier: null }) },
  { name: "Senza SubjectConfirmation", spec: () => ({ subjectConfirmation: false }) },
  { name: "SubjectConfirmation senza Method", spec: () => ({ subjectConfirmationMethod: null }) },
  {
    name: "SubjectConfirmation con Method non bearer",
    spec: () => ({ subjectConfirmationMethod: "urn:oasis:names:tc:SAML:2.0:cm:holder-of-key" }),
  },
  { name: "Senza SubjectConfirmationData", spec: () => ({ subjectConfirmationData: false }) },
  { name: "SubjectConfirmationData senza Recipient", spec: () => ({ recipient: null }) },
  {
    name: "SubjectConfirmationData con Recipient diverso",
    spec: () => ({ recipient: "https://altro.example/saml/acs" }),
  },
  { name: "SubjectConfirmationData senza InResponseTo", spec: () => ({ scdInResponseTo: null }) },
  { name: "SubjectConfirmationData con InResponseTo diverso", spec: () => ({ scdInResponseTo: randomId() }) },
  { name: "SubjectConfirmationData senza NotOnOrAfter", spec: () => ({ scdNotOnOrAfter: null }) },
  {
    name: "SubjectConfirmationData con NotOnOrAfter malformato",
    spec: () => ({ scdNotOnOrAfter: "domani" }),
  },
  {
    name: "SubjectConfirmationData con NotOnOrAfter passato",
    spec: () => ({ scdNotOnOrAfter: instant(-minutes(10)) }),
  },
  { name: "Assertion senza Issuer", spec: () => ({ assertionIssuer: null }) },
  {
    name: "Assertion con Issuer di un altro IdP",
    spec: () => ({ assertionIssuer: "https://altro-idp.example" }),
  },
  { name: "Assertion con Issuer senza Format", spec: () => ({ assertionIssuerFormat: null }) },
  {
    name: "Assertion con Issuer Format non entity",
    spec: () => ({ assertionIssuerFormat: "urn:oasis:names:tc:SAML:2.0:nameid-format:transient" }),
  },
  { name: "Senza Conditions", spec: () => ({ conditions: false }) },
  { name: "Conditions senza NotBefore", spec: () => ({ notBefore: null }) },
  { name: "Conditions con NotBefore malformato", spec: () => ({ notBefore: "2026-11-26" }) },
  { name: "Conditions con NotBefore nel futuro", spec: () => ({ notBefore: instant(minutes(10)) }) },
  { name: "Conditions senza NotOnOrAfter", spec: () => ({ notOnOrAfter: null }) },
  { name: "Conditions con NotOnOrAfter malformato", spec: () => ({ notOnOrAfter: "2026-13-45T25:61:00Z" }) },
  { name: "Conditions con NotOnOrAfter passato", spec: () => ({ notOnOrAfter: instant(-minutes(10)) }) },
  { name: "Senza AudienceRestriction", spec: () => ({ audienceRestriction: false }) },
  { name: "AudienceRestriction senza Audience", spec: () => ({ audience: null }) },
  { name: "Audience di un altro SP", spec: () => ({ audience: "https://altro-sp.example/metadata" }) },
  { name: "Senza AuthnStatement", spec: () => ({ authnStatement: false }) },
  { name: "AuthnContextClassRef assente", spec: () => ({ authnContextClassRef: null }) },
  {
    name: "AuthnContextClassRef non SPID",
    spec: () => ({ authnContextClassRef: "urn:oasis:names:tc:SAML:2.0:ac:classes:Password" }),
  },
  {
    name: "AuthnContextClassRef nella vecchia forma urn:oasis SpidL1",
    level: 1,
    spec: () => ({ authnContextClassRef: "urn:oasis:names:tc:SAML:2.0:ac:classes:SpidL1" }),
  },
  {
    name: "Livello SpidL1 quando era richiesto SpidL2",
    level: 2,
    spec: () => ({ authnContextClassRef: "https://www.spid.gov.it/SpidL1" }),
    says: "Livello di sicurezza insufficiente",
    status: 403,
  },
  {
    name: "Livello SpidL2 quando era richiesto SpidL3",
    level: 3,
    spec: () => ({ authnContextClassRef: "https://www.spid.gov.it/SpidL2" }),
    status: 403,
  },
  { name: "AttributeStatement senza attributi", spec: () => ({ attributes: {} }) },
  {
    name: "Attribute senza AttributeValue",
    spec: () => ({ attributes: { ...defaultAttributes(), email: null } }),
  },
  // The person
  {
    name: "Codice fiscale non valido",
    spec: () => ({ fiscalNumber: "TINIT-RSSMRA80A01H501X" }),
    says: "Codice fiscale non valido",
  },
  {
    name: "fiscalNumber senza il prefisso TINIT-",
    spec: () => ({ fiscalNumber: "GDASDV00A01H501J" }),
    says: "prefisso TINIT-",
  },
  {
    name: "fiscalNumber con un prefisso diverso da TINIT-",
    spec: () => ({ fiscalNumber: "TINFR-GDASDV00A01H501J" }),
    says: "prefisso TINIT-",
  },
  {
    name: "fiscalNumber con il prefisso in minuscolo",
    spec: () => ({ fiscalNumber: "tinit-GDASDV00A01H501J" }),
    says: "prefisso TINIT-",
  },
  {
    name: "fiscalNumber assente",
    spec: () => ({ attributes: { name: "Guido", familyName: "Da Silva" } }),
    says: "Codice fiscale non valido",
  },
  // Transport
  { name: "XML con DOCTYPE", craft: (c) => `<!DOCTYPE r [<!ENTITY x "y">]>` + signed(c.base) },
  { name: "Messaggio che non è XML", craft: () => "questa non è una risposta SAML" },
  // SPID error codes
  ...SPID_ERRORS.map(([code, title]): RejectCase => ({
    name: `Errore SPID ${code}`,
    craft: (c) =>
      signResponse(
        buildResponse({
          ...c.base,
          statusCode: "urn:oasis:names:tc:SAML:2.0:status:Responder",
          statusMessage: `ErrorCode ${code}`,
          assertionCount: 0,
        }).xml,
        idp,
      ),
    says: title,
    status: 403,
  })),
];

async function expectRefused(
  res: Awaited<ReturnType<typeof postToAcs>>,
  before: number,
  c: Pick<RejectCase, "says" | "status">,
) {
  expect(res.status, res.body.slice(0, 300)).toBeGreaterThanOrEqual(400);
  expect(res.status).toBeLessThan(500);
  if (c.status) expect(res.status).toBe(c.status);
  expect(res.location).toBeNull();
  expect(sessionCookie(res.setCookie)).toBeNull();
  expect(res.contentType).toMatch(/text\/html/);
  expect(res.body).toContain('lang="it"');
  expect(res.body).toContain("Riprova");
  if (c.says) expect(res.body).toContain(c.says);
  expect(await sessionCount()).toBe(before);
}

describe("ACS: responses that must be refused", () => {
  it.each(REJECTED.map((c) => [c.name, c] as const))("%s", async (_name, c) => {
    const login = await startLogin(server.url, { level: c.level ?? 2 });
    const ctx: Ctx = { login, base: baseSpec(login) };
    const xml = c.craft ? c.craft(ctx) : signed({ ...ctx.base, ...c.spec?.(ctx) });
    const before = await sessionCount();
    const res = await postToAcs(server.url, xml, c.relayState ? c.relayState(ctx) : login.relayState);
    await expectRefused(res, before, c);
  });

  it("Response già usata (replay della stessa risposta)", async () => {
    const login = await startLogin(server.url);
    const xml = signed(baseSpec(login));
    const first = await postToAcs(server.url, xml, login.relayState);
    expect(first.status).toBe(303);
    const before = await sessionCount();
    const again = await postToAcs(server.url, xml, login.relayState);
    await expectRefused(again, before, { says: "Richiesta di accesso non trovata" });
  });

  it("Assertion con un ID già usato (replay su una nuova richiesta)", async () => {
    const first = await startLogin(server.url);
    const assertionId = randomId();
    const ok = await postToAcs(server.url, signed({ ...baseSpec(first), assertionId }), first.relayState);
    expect(ok.status).toBe(303);
    const second = await startLogin(server.url);
    const before = await sessionCount();
    const res = await postToAcs(server.url, signed({ ...baseSpec(second), assertionId }), second.relayState);
    await expectRefused(res, before, { says: "Risposta già utilizzata", status: 403 });
  });

  it("Richiesta scaduta o mai inviata: risposta senza richiesta", async () => {
    const login = await startLogin(server.url);
    const before = await sessionCount();
    const res = await postToAcs(server.url, signed({ ...baseSpec(login), requestId: randomId() }), null);
    await expectRefused(res, before, {});
  });

  it("Una risposta rifiutata consuma la richiesta: la risposta giusta dopo non passa", async () => {
    const login = await startLogin(server.url);
    const bad = await postToAcs(
      server.url,
      signed({ ...baseSpec(login), destination: null }),
      login.relayState,
    );
    expect(bad.status).toBe(400);
    const before = await sessionCount();
    const good = await postToAcs(server.url, signed(baseSpec(login)), login.relayState);
    await expectRefused(good, before, {});
  });

  it("POST all'ACS senza SAMLResponse", async () => {
    const before = await sessionCount();
    const res = await fetch(`${server.url}/saml/acs`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "RelayState=abc",
    });
    expect(res.status).toBe(400);
    expect(res.headers.get("set-cookie")).toBeNull();
    expect(await res.text()).toContain('lang="it"');
    expect(await sessionCount()).toBe(before);
  });
});

interface AcceptCase {
  name: string;
  level?: number;
  next?: string;
  craft: (ctx: Ctx) => string;
  location?: string;
  /** Checked on the page the redirect leads to. */
  page?: (body: string) => void;
}

const ACCEPTED: AcceptCase[] = [
  { name: "Response non firmata con Assertion firmata", craft: (c) => signed(c.base) },
  { name: "Response firmata e Assertion firmata", craft: (c) => signResponse(signed(c.base), idp) },
  {
    name: "Issuer della Response senza Format",
    craft: (c) => signed({ ...c.base, responseIssuerFormat: null }),
  },
  { name: "Attributi senza NameFormat", craft: (c) => signed({ ...c.base, attributeNameFormat: false }) },
  {
    name: "IssueInstant con millisecondi",
    craft: (c) => signed({ ...c.base, responseIssueInstant: instant(0), assertionIssueInstant: instant(0) }),
  },
  {
    name: "Livello SpidL3 quando era richiesto SpidL2",
    craft: (c) => signed({ ...c.base, authnContextClassRef: "https://www.spid.gov.it/SpidL3" }),
  },
  {
    name: "Livello SpidL1 chiesto e ottenuto",
    level: 1,
    craft: (c) => signed({ ...c.base, authnContextClassRef: "https://www.spid.gov.it/SpidL1" }),
  },
  {
    name: "Ritorno alla pagina chiesta (next)",
    next: "/area-personale/dati-spid",
    location: "/area-personale/dati-spid",
    craft: (c) => signed(c.base),
  },
  {
    name: "Codice fiscale valido ma sconosciuto all'anagrafe: area personale vuota e onesta",
    craft: (c) => signed({ ...c.base, fiscalNumber: "TINIT-GDASDV00A01H501J" }),
    // The visible text: the page also carries its messages for the browser, shown or not.
    page: (body) => expect(pageText(body)).toMatch(/Non risultano (ancora )?dati a tuo nome/),
  },
  {
    name: "Cittadino presente in anagrafe",
    craft: (c) =>
      signed({
        ...c.base,
        attributes: { ...defaultAttributes(`TINIT-${knownCitizen.codice_fiscale}`), name: knownCitizen.name },
      }),
    page: (body) => {
      expect(body).toContain(knownCitizen.name);
      expect(pageText(body)).not.toMatch(/Non risultano (ancora )?dati a tuo nome/);
    },
  },
];

describe("ACS: variants SPID allows", () => {
  it.each(ACCEPTED.map((c) => [c.name, c] as const))("%s", async (_name, c) => {
    const login = await startLogin(server.url, { level: c.level, next: c.next });
    const before = await sessionCount();
    const res = await postToAcs(server.url, c.craft({ login, base: baseSpec(login) }), login.relayState);
    expect(res.status, res.body.slice(0, 500)).toBe(303);
    expect(res.location).toBe(c.location ?? "/area-personale");
    const cookie = sessionCookie(res.setCookie);
    expect(cookie).toMatch(/^sid=/);
    expect(res.setCookie).toMatch(/HttpOnly/i);
    expect(res.setCookie).toMatch(/SameSite=Lax/i);
    expect(await sessionCount()).toBe(before + 1);
    const session = await query<{ idp_entity_id: string; name_id_format: string }>(
      "select idp_entity_id, name_id_format from sessions order by created_at desc limit 1",
    );
    expect(session.idp_entity_id).toBe(TEST_IDP_ENTITY_ID);
    if (c.page) {
      const page = await fetch(`${server.url}/area-personale`, {
        headers: { Cookie: cookie! },
        redirect: "manual",
      });
      expect(page.status).toBe(200);
      c.page(await page.text());
    }
  });
});

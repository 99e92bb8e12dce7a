// The demo IdP on its own, against node-saml (the library the portal's SP is built on): signed
// requests in both bindings, the SPID shape and signatures of its answers, errors and logout.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import express from "express";
import { pino } from "pino";
import { SAML, ValidateInResponseTo } from "@node-saml/node-saml";
import { SignedXml } from "xml-crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Config } from "../../app/env.server";
import { checkCharacter } from "../../app/rules/codice-fiscale";
import { OPERATOR_PERSONAS, PERSONAS } from "../../db/seed/personas";
import { openTestDatabase, type TestDatabase } from "../../tests/support/test-database";
import { BINDING, NS } from "../constants";
import { certBody, ensureKeyPair } from "../keys";
import { createDemoIdp, type DemoIdp } from "./index";
import { parseXml } from "./xml";

// Every exchange runs the schema validator (WebAssembly xmllint): slow on a busy machine.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

const FAMIGLIA = PERSONAS.famiglia;
const ANAGRAFE = OPERATOR_PERSONAS.torinoAnagrafe;
const CITIZEN_CF = FAMIGLIA.codiceFiscale;
const OPERATOR_CF = ANAGRAFE.codiceFiscale;

let dir: string;
let handle: TestDatabase;
let server: Server;
let base: string;
let idp: DemoIdp;
let sp: { key: string; cert: string };
let idpCert: string;

const spEntityId = () => `${base}/saml/metadata`;
const acsUrl = () => `${base}/saml/acs`;
const spSloUrl = () => `${base}/saml/slo`;

function spMetadata(): string {
  return `<?xml version="1.0"?>
<md:EntityDescriptor xmlns:md="${NS.metadata}" xmlns:ds="${NS.dsig}" entityID="${spEntityId()}">
<md:SPSSODescriptor AuthnRequestsSigned="true" WantAssertionsSigned="true" protocolSupportEnumeration="${NS.protocol}">
<md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>${certBody(sp.cert)}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>
<md:SingleLogoutService Binding="${BINDING.redirect}" Location="${spSloUrl()}"/>
<md:SingleLogoutService Binding="${BINDING.post}" Location="${spSloUrl()}"/>
<md:NameIDFormat>urn:oasis:names:tc:SAML:2.0:nameid-format:transient</md:NameIDFormat>
<md:AssertionConsumerService index="0" isDefault="true" Binding="${BINDING.post}" Location="${acsUrl()}"/>
</md:SPSSODescriptor>
<md:Organization>
<md:OrganizationName xml:lang="it">Regione Demo</md:OrganizationName>
<md:OrganizationDisplayName xml:lang="it">Fascicolo del cittadino</md:OrganizationDisplayName>
<md:OrganizationURL xml:lang="it">${base}/</md:OrganizationURL>
</md:Organization>
</md:EntityDescriptor>`;
}

function nodeSaml(binding: "redirect" | "post", level = 2): SAML {
  return new SAML({
    entryPoint: idp.ssoUrl,
    logoutUrl: idp.sloUrl,
    issuer: spEntityId(),
    callbackUrl: acsUrl(),
    audience: spEntityId(),
    idpCert,
    idpIssuer: idp.entityId,
    privateKey: sp.key,
    signatureAlgorithm: "sha256",
    identifierFormat: "urn:oasis:names:tc:SAML:2.0:nameid-format:transient",
    authnContext: [`https://www.spid.gov.it/SpidL${level}`],
    racComparison: "minimum",
    forceAuthn: true,
    wantAssertionsSigned: true,
    wantAuthnResponseSigned: true,
    validateInResponseTo: ValidateInResponseTo.always,
    ...(binding === "post" ? { authnRequestBinding: "HTTP-POST", skipRequestCompression: true } : {}),
  });
}

function hidden(html: string, name: string): string | undefined {
  const m = new RegExp(`<input type="hidden" name="${name}" value="([^"]*)"`).exec(html);
  return m
    ? m[1]
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'")
        .replace(/&lt;/g, "<")
        .replace(/&gt;/g, ">")
        .replace(/&amp;/g, "&")
    : undefined;
}

/** Request → login page: returns the page and its pending-request token. */
async function openLoginPage(
  saml: SAML,
  binding: "redirect" | "post",
  relayState = "rs_123",
): Promise<{ html: string; token: string; status: number }> {
  let res: Response;
  if (binding === "redirect") {
    const url = await saml.getAuthorizeUrlAsync(relayState, undefined, {});
    res = await fetch(url, { redirect: "manual" });
  } else {
    const page = await saml.getAuthorizeFormAsync(relayState);
    const samlRequest = /name="SAMLRequest" value="([^"]+)"/.exec(page)![1];
    res = await fetch(idp.ssoUrl, {
      method: "POST",
      body: new URLSearchParams({ SAMLRequest: samlRequest, RelayState: relayState }),
      redirect: "manual",
    });
  }
  const html = await res.text();
  return { html, status: res.status, token: hidden(html, "request") ?? "" };
}

async function submit(
  fields: Record<string, string>,
): Promise<{ status: number; html: string; cookie: string | null }> {
  const res = await fetch(`${base}/demo-idp/login`, {
    method: "POST",
    body: new URLSearchParams(fields),
    redirect: "manual",
  });
  return { status: res.status, html: await res.text(), cookie: res.headers.get("set-cookie") };
}

function verifySignatureOf(xml: string, signature: Element): boolean {
  const sig = new SignedXml({ publicCert: idpCert });
  sig.loadSignature(signature);
  return sig.checkSignature(xml);
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "demo-idp-"));
  handle = await openTestDatabase();
  const now = "2026-01-01T00:00:00Z";
  const entity = await handle.db
    .insertInto("entities")
    .values({
      kind: "comune",
      name: "Comune di Torino",
      fiscal_code: "00514490010",
      ipa_code: "c_l219",
      belfiore: "L219",
      province_code: "TO",
      parent_id: null,
      iban: "IT60X0542811101000000123456",
      postal_account: null,
      segregation_code: "01",
      email: "a@b.it",
      pec: "a@pec.it",
      phone: "0110000000",
      address: "Piazza Palazzo di Città 1",
      website: "https://example.org",
      imu_rate_bp: 106,
      imu_main_home_rate_bp: 60,
      tari_instalments: 3,
      tefa_bp: 500,
      show_operator_names: 0,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const citizen = await handle.db
    .insertInto("citizens")
    .values({
      codice_fiscale: CITIZEN_CF,
      surname: FAMIGLIA.surname,
      name: FAMIGLIA.name,
      sex: FAMIGLIA.sex,
      birth_date: FAMIGLIA.birthDate,
      birth_place: FAMIGLIA.birthPlace,
      birth_belfiore: FAMIGLIA.birthBelfiore,
      birth_province: FAMIGLIA.birthProvince,
      citizenship: "italiana",
      email: "chiara@example.org",
      phone: "333 1234567",
      reminder_channel: "email",
      contacts_updated_at: null,
      created_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await handle.db
    .insertInto("residences")
    .values({
      citizen_id: citizen.id,
      entity_id: entity.id,
      address: "Via Roma 1",
      postal_code: "10121",
      start_date: "2000-01-01",
      end_date: null,
    })
    .execute();
  const op = await handle.db
    .insertInto("operators")
    .values({
      codice_fiscale: OPERATOR_CF,
      entity_id: entity.id,
      office_id: null,
      surname: ANAGRAFE.surname,
      name: ANAGRAFE.name,
      email: "s.bosio@comune.example",
      active: 1,
      created_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await handle.db.insertInto("operator_roles").values({ operator_id: op.id, role: "anagrafe" }).execute();

  sp = await ensureKeyPair({
    keyFile: path.join(dir, "sp-key.pem"),
    certFile: path.join(dir, "sp-cert.pem"),
    commonName: "SP di prova",
  });

  const app = express();
  app.use((_req, res, next) => {
    res.locals.cspNonce = "bm9uY2U=";
    next();
  });
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const config = {
    publicUrl: base,
    dataDir: dir,
    demo: true,
    secure: false,
    demoToday: "2026-11-26",
  } as Config;
  idp = await createDemoIdp({
    db: handle.db,
    config,
    logger: pino({ level: "silent" }),
    root: process.cwd(),
    sp: { entityId: spEntityId(), acsUrl: acsUrl(), sloUrl: spSloUrl(), metadataXml: spMetadata },
  });
  app.use(idp.router);
  idpCert = fs.readFileSync(path.join(dir, "saml", "demo-idp-cert.pem"), "utf8");
});

afterAll(async () => {
  await new Promise((r) => server?.close(r));
  await handle?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("demo IdP metadata", () => {
  it("is signed and declares both SSO bindings, SLO and a signing key", async () => {
    const res = await fetch(`${base}/demo-idp/metadata`);
    expect(res.status).toBe(200);
    const xml = await res.text();
    expect(xml).toBe(idp.metadataXml);
    const root = parseXml(xml).documentElement!;
    expect(root.getAttribute("entityID")).toBe(`${base}/demo-idp/metadata`);
    const sso = root.getElementsByTagNameNS(NS.metadata, "IDPSSODescriptor")[0];
    expect(sso.getAttribute("WantAuthnRequestsSigned")).toBe("true");
    const bindings = Array.from(sso.getElementsByTagNameNS(NS.metadata, "SingleSignOnService")).map((e) =>
      e.getAttribute("Binding"),
    );
    expect(bindings.sort()).toEqual([BINDING.post, BINDING.redirect].sort());
    expect(sso.getElementsByTagNameNS(NS.metadata, "SingleLogoutService").length).toBe(2);
    expect(sso.getElementsByTagNameNS(NS.metadata, "KeyDescriptor")[0].getAttribute("use")).toBe("signing");
    const signature =
      root.firstChild?.nodeType === 1
        ? (root.firstChild as Element)
        : (root.getElementsByTagNameNS(NS.dsig, "Signature")[0] as Element);
    expect(signature.localName).toBe("Signature");
    expect(verifySignatureOf(xml, signature)).toBe(true);
  });
});

describe.each(["redirect", "post"] as const)("login over the %s binding", (binding) => {
  it("shows the login page, then answers a SPID-shaped response node-saml accepts", async () => {
    const saml = nodeSaml(binding);
    const page = await openLoginPage(saml, binding);
    expect(page.status).toBe(200);
    expect(page.html).toContain('<html lang="it">');
    expect(page.html).toContain("Identity provider dimostrativo — solo per prove, nessuna credenziale reale");
    expect(page.html).toContain("Fascicolo del cittadino");
    expect(page.html).toContain("Chiara Martinetti");
    expect(page.html).toContain("Residente a Torino con il marito");
    expect(page.html).toContain("Silvia Bosio");
    expect(page.html).toContain("Operatrice del Comune di Torino (anagrafe)");
    // Seeded people missing from this small database are left out.
    expect(page.html).not.toContain("Federico Colombo");
    expect(page.html).toMatch(/id="livello-2" value="2" checked/);
    expect(page.token).not.toBe("");

    const answer = await submit({ request: page.token, level: "2", persona: CITIZEN_CF });
    expect(answer.status).toBe(200);
    expect(answer.html).toContain(`action="${acsUrl()}"`);
    expect(answer.html).toContain('<script nonce="bm9uY2U=">');
    expect(answer.html).toContain(">Prosegui</button>");
    expect(answer.cookie).toMatch(/demo_idp_sessione=.+HttpOnly; SameSite=Lax/);
    expect(hidden(answer.html, "RelayState")).toBe("rs_123");
    const samlResponse = hidden(answer.html, "SAMLResponse")!;

    const { profile } = await saml.validatePostResponseAsync({ SAMLResponse: samlResponse });
    expect(profile?.fiscalNumber).toBe(`TINIT-${CITIZEN_CF}`);
    expect(profile?.name).toBe("Chiara");
    expect(profile?.familyName).toBe("Martinetti");
    expect(profile?.dateOfBirth).toBe("1986-03-12");
    expect(profile?.placeOfBirth).toBe("L219");
    expect(profile?.countyOfBirth).toBe("TO");
    expect(profile?.gender).toBe("F");
    expect(profile?.mobilePhone).toBe("3331234567");
    expect(profile?.spidCode).toMatch(/^DEMO[0-9A-F]{10}$/);
    expect(profile?.nameQualifier).toBe(idp.entityId);

    // The SPID shape, element by element.
    const xml = Buffer.from(samlResponse, "base64").toString("utf8");
    const doc = parseXml(xml);
    const response = doc.documentElement!;
    expect(response.localName).toBe("Response");
    expect(response.getAttribute("Destination")).toBe(acsUrl());
    expect(response.getAttribute("Version")).toBe("2.0");
    expect(response.getAttribute("InResponseTo")).toMatch(/^_/);
    const assertion = response.getElementsByTagNameNS(NS.assertion, "Assertion")[0];
    const issuers = response.getElementsByTagNameNS(NS.assertion, "Issuer");
    expect(issuers.length).toBe(2);
    for (const issuer of Array.from(issuers)) {
      expect(issuer.getAttribute("Format")).toBe("urn:oasis:names:tc:SAML:2.0:nameid-format:entity");
      expect(issuer.textContent).toBe(idp.entityId);
    }
    const nameId = assertion.getElementsByTagNameNS(NS.assertion, "NameID")[0];
    expect(nameId.getAttribute("Format")).toBe("urn:oasis:names:tc:SAML:2.0:nameid-format:transient");
    expect(nameId.getAttribute("NameQualifier")).toBe(idp.entityId);
    const scd = assertion.getElementsByTagNameNS(NS.assertion, "SubjectConfirmationData")[0];
    expect(scd.getAttribute("Recipient")).toBe(acsUrl());
    expect(scd.getAttribute("InResponseTo")).toBe(response.getAttribute("InResponseTo"));
    const notOnOrAfter = Date.parse(scd.getAttribute("NotOnOrAfter")!);
    expect(notOnOrAfter - Date.now()).toBeGreaterThan(4 * 60_000);
    expect(notOnOrAfter - Date.now()).toBeLessThanOrEqual(5 * 60_000);
    expect(assertion.getElementsByTagNameNS(NS.assertion, "Audience")[0].textContent).toBe(spEntityId());
    const authn = assertion.getElementsByTagNameNS(NS.assertion, "AuthnStatement")[0];
    expect(authn.getAttribute("SessionIndex")).toMatch(/^_/);
    expect(authn.getElementsByTagNameNS(NS.assertion, "AuthnContextClassRef")[0].textContent).toBe(
      "https://www.spid.gov.it/SpidL2",
    );
    const dob = Array.from(assertion.getElementsByTagNameNS(NS.assertion, "Attribute")).find(
      (a) => a.getAttribute("Name") === "dateOfBirth",
    )!;
    expect(
      dob
        .getElementsByTagNameNS(NS.assertion, "AttributeValue")[0]
        .getAttributeNS("http://www.w3.org/2001/XMLSchema-instance", "type"),
    ).toBe("xs:date");

    // Both the assertion and the Response are signed (RSA-SHA256) with the IdP's key.
    const assertionSig = Array.from(assertion.childNodes).find(
      (n) => (n as Element).localName === "Signature",
    ) as Element;
    const responseSig = Array.from(response.childNodes).find(
      (n) => (n as Element).localName === "Signature",
    ) as Element;
    expect(assertionSig.previousSibling && (assertionSig.previousSibling as Element).localName).toBe(
      "Issuer",
    );
    expect(assertionSig.getElementsByTagNameNS(NS.dsig, "SignatureMethod")[0].getAttribute("Algorithm")).toBe(
      "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
    );
    expect(assertionSig.getElementsByTagNameNS(NS.dsig, "Reference")[0].getAttribute("URI")).toBe(
      `#${assertion.getAttribute("ID")}`,
    );
    expect(verifySignatureOf(xml, assertionSig)).toBe(true);
    expect(verifySignatureOf(xml, responseSig)).toBe(true);
  });
});

describe("login choices", () => {
  it("answers at the level chosen, lower than asked included", async () => {
    const saml = nodeSaml("redirect", 2);
    const page = await openLoginPage(saml, "redirect");
    const answer = await submit({ request: page.token, level: "1", persona: CITIZEN_CF });
    const xml = Buffer.from(hidden(answer.html, "SAMLResponse")!, "base64").toString("utf8");
    expect(xml).toContain(
      "<saml:AuthnContextClassRef>https://www.spid.gov.it/SpidL1</saml:AuthnContextClassRef>",
    );
  });

  it("preselects the level the service asks for", async () => {
    const page = await openLoginPage(nodeSaml("post", 3), "post");
    expect(page.html).toMatch(/id="livello-3" value="3" checked/);
    expect(page.html).toContain("SPID livello 3");
  });

  it("logs in any person of the database by codice fiscale, operators with attributes from the codice fiscale", async () => {
    const saml = nodeSaml("redirect");
    const page = await openLoginPage(saml, "redirect");
    const answer = await submit({
      request: page.token,
      level: "2",
      action: "codice-fiscale",
      fiscalCode: OPERATOR_CF.toLowerCase(),
    });
    expect(answer.status).toBe(200);
    const { profile } = await saml.validatePostResponseAsync({
      SAMLResponse: hidden(answer.html, "SAMLResponse")!,
    });
    expect(profile?.fiscalNumber).toBe(`TINIT-${OPERATOR_CF}`);
    expect(profile?.email).toBe("s.bosio@comune.example");
    expect(profile?.dateOfBirth).toBe(ANAGRAFE.birthDate);
    expect(profile?.gender).toBe("F");
  });

  it("refuses an unknown or malformed codice fiscale with an Italian message and 400", async () => {
    const page = await openLoginPage(nodeSaml("redirect"), "redirect");
    const unknown = "BNCGNN90A01L219" + checkCharacter("BNCGNN90A01L219");
    const a = await submit({
      request: page.token,
      level: "2",
      action: "codice-fiscale",
      fiscalCode: unknown,
    });
    expect(a.status).toBe(400);
    expect(a.html).toContain("Nessuna persona con questo codice fiscale");
    expect(a.html).toContain('aria-invalid="true"');
    expect(hidden(a.html, "request")).toBe(page.token);
    const b = await submit({ request: page.token, level: "2", action: "codice-fiscale", fiscalCode: "ABC" });
    expect(b.status).toBe(400);
    expect(b.html).toContain("Il codice fiscale deve essere di 16 caratteri.");
  });

  it.each(["nr19", "nr20", "nr21", "nr22", "nr23", "nr25"])(
    "answers the SPID error %s, signed, without an assertion",
    async (code) => {
      const saml = nodeSaml("post");
      const page = await openLoginPage(saml, "post");
      const answer = await submit({ request: page.token, level: "2", error: code });
      expect(answer.status).toBe(200);
      const samlResponse = hidden(answer.html, "SAMLResponse")!;
      const xml = Buffer.from(samlResponse, "base64").toString("utf8");
      const response = parseXml(xml).documentElement!;
      expect(response.getElementsByTagNameNS(NS.assertion, "Assertion").length).toBe(0);
      const codes = Array.from(response.getElementsByTagNameNS(NS.protocol, "StatusCode")).map((e) =>
        e.getAttribute("Value"),
      );
      expect(codes).toEqual([
        "urn:oasis:names:tc:SAML:2.0:status:Responder",
        "urn:oasis:names:tc:SAML:2.0:status:AuthnFailed",
      ]);
      expect(response.getElementsByTagNameNS(NS.protocol, "StatusMessage")[0].textContent).toBe(
        `ErrorCode ${code}`,
      );
      expect(response.getAttribute("Destination")).toBe(acsUrl());
      const signature = response.getElementsByTagNameNS(NS.dsig, "Signature")[0];
      expect(verifySignatureOf(xml, signature)).toBe(true);
      await expect(saml.validatePostResponseAsync({ SAMLResponse: samlResponse })).rejects.toThrow(
        /AuthnFailed|Responder/,
      );
    },
  );

  it("refuses a forged or expired pending request", async () => {
    const page = await openLoginPage(nodeSaml("redirect"), "redirect");
    const forged = page.token.slice(0, -2) + (page.token.endsWith("AA") ? "BB" : "AA");
    const answer = await submit({ request: forged, level: "2", persona: CITIZEN_CF });
    expect(answer.status).toBe(400);
    expect(answer.html).toContain("Richiesta scaduta");
  });
});

describe("requests the IdP refuses", () => {
  it("an AuthnRequest signed by another key (Redirect)", async () => {
    const other = await ensureKeyPair({
      keyFile: path.join(dir, "other-key.pem"),
      certFile: path.join(dir, "other-cert.pem"),
      commonName: "altro",
    });
    const saml = new SAML({ ...nodeSaml("redirect").options, privateKey: other.key });
    const url = await saml.getAuthorizeUrlAsync("rs", undefined, {});
    const res = await fetch(url);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("Richiesta non valida");
  });

  it("an AuthnRequest whose query was altered after signing", async () => {
    const url = new URL(await nodeSaml("redirect").getAuthorizeUrlAsync("rs", undefined, {}));
    url.searchParams.set("RelayState", "altro");
    expect((await fetch(url)).status).toBe(400);
  });

  it("an unsigned AuthnRequest (POST)", async () => {
    const saml = new SAML({ ...nodeSaml("post").options, privateKey: undefined });
    const page = await saml.getAuthorizeFormAsync("rs");
    const samlRequest = /name="SAMLRequest" value="([^"]+)"/.exec(page)![1];
    const res = await fetch(idp.ssoUrl, {
      method: "POST",
      body: new URLSearchParams({ SAMLRequest: samlRequest }),
    });
    expect(res.status).toBe(400);
  });

  it("a schema-invalid message, quietly (the validator's console output is filtered)", async () => {
    const samlRequest = Buffer.from(
      `<samlp:AuthnRequest xmlns:samlp="${NS.protocol}" ID="1" Version="2.0"/>`,
    ).toString("base64");
    const res = await fetch(idp.ssoUrl, {
      method: "POST",
      body: new URLSearchParams({ SAMLRequest: samlRequest }),
    });
    expect(res.status).toBe(400);
    // The fail-on-console-error setup would fail this test if anything reached console.error.
  });

  it("a request without SAMLRequest", async () => {
    expect((await fetch(idp.ssoUrl)).status).toBe(400);
  });
});

describe("single logout", () => {
  it("answers the SP's signed LogoutRequest (Redirect) with a signed LogoutResponse node-saml accepts", async () => {
    const saml = nodeSaml("redirect");
    const url = await saml.getLogoutUrlAsync(
      {
        issuer: idp.entityId,
        nameID: "_abc",
        nameIDFormat: "urn:oasis:names:tc:SAML:2.0:nameid-format:transient",
        sessionIndex: "_sess",
      },
      "rs_out",
      {},
    );
    const res = await fetch(url, { redirect: "manual" });
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get("location")!);
    expect(`${location.origin}${location.pathname}`).toBe(spSloUrl());
    expect(location.searchParams.get("RelayState")).toBe("rs_out");
    expect(location.searchParams.get("Signature")).toBeTruthy();
    const query = Object.fromEntries(location.searchParams);
    const result = await saml.validateRedirectAsync(query, location.search.slice(1));
    expect(result.loggedOut).toBe(true);
    expect(res.headers.get("set-cookie")).toContain("demo_idp_sessione=; Max-Age=0");
  });

  it("starts an IdP-initiated logout for its own session", async () => {
    const saml = nodeSaml("redirect");
    const page = await openLoginPage(saml, "redirect");
    const answer = await submit({ request: page.token, level: "2", persona: CITIZEN_CF });
    const cookie = answer.cookie!.split(";")[0];
    const home = await fetch(`${base}/demo-idp/`, { headers: { cookie } });
    expect(await home.text()).toContain("Esci da tutti i servizi");
    const res = await fetch(`${base}/demo-idp/logout`, {
      method: "POST",
      headers: { cookie },
      redirect: "manual",
    });
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get("location")!);
    expect(`${location.origin}${location.pathname}`).toBe(spSloUrl());
    const query = Object.fromEntries(location.searchParams);
    const { profile } = await saml.validateRedirectAsync(query, location.search.slice(1));
    expect(profile?.nameID).toMatch(/^_/);
    expect(profile?.sessionIndex).toMatch(/^_/);
  });
});

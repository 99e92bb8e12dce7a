// The demo IdP on its own, against node-saml (the library the portal's SP is built on): signed
// requests in both bindings, the SPID shape and signatures of its answers, errors and logout;
// then the same IdP as CieID (/demo-cie/), with CIE's rules.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import express from "express";
import { pino } from "pino";
import { SAML, ValidateInResponseTo, type SamlConfig } from "@node-saml/node-saml";
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
let cie: DemoIdp;
let cieCert: string;

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

/** The portal's CIE metadata: same entity and endpoints, the eIDAS minimum dataset, cie: contact. */
function cieSpMetadata(): string {
  const requested = ["name", "familyName", "dateOfBirth", "fiscalNumber"]
    .map((name) => `<md:RequestedAttribute Name="${name}"/>`)
    .join("");
  return `<?xml version="1.0"?>
<md:EntityDescriptor xmlns:md="${NS.metadata}" xmlns:ds="${NS.dsig}" entityID="${spEntityId()}">
<md:SPSSODescriptor AuthnRequestsSigned="true" WantAssertionsSigned="true" protocolSupportEnumeration="${NS.protocol}">
<md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>${certBody(sp.cert)}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>
<md:SingleLogoutService Binding="${BINDING.post}" Location="${spSloUrl()}"/>
<md:SingleLogoutService Binding="${BINDING.redirect}" Location="${spSloUrl()}"/>
<md:NameIDFormat>urn:oasis:names:tc:SAML:2.0:nameid-format:transient</md:NameIDFormat>
<md:AssertionConsumerService index="0" isDefault="true" Binding="${BINDING.post}" Location="${acsUrl()}"/>
<md:AttributeConsumingService index="0"><md:ServiceName xml:lang="it">Fascicolo del cittadino</md:ServiceName>${requested}</md:AttributeConsumingService>
</md:SPSSODescriptor>
<md:Organization>
<md:OrganizationName xml:lang="it">Regione Demo</md:OrganizationName>
<md:OrganizationDisplayName xml:lang="it">Fascicolo del cittadino</md:OrganizationDisplayName>
<md:OrganizationURL xml:lang="it">${base}/</md:OrganizationURL>
</md:Organization>
<md:ContactPerson contactType="administrative">
<md:Extensions xmlns:cie="https://www.cartaidentita.interno.gov.it/saml-extensions"><cie:Public/><cie:IPACode>r_demo</cie:IPACode><cie:Municipality>L219</cie:Municipality><cie:Province>TO</cie:Province></md:Extensions>
<md:Company>Regione Demo</md:Company>
<md:EmailAddress>protocollo@regione.example</md:EmailAddress>
<md:TelephoneNumber>0110000000</md:TelephoneNumber>
</md:ContactPerson>
</md:EntityDescriptor>`;
}

function nodeSaml(binding: "redirect" | "post", level = 2, target: "spid" | "cie" = "spid"): SAML {
  const to = target === "cie" ? cie : idp;
  return new SAML({
    entryPoint: to.ssoUrl,
    logoutUrl: to.sloUrl,
    issuer: spEntityId(),
    callbackUrl: acsUrl(),
    audience: spEntityId(),
    idpCert: target === "cie" ? cieCert : idpCert,
    idpIssuer: to.entityId,
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

/** An SP request to the CIE IdP as the portal makes it: ForceAuthn and attribute set 0; `change` alters it. */
function cieSaml(binding: "redirect" | "post", level = 2, change: Partial<SamlConfig> = {}): SAML {
  return new SAML({
    ...nodeSaml(binding, level, "cie").options,
    attributeConsumingServiceIndex: "0",
    ...change,
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
    res = await fetch(saml.options.entryPoint!, {
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
  basePath = "/demo-idp",
): Promise<{ status: number; html: string; cookie: string | null }> {
  const res = await fetch(`${base}${basePath}/login`, {
    method: "POST",
    body: new URLSearchParams(fields),
    redirect: "manual",
  });
  return { status: res.status, html: await res.text(), cookie: res.headers.get("set-cookie") };
}

function verifySignatureOf(xml: string, signature: Element, cert = idpCert): boolean {
  const sig = new SignedXml({ publicCert: cert });
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
  const start = (kind: "spid" | "cie", metadataXml: () => string) =>
    createDemoIdp({
      kind,
      db: handle.db,
      config,
      logger: pino({ level: "silent" }),
      root: process.cwd(),
      sp: { entityId: spEntityId(), acsUrl: acsUrl(), sloUrl: spSloUrl(), metadataXml },
    });
  idp = await start("spid", spMetadata);
  app.use(idp.router);
  idpCert = fs.readFileSync(path.join(dir, "saml", "demo-idp-cert.pem"), "utf8");
  cie = await start("cie", cieSpMetadata);
  app.use(cie.router);
  cieCert = fs.readFileSync(path.join(dir, "saml", "demo-cie-cert.pem"), "utf8");
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
    // Seeded people missing from this small database are left out (others' stories may name them).
    expect(page.html).not.toContain('value="CLMFRC99R04A479D"');
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

describe("the CIE demo IdP (/demo-cie/)", () => {
  const attributesOf = (assertion: Element) =>
    Array.from(assertion.getElementsByTagNameNS(NS.assertion, "Attribute")).map((a) => ({
      name: a.getAttribute("Name"),
      type: a
        .getElementsByTagNameNS(NS.assertion, "AttributeValue")[0]
        .getAttributeNS("http://www.w3.org/2001/XMLSchema-instance", "type"),
      value: a.getElementsByTagNameNS(NS.assertion, "AttributeValue")[0].textContent,
    }));
  const childSignature = (el: Element) =>
    Array.from(el.childNodes).find((n) => (n as Element).localName === "Signature") as Element | undefined;

  it("has its own signed metadata, entity ID, key pair and Organization", async () => {
    const res = await fetch(`${base}/demo-cie/metadata`);
    expect(res.status).toBe(200);
    const xml = await res.text();
    expect(xml).toBe(cie.metadataXml);
    const root = parseXml(xml).documentElement!;
    expect(root.getAttribute("entityID")).toBe(`${base}/demo-cie/metadata`);
    expect(cie.entityId).toBe(`${base}/demo-cie/metadata`);
    expect(cie.ssoUrl).toBe(`${base}/demo-cie/sso`);
    expect(cie.sloUrl).toBe(`${base}/demo-cie/slo`);
    const org = root.getElementsByTagNameNS(NS.metadata, "Organization")[0];
    for (const name of ["OrganizationName", "OrganizationDisplayName"]) {
      const el = org.getElementsByTagNameNS(NS.metadata, name)[0];
      expect(el.textContent).toBe("CieID dimostrativo");
      expect(el.getAttributeNS("http://www.w3.org/XML/1998/namespace", "lang")).toBe("it");
    }
    expect(fs.existsSync(path.join(dir, "saml", "demo-cie-key.pem"))).toBe(true);
    expect(certBody(cieCert)).not.toBe(certBody(idpCert));
    expect(xml).toContain(certBody(cieCert));
    expect(verifySignatureOf(xml, childSignature(root)!, cieCert)).toBe(true);
    // The SPID demo IdP is untouched beside it.
    expect(idp.entityId).toBe(`${base}/demo-idp/metadata`);
    expect(idp.metadataXml).toContain("Identity provider dimostrativo");
  });

  it.each(["redirect", "post"] as const)(
    "answers a %s login with the eIDAS minimum dataset only, Response and Assertion signed",
    async (binding) => {
      const saml = cieSaml(binding);
      const page = await openLoginPage(saml, binding);
      expect(page.status).toBe(200);
      expect(page.html).toContain('<html lang="it">');
      expect(page.html).toContain('<h1 class="mb-3">Accesso con CIE</h1>');
      expect(page.html).toContain("Questa è una dimostrazione di CieID");
      expect(page.html).toContain("CieID dimostrativo — solo per prove");
      expect(page.html).toContain(`action="/demo-cie/login"`);
      expect(page.html).toContain("Chiara Martinetti");
      expect(page.html).toMatch(/id="livello-2" value="2" checked/);
      expect(page.html).toContain("CIE livello 3");
      expect(page.html).not.toContain("SPID");

      const answer = await submit({ request: page.token, level: "2", persona: CITIZEN_CF }, "/demo-cie");
      expect(answer.status).toBe(200);
      expect(answer.html).toContain(`action="${acsUrl()}"`);
      expect(answer.cookie).toMatch(/^demo_cie_sessione=.+; Path=\/demo-cie; HttpOnly; SameSite=Lax/);
      expect(hidden(answer.html, "RelayState")).toBe("rs_123");
      const samlResponse = hidden(answer.html, "SAMLResponse")!;

      // node-saml, asked for both signatures, accepts it.
      const { profile } = await saml.validatePostResponseAsync({ SAMLResponse: samlResponse });
      expect(profile?.fiscalNumber).toBe(`TINIT-${CITIZEN_CF}`);
      expect(profile?.dateOfBirth).toBe("1986-03-12");
      expect(profile?.spidCode).toBeUndefined();

      const xml = Buffer.from(samlResponse, "base64").toString("utf8");
      const response = parseXml(xml).documentElement!;
      const assertion = response.getElementsByTagNameNS(NS.assertion, "Assertion")[0];
      expect(attributesOf(assertion)).toEqual([
        { name: "name", type: "xs:string", value: "Chiara" },
        { name: "familyName", type: "xs:string", value: "Martinetti" },
        { name: "dateOfBirth", type: "xs:string", value: "1986-03-12" },
        { name: "fiscalNumber", type: "xs:string", value: `TINIT-${CITIZEN_CF}` },
      ]);

      // The Response's Issuer has no Format; the Assertion's has the entity format.
      const responseIssuer = Array.from(response.childNodes).find(
        (n) => (n as Element).localName === "Issuer",
      ) as Element;
      expect(responseIssuer.textContent).toBe(cie.entityId);
      expect(responseIssuer.hasAttribute("Format")).toBe(false);
      const assertionIssuer = assertion.getElementsByTagNameNS(NS.assertion, "Issuer")[0];
      expect(assertionIssuer.getAttribute("Format")).toBe("urn:oasis:names:tc:SAML:2.0:nameid-format:entity");
      expect(assertionIssuer.textContent).toBe(cie.entityId);

      const nameId = assertion.getElementsByTagNameNS(NS.assertion, "NameID")[0];
      expect(nameId.getAttribute("Format")).toBe("urn:oasis:names:tc:SAML:2.0:nameid-format:transient");
      expect(nameId.getAttribute("NameQualifier")).toBe(cie.entityId);
      const scd = assertion.getElementsByTagNameNS(NS.assertion, "SubjectConfirmationData")[0];
      expect(scd.getAttribute("Recipient")).toBe(acsUrl());
      expect(scd.getAttribute("InResponseTo")).toBe(response.getAttribute("InResponseTo"));
      expect(scd.getAttribute("NotOnOrAfter")).toBeTruthy();
      expect(assertion.getElementsByTagNameNS(NS.assertion, "AuthnContextClassRef")[0].textContent).toBe(
        "https://www.spid.gov.it/SpidL2",
      );

      const responseSig = childSignature(response)!;
      const assertionSig = childSignature(assertion)!;
      expect(responseSig.getElementsByTagNameNS(NS.dsig, "Reference")[0].getAttribute("URI")).toBe(
        `#${response.getAttribute("ID")}`,
      );
      expect(assertionSig.getElementsByTagNameNS(NS.dsig, "Reference")[0].getAttribute("URI")).toBe(
        `#${assertion.getAttribute("ID")}`,
      );
      expect(verifySignatureOf(xml, responseSig, cieCert)).toBe(true);
      expect(verifySignatureOf(xml, assertionSig, cieCert)).toBe(true);
      // Signed by the CIE key, not SPID's.
      expect(() => verifySignatureOf(xml, assertionSig, idpCert)).toThrow(/invalid signature/);
    },
  );

  it("answers at level 3 when asked, and at a lower level when chosen", async () => {
    const saml = cieSaml("redirect", 3);
    const page = await openLoginPage(saml, "redirect");
    expect(page.html).toMatch(/id="livello-3" value="3" checked/);
    const answer = await submit({ request: page.token, level: "1", persona: CITIZEN_CF }, "/demo-cie");
    const xml = Buffer.from(hidden(answer.html, "SAMLResponse")!, "base64").toString("utf8");
    expect(xml).toContain(
      "<saml:AuthnContextClassRef>https://www.spid.gov.it/SpidL1</saml:AuthnContextClassRef>",
    );
  });

  it.each([
    ["without ForceAuthn", { forceAuthn: false }, "ForceAuthn"],
    [
      "without AttributeConsumingServiceIndex",
      { attributeConsumingServiceIndex: undefined },
      "AttributeConsumingServiceIndex",
    ],
    [
      "with an AttributeConsumingServiceIndex the SP does not have",
      { attributeConsumingServiceIndex: "3" },
      "AttributeConsumingServiceIndex",
    ],
    ["with IsPassive", { passive: true }, "IsPassive"],
    ["with Comparison better", { racComparison: "better" }, "Comparison"],
  ] as Array<[string, Partial<SamlConfig>, string]>)(
    "refuses an AuthnRequest %s with the 400 page",
    async (_what, change, named) => {
      const page = await openLoginPage(cieSaml("redirect", 1, change), "redirect");
      expect(page.status).toBe(400);
      expect(page.html).toContain("Richiesta non valida");
      expect(page.html).toContain(named);
      expect(page.token).toBe("");
    },
  );

  it("accepts Comparison exact, and the SPID IdP still takes a request without ForceAuthn", async () => {
    const exact = await openLoginPage(cieSaml("post", 2, { racComparison: "exact" }), "post");
    expect(exact.status).toBe(200);
    const spid = await openLoginPage(
      new SAML({ ...nodeSaml("redirect", 1).options, forceAuthn: false }),
      "redirect",
    );
    expect(spid.status).toBe(200);
  });

  it("offers exactly nr21, nr22, nr23 and nr25 with CIE wording, and answers nr23 signed", async () => {
    const saml = cieSaml("post");
    const page = await openLoginPage(saml, "post");
    const offered = Array.from(page.html.matchAll(/name="error" value="(nr\d+)"/g)).map((m) => m[1]);
    expect(offered).toEqual(["nr21", "nr22", "nr23", "nr25"]);
    expect(page.html).toContain("Simula un errore CIE");
    expect(page.html).toMatch(
      /value="nr23"[^>]*><span class="fw-semibold">nr23<\/span> — CIE scaduta o revocata</,
    );

    // A code CieID does not send is refused.
    const reserved = await submit({ request: page.token, level: "2", error: "nr19" }, "/demo-cie");
    expect(reserved.status).toBe(400);

    const answer = await submit({ request: page.token, level: "2", error: "nr23" }, "/demo-cie");
    expect(answer.status).toBe(200);
    const samlResponse = hidden(answer.html, "SAMLResponse")!;
    const xml = Buffer.from(samlResponse, "base64").toString("utf8");
    const response = parseXml(xml).documentElement!;
    expect(response.getElementsByTagNameNS(NS.assertion, "Assertion").length).toBe(0);
    expect(response.getElementsByTagNameNS(NS.protocol, "StatusMessage")[0].textContent).toBe(
      "ErrorCode nr23",
    );
    expect(response.getElementsByTagNameNS(NS.assertion, "Issuer")[0].hasAttribute("Format")).toBe(false);
    expect(verifySignatureOf(xml, childSignature(response)!, cieCert)).toBe(true);
    await expect(saml.validatePostResponseAsync({ SAMLResponse: samlResponse })).rejects.toThrow(
      /AuthnFailed|Responder/,
    );
  });

  it("keeps its pending requests to itself: the SPID IdP does not take a CIE token", async () => {
    const page = await openLoginPage(cieSaml("redirect"), "redirect");
    const answer = await submit({ request: page.token, level: "2", persona: CITIZEN_CF });
    expect(answer.status).toBe(400);
    expect(answer.html).toContain("Richiesta scaduta");
  });

  it("ends its session on a LogoutRequest and shows its page, without a LogoutResponse", async () => {
    const saml = cieSaml("redirect");
    const page = await openLoginPage(saml, "redirect");
    const login = await submit({ request: page.token, level: "2", persona: CITIZEN_CF }, "/demo-cie");
    const cookie = login.cookie!.split(";")[0];
    const home = await (await fetch(`${base}/demo-cie/`, { headers: { cookie } })).text();
    expect(home).toContain("Chiara Martinetti");
    expect(home).not.toContain("Esci da tutti i servizi");
    expect(home).not.toContain("/demo-cie/logout");

    const url = await saml.getLogoutUrlAsync(
      {
        issuer: cie.entityId,
        nameID: "_abc",
        nameIDFormat: "urn:oasis:names:tc:SAML:2.0:nameid-format:transient",
        sessionIndex: "_sess",
      },
      "rs_out",
      {},
    );
    expect(url.startsWith(`${base}/demo-cie/slo?`)).toBe(true);
    const res = await fetch(url, { headers: { cookie }, redirect: "manual" });
    expect(res.status).toBe(200);
    expect(res.headers.get("location")).toBeNull();
    expect(res.headers.get("set-cookie")).toMatch(/^demo_cie_sessione=; Max-Age=0; Path=\/demo-cie;/);
    const html = await res.text();
    expect(html).toContain('<html lang="it">');
    expect(html).toContain('<h1 class="mb-3">Logout effettuato con successo</h1>');
    expect(html).toContain(`<a href="${base}/">Torna al portale</a>`);
    expect(html).not.toContain("SAMLResponse");
    expect(html).not.toContain("<form");
  });

  it("refuses a forged LogoutRequest and offers no IdP-initiated logout", async () => {
    const other = await ensureKeyPair({
      keyFile: path.join(dir, "other-key.pem"),
      certFile: path.join(dir, "other-cert.pem"),
      commonName: "altro",
    });
    const forged = new SAML({ ...cieSaml("redirect").options, privateKey: other.key });
    const url = await forged.getLogoutUrlAsync(
      {
        issuer: cie.entityId,
        nameID: "_abc",
        nameIDFormat: "urn:oasis:names:tc:SAML:2.0:nameid-format:transient",
      },
      "",
      {},
    );
    expect((await fetch(url)).status).toBe(400);
    expect((await fetch(`${base}/demo-cie/logout`, { method: "POST" })).status).toBe(404);
  });
});

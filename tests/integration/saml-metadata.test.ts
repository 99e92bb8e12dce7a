/**
 * The SP's metadata (SPID.md §1) and its AuthnRequest in both bindings (§2), read as an IdP or
 * AgID's checker would: signatures verified with the certificate the metadata publishes.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { DOMParser } from "@xmldom/xmldom";
import { SignedXml } from "xml-crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readDb } from "../support/db";
import { startServer, type TestServer } from "../support/server";
import { TEST_IDP_ID, TEST_IDP_SSO, setUpTestIdp } from "../support/spid-test-idp";

const MD = "urn:oasis:names:tc:SAML:2.0:metadata";
const DS = "http://www.w3.org/2000/09/xmldsig#";
const SAMLP = "urn:oasis:names:tc:SAML:2.0:protocol";
const SAML = "urn:oasis:names:tc:SAML:2.0:assertion";
const SPID = "https://spid.gov.it/saml-extensions";
const POST = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST";

let server: TestServer;
let metadataXml: string;
let metadataType: string | null;
let md: Document;
let spCertPem: string;

const parse = (xml: string) => new DOMParser().parseFromString(xml, "text/xml") as unknown as Document;
const all = (node: Document | Element, ns: string, name: string) =>
  Array.from(node.getElementsByTagNameNS(ns, name));
const one = (node: Document | Element, ns: string, name: string) => {
  const found = all(node, ns, name);
  expect(found, `${name}`).toHaveLength(1);
  return found[0];
};
const pem = (body: string) =>
  `-----BEGIN CERTIFICATE-----\n${body.match(/.{1,64}/g)!.join("\n")}\n-----END CERTIFICATE-----\n`;

beforeAll(async () => {
  const idpDir = fs.mkdtempSync(path.join(os.tmpdir(), "portal-idps-"));
  await setUpTestIdp(idpDir);
  server = await startServer({ env: { SAML_IDP_DIR: idpDir, RATE_LIMIT_FACTOR: "100" } });
  const res = await fetch(`${server.url}/saml/metadata`);
  expect(res.status).toBe(200);
  metadataType = res.headers.get("content-type");
  metadataXml = await res.text();
  md = parse(metadataXml);
  const sig = all(md.documentElement, DS, "Signature").find((s) => s.parentNode === md.documentElement)!;
  spCertPem = pem(one(sig, DS, "X509Certificate").textContent!.replace(/\s+/g, ""));
});

afterAll(async () => {
  await server?.stop();
});

describe("SP metadata", () => {
  it("is served as SAML metadata XML", () => {
    expect(metadataType).toMatch(/^application\/(samlmetadata\+)?xml/);
  });

  it("is signed (enveloped, RSA-SHA256, SHA-256) and verifies with the certificate it carries", () => {
    const root = md.documentElement;
    const signature = Array.from(root.childNodes).find(
      (n) => n.nodeType === 1 && (n as Element).localName === "Signature",
    ) as Element;
    expect(signature).toBeDefined();
    expect(one(signature, DS, "SignatureMethod").getAttribute("Algorithm")).toBe(
      "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
    );
    expect(one(signature, DS, "DigestMethod").getAttribute("Algorithm")).toBe(
      "http://www.w3.org/2001/04/xmlenc#sha256",
    );
    expect(one(signature, DS, "Reference").getAttribute("URI")).toBe(`#${root.getAttribute("ID")}`);
    const verifier = new SignedXml({ publicCert: spCertPem });
    verifier.loadSignature(signature as never);
    expect(verifier.checkSignature(metadataXml)).toBe(true);
    // Tampering breaks it.
    const tampered = metadataXml.replace("/saml/acs", "/saml/altro");
    const v2 = new SignedXml({ publicCert: spCertPem });
    v2.loadSignature(signature as never);
    let valid: boolean;
    try {
      valid = v2.checkSignature(tampered);
    } catch {
      valid = false;
    }
    expect(valid).toBe(false);
  });

  it("uses an RSA key of at least 2048 bits, a SHA-256 certificate, not expired", () => {
    const cert = new crypto.X509Certificate(spCertPem);
    expect(cert.publicKey.asymmetricKeyDetails?.modulusLength).toBeGreaterThanOrEqual(2048);
    expect(Date.parse(cert.validTo)).toBeGreaterThan(Date.now());
    // sha256WithRSAEncryption, OID 1.2.840.113549.1.1.11
    expect(cert.raw.includes(Buffer.from("06092a864886f70d01010b", "hex"))).toBe(true);
  });

  it("has the entityID, and an SPSSODescriptor that wants signed requests and assertions", () => {
    const root = md.documentElement;
    expect(root.localName).toBe("EntityDescriptor");
    expect(root.getAttribute("entityID")).toBe(`${server.url}/saml/metadata`);
    const sp = one(md, MD, "SPSSODescriptor");
    expect(sp.getAttribute("AuthnRequestsSigned")).toBe("true");
    expect(sp.getAttribute("WantAssertionsSigned")).toBe("true");
    expect(sp.getAttribute("protocolSupportEnumeration")).toBe(SAMLP);
    const keys = all(sp, MD, "KeyDescriptor").filter((k) => k.getAttribute("use") === "signing");
    expect(keys.length).toBeGreaterThanOrEqual(1);
    expect(pem(one(keys[0], DS, "X509Certificate").textContent!.trim())).toBe(spCertPem);
    const slo = all(sp, MD, "SingleLogoutService");
    expect(slo.length).toBeGreaterThanOrEqual(1);
    for (const s of slo) expect(s.getAttribute("Location")).toBe(`${server.url}/saml/slo`);
  });

  it("has exactly one default AssertionConsumerService, index 0, HTTP-POST to /saml/acs", () => {
    const acs = all(md, MD, "AssertionConsumerService");
    for (const a of acs) {
      expect(a.getAttribute("index")).toMatch(/^\d+$/);
      expect(a.getAttribute("Binding")).toBeTruthy();
      expect(a.getAttribute("Location")).toBeTruthy();
    }
    const defaults = acs.filter((a) => a.getAttribute("isDefault") === "true");
    expect(defaults).toHaveLength(1);
    expect(defaults[0].getAttribute("index")).toBe("0");
    expect(defaults[0].getAttribute("Binding")).toBe(POST);
    expect(defaults[0].getAttribute("Location")).toBe(`${server.url}/saml/acs`);
  });

  it("has an AttributeConsumingService index 0 with a name and SPID attributes, no duplicates", () => {
    const services = all(md, MD, "AttributeConsumingService");
    expect(services.length).toBeGreaterThanOrEqual(1);
    const service = services.find((s) => s.getAttribute("index") === "0")!;
    expect(one(service, MD, "ServiceName").textContent!.trim()).not.toBe("");
    const names = all(service, MD, "RequestedAttribute").map((a) => a.getAttribute("Name"));
    expect(new Set(names).size).toBe(names.length);
    for (const n of [
      "spidCode",
      "name",
      "familyName",
      "fiscalNumber",
      "dateOfBirth",
      "email",
      "mobilePhone",
      "digitalAddress",
    ])
      expect(names).toContain(n);
    const spid = new Set([
      "spidCode",
      "name",
      "familyName",
      "placeOfBirth",
      "countyOfBirth",
      "dateOfBirth",
      "gender",
      "fiscalNumber",
      "ivaCode",
      "email",
      "mobilePhone",
      "digitalAddress",
      "idCard",
      "expirationDate",
      "companyName",
      "registeredOffice",
      "companyFiscalNumber",
      "address",
      "domicileStreetAddress",
      "domicilePostalCode",
      "domicileMunicipality",
      "domicileProvince",
      "domicileNation",
    ]);
    for (const n of names) expect(spid.has(n!), n!).toBe(true);
  });

  it("has an Organization in Italian with name, display name and URL", () => {
    const org = one(md, MD, "Organization");
    for (const tag of ["OrganizationName", "OrganizationDisplayName", "OrganizationURL"]) {
      const els = all(org, MD, tag);
      expect(els.length).toBeGreaterThanOrEqual(1);
      expect(els.some((e) => e.getAttributeNS("http://www.w3.org/XML/1998/namespace", "lang") === "it")).toBe(
        true,
      );
      expect(els.every((e) => e.textContent!.trim() !== "")).toBe(true);
    }
  });

  it("has a ContactPerson other with spid:IPACode, spid:Public, e-mail and a phone without spaces", () => {
    const contact = all(md, MD, "ContactPerson").find((c) => c.getAttribute("contactType") === "other")!;
    expect(contact).toBeDefined();
    const ext = one(contact, MD, "Extensions");
    expect(one(ext, SPID, "IPACode").textContent).toBe("r_demo");
    const pub = one(ext, SPID, "Public");
    expect(pub.childNodes.length).toBe(0);
    expect(one(contact, MD, "EmailAddress").textContent).toMatch(/@/);
    expect(one(contact, MD, "TelephoneNumber").textContent).toMatch(/^\+?\d+$/);
  });
});

/** Raw query parameters, undecoded, in their order. */
function rawParams(url: string): Map<string, string> {
  const query = url.slice(url.indexOf("?") + 1);
  return new Map(query.split("&").map((p) => [p.slice(0, p.indexOf("=")), p.slice(p.indexOf("=") + 1)]));
}

function checkAuthnRequest(xml: string, level: number, destination: string) {
  const doc = parse(xml);
  const req = doc.documentElement;
  expect(req.localName).toBe("AuthnRequest");
  expect(req.namespaceURI).toBe(SAMLP);
  expect(req.getAttribute("ID")).toMatch(/^[A-Za-z_]/);
  expect(req.getAttribute("Version")).toBe("2.0");
  expect(req.getAttribute("IssueInstant")).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
  expect(req.getAttribute("Destination")).toBe(destination);
  if (level >= 2) expect(req.getAttribute("ForceAuthn")).toBe("true");
  else expect(req.hasAttribute("ForceAuthn") ? req.getAttribute("ForceAuthn") : "false").toBe("false");
  expect(req.hasAttribute("IsPassive")).toBe(false);
  // Index form, matching the metadata; the URL form would need ProtocolBinding too.
  expect(req.getAttribute("AssertionConsumerServiceIndex")).toBe("0");
  expect(req.hasAttribute("AssertionConsumerServiceURL")).toBe(false);
  expect(req.hasAttribute("ProtocolBinding")).toBe(false);
  expect(req.getAttribute("AttributeConsumingServiceIndex")).toBe("0");
  const issuer = one(doc, SAML, "Issuer");
  const enteId = `${server.url}/saml/metadata`;
  expect(issuer.textContent).toBe(enteId);
  expect(issuer.getAttribute("Format")).toBe("urn:oasis:names:tc:SAML:2.0:nameid-format:entity");
  expect(issuer.getAttribute("NameQualifier")).toBe(enteId);
  const policy = one(doc, SAMLP, "NameIDPolicy");
  expect(policy.getAttribute("Format")).toBe("urn:oasis:names:tc:SAML:2.0:nameid-format:transient");
  expect(policy.hasAttribute("AllowCreate")).toBe(false);
  const rac = one(doc, SAMLP, "RequestedAuthnContext");
  expect(["minimum", "exact"]).toContain(rac.getAttribute("Comparison"));
  const refs = all(rac, SAML, "AuthnContextClassRef");
  expect(refs).toHaveLength(1);
  expect(refs[0].textContent).toBe(`https://www.spid.gov.it/SpidL${level}`);
  return req;
}

function storedRequest(id: string) {
  return readDb(server.dbFile, (db) =>
    db.get<{ relay_state: string; level: number; return_to: string; kind: string; idp_entity_id: string }>(
      "select * from saml_requests where id = ?",
      id,
    ),
  );
}

describe("AuthnRequest, HTTP-Redirect binding", () => {
  it.each([1, 2, 3])("level %i: every SPID attribute, signed over the raw query", async (level) => {
    const res = await fetch(
      `${server.url}/saml/login?idp=${TEST_IDP_ID}&level=${level}&next=%2Farea-personale%2Fpratiche`,
      {
        redirect: "manual",
      },
    );
    // 302, not 303: AgID's conformance tooling accepts only 200 or 302 here (issue 10, item 6).
    expect(res.status).toBe(302);
    const location = res.headers.get("location")!;
    expect(location.startsWith(`${TEST_IDP_SSO}?`)).toBe(true);
    const raw = rawParams(location);
    expect([...raw.keys()]).toEqual(["SAMLRequest", "RelayState", "SigAlg", "Signature"]);
    const sigAlg = decodeURIComponent(raw.get("SigAlg")!);
    expect(sigAlg).toBe("http://www.w3.org/2001/04/xmldsig-more#rsa-sha256");
    const signed = `SAMLRequest=${raw.get("SAMLRequest")}&RelayState=${raw.get("RelayState")}&SigAlg=${raw.get("SigAlg")}`;
    const signature = Buffer.from(decodeURIComponent(raw.get("Signature")!), "base64");
    expect(crypto.verify("sha256", Buffer.from(signed), spCertPem, signature)).toBe(true);

    const relayState = decodeURIComponent(raw.get("RelayState")!);
    expect(relayState).toMatch(/^[A-Za-z0-9._-]{16,}$/);
    const xml = zlib
      .inflateRawSync(Buffer.from(decodeURIComponent(raw.get("SAMLRequest")!), "base64"))
      .toString();
    const req = checkAuthnRequest(xml, level, TEST_IDP_SSO);
    // The return path stays on the server, keyed by the request.
    const row = await storedRequest(req.getAttribute("ID")!);
    expect(row).toMatchObject({
      kind: "authn",
      relay_state: relayState,
      level,
      return_to: "/area-personale/pratiche",
    });
  });

  it("defaults to the configured level (2) and never keeps a foreign return path", async () => {
    const res = await fetch(
      `${server.url}/saml/login?idp=${TEST_IDP_ID}&next=https%3A%2F%2Fevil.example%2F`,
      { redirect: "manual" },
    );
    expect(res.status).toBe(302);
    const raw = rawParams(res.headers.get("location")!);
    const xml = zlib
      .inflateRawSync(Buffer.from(decodeURIComponent(raw.get("SAMLRequest")!), "base64"))
      .toString();
    const req = checkAuthnRequest(xml, 2, TEST_IDP_SSO);
    expect((await storedRequest(req.getAttribute("ID")!))?.return_to).toBe("");
  });

  it.each([
    ["an unknown IdP", "idp=sconosciuto"],
    ["a level out of range", `idp=${TEST_IDP_ID}&level=4`],
    ["a binding that does not exist", `idp=${TEST_IDP_ID}&binding=soap`],
    ["repeated parameters", `idp=${TEST_IDP_ID}&idp=demo`],
  ])("answers 400 in Italian to %s", async (_name, query) => {
    const res = await fetch(`${server.url}/saml/login?${query}`, { redirect: "manual" });
    expect(res.status).toBe(400);
    const body = await res.text();
    expect(body).toContain('lang="it"');
    expect(body).toMatch(/non (è|sono) |non valid/);
  });
});

describe("AuthnRequest, HTTP-POST binding", () => {
  it("renders a self-submitting form with a signed request and a visible Prosegui button", async () => {
    const res = await fetch(`${server.url}/saml/login?idp=${TEST_IDP_ID}&binding=post&level=2`, {
      redirect: "manual",
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toContain("no-store");
    const html = await res.text();
    expect(html).toContain('<html lang="it">');
    expect(html).toContain(`action="${TEST_IDP_SSO}"`);
    expect(html).toMatch(/<button type="submit"[^>]*>Prosegui<\/button>/);
    const nonce = /<script nonce="([^"]+)">/.exec(html)![1];
    expect(res.headers.get("content-security-policy")).toContain(`'nonce-${nonce}'`);
    expect(res.headers.get("content-security-policy")).toMatch(
      /form-action [^;]*https:\/\/idp\.prova\.example/,
    );
    const samlRequest = /name="SAMLRequest" value="([^"]+)"/.exec(html)![1];
    const relayState = /name="RelayState" value="([^"]+)"/.exec(html)![1];
    expect(relayState).toMatch(/^[A-Za-z0-9._-]+$/);
    const xml = Buffer.from(samlRequest, "base64").toString("utf8");
    const req = checkAuthnRequest(xml, 2, TEST_IDP_SSO);

    const signature = Array.from(req.childNodes).find(
      (n) => n.nodeType === 1 && (n as Element).localName === "Signature",
    ) as Element;
    expect(signature).toBeDefined();
    // Placed right after the Issuer, as the SAML schema wants.
    const elements = Array.from(req.childNodes).filter((n) => n.nodeType === 1) as Element[];
    expect(elements[0].localName).toBe("Issuer");
    expect(elements[1].localName).toBe("Signature");
    expect(one(signature, DS, "SignatureMethod").getAttribute("Algorithm")).toBe(
      "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
    );
    const verifier = new SignedXml({ publicCert: spCertPem });
    verifier.loadSignature(signature as never);
    expect(verifier.checkSignature(xml)).toBe(true);
    expect((await storedRequest(req.getAttribute("ID")!))?.relay_state).toBe(relayState);
  });
});

describe("SPID button page", () => {
  it("lists the configured IdPs and the demo one as links that start the login", async () => {
    const res = await fetch(`${server.url}/saml/login?next=%2Farea-personale%2Fpagamenti&level=2`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Entra con SPID");
    expect(html).toContain(
      `href="/saml/login?idp=${TEST_IDP_ID}&amp;level=2&amp;next=%2Farea-personale%2Fpagamenti"`,
    );
    expect(html).toMatch(/href="\/saml\/login\?idp=demo[^"]*"/);
  });
});

import { DOMParser } from "@xmldom/xmldom";
import { beforeAll, describe, expect, it } from "vitest";
import {
  CIE_TEST_IDP,
  buildResponse,
  newKeyPair,
  randomId,
  signAssertion,
  signResponse,
  type KeyPair,
  type ResponseSpec,
} from "../tests/support/spid-test-idp";
import { CIE_RULES, SPID_RULES, cieErrorCode, rulesFor } from "./cie-rules";
import { NS } from "./constants";
import { buildSpMetadata } from "./metadata";
import { checkLoginResponse, type SpidExpectations } from "./spid-rules";

const ACS = "https://portale.example/saml/acs";
const SP = "https://portale.example/saml/metadata";
let key: KeyPair;

beforeAll(async () => {
  key = await newKeyPair("idserver.servizicie.interno.gov.it");
});

function expectations(requestId: string, over: Partial<SpidExpectations> = {}): SpidExpectations {
  return {
    acsUrl: ACS,
    spEntityId: SP,
    idpEntityId: CIE_TEST_IDP.entityId,
    requestId,
    requestIssueInstant: new Date(Date.now() - 5_000),
    minLevel: 2,
    now: new Date(),
    ...over,
  };
}

const CIE_ATTRIBUTES = {
  name: "Giuseppe",
  familyName: "Ferrero",
  dateOfBirth: "1941-03-12",
  fiscalNumber: "TINIT-FRRGPP41C12L219X",
};

/** A CieID-shaped answer: Response Issuer without Format, both Response and Assertion signed. */
function cieResponse(spec: Partial<ResponseSpec> = {}, sign: "both" | "assertion" = "both") {
  const requestId = randomId();
  const { xml } = buildResponse({
    acsUrl: ACS,
    spEntityId: SP,
    requestId,
    idpEntityId: CIE_TEST_IDP.entityId,
    responseIssuerFormat: null,
    authnContextClassRef: "https://www.spid.gov.it/SpidL3",
    attributes: CIE_ATTRIBUTES,
    ...spec,
  });
  // An error answer carries no Assertion: only the Response is signed.
  const assertion = spec.assertionCount === 0 ? xml : signAssertion(xml, key);
  const signed = sign === "both" ? signResponse(assertion, key) : assertion;
  return { requestId, xml: signed };
}

describe("CIE response rules", () => {
  it("accepts CieID's answer: level 3, the minimum dataset, no spidCode", () => {
    const { requestId, xml } = cieResponse();
    const verdict = checkLoginResponse(xml, expectations(requestId), CIE_RULES);
    expect(verdict).toMatchObject({ ok: true, facts: { level: 3 } });
    if (verdict.ok)
      expect(Object.keys(verdict.facts.attributes).sort()).toEqual(Object.keys(CIE_ATTRIBUTES).sort());
  });

  it("refuses with 403 a Response whose own signature is missing, which SPID would accept", () => {
    const { requestId, xml } = cieResponse({}, "assertion");
    expect(checkLoginResponse(xml, expectations(requestId), CIE_RULES)).toMatchObject({
      ok: false,
      code: "response-unsigned",
      status: 403,
    });
    expect(checkLoginResponse(xml, expectations(requestId), SPID_RULES).ok).toBe(true);
  });

  it("says CIE, not SPID, when the level is below the one asked", () => {
    const { requestId, xml } = cieResponse({ authnContextClassRef: "https://www.spid.gov.it/SpidL1" });
    const verdict = checkLoginResponse(xml, expectations(requestId), CIE_RULES);
    expect(verdict).toMatchObject({ ok: false, code: "level", status: 403 });
    if (!verdict.ok) expect(verdict.detail).toContain("CIE di livello 1");
  });

  it.each([
    ["ErrorCode nr23", "cie-nr23"],
    ["ErrorCode nr22", "cie-nr22"],
    ["ErrorCode nr21", "cie-nr21"],
    ["ErrorCode nr25", "cie-nr25"],
  ])("turns %s into %s, 403", (message, code) => {
    const { requestId, xml } = cieResponse({
      statusCode: "urn:oasis:names:tc:SAML:2.0:status:Responder",
      statusMessage: message,
      assertionCount: 0,
    });
    expect(checkLoginResponse(xml, expectations(requestId), CIE_RULES)).toMatchObject({
      ok: false,
      code,
      status: 403,
    });
  });

  it("does not take SPID-only or reserved codes for CIE's", () => {
    expect(cieErrorCode("ErrorCode nr19")).toBeNull();
    expect(cieErrorCode("ErrorCode nr20")).toBeNull();
    expect(cieErrorCode("ErrorCode nr24")).toBeNull();
    expect(cieErrorCode("")).toBeNull();
    const { requestId, xml } = cieResponse({
      statusCode: "urn:oasis:names:tc:SAML:2.0:status:Responder",
      statusMessage: "ErrorCode nr19",
      assertionCount: 0,
    });
    expect(checkLoginResponse(xml, expectations(requestId), CIE_RULES)).toMatchObject({
      ok: false,
      code: "status",
    });
  });

  it("refuses an answer from another IdP than the one asked", () => {
    const { requestId, xml } = cieResponse({ responseIssuer: "https://idp.prova.example/metadata" });
    expect(checkLoginResponse(xml, expectations(requestId), CIE_RULES)).toMatchObject({
      ok: false,
      code: "response-issuer",
    });
  });
});

describe("CIE request rules", () => {
  it("forces a new authentication at every level, SPID only from level 2", () => {
    expect([1, 2, 3].map((l) => CIE_RULES.forceAuthn(l as 1 | 2 | 3))).toEqual([true, true, true]);
    expect([1, 2, 3].map((l) => SPID_RULES.forceAuthn(l as 1 | 2 | 3))).toEqual([false, true, true]);
    expect(rulesFor("cie")).toBe(CIE_RULES);
    expect(rulesFor("spid")).toBe(SPID_RULES);
  });
});

describe("CIE metadata", () => {
  const org = {
    name: "Regione Demo",
    displayName: "Fascicolo",
    ipaCode: "r_demo",
    municipalityCode: "L219",
    province: "TO",
    email: "portale@regione.demo.it",
    phone: "+39 011 0000000",
  };
  const metadata = (credential: "spid" | "cie") =>
    new DOMParser().parseFromString(
      buildSpMetadata({
        entityId: SP,
        acsUrl: ACS,
        sloUrl: "https://portale.example/saml/slo",
        publicUrl: "https://portale.example",
        serviceName: "Fascicolo",
        org,
        key: key.key,
        cert: key.cert,
        credential,
      }),
      "text/xml",
    );

  it("asks only the minimum dataset and names a public SP in the cie: extensions", () => {
    const doc = metadata("cie");
    const requested = Array.from(doc.getElementsByTagNameNS(NS.metadata, "RequestedAttribute")).map((a) =>
      a.getAttribute("Name"),
    );
    expect(requested.sort()).toEqual(["dateOfBirth", "familyName", "fiscalNumber", "name"]);
    const contacts = Array.from(doc.getElementsByTagNameNS(NS.metadata, "ContactPerson"));
    expect(contacts.map((c) => c.getAttribute("contactType"))).toEqual(["administrative"]);
    const ext = (name: string) =>
      Array.from(doc.getElementsByTagNameNS(NS.cie, name)).map((e) => e.textContent);
    expect(ext("Public")).toHaveLength(1);
    expect(ext("Private")).toHaveLength(0);
    expect(ext("IPACode")).toEqual(["r_demo"]);
    expect(ext("Municipality")).toEqual(["L219"]);
    expect(ext("Province")).toEqual(["TO"]);
    // Company repeats OrganizationName exactly.
    const company = doc.getElementsByTagNameNS(NS.metadata, "Company")[0]?.textContent;
    expect(company).toBe(doc.getElementsByTagNameNS(NS.metadata, "OrganizationName")[0]?.textContent);
    expect(doc.getElementsByTagNameNS(NS.spid, "IPACode")).toHaveLength(0);
    // At least one SingleLogoutService in the Redirect binding.
    const slo = Array.from(doc.getElementsByTagNameNS(NS.metadata, "SingleLogoutService")).map((e) =>
      e.getAttribute("Binding"),
    );
    expect(slo).toContain("urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect");
  });

  it("keeps SPID's document as it was: spidCode asked, the spid: contact", () => {
    const doc = metadata("spid");
    const requested = Array.from(doc.getElementsByTagNameNS(NS.metadata, "RequestedAttribute")).map((a) =>
      a.getAttribute("Name"),
    );
    expect(requested).toContain("spidCode");
    expect(doc.getElementsByTagNameNS(NS.spid, "IPACode")).toHaveLength(1);
    expect(doc.getElementsByTagNameNS(NS.cie, "IPACode")).toHaveLength(0);
  });
});

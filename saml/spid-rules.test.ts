import { beforeAll, describe, expect, it } from "vitest";
import {
  buildResponse,
  instant,
  newKeyPair,
  randomId,
  signAssertion,
  TEST_IDP_ENTITY_ID,
  type KeyPair,
  type ResponseSpec,
} from "../tests/support/spid-test-idp";
import {
  checkLoginResponse,
  parseInstant,
  readInResponseTo,
  spidErrorCode,
  type SpidExpectations,
} from "./spid-rules";

const ACS = "https://portale.example/saml/acs";
const SP = "https://portale.example/saml/metadata";
let key: KeyPair;

beforeAll(async () => {
  key = await newKeyPair("idp.prova.example");
});

function expectations(requestId: string, over: Partial<SpidExpectations> = {}): SpidExpectations {
  return {
    acsUrl: ACS,
    spEntityId: SP,
    idpEntityId: TEST_IDP_ENTITY_ID,
    requestId,
    requestIssueInstant: new Date(Date.now() - 5_000),
    minLevel: 2,
    now: new Date(),
    ...over,
  };
}

function check(spec: Partial<ResponseSpec> = {}, over: Partial<SpidExpectations> = {}, sign = true) {
  const requestId = randomId();
  const { xml } = buildResponse({ acsUrl: ACS, spEntityId: SP, requestId, ...spec });
  return checkLoginResponse(sign ? signAssertion(xml, key) : xml, expectations(requestId, over));
}

describe("checkLoginResponse", () => {
  it("accepts a correct response and reports what the session needs", () => {
    const verdict = check({ assertionId: "_a1", nameId: "_n1" });
    expect(verdict.ok).toBe(true);
    if (!verdict.ok) return;
    expect(verdict.facts.assertionId).toBe("_a1");
    expect(verdict.facts.nameId).toBe("_n1");
    expect(verdict.facts.level).toBe(2);
    expect(verdict.facts.nameQualifier).toBe(TEST_IDP_ENTITY_ID);
    expect(verdict.facts.attributes.fiscalNumber).toEqual(["TINIT-GDASDV00A01H501J"]);
    expect(verdict.facts.notOnOrAfter.getTime()).toBeGreaterThan(Date.now());
  });

  it.each<[string, Partial<ResponseSpec>, string]>([
    ["response without ID", { responseId: null }, "response-id"],
    ["response version 1.0", { responseVersion: "1.0" }, "response-version"],
    [
      "response IssueInstant in the future",
      { responseIssueInstant: instant(600_000) },
      "response-issue-instant",
    ],
    [
      "response IssueInstant before the request",
      { responseIssueInstant: instant(-600_000) },
      "response-issue-instant",
    ],
    ["response without InResponseTo", { inResponseTo: null }, "in-response-to"],
    ["wrong InResponseTo", { inResponseTo: "_other" }, "in-response-to"],
    ["wrong Destination", { destination: "https://x.example/acs" }, "destination"],
    ["no Issuer", { responseIssuer: null }, "response-issuer"],
    ["bad Issuer Format", { responseIssuerFormat: "urn:x" }, "response-issuer"],
    ["two assertions", { assertionCount: 2 }, "assertion-count"],
    ["assertion version", { assertionVersion: "2.1" }, "assertion-version"],
    [
      "transient NameID required",
      { nameIdFormat: "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent" },
      "name-id",
    ],
    ["NameQualifier required", { nameQualifier: null }, "name-id"],
    ["bearer required", { subjectConfirmationMethod: "urn:x" }, "subject-confirmation"],
    ["Recipient", { recipient: "https://x.example/acs" }, "subject-confirmation"],
    ["expired SubjectConfirmationData", { scdNotOnOrAfter: instant(-600_000) }, "subject-confirmation"],
    ["assertion Issuer Format required", { assertionIssuerFormat: null }, "assertion-issuer"],
    ["NotBefore in the future", { notBefore: instant(600_000) }, "conditions"],
    ["Audience", { audience: "https://x.example" }, "audience"],
    [
      "old SpidL1 URN",
      { authnContextClassRef: "urn:oasis:names:tc:SAML:2.0:ac:classes:SpidL1" },
      "authn-context",
    ],
    ["level below the one asked", { authnContextClassRef: "https://www.spid.gov.it/SpidL1" }, "level"],
    ["empty AttributeStatement", { attributes: {} }, "attributes"],
    ["attribute without value", { attributes: { name: null } }, "attributes"],
  ])("refuses %s", (_name, spec, code) => {
    const verdict = check(spec);
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) expect(verdict.code).toBe(code);
  });

  it("refuses an unsigned assertion with 403", () => {
    const verdict = check({}, {}, false);
    expect(verdict).toMatchObject({ ok: false, code: "assertion-unsigned", status: 403 });
  });

  it("turns SPID error codes into their own code, 403", () => {
    const verdict = check(
      {
        statusCode: "urn:oasis:names:tc:SAML:2.0:status:Responder",
        statusMessage: "ErrorCode nr22",
        assertionCount: 0,
      },
      {},
      false,
    );
    expect(verdict).toMatchObject({ ok: false, code: "nr22", status: 403 });
  });

  it("accepts milliseconds, a Response Issuer without Format and a higher level", () => {
    const verdict = check({
      responseIssueInstant: instant(0),
      assertionIssueInstant: instant(0),
      responseIssuerFormat: null,
      authnContextClassRef: "https://www.spid.gov.it/SpidL3",
      attributeNameFormat: false,
    });
    expect(verdict).toMatchObject({ ok: true, facts: { level: 3 } });
  });

  it("tolerates the allowed clock skew but not more", () => {
    expect(check({ responseIssueInstant: instant(30_000) }).ok).toBe(true);
    expect(check({ responseIssueInstant: instant(120_000) }).ok).toBe(false);
  });

  it("refuses documents with a DOCTYPE and non-SAML documents", () => {
    expect(checkLoginResponse("<!DOCTYPE x><x/>", expectations("_r"))).toMatchObject({
      ok: false,
      code: "malformed",
    });
    expect(checkLoginResponse("<x/>", expectations("_r"))).toMatchObject({ ok: false, code: "malformed" });
    expect(checkLoginResponse("not xml <", expectations("_r"))).toMatchObject({
      ok: false,
      code: "malformed",
    });
  });
});

describe("helpers", () => {
  it("parseInstant takes UTC xs:dateTime with optional fraction only", () => {
    expect(parseInstant("2026-11-26T10:00:00Z")?.toISOString()).toBe("2026-11-26T10:00:00.000Z");
    expect(parseInstant("2026-11-26T10:00:00.123456Z")?.toISOString()).toBe("2026-11-26T10:00:00.123Z");
    expect(parseInstant("2026-11-26T10:00:00")).toBeNull();
    expect(parseInstant("2026-11-26T10:00:00+01:00")).toBeNull();
    expect(parseInstant("2026-02-30T10:00:00Z")).toBeNull();
    expect(parseInstant("2026-11-26T24:00:00Z")).toBeNull();
    expect(parseInstant(null)).toBeNull();
  });

  it("spidErrorCode reads nr19..nr25 but not nr24 or others", () => {
    expect(spidErrorCode("ErrorCode nr19")).toBe("nr19");
    expect(spidErrorCode("ErrorCode nr25 - annullato")).toBe("nr25");
    expect(spidErrorCode("ErrorCode nr24")).toBeNull();
    expect(spidErrorCode("ErrorCode nr08")).toBeNull();
    expect(spidErrorCode("")).toBeNull();
  });

  it("readInResponseTo tells unreadable from missing", () => {
    expect(readInResponseTo("nope")).toEqual({ readable: false });
    const { xml } = buildResponse({ acsUrl: ACS, spEntityId: SP, requestId: "_abc" });
    expect(readInResponseTo(xml)).toEqual({ readable: true, inResponseTo: "_abc" });
    const missing = buildResponse({ acsUrl: ACS, spEntityId: SP, requestId: "_abc", inResponseTo: null }).xml;
    expect(readInResponseTo(missing)).toEqual({ readable: true, inResponseTo: null });
  });
});

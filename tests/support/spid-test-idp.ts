/**
 * A scripted SPID identity provider for integration tests: its own key and metadata (written
 * into a directory given to the server as SAML_IDP_DIR) and Responses crafted from templates,
 * signed with xml-crypto, so that every rule of the ACS can be exercised one at a time.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { generate } from "selfsigned";
import { SignedXml } from "xml-crypto";

export const TEST_IDP_ENTITY_ID = "https://idp.prova.example/metadata";
export const TEST_IDP_SSO = "https://idp.prova.example/sso";
export const TEST_IDP_SLO = "https://idp.prova.example/slo";
export const TEST_IDP_ID = "idp-di-prova";

const NS_SAMLP = "urn:oasis:names:tc:SAML:2.0:protocol";
const NS_SAML = "urn:oasis:names:tc:SAML:2.0:assertion";
const ENTITY = "urn:oasis:names:tc:SAML:2.0:nameid-format:entity";
const TRANSIENT = "urn:oasis:names:tc:SAML:2.0:nameid-format:transient";
const BEARER = "urn:oasis:names:tc:SAML:2.0:cm:bearer";
const SUCCESS = "urn:oasis:names:tc:SAML:2.0:status:Success";
const RSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";
const SHA256 = "http://www.w3.org/2001/04/xmlenc#sha256";
const EXC_C14N = "http://www.w3.org/2001/10/xml-exc-c14n#";
const ENVELOPED = "http://www.w3.org/2000/09/xmldsig#enveloped-signature";

export interface KeyPair {
  key: string;
  cert: string;
}

export async function newKeyPair(cn: string): Promise<KeyPair> {
  const pems = await generate([{ name: "commonName", value: cn }], { keySize: 2048, algorithm: "sha256" });
  return { key: pems.private, cert: pems.cert };
}

export function certBody(pem: string): string {
  return pem.replace(/-----[^-]+-----/g, "").replace(/\s+/g, "");
}

/** Who a scripted IdP is: the SPID test IdP, or one standing for CieID (files in SAML_CIE_IDP_DIR). */
export interface TestIdpIdentity {
  /** Short id in URLs (the metadata file's name). */
  id: string;
  entityId: string;
  sso: string;
  slo: string;
  name: string;
}

export const SPID_TEST_IDP: TestIdpIdentity = {
  id: TEST_IDP_ID,
  entityId: TEST_IDP_ENTITY_ID,
  sso: TEST_IDP_SSO,
  slo: TEST_IDP_SLO,
  name: "IdP di prova",
};

/** CieID's production entity ID and endpoints: the tests never reach them, the portal only redirects. */
export const CIE_TEST_IDP: TestIdpIdentity = {
  id: "cieid",
  entityId: "https://idserver.servizicie.interno.gov.it/idp/profile/SAML2/POST/SSO",
  sso: "https://idserver.servizicie.interno.gov.it/idp/profile/SAML2/Redirect/SSO",
  slo: "https://idserver.servizicie.interno.gov.it/idp/profile/SAML2/Redirect/SLO",
  name: "CieID",
};

export function idpMetadata(cert: string, idp: TestIdpIdentity = SPID_TEST_IDP): string {
  const c = certBody(cert);
  return `<?xml version="1.0" encoding="UTF-8"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="${idp.entityId}">
  <md:IDPSSODescriptor protocolSupportEnumeration="${NS_SAMLP}" WantAuthnRequestsSigned="true">
    <md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>${c}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>
    <md:SingleLogoutService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="${idp.slo}"/>
    <md:NameIDFormat>${TRANSIENT}</md:NameIDFormat>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="${idp.sso}"/>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="${idp.sso}"/>
  </md:IDPSSODescriptor>
  <md:Organization>
    <md:OrganizationName xml:lang="it">${idp.name}</md:OrganizationName>
    <md:OrganizationDisplayName xml:lang="it">${idp.name}</md:OrganizationDisplayName>
    <md:OrganizationURL xml:lang="it">${new URL(idp.sso).origin}</md:OrganizationURL>
  </md:Organization>
</md:EntityDescriptor>`;
}

/** Writes the test IdP's metadata into `dir` (as <id>.xml) and returns its keys. */
export async function setUpTestIdp(dir: string, idp: TestIdpIdentity = SPID_TEST_IDP): Promise<KeyPair> {
  const pair = await newKeyPair(new URL(idp.entityId).hostname);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, `${idp.id}.xml`), idpMetadata(pair.cert, idp));
  return pair;
}

export interface StartedLogin {
  requestId: string;
  issueInstant: string;
  relayState: string;
  /** The decoded AuthnRequest XML. */
  requestXml: string;
  location: string;
}

/** GET /saml/login for the test IdP (Redirect binding) and decodes the AuthnRequest. */
export async function startLogin(
  baseUrl: string,
  opts: { level?: number; next?: string; cookie?: string; idp?: TestIdpIdentity } = {},
): Promise<StartedLogin> {
  const params = new URLSearchParams({ idp: (opts.idp ?? SPID_TEST_IDP).id, binding: "redirect" });
  if (opts.level) params.set("level", String(opts.level));
  if (opts.next) params.set("next", opts.next);
  const res = await fetch(`${baseUrl}/saml/login?${params}`, {
    redirect: "manual",
    headers: opts.cookie ? { Cookie: opts.cookie } : {},
  });
  if (res.status !== 302) throw new Error(`login did not redirect: ${res.status} ${await res.text()}`);
  const location = res.headers.get("location")!;
  const url = new URL(location);
  const requestXml = zlib
    .inflateRawSync(Buffer.from(url.searchParams.get("SAMLRequest")!, "base64"))
    .toString("utf8");
  const requestId = /\sID="([^"]+)"/.exec(requestXml)![1];
  const issueInstant = /\sIssueInstant="([^"]+)"/.exec(requestXml)![1];
  return { requestId, issueInstant, relayState: url.searchParams.get("RelayState")!, requestXml, location };
}

/** Every knob of a Response: undefined keeps the correct default, null leaves the thing out. */
export interface ResponseSpec {
  acsUrl: string;
  spEntityId: string;
  requestId: string;
  /** The IdP that answers (default the SPID test IdP): Issuers and NameQualifier. */
  idpEntityId?: string;
  responseId?: string | null;
  responseVersion?: string | null;
  responseIssueInstant?: string | null;
  inResponseTo?: string | null;
  destination?: string | null;
  responseIssuer?: string | null;
  responseIssuerFormat?: string | null;
  statusCode?: string | null;
  statusMessage?: string | null;
  /** How many copies of the Assertion (default 1). */
  assertionCount?: number;
  assertionId?: string | null;
  assertionVersion?: string | null;
  assertionIssueInstant?: string | null;
  assertionIssuer?: string | null;
  assertionIssuerFormat?: string | null;
  subject?: boolean;
  nameId?: string | null;
  nameIdFormat?: string | null;
  nameQualifier?: string | null;
  subjectConfirmation?: boolean;
  subjectConfirmationMethod?: string | null;
  subjectConfirmationData?: boolean;
  recipient?: string | null;
  scdInResponseTo?: string | null;
  scdNotOnOrAfter?: string | null;
  conditions?: boolean;
  notBefore?: string | null;
  notOnOrAfter?: string | null;
  audienceRestriction?: boolean;
  audience?: string | null;
  authnStatement?: boolean;
  authnContextClassRef?: string | null;
  /** null: no AttributeStatement; {}: an empty one. */
  attributes?: Record<string, string | null> | null;
  attributeNameFormat?: boolean;
  fiscalNumber?: string;
}

export function instant(offsetMs = 0, opts: { millis?: boolean } = {}): string {
  const iso = new Date(Date.now() + offsetMs).toISOString();
  return opts.millis === false ? iso.replace(/\.\d{3}Z$/, "Z") : iso;
}

export function randomId(): string {
  return "_" + crypto.randomBytes(16).toString("hex");
}

const a = (name: string, value: string | null | undefined) =>
  value === null || value === undefined
    ? ""
    : ` ${name}="${value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;")}"`;
const t = (value: string) => value.replace(/&/g, "&amp;").replace(/</g, "&lt;");
const pick = <T>(value: T | undefined, fallback: T): T => (value === undefined ? fallback : value);

/** The codice fiscale of the test IdP's default identity (defaultAttributes). */
export const TEST_IDP_CODICE_FISCALE = "GDASDV00A01H501J";

export function defaultAttributes(fiscalNumber = `TINIT-${TEST_IDP_CODICE_FISCALE}`): Record<string, string> {
  return {
    spidCode: "PROV-0000001",
    name: "Guido",
    familyName: "Da Silva",
    fiscalNumber,
    dateOfBirth: "2000-01-01",
    email: "guido.dasilva@example.it",
  };
}

export function buildResponse(s: ResponseSpec): { xml: string; assertionId: string; responseId: string } {
  const responseId = pick(s.responseId, randomId());
  const assertionId = pick(s.assertionId, randomId());
  const now = instant(0, { millis: false });
  const issuer = (
    value: string | null | undefined,
    format: string | null | undefined,
    defFormat: string | null,
  ) => {
    const v = pick(value, s.idpEntityId ?? TEST_IDP_ENTITY_ID);
    return v === null ? "" : `<saml:Issuer${a("Format", pick(format, defFormat))}>${t(v)}</saml:Issuer>`;
  };
  const attributes = s.attributes === undefined ? defaultAttributes(s.fiscalNumber) : s.attributes;
  const attributeXml =
    attributes === null
      ? ""
      : `<saml:AttributeStatement>${Object.entries(attributes)
          .map(
            ([name, value]) =>
              `<saml:Attribute Name="${name}"${s.attributeNameFormat === false ? "" : ' NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:basic"'}>` +
              (value === null
                ? ""
                : `<saml:AttributeValue xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="xs:string" xmlns:xs="http://www.w3.org/2001/XMLSchema">${t(value)}</saml:AttributeValue>`) +
              `</saml:Attribute>`,
          )
          .join("")}</saml:AttributeStatement>`;
  const nameId = pick(s.nameId, "_transient-" + crypto.randomBytes(8).toString("hex"));
  const subject =
    s.subject === false
      ? ""
      : `<saml:Subject>` +
        (nameId === null
          ? ""
          : `<saml:NameID${a("Format", pick(s.nameIdFormat, TRANSIENT))}${a("NameQualifier", pick(s.nameQualifier, s.idpEntityId ?? TEST_IDP_ENTITY_ID))}>${t(nameId)}</saml:NameID>`) +
        (s.subjectConfirmation === false
          ? ""
          : `<saml:SubjectConfirmation${a("Method", pick(s.subjectConfirmationMethod, BEARER))}>` +
            (s.subjectConfirmationData === false
              ? ""
              : `<saml:SubjectConfirmationData${a("Recipient", pick(s.recipient, s.acsUrl))}${a("InResponseTo", pick(s.scdInResponseTo, s.requestId))}${a("NotOnOrAfter", pick(s.scdNotOnOrAfter, instant(5 * 60_000)))}/>`) +
            `</saml:SubjectConfirmation>`) +
        `</saml:Subject>`;
  const conditions =
    s.conditions === false
      ? ""
      : `<saml:Conditions${a("NotBefore", pick(s.notBefore, instant(-60_000)))}${a("NotOnOrAfter", pick(s.notOnOrAfter, instant(5 * 60_000)))}>` +
        (s.audienceRestriction === false
          ? ""
          : `<saml:AudienceRestriction>${pick(s.audience, s.spEntityId) === null ? "" : `<saml:Audience>${t(pick(s.audience, s.spEntityId)!)}</saml:Audience>`}</saml:AudienceRestriction>`) +
        `</saml:Conditions>`;
  const classRef = pick(s.authnContextClassRef, "https://www.spid.gov.it/SpidL2");
  const authn =
    s.authnStatement === false
      ? ""
      : `<saml:AuthnStatement AuthnInstant="${now}" SessionIndex="${randomId()}"><saml:AuthnContext>${classRef === null ? "" : `<saml:AuthnContextClassRef>${t(classRef)}</saml:AuthnContextClassRef>`}</saml:AuthnContext></saml:AuthnStatement>`;
  const assertion = (id: string | null) =>
    `<saml:Assertion xmlns:saml="${NS_SAML}"${a("ID", id)}${a("Version", pick(s.assertionVersion, "2.0"))}${a("IssueInstant", pick(s.assertionIssueInstant, now))}>` +
    issuer(s.assertionIssuer, s.assertionIssuerFormat, ENTITY) +
    subject +
    conditions +
    authn +
    attributeXml +
    `</saml:Assertion>`;
  const count = s.assertionCount ?? 1;
  const assertions = Array.from({ length: count }, (_, i) =>
    assertion(i === 0 ? assertionId : randomId()),
  ).join("");
  const statusCode = pick(s.statusCode, SUCCESS);
  const statusMessage = pick(s.statusMessage, null);
  const xml =
    `<samlp:Response xmlns:samlp="${NS_SAMLP}" xmlns:saml="${NS_SAML}"${a("ID", responseId)}${a("Version", pick(s.responseVersion, "2.0"))}` +
    `${a("IssueInstant", pick(s.responseIssueInstant, now))}${a("InResponseTo", pick(s.inResponseTo, s.requestId))}${a("Destination", pick(s.destination, s.acsUrl))}>` +
    issuer(s.responseIssuer, s.responseIssuerFormat, ENTITY) +
    `<samlp:Status>${statusCode === null ? "" : `<samlp:StatusCode Value="${statusCode}"/>`}${statusMessage === null ? "" : `<samlp:StatusMessage>${t(statusMessage)}</samlp:StatusMessage>`}</samlp:Status>` +
    assertions +
    `</samlp:Response>`;
  return { xml, assertionId: assertionId ?? "", responseId: responseId ?? "" };
}

function sign(xml: string, pair: KeyPair, target: string, hasIssuer: boolean): string {
  const sig = new SignedXml({
    privateKey: pair.key,
    publicCert: pair.cert,
    signatureAlgorithm: RSA_SHA256,
    canonicalizationAlgorithm: EXC_C14N,
  });
  sig.addReference({ xpath: target, transforms: [ENVELOPED, EXC_C14N], digestAlgorithm: SHA256 });
  const location = hasIssuer
    ? { reference: `${target}/*[local-name(.)='Issuer']`, action: "after" as const }
    : { reference: target, action: "prepend" as const };
  sig.computeSignature(xml, { prefix: "ds", location });
  return sig.getSignedXml();
}

/** Signs the (first) Assertion after its Issuer, as SPID IdPs do. */
export function signAssertion(xml: string, pair: KeyPair): string {
  const hasIssuer = /<saml:Assertion[^>]*><saml:Issuer/.test(xml);
  return sign(xml, pair, "/*[local-name(.)='Response']/*[local-name(.)='Assertion'][1]", hasIssuer);
}

/** Signs the Response as a whole, after its Issuer. */
export function signResponse(xml: string, pair: KeyPair): string {
  const hasIssuer = /<samlp:Response[^>]*><saml:Issuer/.test(xml);
  return sign(xml, pair, "/*[local-name(.)='Response']", hasIssuer);
}

export interface AcsResult {
  status: number;
  location: string | null;
  setCookie: string | null;
  body: string;
  contentType: string | null;
}

export async function postToAcs(
  baseUrl: string,
  xml: string,
  relayState?: string | null,
): Promise<AcsResult> {
  const form = new URLSearchParams({ SAMLResponse: Buffer.from(xml, "utf8").toString("base64") });
  if (relayState) form.set("RelayState", relayState);
  const res = await fetch(`${baseUrl}/saml/acs`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: form.toString(),
  });
  return {
    status: res.status,
    location: res.headers.get("location"),
    setCookie: res.headers.get("set-cookie"),
    body: await res.text(),
    contentType: res.headers.get("content-type"),
  };
}

/** The `name=value` part of a session Set-Cookie, ready for a Cookie header. */
export function sessionCookie(setCookie: string | null): string | null {
  const m = setCookie ? /(?:^|,\s*)((?:__Host-)?sid=[A-Za-z0-9_-]{43})/.exec(setCookie) : null;
  return m ? m[1] : null;
}

/** A message for the HTTP-Redirect binding, deflated and signed over the raw query like an IdP. */
export function redirectUrl(
  target: string,
  param: "SAMLRequest" | "SAMLResponse",
  xml: string,
  pair: KeyPair | null,
  relayState?: string,
): string {
  let query = `${param}=${encodeURIComponent(zlib.deflateRawSync(Buffer.from(xml, "utf8")).toString("base64"))}`;
  if (relayState) query += `&RelayState=${encodeURIComponent(relayState)}`;
  if (pair) {
    query += `&SigAlg=${encodeURIComponent(RSA_SHA256)}`;
    const signature = crypto.sign("sha256", Buffer.from(query), pair.key).toString("base64");
    query += `&Signature=${encodeURIComponent(signature)}`;
  }
  return `${target}?${query}`;
}

export function logoutResponseXml(opts: {
  inResponseTo: string;
  destination: string;
  status?: string;
}): string {
  return (
    `<samlp:LogoutResponse xmlns:samlp="${NS_SAMLP}" xmlns:saml="${NS_SAML}" ID="${randomId()}" Version="2.0" IssueInstant="${instant()}"` +
    ` Destination="${opts.destination}" InResponseTo="${opts.inResponseTo}">` +
    `<saml:Issuer Format="${ENTITY}" NameQualifier="${TEST_IDP_ENTITY_ID}">${TEST_IDP_ENTITY_ID}</saml:Issuer>` +
    `<samlp:Status><samlp:StatusCode Value="${opts.status ?? SUCCESS}"/></samlp:Status></samlp:LogoutResponse>`
  );
}

export function logoutRequestXml(opts: {
  nameId: string;
  sessionIndex?: string | null;
  destination: string;
}): string {
  return (
    `<samlp:LogoutRequest xmlns:samlp="${NS_SAMLP}" xmlns:saml="${NS_SAML}" ID="${randomId()}" Version="2.0" IssueInstant="${instant()}"` +
    ` Destination="${opts.destination}" NotOnOrAfter="${instant(5 * 60_000)}">` +
    `<saml:Issuer Format="${ENTITY}" NameQualifier="${TEST_IDP_ENTITY_ID}">${TEST_IDP_ENTITY_ID}</saml:Issuer>` +
    `<saml:NameID Format="${TRANSIENT}" NameQualifier="${TEST_IDP_ENTITY_ID}">${opts.nameId}</saml:NameID>` +
    (opts.sessionIndex ? `<samlp:SessionIndex>${opts.sessionIndex}</samlp:SessionIndex>` : "") +
    `</samlp:LogoutRequest>`
  );
}

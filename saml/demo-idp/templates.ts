/**
 * SPID- and CieID-shaped message templates. Placeholders `{Name}` are filled with samlify's
 * replaceTagsByValue, which XML-escapes every value.
 */
import { NAMEID_FORMAT, NS } from "../constants";

const ROOT_NS = `xmlns:samlp="${NS.protocol}" xmlns:saml="${NS.assertion}"`;
const ISSUER = `<saml:Issuer Format="${NAMEID_FORMAT.entity}" NameQualifier="{Issuer}">{Issuer}</saml:Issuer>`;
// The Assertion's Issuer carries no NameQualifier in SPID's own examples; Format is what the SP checks.
const ASSERTION_ISSUER = `<saml:Issuer Format="${NAMEID_FORMAT.entity}">{Issuer}</saml:Issuer>`;

/** The Response's own Issuer: SPID writes Format, CieID does not. */
function responseIssuer(withFormat: boolean): string {
  return withFormat
    ? `<saml:Issuer Format="${NAMEID_FORMAT.entity}">{Issuer}</saml:Issuer>`
    : `<saml:Issuer>{Issuer}</saml:Issuer>`;
}

/** `{Attributes}` is replaced by the attribute elements before the values are filled in. */
export function loginResponseTemplate(issuerFormat: boolean): string {
  return (
    `<samlp:Response ${ROOT_NS} ID="{ID}" Version="2.0" IssueInstant="{IssueInstant}" Destination="{Destination}" InResponseTo="{InResponseTo}">` +
    responseIssuer(issuerFormat) +
    `<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>` +
    `<saml:Assertion xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ID="{AssertionID}" Version="2.0" IssueInstant="{IssueInstant}">` +
    ASSERTION_ISSUER +
    `<saml:Subject>` +
    `<saml:NameID Format="${NAMEID_FORMAT.transient}" NameQualifier="{Issuer}">{NameID}</saml:NameID>` +
    `<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer">` +
    `<saml:SubjectConfirmationData InResponseTo="{InResponseTo}" NotOnOrAfter="{NotOnOrAfter}" Recipient="{Destination}"/>` +
    `</saml:SubjectConfirmation>` +
    `</saml:Subject>` +
    `<saml:Conditions NotBefore="{NotBefore}" NotOnOrAfter="{NotOnOrAfter}">` +
    `<saml:AudienceRestriction><saml:Audience>{Audience}</saml:Audience></saml:AudienceRestriction>` +
    `</saml:Conditions>` +
    `<saml:AuthnStatement AuthnInstant="{IssueInstant}" SessionIndex="{SessionIndex}">` +
    `<saml:AuthnContext><saml:AuthnContextClassRef>{AuthnContextClassRef}</saml:AuthnContextClassRef></saml:AuthnContext>` +
    `</saml:AuthnStatement>` +
    `{Attributes}` +
    `</saml:Assertion>` +
    `</samlp:Response>`
  );
}

/** An error (SPID and CieID alike): no assertion, a second-level status and "ErrorCode nrNN". */
export function errorResponseTemplate(issuerFormat: boolean): string {
  return (
    `<samlp:Response ${ROOT_NS} ID="{ID}" Version="2.0" IssueInstant="{IssueInstant}" Destination="{Destination}" InResponseTo="{InResponseTo}">` +
    responseIssuer(issuerFormat) +
    `<samlp:Status>` +
    `<samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Responder">` +
    `<samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:AuthnFailed"/>` +
    `</samlp:StatusCode>` +
    `<samlp:StatusMessage>{StatusMessage}</samlp:StatusMessage>` +
    `</samlp:Status>` +
    `</samlp:Response>`
  );
}

export const LOGOUT_REQUEST =
  `<samlp:LogoutRequest ${ROOT_NS} ID="{ID}" Version="2.0" IssueInstant="{IssueInstant}" Destination="{Destination}">` +
  ISSUER +
  `<saml:NameID Format="${NAMEID_FORMAT.transient}" NameQualifier="{Issuer}">{NameID}</saml:NameID>` +
  `<samlp:SessionIndex>{SessionIndex}</samlp:SessionIndex>` +
  `</samlp:LogoutRequest>`;

export const LOGOUT_RESPONSE =
  `<samlp:LogoutResponse ${ROOT_NS} ID="{ID}" Version="2.0" IssueInstant="{IssueInstant}" Destination="{Destination}" InResponseTo="{InResponseTo}">` +
  ISSUER +
  `<samlp:Status><samlp:StatusCode Value="{StatusCode}"/></samlp:Status>` +
  `</samlp:LogoutResponse>`;

export interface SamlAttribute {
  name: string;
  value: string;
  type: "xs:string" | "xs:date";
}

/**
 * The AttributeStatement with one placeholder per value; the values themselves go through
 * replaceTagsByValue (escaped) under the returned tag names.
 */
export function attributeStatement(attributes: SamlAttribute[]): {
  xml: string;
  values: Record<string, string>;
} {
  if (!attributes.length) return { xml: "", values: {} };
  const values: Record<string, string> = {};
  const items = attributes.map((a, i) => {
    const tag = `Attr${i}`;
    values[tag] = a.value;
    return (
      `<saml:Attribute Name="${a.name}" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:basic">` +
      `<saml:AttributeValue xsi:type="${a.type}">{${tag}}</saml:AttributeValue>` +
      `</saml:Attribute>`
    );
  });
  return { xml: `<saml:AttributeStatement>${items.join("")}</saml:AttributeStatement>`, values };
}

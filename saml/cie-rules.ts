/**
 * What CieID ("Entra con CIE") does differently from SPID, in one place (docs/decisions/023).
 * Facts from the CIE eID SAML technical manual for service providers (Ministero dell'Interno):
 * - the levels are asserted with the SPID URIs (SpidL1..SpidL3), and ForceAuthn is "true" at
 *   every level;
 * - only the eIDAS minimum dataset is released (name, familyName, dateOfBirth, fiscalNumber as
 *   TINIT-<codice fiscale>), never spidCode;
 * - the Response and the Assertion are both signed, and the SP checks both;
 * - errors come as "ErrorCode nrXX" with nr21, nr22, nr23 (the card expired or revoked) and nr25;
 * - the SP metadata carries the cie: extensions in an administrative ContactPerson;
 * - CieID answers no LogoutRequest: it ends its own session and shows its own page.
 * Everything else (the request, the response checks in spid-rules.ts) is SPID's profile.
 */
import type { Credential } from "../app/rules/identity";
import { NS, REQUESTED_ATTRIBUTES, type SpidLevel } from "./constants";
import { SPID_RESPONSE_RULES, spidErrorCode, type FederationResponseRules } from "./spid-rules";
import { escapeXml as x } from "./xml";

/** CieID's identity provider entity IDs, for the README and the start-up check. */
export const CIE_IDP_ENTITY_IDS = {
  production: "https://idserver.servizicie.interno.gov.it/idp/profile/SAML2/POST/SSO",
  preproduction: "https://preproduzione.idserver.servizicie.interno.gov.it/idp/profile/SAML2/POST/SSO",
} as const;

/** The eIDAS minimum dataset: all CieID releases, and all the portal asks of it. */
export const CIE_REQUESTED_ATTRIBUTES = ["name", "familyName", "dateOfBirth", "fiscalNumber"] as const;

/** The error codes CieID sends to a service provider (nr19, nr20 and nr24 are reserved). */
export const CIE_ERROR_CODES = ["nr21", "nr22", "nr23", "nr25"] as const;
export type CieErrorCode = `cie-${(typeof CIE_ERROR_CODES)[number]}`;

/**
 * The rejection code for a CieID error StatusMessage: "cie-nr23" and so on, kept apart from SPID's
 * because the same number can mean something else (nr23: the card, not a SPID identity).
 */
export function cieErrorCode(message: string): CieErrorCode | null {
  const code = spidErrorCode(message);
  return code && (CIE_ERROR_CODES as readonly string[]).includes(code)
    ? (`cie-${code}` as CieErrorCode)
    : null;
}

/** How a federation's requests and metadata differ; the response side is FederationResponseRules. */
export interface FederationRules extends FederationResponseRules {
  credential: Credential;
  /** Whether the AuthnRequest forces a new authentication at this level. */
  forceAuthn(level: SpidLevel): boolean;
  /** The attributes of AttributeConsumingService index 0. */
  requestedAttributes: readonly string[];
  /** Whether the IdP answers a LogoutRequest with a LogoutResponse. */
  answersLogout: boolean;
}

export const SPID_RULES: FederationRules = {
  ...SPID_RESPONSE_RULES,
  credential: "spid",
  // SPID: a new authentication from level 2 up; at level 1 the IdP may reuse its session.
  forceAuthn: (level) => level >= 2,
  requestedAttributes: REQUESTED_ATTRIBUTES,
  answersLogout: true,
};

export const CIE_RULES: FederationRules = {
  credential: "cie",
  label: "CIE",
  responseSigned: true,
  errorCode: cieErrorCode,
  forceAuthn: () => true,
  requestedAttributes: CIE_REQUESTED_ATTRIBUTES,
  answersLogout: false,
};

export function rulesFor(credential: Credential): FederationRules {
  return credential === "cie" ? CIE_RULES : SPID_RULES;
}

export interface CieContact {
  /** OrganizationName: the manual wants Company to repeat it exactly. */
  name: string;
  ipaCode: string;
  /** Codice catastale of the seat, e.g. L219. */
  municipalityCode: string;
  province: string;
  email: string;
  phone: string;
}

/** The administrative ContactPerson of a public SP's CIE metadata, with the cie: extensions. */
export function cieContactPerson(contact: CieContact): string {
  return (
    `<md:ContactPerson contactType="administrative">` +
    `<md:Extensions xmlns:cie="${NS.cie}">` +
    `<cie:Public/>` +
    `<cie:IPACode>${x(contact.ipaCode)}</cie:IPACode>` +
    `<cie:Municipality>${x(contact.municipalityCode)}</cie:Municipality>` +
    `<cie:Province>${x(contact.province)}</cie:Province>` +
    `</md:Extensions>` +
    `<md:Company>${x(contact.name)}</md:Company>` +
    `<md:EmailAddress>${x(contact.email)}</md:EmailAddress>` +
    `<md:TelephoneNumber>${x(contact.phone.replace(/\s+/g, ""))}</md:TelephoneNumber>` +
    `</md:ContactPerson>`
  );
}

export const NS = {
  protocol: "urn:oasis:names:tc:SAML:2.0:protocol",
  assertion: "urn:oasis:names:tc:SAML:2.0:assertion",
  metadata: "urn:oasis:names:tc:SAML:2.0:metadata",
  dsig: "http://www.w3.org/2000/09/xmldsig#",
  spid: "https://spid.gov.it/saml-extensions",
  cie: "https://www.cartaidentita.interno.gov.it/saml-extensions",
  xml: "http://www.w3.org/XML/1998/namespace",
} as const;

export const BINDING = {
  redirect: "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect",
  post: "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST",
} as const;

export const NAMEID_FORMAT = {
  entity: "urn:oasis:names:tc:SAML:2.0:nameid-format:entity",
  transient: "urn:oasis:names:tc:SAML:2.0:nameid-format:transient",
} as const;

export const STATUS_SUCCESS = "urn:oasis:names:tc:SAML:2.0:status:Success";
export const CM_BEARER = "urn:oasis:names:tc:SAML:2.0:cm:bearer";

export type SpidLevel = 1 | 2 | 3;

export const SPID_LEVEL_URI: Record<SpidLevel, string> = {
  1: "https://www.spid.gov.it/SpidL1",
  2: "https://www.spid.gov.it/SpidL2",
  3: "https://www.spid.gov.it/SpidL3",
};

export function levelFromUri(uri: string): SpidLevel | null {
  for (const level of [1, 2, 3] as const) if (SPID_LEVEL_URI[level] === uri) return level;
  return null;
}

export function parseLevel(value: unknown): SpidLevel | null {
  return value === "1" || value === 1
    ? 1
    : value === "2" || value === 2
      ? 2
      : value === "3" || value === 3
        ? 3
        : null;
}

/**
 * What the portal asks every IdP for (AttributeConsumingService index 0). fiscalNumber identifies
 * the person; the rest is shown read-only in the Area personale.
 */
export const REQUESTED_ATTRIBUTES = [
  "spidCode",
  "name",
  "familyName",
  "fiscalNumber",
  "dateOfBirth",
  "placeOfBirth",
  "countyOfBirth",
  "gender",
  "email",
  "mobilePhone",
  "digitalAddress",
  "domicileStreetAddress",
  "domicilePostalCode",
  "domicileMunicipality",
  "domicileProvince",
  "domicileNation",
] as const;

/** Clock skew tolerated on every instant of a response. */
export const CLOCK_SKEW_MS = 60_000;
/** How long an AuthnRequest may wait for its answer. */
export const REQUEST_TTL_MS = 10 * 60_000;

/**
 * The digital identities a person logs in with: SPID, or the CIE (Carta d'identità elettronica)
 * through CieID. Both speak SAML 2.0 and assert the same three levels (the SPID level URIs);
 * what CIE does differently is in saml/cie-rules.ts.
 */
export const CREDENTIALS = ["spid", "cie"] as const;
export type Credential = (typeof CREDENTIALS)[number];

export function isCredential(value: unknown): value is Credential {
  return typeof value === "string" && (CREDENTIALS as readonly string[]).includes(value);
}

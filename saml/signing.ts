import { SignedXml } from "xml-crypto";

export const ALG = {
  rsaSha256: "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
  sha256: "http://www.w3.org/2001/04/xmlenc#sha256",
  excC14n: "http://www.w3.org/2001/10/xml-exc-c14n#",
  enveloped: "http://www.w3.org/2000/09/xmldsig#enveloped-signature",
} as const;

/**
 * Enveloped RSA-SHA256 signature of the root element, placed as its first child (or right after
 * its Issuer, as SAML protocol messages want) and carrying KeyInfo/X509Data/X509Certificate.
 */
export function signRoot(
  xml: string,
  key: string,
  cert: string,
  opts: { afterIssuer?: boolean } = {},
): string {
  const rootXPath = "/*";
  const sig = new SignedXml({
    privateKey: key,
    publicCert: cert,
    signatureAlgorithm: ALG.rsaSha256,
    canonicalizationAlgorithm: ALG.excC14n,
  });
  sig.addReference({
    xpath: rootXPath,
    transforms: [ALG.enveloped, ALG.excC14n],
    digestAlgorithm: ALG.sha256,
  });
  const location = opts.afterIssuer
    ? { reference: "/*/*[local-name(.)='Issuer']", action: "after" as const }
    : { reference: rootXPath, action: "prepend" as const };
  sig.computeSignature(xml, { prefix: "ds", location });
  return sig.getSignedXml();
}

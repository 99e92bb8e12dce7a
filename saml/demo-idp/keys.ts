import path from "node:path";
import { ensureKeyPair, type KeyPair } from "../keys";
import type { DemoIdpProfile } from "./profile";

/**
 * A demo identity provider's signing key pair, DATA_DIR/saml/<keyFileBase>-key.pem and -cert.pem:
 * read, or made on its first start (a self-signed certificate named after the provider).
 */
export function ensureDemoIdpKeys(dataDir: string, profile: DemoIdpProfile): Promise<KeyPair> {
  return ensureKeyPair({
    keyFile: path.join(dataDir, "saml", `${profile.keyFileBase}-key.pem`),
    certFile: path.join(dataDir, "saml", `${profile.keyFileBase}-cert.pem`),
    commonName: profile.orgName,
  });
}

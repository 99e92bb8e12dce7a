import { randomBytes } from "node:crypto";
import { mkdir, readFile, rm, link, writeFile, access } from "node:fs/promises";
import { dirname } from "node:path";
import { generate } from "selfsigned";

export interface KeyPair {
  key: string;
  cert: string;
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}

async function readPair(keyFile: string, certFile: string): Promise<KeyPair> {
  // Another process may have linked the key and not yet the certificate.
  for (let attempt = 0; attempt < 50; attempt++) {
    if (await exists(certFile)) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const [key, cert] = await Promise.all([readFile(keyFile, "utf8"), readFile(certFile, "utf8")]);
  return { key, cert };
}

/**
 * Reads the SAML signing key pair, generating a self-signed RSA 2048 / SHA-256 one on first start.
 * Files are published with link() so that concurrent first starts agree on one pair.
 */
export async function ensureKeyPair(opts: {
  keyFile: string;
  certFile: string;
  commonName: string;
  days?: number;
}): Promise<KeyPair> {
  const { keyFile, certFile } = opts;
  if (await exists(keyFile)) return readPair(keyFile, certFile);

  await mkdir(dirname(keyFile), { recursive: true });
  await mkdir(dirname(certFile), { recursive: true });
  const notBeforeDate = new Date(Date.now() - 60_000);
  const notAfterDate = new Date(notBeforeDate.getTime() + (opts.days ?? 3650) * 86_400_000);
  const pems = await generate([{ name: "commonName", value: opts.commonName }], {
    keySize: 2048,
    algorithm: "sha256",
    notBeforeDate,
    notAfterDate,
  });

  const suffix = `.${process.pid}.${randomBytes(6).toString("hex")}.tmp`;
  const tmpKey = keyFile + suffix;
  const tmpCert = certFile + suffix;
  await writeFile(tmpKey, pems.private, { mode: 0o600 });
  await writeFile(tmpCert, pems.cert, { mode: 0o644 });
  try {
    try {
      await link(tmpKey, keyFile);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "EEXIST") return readPair(keyFile, certFile);
      throw err;
    }
    try {
      await link(tmpCert, certFile);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      // A stale certificate without its key: replace it with ours.
      await rm(certFile, { force: true });
      await link(tmpCert, certFile);
    }
    return { key: pems.private, cert: pems.cert };
  } finally {
    await rm(tmpKey, { force: true });
    await rm(tmpCert, { force: true });
  }
}

/** The base64 body of a PEM certificate, as XML-DSig's X509Certificate wants it. */
export function certBody(pem: string): string {
  return pem
    .replace(/-----BEGIN [^-]+-----/g, "")
    .replace(/-----END [^-]+-----/g, "")
    .replace(/\s+/g, "");
}

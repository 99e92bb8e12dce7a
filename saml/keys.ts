import { randomBytes } from "node:crypto";
import { mkdir, readFile, rm, link, writeFile, access } from "node:fs/promises";
import { dirname } from "node:path";

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
 * Reads the SAML signing key pair, generating one on first start: with `generate` when given (the
 * SP's certificate on AgID's profile, saml/sp-certificate.ts), otherwise a self-signed RSA 2048 /
 * SHA-256 one for `commonName`. Files are published with link() so that concurrent first starts
 * agree on one pair.
 */
export async function ensureKeyPair(opts: {
  keyFile: string;
  certFile: string;
  commonName?: string;
  days?: number;
  generate?: () => Promise<KeyPair>;
}): Promise<KeyPair> {
  const { keyFile, certFile } = opts;
  if (await exists(keyFile)) return readPair(keyFile, certFile);

  await mkdir(dirname(keyFile), { recursive: true });
  await mkdir(dirname(certFile), { recursive: true });
  const pems = opts.generate
    ? await opts.generate().then((p) => ({ private: p.key, cert: p.cert }))
    : await selfSigned(opts.commonName ?? "localhost", opts.days ?? 3650);

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

async function selfSigned(commonName: string, days: number): Promise<{ private: string; cert: string }> {
  const notBeforeDate = new Date(Date.now() - 60_000);
  const notAfterDate = new Date(notBeforeDate.getTime() + days * 86_400_000);
  // Loaded only when a key is missing: every later start reads the files.
  const { generate } = await import("selfsigned");
  return generate([{ name: "commonName", value: commonName }], {
    keySize: 2048,
    algorithm: "sha256",
    notBeforeDate,
    notAfterDate,
  });
}

/** The base64 body of a PEM certificate, as XML-DSig's X509Certificate wants it. */
export function certBody(pem: string): string {
  return pem
    .replace(/-----BEGIN [^-]+-----/g, "")
    .replace(/-----END [^-]+-----/g, "")
    .replace(/\s+/g, "");
}

/**
 * Tamper-proof tokens for the demo IdP's hidden form fields and its own cookie: base64url JSON
 * plus an HMAC-SHA256. The key is derived from the IdP's private key, which every server process
 * reads from the same data directory, so a login page served by one process can be answered by
 * another.
 */
import crypto from "node:crypto";

export function deriveKey(privateKeyPem: string, purpose: string): Buffer {
  return crypto.createHmac("sha256", privateKeyPem).update(`demo-idp:${purpose}`).digest();
}

export function seal(payload: object, key: Buffer): string {
  const body = Buffer.from(JSON.stringify({ ...payload, iat: Math.floor(Date.now() / 1000) })).toString(
    "base64url",
  );
  const mac = crypto.createHmac("sha256", key).update(body).digest("base64url");
  return `${body}.${mac}`;
}

/** The payload, or null when the token is malformed, forged or older than maxAgeSeconds. */
export function unseal<T extends object>(
  token: string | undefined,
  key: Buffer,
  maxAgeSeconds: number,
): (T & { iat: number }) | null {
  if (!token || token.length > 8192) return null;
  const dot = token.indexOf(".");
  if (dot <= 0) return null;
  const body = token.slice(0, dot);
  const mac = Buffer.from(token.slice(dot + 1), "base64url");
  const expected = crypto.createHmac("sha256", key).update(body).digest();
  if (mac.length !== expected.length || !crypto.timingSafeEqual(mac, expected)) return null;
  try {
    const payload = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as T & { iat: number };
    const age = Math.floor(Date.now() / 1000) - payload.iat;
    if (typeof payload.iat !== "number" || age < -60 || age > maxAgeSeconds) return null;
    return payload;
  } catch {
    return null;
  }
}

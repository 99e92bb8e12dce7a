import crypto from "node:crypto";
import { json } from "@remix-run/node";
import type { Session } from "~/auth/session.server";

/** Name of the hidden form field that carries the token. */
export const CSRF_FIELD = "csrf";

export const CSRF_MESSAGE =
  "La richiesta non è stata accettata perché il modulo è scaduto o non proviene da questo portale. Ricarica la pagina e riprova.";

/** The anti-forgery token of a session: an HMAC under the session's own secret, never stored. */
export function csrfToken(session: Pick<Session, "id" | "csrf_secret">): string {
  return crypto.createHmac("sha256", session.csrf_secret).update(`csrf:${session.id}`).digest("base64url");
}

export function isValidCsrfToken(session: Pick<Session, "id" | "csrf_secret">, token: unknown): boolean {
  if (typeof token !== "string" || token.length === 0 || token.length > 128) return false;
  const expected = Buffer.from(csrfToken(session));
  const given = Buffer.from(token);
  return given.length === expected.length && crypto.timingSafeEqual(given, expected);
}

/** Throws a 403 response with an Italian message unless the form carries the session's token. */
export function verifyCsrf(
  _request: Request,
  formData: FormData,
  session: Pick<Session, "id" | "csrf_secret">,
): void {
  if (!isValidCsrfToken(session, formData.get(CSRF_FIELD))) {
    throw json({ message: CSRF_MESSAGE }, { status: 403, headers: { "Cache-Control": "no-store" } });
  }
}

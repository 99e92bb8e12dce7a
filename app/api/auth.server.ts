// Who calls the machine API: an ente's API key (Authorization: Bearer, or X-API-Key), or the
// portal's session cookie of a browser. Nothing but the key or the session token is read from the
// request: the ente and the roles come from the database.
import type { Db } from "../../db/schema";
import { isValidCsrfToken } from "~/auth/csrf.server";
import { loadOperator, type OperatorIdentity } from "~/auth/guards.server";
import { getSessionFromCookie, hashToken, sessionTokenFrom, type Session } from "~/auth/session.server";
import type { Config } from "~/env.server";
import { actorFrom } from "~/operator/actor";
import { API_KEY_PATTERN, hashApiKey } from "~/operator/ente-admin.server";
import type { CreditorActor } from "~/payments/creditor.server";
import { isPortalOrigin } from "~/http.server";

export type ApiCaller =
  | { kind: "anonymous" }
  /** A key was presented but is malformed, unknown or revoked: never falls back to the cookie. */
  | { kind: "bad_key"; keyHash: string }
  | { kind: "key"; apiKeyId: number; enteId: number; label: string; keyHash: string }
  | { kind: "session"; session: Session; operator: OperatorIdentity | null };

export interface CredentialHeaders {
  authorization?: string | null;
  apiKey?: string | null;
  cookie?: string | null;
}

/** last_used_at is written at most this often per key, to spare a write per request. */
export const KEY_TOUCH_INTERVAL_MS = 60_000;

/** The key as presented: `Authorization: Bearer <key>` or `X-API-Key: <key>`; "" when a header is there but empty or of another scheme. */
export function presentedKey(h: CredentialHeaders): string | null {
  if (h.authorization != null && h.authorization !== "") {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(h.authorization);
    return m ? m[1]! : "";
  }
  if (h.apiKey != null) return h.apiKey.trim();
  return null;
}

export async function resolveCaller(
  db: Db,
  config: Pick<Config, "secure" | "sessionIdleMinutes" | "sessionMaxHours">,
  h: CredentialHeaders,
  now: Date = new Date(),
): Promise<ApiCaller> {
  const key = presentedKey(h);
  if (key !== null) {
    const keyHash = hashApiKey(key);
    if (!API_KEY_PATTERN.test(key)) return { kind: "bad_key", keyHash };
    const row = await db
      .selectFrom("api_keys")
      .select(["id", "entity_id", "label", "last_used_at"])
      .where("key_hash", "=", keyHash)
      .where("revoked_at", "is", null)
      .executeTakeFirst();
    if (!row) return { kind: "bad_key", keyHash };
    if (!row.last_used_at || now.getTime() - Date.parse(row.last_used_at) >= KEY_TOUCH_INTERVAL_MS) {
      await db
        .updateTable("api_keys")
        .set({ last_used_at: now.toISOString() })
        .where("id", "=", row.id)
        .where("revoked_at", "is", null)
        .execute();
    }
    return { kind: "key", apiKeyId: row.id, enteId: row.entity_id, label: row.label, keyHash };
  }
  const session = await getSessionFromCookie(db, config, h.cookie);
  if (!session) return { kind: "anonymous" };
  return { kind: "session", session, operator: await loadOperator({ db }, session) };
}

/**
 * The rate-limit bucket: the key (by its hash, never the key itself) or the session for callers
 * that authenticated, the client address otherwise (so that guessing keys is limited per address).
 */
export function rateLimitKey(
  caller: ApiCaller | undefined,
  ip: string,
  cookie: string | null | undefined,
  config: Pick<Config, "secure">,
): string {
  if (caller?.kind === "key") return `key:${caller.keyHash}`;
  if (caller?.kind === "session") {
    const token = sessionTokenFrom(cookie, config);
    if (token) return `session:${hashToken(token)}`;
  }
  return `ip:${ip}`;
}

/** The creditor the caller acts for: a key's ente, or the ente of an operator with the payments role. */
export function creditorOf(caller: ApiCaller): CreditorActor | null {
  if (caller.kind === "key")
    return { kind: "api", enteId: caller.enteId, apiKeyId: caller.apiKeyId, label: caller.label };
  if (caller.kind === "session" && caller.operator?.roles.includes("pagamenti"))
    return { kind: "operatore", actor: actorFrom(caller.session, caller.operator), via: "api" };
  return null;
}

/**
 * Cookie-authenticated writes must prove they come from the portal's own pages: the session's
 * anti-forgery token in `X-CSRF-Token`, and no foreign Origin. A cross-site page can neither read
 * the token nor send a custom header without a CORS preflight, which the API never grants.
 */
export function sessionWriteAllowed(
  session: Session,
  h: { csrfToken?: string | null; origin?: string | null },
  config: Pick<Config, "publicUrl">,
  requestOrigin: string,
): boolean {
  if (h.origin && !isPortalOrigin(h.origin, config.publicUrl, requestOrigin)) return false;
  return isValidCsrfToken(session, h.csrfToken ?? undefined);
}

import crypto from "node:crypto";
import type { AppLoadContext } from "@remix-run/node";
import type { Config } from "~/env.server";
import type { NewRow, Row, Db } from "../../db/schema";

/**
 * Sessions are database rows keyed by the SHA-256 of a random cookie token (the token itself is
 * never stored), so they can be revoked and several server processes share them. Nothing about
 * the session is read from the client but the token.
 */
export type Session = Row<"sessions">;

type SessionConfig = Pick<Config, "secure" | "sessionIdleMinutes" | "sessionMaxHours">;

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
/**
 * The idle rule: a session used at t stays usable until t + SESSION_IDLE_MINUTES, never less. To
 * spare a write for each loader of each request, last_seen_at holds the end of the second in which
 * the session was last used (t rounded up to this step) and is written only when a use falls past
 * it: at most one write per session per second, and a session outlives its idle time by less than a
 * second, never falls short of it.
 */
const TOUCH_STEP_MS = 1000;

/** The last_seen_at recorded for a use at `now`: `now` rounded up to the touch step. */
export function touchValue(now: Date): string {
  return new Date(Math.ceil(now.getTime() / TOUCH_STEP_MS) * TOUCH_STEP_MS).toISOString();
}

export function sessionCookieName(config: Pick<Config, "secure">): string {
  return config.secure ? "__Host-sid" : "sid";
}

export function hashToken(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}

export function readCookie(header: string | null | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

/** The session token from a Cookie header, when it has the shape of one. */
export function sessionTokenFrom(
  cookieHeader: string | null | undefined,
  config: Pick<Config, "secure">,
): string | null {
  const token = readCookie(cookieHeader, sessionCookieName(config));
  return token && TOKEN_PATTERN.test(token) ? token : null;
}

export function sessionCookieHeader(config: Pick<Config, "secure">, token: string): string {
  // No Max-Age: the cookie ends with the browser; the server enforces idle and absolute limits.
  const parts = [`${sessionCookieName(config)}=${token}`, "Path=/", "HttpOnly", "SameSite=Lax"];
  if (config.secure) parts.push("Secure");
  return parts.join("; ");
}

export function clearSessionCookieHeader(config: Pick<Config, "secure">): string {
  const parts = [`${sessionCookieName(config)}=`, "Path=/", "HttpOnly", "SameSite=Lax", "Max-Age=0"];
  if (config.secure) parts.push("Secure");
  return parts.join("; ");
}

export type SessionState = "active" | "idle" | "expired";

/** Pure: whether a session is still usable at `now` (idle from last_seen_at + idle minutes on). */
export function sessionState(
  session: Pick<Session, "last_seen_at" | "expires_at">,
  config: Pick<Config, "sessionIdleMinutes">,
  now: Date,
): SessionState {
  if (Date.parse(session.expires_at) <= now.getTime()) return "expired";
  if (Date.parse(session.last_seen_at) + config.sessionIdleMinutes * 60_000 <= now.getTime()) return "idle";
  return "active";
}

/** The live session for a token, or null; an idle or expired one is deleted on the way. */
export async function loadSession(
  db: Db,
  config: SessionConfig,
  token: string,
  now: Date = new Date(),
): Promise<Session | null> {
  const id = hashToken(token);
  const session = await db.selectFrom("sessions").selectAll().where("id", "=", id).executeTakeFirst();
  if (!session) return null;
  if (sessionState(session, config, now) !== "active") {
    await db.deleteFrom("sessions").where("id", "=", id).execute();
    return null;
  }
  if (Date.parse(session.last_seen_at) < now.getTime()) {
    const at = touchValue(now);
    // Never moved backwards by a slower request of another loader or process.
    await db
      .updateTable("sessions")
      .set({ last_seen_at: at })
      .where("id", "=", id)
      .where("last_seen_at", "<", at)
      .execute();
    session.last_seen_at = at;
  }
  return session;
}

export async function getSessionFromCookie(
  db: Db,
  config: SessionConfig,
  cookieHeader: string | null | undefined,
): Promise<Session | null> {
  const token = sessionTokenFrom(cookieHeader, config);
  return token ? loadSession(db, config, token) : null;
}

/**
 * The session lookups of one page load: the root, layout and page loaders of a request all ask
 * for the session, with the same load context (one per HTTP request) and the same cookie.
 */
const lookupsOfRequest = new WeakMap<AppLoadContext, { cookie: string | null; session: Promise<Session | null> }>();

/**
 * The live session of the request's cookie, or null. Loaders (GET) of one request share one
 * lookup; an action (POST and the like) always looks afresh, and the loaders that run after it
 * see what it left.
 */
export function getSession(request: Request, context: AppLoadContext): Promise<Session | null> {
  const cookie = request.headers.get("Cookie");
  if (request.method !== "GET" && request.method !== "HEAD")
    return getSessionFromCookie(context.db, context.config, cookie);
  const known = lookupsOfRequest.get(context);
  if (known && known.cookie === cookie) return known.session;
  const session = getSessionFromCookie(context.db, context.config, cookie);
  lookupsOfRequest.set(context, { cookie, session });
  return session;
}

export type NewSession = Omit<
  NewRow<"sessions">,
  "id" | "csrf_secret" | "created_at" | "last_seen_at" | "expires_at"
>;

/** A new session with a fresh token: every login gets its own id. */
export async function createSession(
  db: Db,
  config: SessionConfig,
  data: NewSession,
  now: Date = new Date(),
): Promise<{ token: string; session: Session }> {
  const token = crypto.randomBytes(32).toString("base64url");
  const row: Session = {
    id: hashToken(token),
    fiscal_code: data.fiscal_code,
    citizen_id: data.citizen_id ?? null,
    name: data.name,
    surname: data.surname,
    spid_attributes: data.spid_attributes,
    credential: data.credential,
    spid_level: data.spid_level,
    idp_entity_id: data.idp_entity_id,
    name_id: data.name_id,
    name_id_format: data.name_id_format,
    name_qualifier: data.name_qualifier ?? null,
    session_index: data.session_index ?? null,
    acting_as: data.acting_as,
    operator_id: data.operator_id ?? null,
    acting_for_citizen_id: null,
    acting_delegation_id: null,
    csrf_secret: crypto.randomBytes(32).toString("base64url"),
    created_at: now.toISOString(),
    last_seen_at: touchValue(now),
    expires_at: new Date(now.getTime() + config.sessionMaxHours * 3_600_000).toISOString(),
  };
  await db.insertInto("sessions").values(row).execute();
  return { token, session: row };
}

export async function destroySession(db: Db, id: string): Promise<void> {
  await db.deleteFrom("sessions").where("id", "=", id).execute();
}

/** The attributes kept with the session, as SPID or CIE sent them (read-only data from the IdP). */
export function spidAttributes(session: Pick<Session, "spid_attributes">): Record<string, string> {
  try {
    const parsed = JSON.parse(session.spid_attributes) as unknown;
    if (!parsed || typeof parsed !== "object") return {};
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(parsed as Record<string, unknown>)) {
      if (typeof v === "string") out[k] = v;
      else if (Array.isArray(v)) out[k] = v.map(String).join(", ");
    }
    return out;
  } catch {
    return {};
  }
}

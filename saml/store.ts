import crypto from "node:crypto";
import type { Row, Db } from "../db/schema";
import { CLOCK_SKEW_MS, REQUEST_TTL_MS } from "./constants";

export type SamlRequestRow = Row<"saml_requests">;

/** Opaque RelayState: base64url only, so the Redirect signature survives every URL encoder. */
export function newRelayState(): string {
  return crypto.randomBytes(24).toString("base64url");
}

export async function saveRequest(
  db: Db,
  r: {
    id: string;
    kind: "authn" | "logout";
    relayState: string;
    idpEntityId: string;
    level: number;
    returnTo: string;
    sessionId: string | null;
    issueInstant: string;
  },
): Promise<void> {
  await db
    .insertInto("saml_requests")
    .values({
      id: r.id,
      kind: r.kind,
      relay_state: r.relayState,
      idp_entity_id: r.idpEntityId,
      level: r.level,
      return_to: r.returnTo,
      session_id: r.sessionId,
      created_at: r.issueInstant,
      expires_at: new Date(Date.parse(r.issueInstant) + REQUEST_TTL_MS).toISOString(),
      consumed_at: null,
    })
    .execute();
}

/** A request still waiting for its answer. */
export async function findPendingRequest(
  db: Db,
  id: string,
  kind: "authn" | "logout",
  now: Date = new Date(),
): Promise<SamlRequestRow | undefined> {
  return db
    .selectFrom("saml_requests")
    .selectAll()
    .where("id", "=", id)
    .where("kind", "=", kind)
    .where("consumed_at", "is", null)
    .where("expires_at", ">", now.toISOString())
    .executeTakeFirst();
}

/** Marks a request answered. Only one caller, in any process, gets true. */
export async function consumeRequest(db: Db, id: string, now: Date = new Date()): Promise<boolean> {
  const result = await db
    .updateTable("saml_requests")
    .set({ consumed_at: now.toISOString() })
    .where("id", "=", id)
    .where("consumed_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Records an assertion ID of an IdP; false when that IdP's assertion with this ID was already
 * seen (a replay). The ID is kept until the assertion could no longer be accepted anywhere: its
 * NotOnOrAfter plus the clock skew every check tolerates.
 */
export async function rememberAssertion(
  db: Db,
  a: { id: string; idpEntityId: string; notOnOrAfter: Date },
  now: Date = new Date(),
  skewMs: number = CLOCK_SKEW_MS,
): Promise<boolean> {
  const result = await db
    .insertInto("saml_assertions")
    .values({
      idp_entity_id: a.idpEntityId,
      id: a.id,
      not_on_or_after: a.notOnOrAfter.toISOString(),
      keep_until: new Date(a.notOnOrAfter.getTime() + skewMs).toISOString(),
      used_at: now.toISOString(),
    })
    .onConflict((oc) => oc.columns(["idp_entity_id", "id"]).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Housekeeping: answered or expired requests, assertions no longer acceptable, dead sessions. */
export async function purgeExpired(db: Db, idleMinutes: number, now: Date = new Date()): Promise<void> {
  const at = now.toISOString();
  const dayAgo = new Date(now.getTime() - 86_400_000).toISOString();
  await db.deleteFrom("saml_requests").where("expires_at", "<", dayAgo).execute();
  await db.deleteFrom("saml_assertions").where("keep_until", "<", at).execute();
  await db.deleteFrom("sessions").where("expires_at", "<", at).execute();
  const idleBefore = new Date(now.getTime() - idleMinutes * 60_000).toISOString();
  await db.deleteFrom("sessions").where("last_seen_at", "<", idleBefore).execute();
}

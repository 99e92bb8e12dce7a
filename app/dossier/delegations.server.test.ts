import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestDb, TEST_AUDIT_KEY, type TestDb } from "../../tests/support/payments-db";
import {
  answerDelegation,
  createDelegation,
  findTie,
  notifyExpiredDelegations,
  revokeDelegation,
  startActing,
} from "~/dossier/delegations.server";

/**
 * The delegation store on a real database: a delegation's life from creation to expiry or
 * revocation, the tie a session rests on at each instant, and the messages the delegator gets
 * exactly once.
 */

let t: TestDb;
let delegator: { citizenId: number; codiceFiscale: string };
let delegate: { codiceFiscale: string; name: string; surname: string; citizenId: number };

beforeEach(async () => {
  t = await createTestDb();
  const people = await t.db
    .selectFrom("citizens")
    .select(["id", "codice_fiscale", "name", "surname"])
    .where("id", "in", [t.citizenA, t.citizenB])
    .execute();
  const a = people.find((p) => p.id === t.citizenA)!;
  const b = people.find((p) => p.id === t.citizenB)!;
  delegator = { citizenId: a.id, codiceFiscale: a.codice_fiscale };
  delegate = { codiceFiscale: b.codice_fiscale, name: b.name, surname: b.surname, citizenId: b.id };
});

afterEach(async () => {
  await t.close();
});

const CREATED = new Date("2026-11-26T10:00:00.000Z");

async function activeDelegation(endsOn = "2026-12-10"): Promise<number> {
  const created = await createDelegation(t.db, TEST_AUDIT_KEY, {
    delegator,
    delegate,
    areas: ["pagamenti"],
    startsOn: "2026-11-26",
    endsOn,
    now: CREATED,
  });
  if (!created.ok) throw new Error(created.message);
  const accepted = await answerDelegation(t.db, TEST_AUDIT_KEY, {
    id: created.id,
    delegate,
    accept: true,
    now: new Date("2026-11-26T11:00:00.000Z"),
  });
  expect(accepted.ok).toBe(true);
  return created.id;
}

async function subjects(citizenId: number): Promise<string[]> {
  const rows = await t.db
    .selectFrom("messages")
    .select("subject")
    .where("citizen_id", "=", citizenId)
    .orderBy("id")
    .execute();
  return rows.map((r) => r.subject);
}

describe("delegations on the database", () => {
  it("holds from acceptance to the end of its last Italian day, and tells the delegator once it expired", async () => {
    const id = await activeDelegation();
    const person = { codiceFiscale: delegate.codiceFiscale, citizenId: delegate.citizenId };
    expect(
      await findTie(t.db, person, delegator.citizenId, id, new Date("2026-11-26T10:30:00.000Z")),
    ).toBeNull();
    const tie = await findTie(t.db, person, delegator.citizenId, id, new Date("2026-12-10T22:59:59.999Z"));
    expect(tie).toMatchObject({
      kind: "delega",
      delegationId: id,
      areas: ["pagamenti"],
      until: "2026-12-10",
    });
    // Midnight in Rome (UTC+1 in December) ends it.
    expect(
      await findTie(t.db, person, delegator.citizenId, id, new Date("2026-12-10T23:00:00.000Z")),
    ).toBeNull();

    expect(await notifyExpiredDelegations(t.db, new Date("2026-12-10T22:59:59.999Z"))).toBe(0);
    const after = new Date("2026-12-10T23:00:00.000Z");
    const [first, second] = await Promise.all([
      notifyExpiredDelegations(t.db, after),
      notifyExpiredDelegations(t.db, after),
    ]);
    expect(first + second).toBe(1);
    expect(await notifyExpiredDelegations(t.db, new Date("2026-12-12T08:00:00.000Z"))).toBe(0);
    const expired = (await subjects(delegator.citizenId)).filter((s) => s.includes("è scaduta"));
    expect(expired).toEqual([`La tua delega a ${delegate.name} ${delegate.surname} è scaduta`]);
  });

  it("ends at the instant of revocation, and a revoked delegation never gets an expiry message", async () => {
    const id = await activeDelegation();
    const revokedAt = new Date("2026-11-30T09:00:00.000Z");
    const revoked = await revokeDelegation(t.db, TEST_AUDIT_KEY, {
      id,
      by: "delegante",
      citizenId: delegator.citizenId,
      codiceFiscale: delegator.codiceFiscale,
      now: revokedAt,
    });
    expect(revoked.ok).toBe(true);
    const person = { codiceFiscale: delegate.codiceFiscale, citizenId: delegate.citizenId };
    expect(
      await findTie(t.db, person, delegator.citizenId, id, new Date(revokedAt.getTime() - 1)),
    ).not.toBeNull();
    expect(await findTie(t.db, person, delegator.citizenId, id, revokedAt)).toBeNull();
    // Revoking again is refused: it is no longer active.
    const again = await revokeDelegation(t.db, TEST_AUDIT_KEY, {
      id,
      by: "delegante",
      citizenId: delegator.citizenId,
      codiceFiscale: delegator.codiceFiscale,
      now: new Date("2026-11-30T10:00:00.000Z"),
    });
    expect(again).toMatchObject({ ok: false, status: 409 });
    expect(await notifyExpiredDelegations(t.db, new Date("2026-12-20T08:00:00.000Z"))).toBe(0);
    const audit = await t.db
      .selectFrom("audit_log")
      .select(["action", "actor_kind", "actor_fiscal_code", "subject_citizen_id"])
      .where("action", "like", "delegation.%")
      .orderBy("id")
      .execute();
    expect(audit.map((a) => [a.action, a.actor_kind, a.actor_fiscal_code])).toEqual([
      ["delegation.create", "cittadino", delegator.codiceFiscale],
      ["delegation.accept", "delegato", delegate.codiceFiscale],
      ["delegation.revoke", "cittadino", delegator.codiceFiscale],
    ]);
    expect(audit.every((a) => a.subject_citizen_id === delegator.citizenId)).toBe(true);
  });

  it("tells the delegator of the first use only, and refuses to act on a delegation that is not the person's", async () => {
    const id = await activeDelegation();
    const session = await t.db
      .insertInto("sessions")
      .values({
        id: "a".repeat(64),
        fiscal_code: delegate.codiceFiscale,
        citizen_id: delegate.citizenId,
        name: delegate.name,
        surname: delegate.surname,
        spid_attributes: "{}",
        credential: "spid",
        spid_level: 2,
        idp_entity_id: "https://idp.example",
        name_id: "x",
        name_id_format: "urn:oasis:names:tc:SAML:2.0:nameid-format:transient",
        name_qualifier: null,
        session_index: null,
        acting_as: "cittadino",
        operator_id: null,
        csrf_secret: "s",
        created_at: CREATED.toISOString(),
        last_seen_at: CREATED.toISOString(),
        expires_at: "2026-12-31T00:00:00.000Z",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const input = {
      sessionId: session.id,
      person: delegate,
      subjectCitizenId: delegator.citizenId,
      delegationId: id,
    };
    expect(
      await startActing(t.db, TEST_AUDIT_KEY, { ...input, now: new Date("2026-11-27T08:00:00.000Z") }),
    ).not.toBeNull();
    expect(
      await startActing(t.db, TEST_AUDIT_KEY, { ...input, now: new Date("2026-11-28T08:00:00.000Z") }),
    ).not.toBeNull();
    const firstUse = (await subjects(delegator.citizenId)).filter((s) => s.includes("per la prima volta"));
    expect(firstUse).toHaveLength(1);
    const row = await t.db
      .selectFrom("sessions")
      .select(["acting_for_citizen_id", "acting_delegation_id"])
      .where("id", "=", session.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ acting_for_citizen_id: delegator.citizenId, acting_delegation_id: id });

    // The delegator cannot act on it for the delegate (wrong direction), nor anyone as a parent here.
    const stranger = { ...delegate, codiceFiscale: delegator.codiceFiscale, citizenId: delegator.citizenId };
    expect(
      await startActing(t.db, TEST_AUDIT_KEY, {
        ...input,
        person: stranger,
        subjectCitizenId: delegate.citizenId,
        now: new Date("2026-11-28T09:00:00.000Z"),
      }),
    ).toBeNull();
    expect(
      await startActing(t.db, TEST_AUDIT_KEY, {
        ...input,
        delegationId: null,
        now: new Date("2026-11-28T09:00:00.000Z"),
      }),
    ).toBeNull();
  });
});

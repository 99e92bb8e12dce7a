import type { AppLoadContext } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, type TestDatabase } from "../../tests/support/test-database";
import {
  createSession,
  destroySession,
  getSession,
  hashToken,
  loadSession,
  sessionState,
  touchValue,
} from "~/auth/session.server";

let handle: TestDatabase;
const config = { secure: false, sessionIdleMinutes: 15, sessionMaxHours: 8 };
const IDLE_MS = 15 * 60_000;

beforeAll(async () => {
  handle = await openTestDatabase();
});

afterAll(async () => {
  await handle.close();
});

async function newSession(at: Date): Promise<string> {
  const { token } = await createSession(
    handle.db,
    config,
    {
      fiscal_code: "RSSMRA80A01H501U",
      citizen_id: null,
      name: "Mario",
      surname: "Rossi",
      spid_attributes: "{}",
      credential: "spid",
      spid_level: 2,
      idp_entity_id: "https://idp.example/metadata",
      name_id: "_n",
      name_id_format: "urn:oasis:names:tc:SAML:2.0:nameid-format:transient",
      acting_as: "cittadino",
      operator_id: null,
    },
    at,
  );
  return token;
}

const lastSeen = async (token: string) =>
  (
    await handle.db
      .selectFrom("sessions")
      .select("last_seen_at")
      .where("id", "=", hashToken(token))
      .executeTakeFirstOrThrow()
  ).last_seen_at;
const at = (base: Date, ms: number) => new Date(base.getTime() + ms);

describe("idle timeout", () => {
  const t0 = new Date("2026-11-26T10:00:00.250Z");

  it("keeps a session used at t until t + idle, even when used shortly after the last write", async () => {
    const token = await newSession(t0);
    // Used 59 s after login: with a once-a-minute touch this use was not recorded and the session
    // ended 59 s early.
    const used = at(t0, 59_000);
    expect(await loadSession(handle.db, config, token, used)).not.toBeNull();
    expect(await loadSession(handle.db, config, token, at(used, IDLE_MS - 1))).not.toBeNull();
  });

  it("ends it within a second after t + idle, never before", async () => {
    const token = await newSession(t0);
    const used = at(t0, 30_000);
    await loadSession(handle.db, config, token, used);
    expect(await loadSession(handle.db, config, token, at(used, IDLE_MS - 1))).not.toBeNull();
    // That last use moved the deadline; a use after a full idle period ends the session.
    const later = at(used, IDLE_MS - 1);
    expect(await loadSession(handle.db, config, token, at(later, IDLE_MS + 1000))).toBeNull();
    expect(await lastSeenOrNull(token)).toBeNull();
  });

  it("is exact to the rounding: idle at last_seen_at + idle, with last_seen_at at most 1 s after the use", async () => {
    for (const offset of [0, 1, 499, 999, 1000, 1001, 59_999]) {
      const used = at(t0, offset);
      const value = Date.parse(touchValue(used));
      expect(value - used.getTime()).toBeGreaterThanOrEqual(0);
      expect(value - used.getTime()).toBeLessThan(1000);
      const row = { last_seen_at: touchValue(used), expires_at: "2026-11-27T00:00:00Z" };
      expect(sessionState(row, config, at(used, IDLE_MS - 1))).toBe("active");
      expect(sessionState(row, config, at(used, IDLE_MS + 1000))).toBe("idle");
    }
  });

  it("writes at most once per second, and never moves last_seen_at back", async () => {
    const token = await newSession(t0);
    const first = await lastSeen(token);
    expect(first).toBe("2026-11-26T10:00:01.000Z");
    await loadSession(handle.db, config, token, at(t0, 500));
    expect(await lastSeen(token)).toBe(first);
    await loadSession(handle.db, config, token, at(t0, 5_000));
    expect(await lastSeen(token)).toBe("2026-11-26T10:00:06.000Z");
    // A request of another process that read the row earlier, with an older clock reading.
    await loadSession(handle.db, config, token, at(t0, 2_000));
    expect(await lastSeen(token)).toBe("2026-11-26T10:00:06.000Z");
  });

  it("still ends a session at its absolute lifetime, however active", async () => {
    const token = await newSession(t0);
    const end = at(t0, 8 * 3_600_000);
    for (let t = at(t0, 600_000); t < end; t = at(t, 600_000)) {
      expect(await loadSession(handle.db, config, token, t)).not.toBeNull();
    }
    expect(await loadSession(handle.db, config, token, at(end, -1))).not.toBeNull();
    expect(await loadSession(handle.db, config, token, end)).toBeNull();
  });
});

async function lastSeenOrNull(token: string): Promise<string | null> {
  const row = await handle.db
    .selectFrom("sessions")
    .select("last_seen_at")
    .where("id", "=", hashToken(token))
    .executeTakeFirst();
  return row?.last_seen_at ?? null;
}

describe("one session lookup per page load", () => {
  const contextOf = () => ({ db: handle.db, config }) as unknown as AppLoadContext;
  const request = (token: string | null, method = "GET") =>
    new Request("http://portale.test/area-personale", {
      method,
      headers: token ? { Cookie: `sid=${token}` } : {},
    });

  it("gives the loaders of one request the same lookup, and another request its own", async () => {
    const token = await newSession(new Date());
    const context = contextOf();
    const first = getSession(request(token), context);
    const second = getSession(request(token), context);
    expect(second).toBe(first);
    expect((await first)?.fiscal_code).toBe("RSSMRA80A01H501U");
    const elsewhere = getSession(request(token), contextOf());
    expect(elsewhere).not.toBe(first);
    expect(await elsewhere).not.toBeNull();
  });

  it("looks afresh for an action, and for a different cookie", async () => {
    const token = await newSession(new Date());
    const other = await newSession(new Date());
    const context = contextOf();
    const loaders = getSession(request(token), context);
    const action = getSession(request(token, "POST"), context);
    expect(action).not.toBe(loaders);
    const withOther = getSession(request(other), context);
    expect(withOther).not.toBe(loaders);
    expect((await withOther)?.id).toBe(hashToken(other));
    const anonymous = getSession(request(null), context);
    expect(anonymous).not.toBe(withOther);
    expect(await getSession(request(null), contextOf())).toBeNull();
    // Every lookup ends before the test does: none may still be querying when the database closes.
    expect((await loaders)?.id).toBe(hashToken(token));
    expect((await action)?.id).toBe(hashToken(token));
    expect(await anonymous).toBeNull();
  });

  it("after an action ended the session, the next request finds none", async () => {
    const token = await newSession(new Date());
    const context = contextOf();
    expect(await getSession(request(token), context)).not.toBeNull();
    // The logout action looks afresh, then removes the row.
    const acting = await getSession(request(token, "POST"), context);
    await destroySession(handle.db, acting!.id);
    expect(await getSession(request(token), contextOf())).toBeNull();
  });
});

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { migrateTo, migrateToLatest } from "../db/migrate";
import { openTestDatabase, type TestDatabase } from "../tests/support/test-database";
import { CLOCK_SKEW_MS } from "./constants";
import { purgeExpired, rememberAssertion } from "./store";

const IDP_A = "https://idp-a.example/metadata";
const IDP_B = "https://idp-b.example/metadata";
const NOT_ON_OR_AFTER = new Date("2026-11-26T10:05:00.000Z");
const at = (offsetMs: number) => new Date(NOT_ON_OR_AFTER.getTime() + offsetMs);

let h: TestDatabase;

beforeEach(async () => {
  h = await openTestDatabase({ migrate: false });
});

afterEach(async () => {
  await h.close();
});

const remember = (id: string, idp: string, now: Date) =>
  rememberAssertion(h.db, { id, idpEntityId: idp, notOnOrAfter: NOT_ON_OR_AFTER }, now);

describe("SAML replay cache", () => {
  beforeEach(async () => {
    await migrateToLatest(h.db);
  });

  it("refuses an ID seen before", async () => {
    expect(await remember("_a1", IDP_A, at(-60_000))).toBe(true);
    expect(await remember("_a1", IDP_A, at(-30_000))).toBe(false);
  });

  it("keeps the ID through the clock skew after NotOnOrAfter, while the assertion is still acceptable", async () => {
    expect(await remember("_a1", IDP_A, at(-60_000))).toBe(true);
    // Housekeeping runs after NotOnOrAfter but inside the skew the ACS tolerates.
    await purgeExpired(h.db, 15, at(CLOCK_SKEW_MS / 2));
    expect(await remember("_a1", IDP_A, at(CLOCK_SKEW_MS / 2))).toBe(false);
    await purgeExpired(h.db, 15, at(CLOCK_SKEW_MS));
    expect(await remember("_a1", IDP_A, at(CLOCK_SKEW_MS))).toBe(false);
  });

  it("forgets the ID only once the assertion can no longer be accepted", async () => {
    expect(await remember("_a1", IDP_A, at(-60_000))).toBe(true);
    await purgeExpired(h.db, 15, at(CLOCK_SKEW_MS + 1));
    const left = await h.db.selectFrom("saml_assertions").selectAll().execute();
    expect(left).toEqual([]);
  });

  it("stores when the ID may be forgotten: NotOnOrAfter plus the skew", async () => {
    await remember("_a1", IDP_A, at(-60_000));
    const row = await h.db.selectFrom("saml_assertions").selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      id: "_a1",
      idp_entity_id: IDP_A,
      not_on_or_after: NOT_ON_OR_AFTER.toISOString(),
      keep_until: at(CLOCK_SKEW_MS).toISOString(),
    });
  });

  it("keys IDs by IdP: the same ID from another IdP is another assertion", async () => {
    expect(await remember("_same", IDP_A, at(-60_000))).toBe(true);
    expect(await remember("_same", IDP_B, at(-60_000))).toBe(true);
    expect(await remember("_same", IDP_A, at(-30_000))).toBe(false);
    expect(await remember("_same", IDP_B, at(-30_000))).toBe(false);
  });
});

describe("migration 004: the replay cache keyed by IdP and ID", () => {
  it("keeps the IDs already seen, each until its NotOnOrAfter plus 60 s", async () => {
    await migrateTo(h.db, "003-name-search");
    await h.db
      .insertInto("saml_assertions")
      .values({
        id: "_old",
        idp_entity_id: IDP_A,
        not_on_or_after: NOT_ON_OR_AFTER.toISOString(),
        used_at: at(-60_000).toISOString(),
      } as never)
      .execute();
    await migrateToLatest(h.db);
    const row = await h.db.selectFrom("saml_assertions").selectAll().executeTakeFirstOrThrow();
    expect(row.keep_until).toBe(at(60_000).toISOString());
    expect(await remember("_old", IDP_A, at(-1000))).toBe(false);
    expect(await remember("_old", IDP_B, at(-1000))).toBe(true);
  });
});

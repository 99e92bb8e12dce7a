import type { Options } from "express-rate-limit";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openTestDatabase, type TestDatabase } from "../tests/support/test-database";
import { DatabaseRateLimitStore } from "~/rate-limit-store.server";

const WINDOW = 60_000;
const T0 = Date.parse("2026-11-26T10:00:00.000Z");
let h: TestDatabase;
let clock: number;
const stores: DatabaseRateLimitStore[] = [];

function store(prefix = "saml", windowMs = WINDOW): DatabaseRateLimitStore {
  const s = new DatabaseRateLimitStore(h.db, { prefix, now: () => clock, purgeIntervalMs: 0 });
  s.init({ windowMs } as Options);
  stores.push(s);
  return s;
}

beforeEach(async () => {
  clock = T0;
  h = await openTestDatabase();
});

afterEach(async () => {
  for (const s of stores.splice(0)) s.shutdown();
  await h.close();
});

describe("DatabaseRateLimitStore", () => {
  it("counts hits in one window and reports when it ends", async () => {
    const s = store();
    expect(await s.get("127.0.0.1")).toBeUndefined();
    const first = await s.increment("127.0.0.1");
    expect(first).toEqual({ totalHits: 1, resetTime: new Date(T0 + WINDOW) });
    clock += 30_000;
    const second = await s.increment("127.0.0.1");
    // The window does not slide: it still ends a minute after the first hit.
    expect(second).toEqual({ totalHits: 2, resetTime: new Date(T0 + WINDOW) });
    expect(await s.get("127.0.0.1")).toEqual({ totalHits: 2, resetTime: new Date(T0 + WINDOW) });
  });

  it("starts a new window at 1 once the old one has ended", async () => {
    const s = store();
    for (let i = 0; i < 5; i++) await s.increment("10.0.0.1");
    clock = T0 + WINDOW; // the instant the window ends belongs to the next one
    expect(await s.get("10.0.0.1")).toBeUndefined();
    const fresh = await s.increment("10.0.0.1");
    expect(fresh).toEqual({ totalHits: 1, resetTime: new Date(T0 + 2 * WINDOW) });
    expect((await s.increment("10.0.0.1")).totalHits).toBe(2);
  });

  it("keeps limiters and clients apart", async () => {
    const saml = store("saml");
    const forms = store("moduli");
    await saml.increment("10.0.0.1");
    await saml.increment("10.0.0.1");
    expect((await forms.increment("10.0.0.1")).totalHits).toBe(1);
    expect((await saml.increment("10.0.0.2")).totalHits).toBe(1);
    expect((await saml.increment("10.0.0.1")).totalHits).toBe(3);
  });

  it("gives concurrent increments distinct counts, from two stores on one table as from two processes", async () => {
    const a = store("verifica");
    const b = new DatabaseRateLimitStore(h.db, { prefix: "verifica", now: () => clock, purgeIntervalMs: 0 });
    b.init({ windowMs: WINDOW } as Options);
    stores.push(b);
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).increment("192.0.2.7")),
    );
    const counts = results.map((r) => r.totalHits).sort((x, y) => x - y);
    expect(counts).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect((await a.get("192.0.2.7"))?.totalHits).toBe(40);
  });

  it("decrements within the window, never below zero, and not an ended window", async () => {
    const s = store();
    await s.increment("k");
    await s.increment("k");
    await s.decrement("k");
    expect((await s.get("k"))?.totalHits).toBe(1);
    await s.decrement("k");
    await s.decrement("k");
    expect((await s.get("k"))?.totalHits).toBe(0);
    expect((await s.increment("k")).totalHits).toBe(1);
    await s.decrement("unknown");
    expect(await s.get("unknown")).toBeUndefined();
    clock += WINDOW;
    await s.decrement("k");
    expect((await s.increment("k")).totalHits).toBe(1);
  });

  it("resetKey forgets one client of one limiter; resetAll every client of that limiter", async () => {
    const s = store("api");
    const other = store("saml");
    await s.increment("ip:10.0.0.1");
    await s.increment("ip:10.0.0.1");
    await s.increment("ip:10.0.0.2");
    await other.increment("ip:10.0.0.1");
    await s.resetKey("ip:10.0.0.1");
    expect(await s.get("ip:10.0.0.1")).toBeUndefined();
    expect((await s.get("ip:10.0.0.2"))?.totalHits).toBe(1);
    expect((await s.increment("ip:10.0.0.1")).totalHits).toBe(1);
    await s.resetAll();
    expect(await s.get("ip:10.0.0.2")).toBeUndefined();
    expect((await other.get("ip:10.0.0.1"))?.totalHits).toBe(1);
  });

  it("purges only ended windows of its own limiter", async () => {
    const s = store("saml");
    const other = store("moduli");
    await s.increment("old");
    await other.increment("old");
    clock += 40_000;
    await s.increment("recent");
    clock = T0 + WINDOW;
    expect(await s.purgeExpired()).toBe(1);
    const rows = await h.db.selectFrom("rate_limits").select(["prefix", "key"]).orderBy("prefix").execute();
    expect(rows).toEqual([
      { prefix: "moduli", key: "old" },
      { prefix: "saml", key: "recent" },
    ]);
  });

  it("purges on its own timer, which does not keep the process alive", async () => {
    const s = new DatabaseRateLimitStore(h.db, { prefix: "saml", purgeIntervalMs: 20 });
    s.init({ windowMs: 10 } as Options);
    stores.push(s);
    await s.increment("x");
    await new Promise((r) => setTimeout(r, 80));
    expect(await h.db.selectFrom("rate_limits").selectAll().execute()).toEqual([]);
  });
});

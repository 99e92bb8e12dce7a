/**
 * Two portal processes on one database spend one rate-limit budget per client: requests that
 * alternate between them see X-RateLimit-Remaining go down across both, and the 429 comes at the
 * combined limit, not at twice it (docs/decisions/008-shared-rate-limits.md).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readDb } from "../support/db";
import { startServer, type TestServer } from "../support/server";

/** RATE_LIMIT_FACTOR 0.1: 3 public look-ups and 6 anonymous API requests a minute per address. */
const ENV = { RATE_LIMIT_FACTOR: "0.1" };
let a: TestServer;
let b: TestServer;

beforeAll(async () => {
  // One after the other: the first applies the migrations, the second finds them applied.
  a = await startServer({ env: ENV });
  b = await startServer({ dataDir: a.dataDir, env: ENV });
});

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
});

const alternate = async (n: number, path: string) => {
  const seen: Response[] = [];
  for (let i = 0; i < n; i++) {
    const res = await fetch(`${(i % 2 ? b : a).url}${path}`, { redirect: "manual" });
    await res.arrayBuffer();
    seen.push(res);
  }
  return seen;
};

describe("rate limits shared by two processes on one database", () => {
  it("counts the public look-ups of both processes in one budget", async () => {
    const seen = await alternate(5, "/verifica/ABCD-EFGH-JKLM");
    expect(seen.map((r) => r.status === 429)).toEqual([false, false, false, true, true]);
    expect(seen.map((r) => r.headers.get("x-ratelimit-limit"))).toEqual(["3", "3", "3", "3", "3"]);
    expect(seen.map((r) => r.headers.get("x-ratelimit-remaining"))).toEqual(["2", "1", "0", "0", "0"]);
    // Both processes report the same window end.
    const resets = new Set(seen.map((r) => r.headers.get("x-ratelimit-reset")));
    expect(resets.size).toBe(1);
    // The 429 of either process keeps its Retry-After and Italian message.
    for (const limited of seen.slice(3)) {
      expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(limited.headers.get("ratelimit-remaining")).toBe("0");
    }
    const text = await (await fetch(`${b.url}/verifica/ABCD-EFGH-JKLM`)).text();
    expect(text).toContain("Troppe richieste in poco tempo da questo indirizzo");
  });

  it("counts the API requests of both processes in one budget, apart from the look-ups", async () => {
    const seen = await alternate(7, "/api/v1/openapi.json");
    expect(seen.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200, 429]);
    expect(seen.map((r) => r.headers.get("x-ratelimit-remaining"))).toEqual([
      "5",
      "4",
      "3",
      "2",
      "1",
      "0",
      "0",
    ]);
    expect(seen[6]!.headers.get("content-type")).toMatch(/^application\/problem\+json/);
  });

  it("keeps only limiter names, client addresses and counts in the database", async () => {
    const rows = await readDb(a.dbFile, (db) =>
      db.all("select prefix, key, hits from rate_limits order by prefix"),
    );
    expect(rows).toEqual([
      { prefix: "api", key: "ip:127.0.0.1", hits: 7 },
      { prefix: "public-lookup", key: "127.0.0.1", hits: 6 },
    ]);
    expect(a.output() + b.output()).not.toMatch(/ERR_ERL|express-rate-limit/);
  });
});

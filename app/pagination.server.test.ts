import type { Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, type TestDatabase } from "../tests/support/test-database";
import { paginate } from "~/pagination.server";

interface Schema {
  items: { id: number; kind: string };
}

let handle: TestDatabase;
let db: Kysely<Schema>;

beforeAll(async () => {
  handle = await openTestDatabase({ migrate: false });
  db = handle.db as unknown as Kysely<Schema>;
  await db.schema
    .createTable("items")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("kind", "text", (c) => c.notNull())
    .execute();
  // 47 items: ids 1..47, the even ones "pari".
  await db
    .insertInto("items")
    .values(
      Array.from({ length: 47 }, (_, i) => ({ id: i + 1, kind: (i + 1) % 2 === 0 ? "pari" : "dispari" })),
    )
    .execute();
}, 60_000);
afterAll(async () => {
  await handle?.close();
});

const all = () => db.selectFrom("items").select(["id", "kind"]).orderBy("id");

describe("paginate", () => {
  it("reads the page asked for, with the count as a number", async () => {
    const p = await paginate(all(), { page: 2, pageSize: 10 });
    expect(p.rows.map((r) => r.id)).toEqual([11, 12, 13, 14, 15, 16, 17, 18, 19, 20]);
    expect(p).toMatchObject({ total: 47, page: 2, pageSize: 10, pageCount: 5 });
    expect(typeof p.total).toBe("number");
  });

  it("keeps the query's filters and order in both the count and the rows", async () => {
    const q = db.selectFrom("items").select("id").where("kind", "=", "pari").orderBy("id", "desc");
    const p = await paginate(q, { page: 1, pageSize: 5 });
    expect(p.rows.map((r) => r.id)).toEqual([46, 44, 42, 40, 38]);
    expect(p).toMatchObject({ total: 23, pageCount: 5 });
  });

  it("brings a page past the last back to the last, and one below 1 to the first", async () => {
    const past = await paginate(all(), { page: 99, pageSize: 10 });
    expect(past.page).toBe(5);
    expect(past.rows.map((r) => r.id)).toEqual([41, 42, 43, 44, 45, 46, 47]);
    const below = await paginate(all(), { page: 0, pageSize: 10 });
    expect(below.page).toBe(1);
    expect(below.rows[0].id).toBe(1);
    const nan = await paginate(all(), { page: Number.NaN, pageSize: 10 });
    expect(nan.page).toBe(1);
  });

  it("has one empty page when nothing matches", async () => {
    const none = db.selectFrom("items").select("id").where("kind", "=", "nessuno").orderBy("id");
    const p = await paginate(none, { page: 3, pageSize: 10 });
    expect(p).toEqual({ rows: [], total: 0, page: 1, pageSize: 10, pageCount: 1 });
  });

  it("keeps the page size within [1, max]", async () => {
    const big = await paginate(all(), { page: 1, pageSize: 500, max: 20 });
    expect(big.pageSize).toBe(20);
    expect(big.rows).toHaveLength(20);
    expect(big.pageCount).toBe(3);
    const zero = await paginate(all(), { page: 1, pageSize: 0 });
    expect(zero.pageSize).toBe(1);
    expect(zero.pageCount).toBe(47);
  });

  it("stops counting past countCap, and pages only within the cap", async () => {
    const p = await paginate(all(), { page: 9, pageSize: 10, countCap: 30 });
    expect(p.total).toBe(31);
    expect(p.pageCount).toBe(3);
    expect(p.page).toBe(3);
    expect(p.rows.map((r) => r.id)).toEqual([21, 22, 23, 24, 25, 26, 27, 28, 29, 30]);
    const under = await paginate(all(), { page: 1, pageSize: 10, countCap: 100 });
    expect(under.total).toBe(47);
  });
});

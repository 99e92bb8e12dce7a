/**
 * The PostgreSQL COPY path of the seeder against a real server: same data as the SQLite seed for
 * the same options, identity sequences moved past the seeded ids, nothing left behind by a seed
 * that fails, and the COPY text format round-tripping awkward values. Without a server the tests
 * are skipped with the reason, except in CI, where they must run.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createDatabase,
  dropDatabase,
  pgUnavailable,
  pgUrl,
  uniqueName,
  PG_ADMIN_URL,
} from "../../tests/support/pg";
import { openDatabase, type DbHandle } from "../connection";
import { migrateTo } from "../migrate";
import { TABLES_MIGRATION } from "../migrations/index";
import { TABLE_ORDER } from "./builder";
import { copyText } from "./copy-text";
import { seed } from "./index";

const TODAY = "2026-11-26";
const CITIZENS = 300;

const why = await pgUnavailable();
if (why && process.env.CI === "true") {
  throw new Error(`PostgreSQL non risponde a ${PG_ADMIN_URL} (in CI deve rispondere): ${why}`);
}
if (why) console.warn(`Test del seed con COPY saltati: PostgreSQL non risponde a ${PG_ADMIN_URL} (${why}).`);
const title = why
  ? `seed on PostgreSQL with COPY (skipped: PostgreSQL does not answer at ${PG_ADMIN_URL}: ${why})`
  : "seed on PostgreSQL with COPY";

type Row = Record<string, unknown>;

async function rows(h: DbHandle, table: string): Promise<Row[]> {
  const order = table === "operator_roles" ? "operator_id, role" : table === "meta" ? "key" : "id";
  const result = await sql<Row>`select * from ${sql.table(table)} order by ${sql.raw(order)}`.execute(h.db);
  return result.rows;
}

async function foreignKeyCount(h: DbHandle): Promise<number> {
  const r = await sql<{
    n: number;
  }>`select count(*)::int as n from pg_constraint where contype = 'f'`.execute(h.db);
  return r.rows[0]!.n;
}

describe.skipIf(!!why)(title, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "seed-copy-test-"));
  const name = uniqueName("seed_copy_t");
  let url: string;
  let lite: DbHandle;
  let pgh: DbHandle;

  beforeAll(async () => {
    url = await createDatabase(name);
    expect(url).toBe(pgUrl(name));
    pgh = await openDatabase(url);
    lite = await openDatabase(path.join(dir, "seed.db"), { bulk: true });
    await seed(lite, { citizens: CITIZENS, today: TODAY, worker: false });
  }, 60_000);

  afterAll(async () => {
    await lite?.close();
    await pgh?.close();
    await dropDatabase(name);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("rolls everything back when a step fails, up to the last one", async () => {
    await migrateTo(pgh.db, TABLES_MIGRATION);
    const foreignKeys = await foreignKeyCount(pgh);
    // The `meta` row is the seed's last write: refusing it fails the seed after the rows, the
    // foreign keys, the indexes and the statistics.
    await sql`alter table meta add constraint seed_copy_test_refuse check (key <> 'seed')`.execute(pgh.db);
    await expect(
      seed(pgh, { citizens: CITIZENS, today: TODAY, connectionString: url, worker: false }),
    ).rejects.toThrow(/seed_copy_test_refuse/);
    await sql`alter table meta drop constraint seed_copy_test_refuse`.execute(pgh.db);

    for (const table of TABLE_ORDER) expect(await rows(pgh, table), table).toEqual([]);
    expect(await rows(pgh, "meta")).toEqual([]);
    expect(await foreignKeyCount(pgh)).toBe(foreignKeys);
    const applied = await sql<{ name: string }>`select name from kysely_migration`.execute(pgh.db);
    expect(applied.rows.map((r) => r.name)).toEqual([TABLES_MIGRATION]);
  }, 60_000);

  it("writes the same rows as the SQLite seed for the same options (generated on a worker)", async () => {
    const summary = await seed(pgh, {
      citizens: CITIZENS,
      today: TODAY,
      connectionString: url,
      worker: true,
    });
    expect(summary.rows.citizens).toBe(CITIZENS);
    for (const table of [...TABLE_ORDER, "meta"]) {
      const [expected, actual] = [await rows(lite, table), await rows(pgh, table)];
      expect(actual.length, table).toBe(expected.length);
      if (table !== "meta") expect(summary.rows[table] ?? 0, table).toBe(expected.length);
      expect(actual, table).toEqual(expected);
    }
    const indexes = await sql<{ n: number }>`
      select count(*)::int as n from pg_indexes where indexname = 'payment_options_nav_idx'`.execute(pgh.db);
    expect(indexes.rows[0]!.n).toBe(1);
  }, 60_000);

  it("moves every identity sequence past the seeded ids", async () => {
    for (const table of TABLE_ORDER) {
      if (table === "operator_roles") continue;
      const found = await sql<{ seq: string }>`select pg_get_serial_sequence(${table}, 'id') as seq`.execute(
        pgh.db,
      );
      // The name comes from the server, already quoted where needed.
      const state = await sql<{ last_value: number; is_called: boolean }>`
        select last_value, is_called from ${sql.raw(found.rows[0]!.seq)}`.execute(pgh.db);
      const { last_value, is_called } = state.rows[0]!;
      const next = Number(last_value) + (is_called ? 1 : 0);
      const max = await sql<{ max: number | null }>`select max(id) as max from ${sql.table(table)}`.execute(
        pgh.db,
      );
      expect(next, table).toBe(Number(max.rows[0]!.max ?? 0) + 1);
    }
    const before = await sql<{ max: number }>`select max(id) as max from offices`.execute(pgh.db);
    const inserted = await pgh.db
      .insertInto("offices")
      .values({
        entity_id: 1,
        name: "Ufficio di prova",
        kind: "anagrafe",
        address: "Via Roma 1",
        phone: "000",
        email: "prova@example.it",
        opening_hours: "lun-ven 9-12",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    expect(inserted.id).toBe(Number(before.rows[0]!.max) + 1);
  });

  it("writes nulls, flags and text with tabs, newlines and backslashes in COPY text format", async () => {
    const values: Row[] = [
      { t: "tab\there", n: 1, b: true, d: "2026-11-26" },
      { t: "line\nbreak\r\nand \\ backslash \\N not null", n: null, b: false, d: null },
      { t: "\\.", n: -7, b: null, d: "2026-11-26T09:00:00.000Z" },
      { t: "àèìòù € “virgolette” 🙂", n: 9_007_199_254_740_991n, b: true, d: "" },
      { t: null, n: 0, b: false, d: "\\" },
    ];
    const text = copyText("copy_roundtrip", values, ["t", "n", "b", "d"]);
    expect(text.split("\n")).toHaveLength(values.length + 1);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(
        "create temporary table copy_roundtrip (id serial, t text, n bigint, b boolean, d text)",
      );
      const stream = client.query(copyFrom("copy copy_roundtrip (t, n, b, d) from stdin"));
      await new Promise<void>((resolve, reject) => {
        stream.on("finish", resolve);
        stream.on("error", reject);
        stream.end(Buffer.from(text, "utf8"));
      });
      const back = await client.query<Row>("select t, n::text as n, b, d from copy_roundtrip order by id");
      expect(back.rows).toEqual(
        values.map((v) => ({ ...v, n: v.n === null ? null : String(v.n), b: v.b as boolean | null })),
      );
    } finally {
      await client.end();
    }
  });
});

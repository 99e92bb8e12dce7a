// The SQLite connection's statement cache (db/connection.ts): the same SQL text reuses one
// prepared statement, results stay right, a statement being iterated is not shared, and the
// cache stays bounded. SQLite only: PostgreSQL's driver prepares nothing on our side.
import SQLite from "better-sqlite3";
import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase, withStatementCache, type DbHandle } from "./connection";

let handle: DbHandle | null = null;

afterEach(async () => {
  await handle?.close();
  handle = null;
});

describe("prepared statements on SQLite", () => {
  it("reuses the statement of the same SQL text and returns each call's own rows", () => {
    const conn = new SQLite(":memory:");
    const db = withStatementCache(conn);
    const first = db.prepare("select ? + 1 as n");
    const second = db.prepare("select ? + 1 as n");
    expect(second).toBe(first);
    expect(first.all([1])).toEqual([{ n: 2 }]);
    expect(second.all([41])).toEqual([{ n: 42 }]);
    expect(db.prepare("select ? + 2 as n")).not.toBe(first);
    db.close();
  });

  it("gives a statement still being iterated to nobody else", () => {
    const conn = new SQLite(":memory:");
    const db = withStatementCache(conn);
    const text = "select value from json_each(?)";
    const streaming = db.prepare(text);
    const rows = streaming.iterate(["[1,2,3]"]);
    expect(rows.next().value).toEqual({ value: 1 });
    const other = db.prepare(text);
    expect(other).not.toBe(streaming);
    expect(other.all(["[7]"])).toEqual([{ value: 7 }]);
    expect([...rows]).toEqual([{ value: 2 }, { value: 3 }]);
    // Once the iteration ended, the cached statement is free again.
    expect(db.prepare(text)).toBe(streaming);
    db.close();
  });

  it("keeps at most `max` statements, dropping the least recently used", () => {
    const conn = new SQLite(":memory:");
    const db = withStatementCache(conn, 2);
    const a = db.prepare("select 1");
    const b = db.prepare("select 2");
    expect(db.prepare("select 1")).toBe(a); // "select 2" is now the least recently used
    db.prepare("select 3");
    expect(db.prepare("select 1")).toBe(a);
    expect(db.prepare("select 2")).not.toBe(b);
    db.close();
  });

  it("serves kysely: repeated queries, writes and transactions see current data", async () => {
    handle = await openDatabase(":memory:");
    const db = handle.db;
    await sql`create table t (id integer primary key, v text not null)`.execute(db);
    const read = () => sql<{ v: string }>`select v from t where id = ${1}`.execute(db);
    expect((await read()).rows).toEqual([]);
    await sql`insert into t (id, v) values (${1}, ${"uno"})`.execute(db);
    expect((await read()).rows).toEqual([{ v: "uno" }]);
    await db.transaction().execute(async (trx) => {
      await sql`update t set v = ${"due"} where id = ${1}`.execute(trx);
    });
    expect((await read()).rows).toEqual([{ v: "due" }]);
    // After a schema change the same text still runs (SQLite re-prepares it).
    await sql`alter table t add column w text`.execute(db);
    expect((await read()).rows).toEqual([{ v: "due" }]);
  });
});

import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { openDatabase } from "../db/connection";
import { openTestDatabase, type TestDatabase } from "../tests/support/test-database";
import {
  appendAudit,
  auditHmac,
  checkpointPath,
  describeAuditProblem,
  macEquals,
  readAuditCheckpoint,
  verifyAudit,
  writeAuditCheckpoint,
} from "~/audit.server";

const KEY = "k".repeat(40);
let dir: string;
let h: TestDatabase;

function row(i: number) {
  return {
    actorKind: "operatore" as const,
    operatorId: 1,
    enteId: 1,
    role: "anagrafe",
    subjectCitizenId: i,
    action: "dossier.view" as const,
    section: "anagrafe",
    reasonCategory: "sportello",
    reasonText: `richiesta ${i}`,
  };
}

async function append(from: number, to: number) {
  for (let i = from; i <= to; i++) await appendAudit(h.db, KEY, row(i));
}

/** The checkpoint as the server keeps it: created for a new log, then moved up to the head. */
const checkpoint = () => writeAuditCheckpoint(h.db, KEY, dir, { create: true });

/** A statement run behind the application's back, as someone with access to the database would. */
const run = (statement: string) => sql.raw(statement).execute(h.db);

/** Verification fails with exactly this problem, and its message matches. */
async function expectProblem(expected: object, message: RegExp) {
  const r = await verifyAudit(h.db, KEY, dir);
  expect(r.ok).toBe(false);
  expect(r.problem).toEqual(expected);
  expect(describeAuditProblem(r.problem!)).toMatch(message);
}

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "audit-test-"));
  h = await openTestDatabase({ shared: true });
  await append(1, 6);
});

afterEach(async () => {
  vi.restoreAllMocks();
  await h.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("audit log chain", () => {
  it("verifies an untouched chain and checkpoint", async () => {
    expect(await checkpoint()).toMatchObject({ status: "written", checkpoint: { count: 6, headId: 6 } });
    const r = await verifyAudit(h.db, KEY, dir);
    expect(r).toMatchObject({ ok: true, rows: 6, checkpoint: { count: 6, headId: 6 } });
  });

  it("detects an altered row and names it", async () => {
    await checkpoint();
    await run("update audit_log set reason_text = 'altro' where id = 3");
    await expectProblem({ kind: "altered", id: 3 }, /^riga 3: contenuto alterato/);
  });

  it("detects a row rewritten with a recomputed hash but the wrong key", async () => {
    await checkpoint();
    const stored = await h.db
      .selectFrom("audit_log")
      .selectAll()
      .where("id", "=", 2)
      .executeTakeFirstOrThrow();
    const { id: _id, hmac: _hmac, ...content } = stored;
    const forged = auditHmac("another-key-".repeat(4), {
      ...(content as Parameters<typeof auditHmac>[1]),
      reason_text: "falso",
    });
    await h.db
      .updateTable("audit_log")
      .set({ reason_text: "falso", hmac: forged })
      .where("id", "=", 2)
      .execute();
    await expectProblem({ kind: "altered", id: 2 }, /^riga 2: contenuto alterato/);
  });

  it("detects a deleted row in the middle", async () => {
    await checkpoint();
    await run("delete from audit_log where id = 4");
    await expectProblem({ kind: "broken-link", id: 5 }, /^riga 5: catena interrotta/);
  });

  it("detects reordered rows", async () => {
    await checkpoint();
    await h.db.transaction().execute(async (trx) => {
      const byId = (id: number) =>
        trx.selectFrom("audit_log").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
      const a = await byId(2);
      const b = await byId(3);
      await trx.deleteFrom("audit_log").where("id", "in", [2, 3]).execute();
      await trx
        .insertInto("audit_log")
        .values({ ...b, id: 2 })
        .execute();
      await trx
        .insertInto("audit_log")
        .values({ ...a, id: 3 })
        .execute();
    });
    await expectProblem({ kind: "broken-link", id: 2 }, /^riga 2: catena interrotta/);
  });

  it("detects rows cut off below the checkpoint", async () => {
    await checkpoint();
    await run("delete from audit_log where id >= 3");
    await expectProblem(
      { kind: "truncated", expectedAtLeast: 6, found: 2, lastId: 2, headId: 6 },
      /^registro troncato: mancano le righe dopo la 2, il checkpoint attesta almeno 6 righe fino alla riga 6, ne restano 2$/,
    );
  });

  it("detects rows cut off after an earlier checkpoint, once the checkpoint has followed the head", async () => {
    await checkpoint();
    await append(7, 9);
    // What the server's keeper does within a second of each commit (startAuditCheckpoints).
    expect(await writeAuditCheckpoint(h.db, KEY, dir)).toMatchObject({
      status: "written",
      checkpoint: { count: 9, headId: 9 },
    });
    await run("delete from audit_log where id > 7");
    await expectProblem(
      { kind: "truncated", expectedAtLeast: 9, found: 7, lastId: 7, headId: 9 },
      /mancano le righe dopo la 7/,
    );
  });

  it("accepts rows written after the checkpoint (the last second before a crash)", async () => {
    await checkpoint();
    await append(7, 8);
    expect(await verifyAudit(h.db, KEY, dir)).toMatchObject({ ok: true, rows: 8, checkpoint: { count: 6 } });
  });

  it("fails when the checkpoint file is gone and the log has rows, saying how to initialise", async () => {
    await checkpoint();
    fs.rmSync(checkpointPath(dir));
    await expectProblem(
      { kind: "checkpoint-missing", rows: 6, firstId: 1, lastId: 6 },
      /manca il checkpoint .* dalla riga 1 alla 6.*npm run audit:verify -- --init/,
    );
  });

  it("fails when the checkpoint file is gone and the log was truncated", async () => {
    await checkpoint();
    fs.rmSync(checkpointPath(dir));
    await run("delete from audit_log where id > 3");
    await expectProblem(
      { kind: "checkpoint-missing", rows: 3, firstId: 1, lastId: 3 },
      /dalla riga 1 alla 3/,
    );
  });

  it("detects an emptied table", async () => {
    await checkpoint();
    await run("delete from audit_log");
    await expectProblem(
      { kind: "truncated", expectedAtLeast: 6, found: 0, lastId: null, headId: 6 },
      /^registro svuotato: mancano tutte le righe, il checkpoint attesta almeno 6 righe fino alla riga 6$/,
    );
  });

  it("passes a new, empty log without a checkpoint", async () => {
    await run("delete from audit_log");
    expect(await verifyAudit(h.db, KEY, dir)).toMatchObject({ ok: true, rows: 0, checkpoint: null });
    expect(await writeAuditCheckpoint(h.db, KEY, dir, { create: true })).toEqual({ status: "empty" });
  });

  it("detects a tail cut off and written again (SQLite reuses the ids), and does not follow it", async () => {
    await checkpoint();
    await run("delete from audit_log where id >= 5");
    await append(20, 22); // chained to row 4 by the key holder (the server)
    const tail = async () =>
      (await h.db.selectFrom("audit_log").select("id").where("id", ">", 4).orderBy("id").execute()).map(
        (r) => r.id,
      );
    const before = fs.readFileSync(checkpointPath(dir), "utf8");
    expect(await writeAuditCheckpoint(h.db, KEY, dir)).toMatchObject({ status: "diverged" });
    expect(fs.readFileSync(checkpointPath(dir), "utf8")).toBe(before);
    if (h.kind === "sqlite") {
      // SQLite gives ids 5, 6, 7 again: row 6 is there, but not the row the checkpoint attests.
      expect(await tail()).toEqual([5, 6, 7]);
      await expectProblem(
        { kind: "head-missing", id: 6, headId: 6 },
        /^riga 6: la catena si discosta da quella attestata dal checkpoint fino alla riga 6/,
      );
    } else {
      // PostgreSQL never reuses ids: the first row past the cut is named.
      expect(await tail()).toEqual([7, 8, 9]);
      await expectProblem(
        { kind: "head-missing", id: 7, headId: 6 },
        /^riga 7: la catena si discosta da quella attestata dal checkpoint fino alla riga 6/,
      );
    }
    // With other fresh ids, the first row past the cut is named.
    await run("update audit_log set id = id + 10 where id >= 5");
    const [first] = await tail();
    expect(first).toBe(h.kind === "sqlite" ? 15 : 17);
    await expectProblem(
      { kind: "head-missing", id: first, headId: 6 },
      new RegExp(`^riga ${first}: la catena si discosta`),
    );
  });

  it("detects a forged or unreadable checkpoint", async () => {
    await checkpoint();
    const file = checkpointPath(dir);
    const cp = JSON.parse(fs.readFileSync(file, "utf8"));
    fs.writeFileSync(file, JSON.stringify({ ...cp, count: 2 }));
    await expectProblem({ kind: "checkpoint-invalid" }, /il file di checkpoint è stato alterato/);
    expect(await writeAuditCheckpoint(h.db, KEY, dir)).toEqual({ status: "invalid" });
    fs.writeFileSync(file, "{");
    await expectProblem({ kind: "checkpoint-invalid" }, /alterato/);
  });

  it("still names the first bad row when the checkpoint is forged too", async () => {
    await checkpoint();
    fs.writeFileSync(checkpointPath(dir), "{}");
    await run("update audit_log set action = 'x' where id = 2");
    await expectProblem({ kind: "altered", id: 2 }, /^riga 2/);
  });

  it("compares MACs in constant time", async () => {
    await checkpoint();
    expect(macEquals("ab".repeat(32), "ab".repeat(32))).toBe(true);
    expect(macEquals("ab".repeat(32), `${"ab".repeat(31)}ac`)).toBe(false);
    expect(macEquals("ab".repeat(32), "ab")).toBe(false);
    const spy = vi.spyOn(crypto, "timingSafeEqual");
    expect((await verifyAudit(h.db, KEY, dir)).ok).toBe(true);
    // The checkpoint's MAC, then per row its link and its HMAC, then the head.
    expect(spy.mock.calls.length).toBeGreaterThanOrEqual(1 + 2 * 6 + 1);
  });

  it("records inside the caller's transaction and rolls back with it", async () => {
    await expect(
      h.db.transaction().execute(async (trx) => {
        await appendAudit(trx, KEY, { actorKind: "sistema", action: "auth.logout" });
        throw new Error("rollback");
      }),
    ).rejects.toThrow("rollback");
    const r = await verifyAudit(h.db, KEY, null);
    expect(r).toMatchObject({ ok: true, rows: 6 });
  });
});

describe("writeAuditCheckpoint", () => {
  it("creates a checkpoint only when told to", async () => {
    expect(await writeAuditCheckpoint(h.db, KEY, dir)).toEqual({ status: "missing" });
    expect(fs.existsSync(checkpointPath(dir))).toBe(false);
    expect((await checkpoint()).status).toBe("written");
    expect((await writeAuditCheckpoint(h.db, KEY, dir)).status).toBe("current");
  });

  it("counts only the new rows when it moves forward, and never moves back", async () => {
    await checkpoint();
    // A process whose database view is behind, taken at 6 rows.
    const appendAndMoveForward = async () => {
      await append(7, 10);
      expect(await writeAuditCheckpoint(h.db, KEY, dir)).toMatchObject({
        checkpoint: { count: 10, headId: 10 },
      });
    };
    if (h.sqlite) {
      // SQLite only: the view behind is a copy of the file (VACUUM INTO); a read transaction on a
      // second connection would not do, since our transactions begin IMMEDIATE and take the
      // write lock the appends need.
      h.sqlite.prepare("vacuum into ?").run(path.join(dir, "old.db"));
      await appendAndMoveForward();
      const old = await openDatabase(`file:${path.join(dir, "old.db")}`);
      try {
        expect((await writeAuditCheckpoint(old.db, KEY, dir, { create: true })).status).toBe("diverged");
      } finally {
        await old.close();
      }
    } else {
      // PostgreSQL: the view behind is a repeatable-read snapshot of another connection.
      const other = await h.connect();
      await other.db
        .transaction()
        .setIsolationLevel("repeatable read")
        .execute(async (behind) => {
          expect(
            await behind.selectFrom("audit_log").select("id").orderBy("id", "desc").executeTakeFirst(),
          ).toEqual({
            id: 6,
          });
          await appendAndMoveForward();
          expect((await writeAuditCheckpoint(behind, KEY, dir, { create: true })).status).toBe("diverged");
        });
      await other.close();
    }
    const file = readAuditCheckpoint(KEY, dir);
    expect(file).toMatchObject({ state: "valid", checkpoint: { count: 10, headId: 10 } });
  });

  it("keeps the highest head when processes race", async () => {
    await checkpoint();
    const other = await h.connect();
    try {
      for (let round = 0; round < 15; round++) {
        await appendAudit(round % 2 ? other.db : h.db, KEY, row(100 + round));
        const results = await Promise.all([
          writeAuditCheckpoint(h.db, KEY, dir),
          writeAuditCheckpoint(other.db, KEY, dir),
          writeAuditCheckpoint(h.db, KEY, dir),
        ]);
        for (const r of results) expect(["written", "current"]).toContain(r.status);
        expect(readAuditCheckpoint(KEY, dir)).toMatchObject({
          checkpoint: { count: 7 + round, headId: 7 + round },
        });
      }
    } finally {
      await other.close();
    }
    expect(await verifyAudit(h.db, KEY, dir)).toMatchObject({ ok: true, rows: 21 });
    expect(fs.readdirSync(dir).filter((f) => f.includes("audit-checkpoint"))).toEqual([
      "audit-checkpoint.json",
    ]);
  });

  it("waits for another writer's lock, and takes over a lock left by a killed one", async () => {
    await checkpoint();
    await append(7, 7);
    const lock = `${checkpointPath(dir)}.lock`;
    fs.writeFileSync(lock, "12345");
    expect(await writeAuditCheckpoint(h.db, KEY, dir)).toEqual({ status: "busy" });
    const old = new Date(Date.now() - 60_000);
    fs.utimesSync(lock, old, old);
    expect(await writeAuditCheckpoint(h.db, KEY, dir)).toMatchObject({
      status: "written",
      checkpoint: { count: 7 },
    });
    expect(fs.existsSync(lock)).toBe(false);
  });
});

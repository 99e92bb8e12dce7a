import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openTestDatabase, type TestDatabase } from "../tests/support/test-database";
import { startAuditCheckpoints, type AuditCheckpointOptions } from "~/audit-checkpoint.server";
import { appendAudit, checkpointPath, verifyAudit, writeAuditCheckpoint } from "~/audit.server";

const KEY = "c".repeat(40);
let dir: string;
let h: TestDatabase;
const stops: Array<() => Promise<void>> = [];

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "audit-checkpoint-test-"));
  h = await openTestDatabase({ shared: true });
});

afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
  await h.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function row(i: number) {
  return { actorKind: "sistema" as const, action: "payments.position.validate" as const, details: { i } };
}

function recorder() {
  const lines: Array<{ level: "info" | "error"; obj: object; msg: string }> = [];
  return {
    lines,
    logger: {
      info: (obj: object, msg: string) => lines.push({ level: "info", obj, msg }),
      error: (obj: object, msg: string) => lines.push({ level: "error", obj, msg }),
    },
  };
}

async function start(
  logger: AuditCheckpointOptions["logger"],
  extra: Partial<AuditCheckpointOptions> = {},
  db = h.db,
) {
  const stop = await startAuditCheckpoints({
    db,
    config: { auditHmacKey: KEY, dataDir: dir },
    logger,
    headIntervalMs: 20,
    ...extra,
  });
  stops.push(stop);
  return stop;
}

function recorded(): { count: number; headId: number } | null {
  return fs.existsSync(checkpointPath(dir)) ? JSON.parse(fs.readFileSync(checkpointPath(dir), "utf8")) : null;
}

async function until(check: () => boolean, ms = 5000) {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe("startAuditCheckpoints", () => {
  it("follows the head without waiting for shutdown, so a cut tail is caught after a kill -9", async () => {
    const { logger } = recorder();
    await start(logger);
    for (let i = 0; i < 3; i++) await appendAudit(h.db, KEY, row(i));
    await until(() => recorded()?.count === 3);
    await appendAudit(h.db, KEY, row(3));
    await until(() => recorded()?.count === 4);
    // No stop(): the process is as a kill -9 left it.
    await h.db.deleteFrom("audit_log").where("id", "=", 4).execute();
    const r = await verifyAudit(h.db, KEY, dir);
    expect(r.problem).toEqual({ kind: "truncated", expectedAtLeast: 4, found: 3, lastId: 3, headId: 4 });
  });

  it("logs the head at intervals when it moved, and at stop", async () => {
    const { lines, logger } = recorder();
    const stop = await start(logger, { logIntervalMs: 40 });
    // In one transaction, so that the head moves from none to 3 at once however slow the appends
    // (three round trips to PostgreSQL on a busy machine can outlast the 40 ms interval).
    await h.db.transaction().execute(async (trx) => {
      for (let i = 0; i < 3; i++) await appendAudit(trx, KEY, row(i));
    });
    await until(() => lines.some((l) => l.msg === "audit checkpoint"));
    expect(lines[0]).toMatchObject({ level: "info", obj: { count: 3, headId: 3, reason: "interval" } });
    await new Promise((r) => setTimeout(r, 120));
    expect(lines).toHaveLength(1); // unchanged head: no new line
    await appendAudit(h.db, KEY, row(3));
    await stop();
    expect(recorded()).toMatchObject({ count: 4, headId: 4 });
    expect(lines.at(-1)).toMatchObject({ msg: "audit checkpoint", obj: { count: 4, reason: "shutdown" } });
    expect((await verifyAudit(h.db, KEY, dir)).ok).toBe(true);
    // A second stop (after the last requests drained) brings the file up to date again.
    await appendAudit(h.db, KEY, row(4));
    await stop();
    expect(recorded()).toMatchObject({ count: 5, headId: 5 });
  });

  it("writes nothing for an empty log and stops cleanly", async () => {
    const stop = await start(recorder().logger);
    await new Promise((r) => setTimeout(r, 60));
    await stop();
    await stop();
    expect(fs.existsSync(checkpointPath(dir))).toBe(false);
  });

  it("does not vouch for an existing log that has no checkpoint: it says how to create one", async () => {
    for (let i = 0; i < 2; i++) await appendAudit(h.db, KEY, row(i));
    const { lines, logger } = recorder();
    const stop = await start(logger);
    await appendAudit(h.db, KEY, row(2));
    await until(() => lines.length > 0);
    await stop();
    expect(fs.existsSync(checkpointPath(dir))).toBe(false);
    const errors = lines.filter((l) => l.level === "error");
    expect(errors).toHaveLength(1);
    expect(errors[0].msg).toContain("npm run audit:verify -- --init");
    expect((await verifyAudit(h.db, KEY, dir)).problem?.kind).toBe("checkpoint-missing");
    // Once the operator has created it, a keeper follows it.
    await writeAuditCheckpoint(h.db, KEY, dir, { create: true });
    const again = await start(logger);
    await appendAudit(h.db, KEY, row(3));
    await until(() => recorded()?.count === 4);
    await again();
  });

  it("does not recreate a checkpoint deleted while it runs", async () => {
    const { lines, logger } = recorder();
    await start(logger);
    for (let i = 0; i < 4; i++) await appendAudit(h.db, KEY, row(i));
    await until(() => recorded()?.count === 4);
    fs.rmSync(checkpointPath(dir));
    await h.db.deleteFrom("audit_log").where("id", ">", 2).execute();
    await appendAudit(h.db, KEY, row(9));
    await until(() => lines.some((l) => l.level === "error"));
    expect(fs.existsSync(checkpointPath(dir))).toBe(false);
    expect((await verifyAudit(h.db, KEY, dir)).problem?.kind).toBe("checkpoint-missing");
  });

  it("leaves a checkpoint whose head was cut off as evidence", async () => {
    const { lines, logger } = recorder();
    await start(logger);
    for (let i = 0; i < 4; i++) await appendAudit(h.db, KEY, row(i));
    await until(() => recorded()?.count === 4);
    const evidence = fs.readFileSync(checkpointPath(dir), "utf8");
    await h.db.deleteFrom("audit_log").where("id", ">", 2).execute();
    for (let i = 0; i < 4; i++) await appendAudit(h.db, KEY, row(10 + i));
    await until(() => lines.some((l) => l.level === "error"));
    expect(lines.find((l) => l.level === "error")!.msg).toContain("no longer holds the checkpoint's head");
    expect(fs.readFileSync(checkpointPath(dir), "utf8")).toBe(evidence);
    // SQLite gives ids 3 to 6 again and row 4 is not the one attested; PostgreSQL never reuses
    // ids (5 to 8), and the first row past the cut is named.
    expect((await verifyAudit(h.db, KEY, dir)).problem).toEqual({
      kind: "head-missing",
      id: h.kind === "sqlite" ? 4 : 5,
      headId: 4,
    });
  });

  it("two processes on one database keep one checkpoint that only moves forward", async () => {
    const other = await h.connect();
    try {
      const { lines, logger } = recorder();
      const stopA = await start(logger, { headIntervalMs: 5 });
      await appendAudit(h.db, KEY, row(0));
      // B finds rows and no file yet: it does not create one, and does not cry wolf while A does.
      const stopB = await start(logger, { headIntervalMs: 7, missingGraceMs: 3000 }, other.db);
      let last = 0;
      for (let i = 1; i < 40; i++) {
        await appendAudit(i % 2 ? other.db : h.db, KEY, row(i));
        const now = recorded()?.headId ?? 0;
        expect(now).toBeGreaterThanOrEqual(last);
        last = now;
        if (i % 8 === 0) await new Promise((r) => setTimeout(r, 15));
      }
      await Promise.all([stopA(), stopB()]);
      expect(recorded()).toMatchObject({ count: 40, headId: 40 });
      expect(lines.filter((l) => l.level === "error")).toEqual([]);
      expect(await verifyAudit(h.db, KEY, dir)).toMatchObject({ ok: true, rows: 40 });
    } finally {
      await other.close();
    }
  });
});

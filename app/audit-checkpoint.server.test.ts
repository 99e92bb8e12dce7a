import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDatabase, type DbHandle } from "../db/connection";
import { migrateToLatest } from "../db/migrate";
import { startAuditCheckpoints } from "./audit-checkpoint.server";
import { appendAudit, checkpointPath, verifyAudit } from "./audit.server";

const KEY = "c".repeat(40);
let dir: string;
let h: DbHandle;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "audit-checkpoint-test-"));
  h = await openDatabase(`file:${path.join(dir, "t.db")}`);
  await migrateToLatest(h.db);
});

afterEach(async () => {
  await h.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function row(i: number) {
  return { actorKind: "sistema" as const, action: "test.event", details: { i } };
}

describe("startAuditCheckpoints", () => {
  it("writes at intervals and once more at stop, with a log line", async () => {
    const lines: Array<{ obj: object; msg: string }> = [];
    const logger = { info: (obj: object, msg: string) => lines.push({ obj, msg }), error: () => {} };
    for (let i = 0; i < 3; i++) await appendAudit(h.db, KEY, row(i));
    const stop = startAuditCheckpoints({
      db: h.db,
      config: { auditHmacKey: KEY, dataDir: dir },
      logger,
      intervalMs: 30,
    });
    await new Promise((r) => setTimeout(r, 120));
    const first = JSON.parse(fs.readFileSync(checkpointPath(dir), "utf8"));
    expect(first.count).toBe(3);

    await appendAudit(h.db, KEY, row(3));
    await stop();
    const last = JSON.parse(fs.readFileSync(checkpointPath(dir), "utf8"));
    expect(last.count).toBe(4);
    expect(lines.at(-1)).toMatchObject({ msg: "audit checkpoint", obj: { count: 4, reason: "shutdown" } });
    expect((await verifyAudit(h.db, KEY, dir)).ok).toBe(true);

    // Cutting the last row off is now detected.
    h.sqlite!.prepare("delete from audit_log where id = (select max(id) from audit_log)").run();
    const r = await verifyAudit(h.db, KEY, dir);
    expect(r.ok).toBe(false);
    expect(r.problem?.kind).toBe("truncated");
  });

  it("writes nothing for an empty log and stops cleanly", async () => {
    const logger = { info: () => {}, error: () => {} };
    const stop = startAuditCheckpoints({
      db: h.db,
      config: { auditHmacKey: KEY, dataDir: dir },
      logger,
      intervalMs: 20,
    });
    await new Promise((r) => setTimeout(r, 60));
    await stop();
    await stop();
    expect(fs.existsSync(checkpointPath(dir))).toBe(false);
  });
});

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDatabase, type DbHandle } from "../db/connection";
import { migrateToLatest } from "../db/migrate";
import { appendAudit, verifyAudit, writeAuditCheckpoint } from "./audit.server";

const KEY = "k".repeat(40);
let dir: string;
let h: DbHandle;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "audit-test-"));
  h = await openDatabase(`file:${path.join(dir, "t.db")}`);
  await migrateToLatest(h.db);
  for (let i = 1; i <= 6; i++) {
    await appendAudit(h.db, KEY, {
      actorKind: "operatore",
      operatorId: 1,
      entityId: 1,
      role: "anagrafe",
      subjectCitizenId: i,
      action: "dossier.view",
      section: "anagrafe",
      reasonCategory: "sportello",
      reasonText: `richiesta ${i}`,
    });
  }
});

afterEach(async () => {
  await h.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("audit log chain", () => {
  it("verifies an untouched chain and checkpoint", async () => {
    await writeAuditCheckpoint(h.db, KEY, dir);
    const r = await verifyAudit(h.db, KEY, dir);
    expect(r).toMatchObject({ ok: true, rows: 6 });
  });

  it("detects an altered row and names it", async () => {
    h.sqlite!.prepare("update audit_log set reason_text = 'altro' where id = 3").run();
    const r = await verifyAudit(h.db, KEY, dir);
    expect(r.ok).toBe(false);
    expect(r.problem).toEqual({ kind: "altered", id: 3 });
  });

  it("detects a row rewritten with a recomputed hash but the wrong key", async () => {
    const { auditHmac } = await import("./audit.server");
    const row = h.sqlite!.prepare("select * from audit_log where id = 2").get() as Record<string, unknown>;
    const { id: _id, hmac: _hmac, ...content } = row;
    const forged = auditHmac("another-key-".repeat(4), {
      ...(content as Parameters<typeof auditHmac>[1]),
      reason_text: "falso",
    });
    h.sqlite!.prepare("update audit_log set reason_text = 'falso', hmac = ? where id = 2").run(forged);
    const r = await verifyAudit(h.db, KEY, dir);
    expect(r.problem).toEqual({ kind: "altered", id: 2 });
  });

  it("detects a deleted row in the middle", async () => {
    h.sqlite!.prepare("delete from audit_log where id = 4").run();
    const r = await verifyAudit(h.db, KEY, dir);
    expect(r.problem).toEqual({ kind: "broken-link", id: 5 });
  });

  it("detects reordered rows", async () => {
    const swap = h.sqlite!.transaction(() => {
      const a = h.sqlite!.prepare("select * from audit_log where id = 2").get() as Record<string, unknown>;
      const b = h.sqlite!.prepare("select * from audit_log where id = 3").get() as Record<string, unknown>;
      h.sqlite!.prepare("delete from audit_log where id in (2, 3)").run();
      const ins = h.sqlite!.prepare(
        "insert into audit_log (id, at, actor_kind, actor_fiscal_code, operator_id, entity_id, role, subject_citizen_id, access_id, action, section, reason_category, reason_text, details, prev_hmac, hmac) values (@id, @at, @actor_kind, @actor_fiscal_code, @operator_id, @entity_id, @role, @subject_citizen_id, @access_id, @action, @section, @reason_category, @reason_text, @details, @prev_hmac, @hmac)",
      );
      ins.run({ ...b, id: 2 });
      ins.run({ ...a, id: 3 });
    });
    swap();
    const r = await verifyAudit(h.db, KEY, dir);
    expect(r.ok).toBe(false);
    expect(r.problem).toEqual({ kind: "broken-link", id: 2 });
  });

  it("detects rows cut off the end, thanks to the checkpoint", async () => {
    await writeAuditCheckpoint(h.db, KEY, dir);
    h.sqlite!.prepare("delete from audit_log where id >= 5").run();
    const r = await verifyAudit(h.db, KEY, dir);
    expect(r.problem).toEqual({ kind: "truncated", expectedAtLeast: 6, found: 4 });
  });

  it("detects a forged checkpoint", async () => {
    await writeAuditCheckpoint(h.db, KEY, dir);
    const file = path.join(dir, "audit-checkpoint.json");
    const cp = JSON.parse(fs.readFileSync(file, "utf8"));
    fs.writeFileSync(file, JSON.stringify({ ...cp, count: 2 }));
    const r = await verifyAudit(h.db, KEY, dir);
    expect(r.problem).toEqual({ kind: "checkpoint-invalid" });
  });

  it("records inside the caller's transaction and rolls back with it", async () => {
    await expect(
      h.db.transaction().execute(async (trx) => {
        await appendAudit(trx, KEY, { actorKind: "sistema", action: "test.rollback" });
        throw new Error("rollback");
      }),
    ).rejects.toThrow("rollback");
    const r = await verifyAudit(h.db, KEY, null);
    expect(r).toMatchObject({ ok: true, rows: 6 });
  });
});

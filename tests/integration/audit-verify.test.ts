/**
 * The access log the real server wrote: after operator activity (and the checkpoint the server
 * keeps) `npm run audit:verify` passes; then, on copies of the data directory, an altered, a
 * deleted, two swapped rows, a cut-off tail, a dropped checkpoint and an emptied table each fail,
 * naming the first bad row (checked through verifyAudit; the CLI runs for the intact log, the
 * missing checkpoint and --init). A server killed with SIGKILL leaves a checkpoint that catches a
 * cut tail too.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeAuditProblem, verifyAudit, type AuditVerification } from "../../app/audit.server";
import { openDatabase } from "../../db/connection";
import { OPERATOR_PERSONAS, PERSONAS } from "../../db/seed/personas";
import { PROJECT_ROOT } from "../support/constants";
import { loginAs, parseForms } from "../support/saml-client";
import { startServer, type TestServer } from "../support/server";
import { request as httpRequest } from "../support/http";

let server: TestServer;
const copies: string[] = [];

function verify(dataDir: string, ...args: string[]): { status: number | null; out: string } {
  const r = spawnSync(
    process.execPath,
    [
      path.join(PROJECT_ROOT, "node_modules/tsx/dist/cli.mjs"),
      "db/cli.ts",
      "audit-verify",
      "--db",
      path.join(dataDir, "portal.db"),
      ...args,
    ],
    {
      cwd: PROJECT_ROOT,
      env: { PATH: process.env.PATH ?? "", NODE_ENV: "production", DATA_DIR: dataDir, DEMO: "true" },
      encoding: "utf8",
      timeout: 60_000,
    },
  );
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

/** A copy of the stopped server's data directory (database, checkpoint, demo secrets) to tamper with. */
function copyDataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "audit-tamper-"));
  copies.push(dir);
  for (const name of [
    "portal.db",
    "portal.db-wal",
    "portal.db-shm",
    "audit-checkpoint.json",
    "secrets.json",
  ]) {
    const from = path.join(server.dataDir, name);
    if (fs.existsSync(from)) fs.copyFileSync(from, path.join(dir, name));
  }
  return dir;
}

/** verifyAudit on a data directory, with the key the demo server generated there. */
async function verifyDir(dir: string): Promise<AuditVerification & { message: string }> {
  const key = (
    JSON.parse(fs.readFileSync(path.join(dir, "secrets.json"), "utf8")) as { auditHmacKey: string }
  ).auditHmacKey;
  const h = await openDatabase(`file:${path.join(dir, "portal.db")}`);
  try {
    const r = await verifyAudit(h.db, key, dir);
    return { ...r, message: r.problem ? describeAuditProblem(r.problem) : "" };
  } finally {
    await h.close();
  }
}

function tamper(dir: string, fn: (db: Database.Database) => void): void {
  const db = new Database(path.join(dir, "portal.db"));
  try {
    fn(db);
  } finally {
    db.close();
  }
}

const request = (cookie: string, p: string, form?: Record<string, string>) =>
  httpRequest(server.url, cookie, p, form);

let rowIds: number[] = [];

beforeAll(async () => {
  server = await startServer({ env: { RATE_LIMIT_FACTOR: "100" } });
  const { cookie } = await loginAs(server.url, {
    fiscalCode: OPERATOR_PERSONAS.torinoAnagrafe.codiceFiscale,
  });
  const search = await request(cookie, `/operatore/cittadini?cf=${PERSONAS.famiglia.codiceFiscale}`);
  const id = /\/operatore\/cittadini\/(\d+)"/.exec(search.body)![1];
  const form = await request(cookie, `/operatore/cittadini/${id}`);
  const csrf = parseForms(form.body).find((f) => "csrf" in f.fields && !/\/saml\//.test(f.action))!.fields
    .csrf;
  expect(
    (
      await request(cookie, `/operatore/cittadini/${id}`, {
        csrf,
        categoria: "sportello",
        motivo: "Verifica del registro",
      })
    ).status,
  ).toBe(303);
  for (const s of ["anagrafe", "documenti", "certificati", "pratiche"]) {
    expect((await request(cookie, `/operatore/cittadini/${id}/${s}`)).status).toBe(200);
  }
  const auditor = await loginAs(server.url, { fiscalCode: OPERATOR_PERSONAS.torinoAuditor.codiceFiscale });
  expect((await request(auditor.cookie, "/operatore/registro-accessi")).status).toBe(200);
  await server.stop();
  const db = new Database(server.dbFile, { readonly: true });
  rowIds = (db.prepare("select id from audit_log order by id").all() as Array<{ id: number }>).map(
    (r) => r.id,
  );
  db.close();
});

afterAll(async () => {
  await server?.stop();
  for (const dir of copies) fs.rmSync(dir, { recursive: true, force: true });
});

describe("audit-verify", () => {
  it("finds the checkpoint the server kept and verifies the whole chain", () => {
    expect(rowIds.length).toBeGreaterThanOrEqual(8);
    const file = path.join(server.dataDir, "audit-checkpoint.json");
    expect(fs.existsSync(file), "server.ts must start the audit checkpoints and await their stop").toBe(true);
    const checkpoint = JSON.parse(fs.readFileSync(file, "utf8")) as { count: number; headId: number };
    expect(checkpoint).toMatchObject({ count: rowIds.length, headId: rowIds.at(-1) });
    const r = verify(server.dataDir);
    expect(r.out).toContain(`Registro degli accessi integro: ${rowIds.length} righe verificate`);
    expect(r.status).toBe(0);
  });

  it("detects an altered row and names it", async () => {
    const dir = copyDataDir();
    const target = rowIds[4];
    tamper(dir, (db) =>
      db.prepare("update audit_log set reason_text = 'motivo cambiato' where id = ?").run(target),
    );
    expect((await verifyDir(dir)).message).toMatch(new RegExp(`^riga ${target}: contenuto alterato`));
  });

  it("detects a deleted row: the next one no longer links", async () => {
    const dir = copyDataDir();
    tamper(dir, (db) => db.prepare("delete from audit_log where id = ?").run(rowIds[3]));
    expect((await verifyDir(dir)).message).toMatch(new RegExp(`^riga ${rowIds[4]}: catena interrotta`));
  });

  it("detects reordered rows", async () => {
    const dir = copyDataDir();
    const [a, b] = [rowIds[2], rowIds[3]];
    tamper(dir, (db) => {
      const cols =
        "at, actor_kind, actor_fiscal_code, operator_id, entity_id, role, subject_citizen_id, access_id, action, section, reason_category, reason_text, details, prev_hmac, hmac";
      const rowA = db.prepare(`select ${cols} from audit_log where id = ?`).get(a) as Record<string, unknown>;
      const rowB = db.prepare(`select ${cols} from audit_log where id = ?`).get(b) as Record<string, unknown>;
      const set = cols
        .split(", ")
        .map((c) => `${c} = @${c}`)
        .join(", ");
      db.transaction(() => {
        // hmac is unique: park one row's value while swapping.
        db.prepare("update audit_log set hmac = 'temporaneo' where id = ?").run(a);
        db.prepare(`update audit_log set ${set} where id = @id`).run({
          ...rowA,
          id: b,
          hmac: "temporaneo-2",
        });
        db.prepare(`update audit_log set ${set} where id = @id`).run({ ...rowB, id: a });
        db.prepare("update audit_log set hmac = ? where id = ?").run(rowA.hmac, b);
      })();
    });
    expect((await verifyDir(dir)).message).toMatch(new RegExp(`^riga ${a}: catena interrotta`));
  });

  it("detects rows cut off the end", async () => {
    const dir = copyDataDir();
    const keep = rowIds.length - 3;
    tamper(dir, (db) => db.prepare("delete from audit_log where id > ?").run(rowIds[keep - 1]));
    expect((await verifyDir(dir)).message).toBe(
      `registro troncato: mancano le righe dopo la ${rowIds[keep - 1]}, il checkpoint attesta almeno ${rowIds.length} righe fino alla riga ${rowIds.at(-1)}, ne restano ${keep}`,
    );
  });

  it("detects an emptied table", async () => {
    const dir = copyDataDir();
    tamper(dir, (db) => db.prepare("delete from audit_log").run());
    expect((await verifyDir(dir)).message).toMatch(/^registro svuotato: mancano tutte le righe/);
  });

  it("detects a rewritten checkpoint", async () => {
    const dir = copyDataDir();
    const file = path.join(dir, "audit-checkpoint.json");
    const c = JSON.parse(fs.readFileSync(file, "utf8")) as { count: number };
    fs.writeFileSync(file, JSON.stringify({ ...c, count: c.count - 3 }));
    expect((await verifyDir(dir)).message).toBe("il file di checkpoint è stato alterato");
  });

  it("fails without a checkpoint, saying how to create one, and --init creates it", () => {
    const dir = copyDataDir();
    fs.rmSync(path.join(dir, "audit-checkpoint.json"));
    tamper(dir, (db) => db.prepare("delete from audit_log where id > ?").run(rowIds[5]));
    const r = verify(dir);
    expect(r.status).toBe(1);
    expect(r.out).toContain(
      `manca il checkpoint (audit-checkpoint.json) e il registro ha 6 righe, dalla riga ${rowIds[0]} alla ${rowIds[5]}`,
    );
    expect(r.out).toContain("npm run audit:verify -- --init");
    const init = verify(dir, "--init");
    expect(init.out).toContain(
      `Checkpoint iniziale scritto in ${path.join(dir, "audit-checkpoint.json")}: 6 righe fino alla riga ${rowIds[5]}.`,
    );
    expect(init.out).toContain("Registro degli accessi integro: 6 righe verificate");
    expect(init.status).toBe(0);
  });

  it("a server killed with SIGKILL has already recorded its last rows", async () => {
    const killed = await startServer({ env: { RATE_LIMIT_FACTOR: "100" } });
    copies.push(killed.dataDir);
    const { cookie } = await loginAs(killed.url, {
      fiscalCode: OPERATOR_PERSONAS.torinoAnagrafe.codiceFiscale,
    });
    const search = await httpRequest(
      killed.url,
      cookie,
      `/operatore/cittadini?cf=${PERSONAS.famiglia.codiceFiscale}`,
    );
    expect(search.status).toBe(200);
    const db = new Database(killed.dbFile, { readonly: true });
    const rows = () => (db.prepare("select count(*) as n from audit_log").get() as { n: number }).n;
    const file = path.join(killed.dataDir, "audit-checkpoint.json");
    const recorded = () =>
      fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as { count: number }).count : 0;
    const written = Date.now();
    const n = rows();
    expect(n).toBeGreaterThan(0);
    while (recorded() < n) {
      expect(Date.now() - written, "the checkpoint follows the head within seconds").toBeLessThan(5000);
      await new Promise((r) => setTimeout(r, 50));
    }
    db.close();
    const exited = new Promise((r) => killed.process.once("exit", r));
    killed.process.kill("SIGKILL");
    await exited;
    expect((await verifyDir(killed.dataDir)).ok).toBe(true);
    tamper(killed.dataDir, (d) =>
      d.prepare("delete from audit_log where id = (select max(id) from audit_log)").run(),
    );
    const r = await verifyDir(killed.dataDir);
    expect(r.problem).toMatchObject({ kind: "truncated", expectedAtLeast: n, found: n - 1 });
  });
});

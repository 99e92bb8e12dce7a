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
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { describeAuditProblem, verifyAudit, type AuditVerification } from "../../app/audit.server";
import { openDatabase } from "../../db/connection";
import { OPERATOR_PERSONAS, PERSONAS } from "../../db/seed/personas";
import { PROJECT_ROOT } from "../support/constants";
import { databaseUrlOf, readDb, setDatabaseUrl, type TestDb } from "../support/db";
import { loginAs } from "../support/saml-client";
import { startServer, type TestServer } from "../support/server";
import { csrfOf, request as httpRequest } from "../support/http";
import { createDatabase, uniqueName } from "../support/pg";

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
      databaseUrlOf(dataDir),
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

/**
 * A copy of the stopped server's data directory (database, checkpoint, demo secrets) to tamper
 * with. On PostgreSQL runs the database is copied as a new database created from the server's.
 */
async function copyDataDir(): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "audit-tamper-"));
  copies.push(dir);
  const files = ["audit-checkpoint.json", "secrets.json"];
  const pgPrefix = inject("pgPrefix");
  if (pgPrefix) {
    const source = new URL(server.databaseUrl).pathname.slice(1);
    setDatabaseUrl(dir, await createDatabase(uniqueName(pgPrefix), source));
  } else {
    files.push("portal.db", "portal.db-wal", "portal.db-shm");
  }
  for (const name of files) {
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
  const h = await openDatabase(databaseUrlOf(dir));
  try {
    const r = await verifyAudit(h.db, key, dir);
    return { ...r, message: r.problem ? describeAuditProblem(r.problem) : "" };
  } finally {
    await h.close();
  }
}

function tamper(dir: string, fn: (db: TestDb) => Promise<unknown>): Promise<unknown> {
  return readDb(path.join(dir, "portal.db"), fn);
}

const request = (cookie: string, p: string, form?: Record<string, string>) =>
  httpRequest(server.url, cookie, p, form);

let rowIds: number[] = [];

beforeAll(async () => {
  server = await startServer({ env: { RATE_LIMIT_FACTOR: "100" } });
  const { cookie } = await loginAs(server.url, {
    codiceFiscale: OPERATOR_PERSONAS.torinoAnagrafe.codiceFiscale,
  });
  const search = await request(cookie, `/operatore/cittadini?cf=${PERSONAS.famiglia.codiceFiscale}`);
  const id = /\/operatore\/cittadini\/(\d+)"/.exec(search.body)![1];
  const form = await request(cookie, `/operatore/cittadini/${id}`);
  const csrf = csrfOf(form.body);
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
  const auditor = await loginAs(server.url, { codiceFiscale: OPERATOR_PERSONAS.torinoAuditor.codiceFiscale });
  expect((await request(auditor.cookie, "/operatore/registro-accessi")).status).toBe(200);
  await server.stop();
  rowIds = (
    await readDb(server.dbFile, (db) => db.all<{ id: number }>("select id from audit_log order by id"))
  ).map((r) => r.id);
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
    const dir = await copyDataDir();
    const target = rowIds[4];
    await tamper(dir, (db) =>
      db.run("update audit_log set reason_text = 'motivo cambiato' where id = ?", target),
    );
    expect((await verifyDir(dir)).message).toMatch(new RegExp(`^riga ${target}: contenuto alterato`));
  });

  it("detects a deleted row: the next one no longer links", async () => {
    const dir = await copyDataDir();
    await tamper(dir, (db) => db.run("delete from audit_log where id = ?", rowIds[3]));
    expect((await verifyDir(dir)).message).toMatch(new RegExp(`^riga ${rowIds[4]}: catena interrotta`));
  });

  it("detects reordered rows", async () => {
    const dir = await copyDataDir();
    const [a, b] = [rowIds[2], rowIds[3]];
    await tamper(dir, async (db) => {
      const cols = [
        "at",
        "actor_kind",
        "actor_fiscal_code",
        "operator_id",
        "entity_id",
        "role",
        "subject_citizen_id",
        "access_id",
        "action",
        "section",
        "reason_category",
        "reason_text",
        "details",
        "prev_hmac",
        "hmac",
      ];
      const select = `select ${cols.join(", ")} from audit_log where id = ?`;
      const rowA = (await db.get<Record<string, unknown>>(select, a))!;
      const rowB = (await db.get<Record<string, unknown>>(select, b))!;
      const update = `update audit_log set ${cols.map((c) => `${c} = ?`).join(", ")} where id = ?`;
      const values = (row: Record<string, unknown>) => cols.map((c) => row[c]);
      await db.run("begin");
      // hmac is unique: park one row's value while swapping.
      await db.run("update audit_log set hmac = 'temporaneo' where id = ?", a);
      await db.run(update, ...values({ ...rowA, hmac: "temporaneo-2" }), b);
      await db.run(update, ...values(rowB), a);
      await db.run("update audit_log set hmac = ? where id = ?", rowA.hmac, b);
      await db.run("commit");
    });
    expect((await verifyDir(dir)).message).toMatch(new RegExp(`^riga ${a}: catena interrotta`));
  });

  it("detects rows cut off the end", async () => {
    const dir = await copyDataDir();
    const keep = rowIds.length - 3;
    await tamper(dir, (db) => db.run("delete from audit_log where id > ?", rowIds[keep - 1]));
    expect((await verifyDir(dir)).message).toBe(
      `registro troncato: mancano le righe dopo la ${rowIds[keep - 1]}, il checkpoint attesta almeno ${rowIds.length} righe fino alla riga ${rowIds.at(-1)}, ne restano ${keep}`,
    );
  });

  it("detects an emptied table", async () => {
    const dir = await copyDataDir();
    await tamper(dir, (db) => db.run("delete from audit_log"));
    expect((await verifyDir(dir)).message).toMatch(/^registro svuotato: mancano tutte le righe/);
  });

  it("detects a rewritten checkpoint", async () => {
    const dir = await copyDataDir();
    const file = path.join(dir, "audit-checkpoint.json");
    const c = JSON.parse(fs.readFileSync(file, "utf8")) as { count: number };
    fs.writeFileSync(file, JSON.stringify({ ...c, count: c.count - 3 }));
    expect((await verifyDir(dir)).message).toBe("il file di checkpoint è stato alterato");
  });

  it("fails without a checkpoint, saying how to create one, and --init creates it", async () => {
    const dir = await copyDataDir();
    fs.rmSync(path.join(dir, "audit-checkpoint.json"));
    await tamper(dir, (db) => db.run("delete from audit_log where id > ?", rowIds[5]));
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
      codiceFiscale: OPERATOR_PERSONAS.torinoAnagrafe.codiceFiscale,
    });
    const search = await httpRequest(
      killed.url,
      cookie,
      `/operatore/cittadini?cf=${PERSONAS.famiglia.codiceFiscale}`,
    );
    expect(search.status).toBe(200);
    const rows = async () =>
      (await readDb(killed.dbFile, (db) => db.get<{ n: number }>("select count(*) as n from audit_log")))!.n;
    const file = path.join(killed.dataDir, "audit-checkpoint.json");
    const recorded = () =>
      fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as { count: number }).count : 0;
    const written = Date.now();
    const n = await rows();
    expect(n).toBeGreaterThan(0);
    while (recorded() < n) {
      expect(Date.now() - written, "the checkpoint follows the head within seconds").toBeLessThan(5000);
      await new Promise((r) => setTimeout(r, 50));
    }
    const exited = new Promise((r) => killed.process.once("exit", r));
    killed.process.kill("SIGKILL");
    await exited;
    expect((await verifyDir(killed.dataDir)).ok).toBe(true);
    await tamper(killed.dataDir, (d) =>
      d.run("delete from audit_log where id = (select max(id) from audit_log)"),
    );
    const r = await verifyDir(killed.dataDir);
    expect(r.problem).toMatchObject({ kind: "truncated", expectedAtLeast: n, found: n - 1 });
  });
});

/**
 * The auditor's "Verifica integrità" on the running server: the same verdict as `npm run
 * audit:verify` on the same data, ok with its counts on an intact log, the first bad row on a
 * tampered one; the check is logged; only the auditor reaches it (others 404).
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OPERATOR_PERSONAS, PERSONAS } from "../../db/seed/personas";
import { PROJECT_ROOT } from "../support/constants";
import { databaseUrlOf, readDb } from "../support/db";
import { csrfOf, parseForms, request as httpRequest } from "../support/http";
import { loginAs } from "../support/saml-client";
import { startServer, type TestServer } from "../support/server";

let server: TestServer;
const cookies = { auditor: "", anagrafe: "", admin: "", famiglia: "" };

const request = (cookie: string | null, p: string, form?: Record<string, string>) =>
  httpRequest(server.url, cookie, p, form);

const VERIFY = "/operatore/registro-accessi/verifica";

/** `npm run audit:verify` on the server's data directory: its verdict line and exit status. */
function cliVerdict(): { status: number | null; line: string } {
  const r = spawnSync(
    process.execPath,
    [
      path.join(PROJECT_ROOT, "node_modules/tsx/dist/cli.mjs"),
      "db/cli.ts",
      "audit-verify",
      "--db",
      databaseUrlOf(server.dataDir),
    ],
    {
      cwd: PROJECT_ROOT,
      env: { PATH: process.env.PATH ?? "", NODE_ENV: "production", DATA_DIR: server.dataDir, DEMO: "true" },
      encoding: "utf8",
      timeout: 60_000,
    },
  );
  const line = `${r.stdout}${r.stderr}`.split("\n").find((l) => l.startsWith("Registro degli accessi")) ?? "";
  return { status: r.status, line };
}

const auditRows = () =>
  readDb(server.dbFile, (db) =>
    db.all<{ id: number; action: string; details: string | null }>(
      "select id, action, details from audit_log order by id",
    ),
  );

/** Waits until the checkpoint the server keeps has caught up with the log's head. */
async function checkpointAtHead(): Promise<void> {
  const file = path.join(server.dataDir, "audit-checkpoint.json");
  const started = Date.now();
  for (;;) {
    const rows = await auditRows();
    const count = fs.existsSync(file)
      ? (JSON.parse(fs.readFileSync(file, "utf8")) as { count: number }).count
      : 0;
    if (count === rows.length) return;
    expect(Date.now() - started, "the checkpoint follows the head within seconds").toBeLessThan(10_000);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The auditor presses the button on the access log's page. */
async function pressVerify(): Promise<{ status: number; text: string }> {
  const log = await request(cookies.auditor, "/operatore/registro-accessi");
  expect(log.status).toBe(200);
  const form = parseForms(log.body).find((f) => f.action === VERIFY);
  expect(form, "the Verifica integrità form on the access log's page").toBeDefined();
  expect(form!.html).toContain("Verifica integrità");
  await checkpointAtHead();
  const sent = await request(cookies.auditor, VERIFY, form!.fields);
  return { status: sent.status, text: sent.text };
}

beforeAll(async () => {
  server = await startServer({ env: { RATE_LIMIT_FACTOR: "100" } });
  cookies.anagrafe = (
    await loginAs(server.url, { codiceFiscale: OPERATOR_PERSONAS.torinoAnagrafe.codiceFiscale })
  ).cookie;
  cookies.auditor = (
    await loginAs(server.url, { codiceFiscale: OPERATOR_PERSONAS.torinoAuditor.codiceFiscale })
  ).cookie;
  cookies.admin = (
    await loginAs(server.url, { codiceFiscale: OPERATOR_PERSONAS.torinoAdmin.codiceFiscale })
  ).cookie;
  cookies.famiglia = (await loginAs(server.url, { codiceFiscale: PERSONAS.famiglia.codiceFiscale })).cookie;
  // Some activity to verify: a search and a dossier opened with its reason.
  const search = await request(
    cookies.anagrafe,
    `/operatore/cittadini?cf=${PERSONAS.famiglia.codiceFiscale}`,
  );
  const id = /\/operatore\/cittadini\/(\d+)"/.exec(search.body)![1];
  const reasonForm = await request(cookies.anagrafe, `/operatore/cittadini/${id}`);
  const opened = await request(cookies.anagrafe, `/operatore/cittadini/${id}`, {
    csrf: csrfOf(reasonForm.body),
    categoria: "sportello",
    motivo: "Verifica del registro dall'area operatore",
  });
  expect(opened.status).toBe(303);
  expect((await request(cookies.anagrafe, `/operatore/cittadini/${id}/anagrafe`)).status).toBe(200);
});

afterAll(async () => {
  await server?.stop();
});

describe("Verifica integrità", () => {
  it("reports an intact log with its counts, as npm run audit:verify does, and logs the check", async () => {
    const before = await auditRows();
    expect(before.length).toBeGreaterThanOrEqual(6);
    const { status, text } = await pressVerify();
    expect(status).toBe(200);
    // The page read the log (one more row) before the check.
    const checked = before.length + 1;
    expect(text).toContain(
      `Registro degli accessi integro: ${checked} righe verificate, coerente con il checkpoint`,
    );
    expect(text).toContain("Registro integro");

    const after = await auditRows();
    const logged = after.at(-1)!;
    expect(logged.action).toBe("audit.verify");
    expect(JSON.parse(logged.details!)).toEqual({ ok: true, rows: checked });

    // The command line, on the same data once the check's own row is in the checkpoint, agrees.
    await checkpointAtHead();
    const cli = cliVerdict();
    expect(cli.status).toBe(0);
    expect(cli.line).toContain(`Registro degli accessi integro: ${after.length} righe verificate`);
  });

  it("names the first altered row, with the same words as npm run audit:verify", async () => {
    const rows = await auditRows();
    const target = rows[3]!.id;
    await readDb(server.dbFile, (db) =>
      db.run("update audit_log set reason_text = 'motivo cambiato' where id = ?", target),
    );
    const { status, text } = await pressVerify();
    expect(status).toBe(200);
    const expected = `Registro degli accessi NON integro: riga ${target}: contenuto alterato (l'HMAC non corrisponde).`;
    expect(text).toContain(expected);
    expect(text).toContain("Registro non integro");
    const logged = (await auditRows()).at(-1)!;
    expect(logged.action).toBe("audit.verify");
    expect(JSON.parse(logged.details!)).toMatchObject({
      ok: false,
      problem: { kind: "altered", id: target },
    });

    const cli = cliVerdict();
    expect(cli.status).toBe(1);
    expect(cli.line).toBe(expected);
  });

  it("is the auditor's only: other operators and citizens get 404, no session goes to the login", async () => {
    const before = (await auditRows()).length;
    for (const who of ["anagrafe", "admin", "famiglia"] as const) {
      expect((await request(cookies[who], VERIFY)).status, `GET ${who}`).toBe(404);
      const anyPage = await request(cookies[who], who === "famiglia" ? "/area-personale" : "/operatore");
      const csrf = csrfOf(anyPage.body, "csrf");
      expect((await request(cookies[who], VERIFY, { csrf })).status, `POST ${who}`).toBe(404);
      expect(anyPage.body).not.toContain(`action="${VERIFY}"`);
    }
    const anonymous = await request(null, VERIFY, { csrf: "x" });
    expect(anonymous.status).toBe(303);
    expect(anonymous.location).toMatch(/^\/saml\/login/);
    // The auditor without the anti-forgery token: refused, nothing logged.
    expect((await request(cookies.auditor, VERIFY, {})).status).toBe(403);
    expect((await auditRows()).length).toBe(before);
  });
});

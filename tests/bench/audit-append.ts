/**
 * Access-log throughput: `appendAudit` calls (each in its own transaction) for a few seconds from
 * `--writers` concurrent loops (default 1), with and without the checkpoint keeper the server
 * runs, then one `verifyAudit` pass over the rows written: the chain must stay one chain. SQLite
 * (synchronous = FULL) on a temporary file by default; `--db postgres://...` names an EMPTY
 * PostgreSQL database to use instead (the writers then share the pool, as a server's requests do).
 * `--verify-rows N` first adds N rows in one transaction, to time the verifier on a larger log.
 *
 *   npx tsx tests/bench/audit-append.ts [--seconds 5] [--writers 8] [--db URL] [--keeper] [--verify-rows 100000]
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { openDatabase } from "../../db/connection";
import { migrateToLatest } from "../../db/migrate";
import { startAuditCheckpoints } from "../../app/audit-checkpoint.server";
import { appendAudit, verifyAudit } from "../../app/audit.server";

const { values } = parseArgs({
  options: {
    seconds: { type: "string", default: "5" },
    keeper: { type: "boolean", default: false },
    "verify-rows": { type: "string", default: "0" },
    writers: { type: "string", default: "1" },
    db: { type: "string" },
  },
});
const seconds = Number(values.seconds);
const writers = Math.max(1, Number(values.writers));
const KEY = "b".repeat(40);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "audit-bench-"));
const h = await openDatabase(values.db ?? `file:${path.join(dir, "portal.db")}`, { poolSize: writers });
await migrateToLatest(h.db);
const entry = (i: number) => ({
  actorKind: "operatore" as const,
  operatorId: 1,
  enteId: 1,
  role: "anagrafe",
  subjectCitizenId: i,
  action: "dossier.view" as const,
  section: "anagrafe",
  reasonCategory: "sportello",
  reasonText: "misura",
});
const bulk = Number(values["verify-rows"]);
if (bulk > 0)
  await h.db.transaction().execute(async (trx) => {
    for (let i = 0; i < bulk; i++) await appendAudit(trx, KEY, entry(i));
  });
const quiet = { info: () => {}, error: (obj: object, msg: string) => console.error(msg, obj) };
const stop = values.keeper
  ? await startAuditCheckpoints({ db: h.db, config: { auditHmacKey: KEY, dataDir: dir }, logger: quiet })
  : null;

let n = 0;
const start = performance.now();
const until = start + seconds * 1000;
await Promise.all(
  Array.from({ length: writers }, async () => {
    while (performance.now() < until) {
      const i = n++;
      await appendAudit(h.db, KEY, entry(i));
    }
  }),
);
const elapsed = (performance.now() - start) / 1000;
if (stop) await stop();

const vStart = performance.now();
const v = await verifyAudit(h.db, KEY, values.keeper && !bulk ? dir : null);
const vElapsed = (performance.now() - vStart) / 1000;
await h.close();
fs.rmSync(dir, { recursive: true, force: true });

console.log(
  `${h.kind}, ${writers} writer(s): appends: ${n} in ${elapsed.toFixed(1)} s = ${Math.round(n / elapsed)}/s ` +
    `(keeper ${values.keeper ? "on" : "off"}); ` +
    `verify: ${v.rows} rows in ${vElapsed.toFixed(2)} s = ${Math.round(v.rows / vElapsed)}/s, ok=${v.ok}`,
);

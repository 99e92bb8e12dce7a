/**
 * Database commands: `migrate`, `reset` (drop, migrate, seed), `seed`, `audit-verify`.
 * Options: --db <path|url> (default: DATABASE_URL or data/portal.db), --citizens N, --today
 * YYYY-MM-DD, --seed N, --quiet; `audit-verify --init` writes the first checkpoint of a log.
 */
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { openDatabase, parseDatabaseUrl } from "./connection";
import { migrateToLatest } from "./migrate";
import { seed } from "./seed/index";

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    db: { type: "string" },
    citizens: { type: "string" },
    today: { type: "string" },
    seed: { type: "string" },
    quiet: { type: "boolean", default: false },
    init: { type: "boolean", default: false },
  },
});

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

const command = positionals[0];
const dataDir = path.resolve(process.env.DATA_DIR ?? "data");
const url = values.db ?? process.env.DATABASE_URL ?? `file:${path.join(dataDir, "portal.db")}`;
const citizens = values.citizens === undefined ? undefined : Number(values.citizens);
if (citizens !== undefined && (!Number.isInteger(citizens) || citizens < 10))
  fail("--citizens vuole un numero intero di almeno 10");
if (values.today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.today))
  fail("--today vuole una data AAAA-MM-GG");
const seedValue = values.seed === undefined ? undefined : Number(values.seed);
if (seedValue !== undefined && !Number.isInteger(seedValue)) fail("--seed vuole un numero intero");

/**
 * The folder holding the audit key and checkpoint of the database in use: DATA_DIR if set, else,
 * with --db naming a file, that file's folder.
 */
function auditDir(): string {
  const fileDb = values.db && !values.db.startsWith("postgres") ? values.db.replace(/^file:/, "") : null;
  return process.env.DATA_DIR || !fileDb ? dataDir : path.dirname(path.resolve(fileDb));
}

async function dropSqlite(file: string) {
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
}

async function main() {
  switch (command) {
    case "migrate": {
      const h = await openDatabase(url);
      const applied = await migrateToLatest(h.db);
      console.log(
        applied.length ? `Migrazioni applicate: ${applied.join(", ")}` : "Database già aggiornato.",
      );
      await h.close();
      return;
    }
    case "reset":
    case "seed": {
      const { kind, location } = parseDatabaseUrl(url);
      if (command === "reset") {
        if (kind === "sqlite") await dropSqlite(location);
        else {
          const h = await openDatabase(url);
          const { sql } = await import("kysely");
          await sql`drop schema public cascade`.execute(h.db);
          await sql`create schema public`.execute(h.db);
          await h.close();
        }
        // The dropped log's checkpoint would make the new, empty log look truncated.
        const { checkpointPath } = await import("../app/audit.server");
        fs.rmSync(checkpointPath(auditDir()), { force: true });
      }
      const h = await openDatabase(url, { bulk: kind === "sqlite" });
      const summary = await seed(h, {
        citizens,
        today: values.today,
        seed: seedValue,
        connectionString: kind === "postgres" ? url : undefined,
        progress: !values.quiet && process.stderr.isTTY,
        report: !values.quiet,
      });
      await h.close();
      if (!values.quiet) console.log(`Fatto: ${summary.citizens} residenti.`);
      return;
    }
    case "audit-verify": {
      const { verifyAuditCli } = await import("../app/audit-verify.server");
      const h = await openDatabase(url, { readonly: false });
      const ok = await verifyAuditCli(h, auditDir(), { init: values.init });
      await h.close();
      process.exitCode = ok ? 0 : 1;
      return;
    }
    default:
      fail(
        "Uso: tsx db/cli.ts migrate|reset|seed|audit-verify [--db percorso] [--citizens N] [--today AAAA-MM-GG] [--init]",
      );
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});

/**
 * The query plan of every query a Scrivania request runs, on a seeded database: the session
 * lookup, the layout's header and the page's data, captured through kysely's log and explained by
 * the database itself (EXPLAIN QUERY PLAN on SQLite, EXPLAIN on PostgreSQL). A full scan of a
 * table is marked, and the run exits with 1 if any query scans one of the large tables.
 *
 *   npx tsx tests/bench/explain-scrivania.ts --db /tmp/bench.db [--citizen 12345]
 *   npx tsx tests/bench/explain-scrivania.ts --db postgres://postgres@127.0.0.1:5432/bench
 */
import { parseArgs } from "node:util";
import type { CompiledQuery, LogEvent } from "kysely";
import { getCitizenHeader } from "../../app/dossier/registry.server";
import { loadScrivania } from "../../app/dossier/dashboard.server";
import { openDatabase } from "../../db/connection";

/** Tables that grow with the residents: a scan of any of them is a defect. */
const LARGE = [
  "citizens",
  "payment_options",
  "debt_positions",
  "transfers",
  "receipts",
  "messages",
  "pratiche",
  "pratica_events",
  "certificates",
  "identity_documents",
  "f24_payments",
  "appointments",
  "sessions",
  "household_members",
];

async function main() {
  const { values } = parseArgs({
    options: { db: { type: "string" }, citizen: { type: "string" }, today: { type: "string" } },
  });
  if (!values.db) throw new Error("--db <file or postgres URL> is required");
  const captured: CompiledQuery[] = [];
  let recording = true;
  const handle = await openDatabase(values.db, {
    log: (event: LogEvent) => {
      if (recording && event.level === "query") captured.push(event.query);
    },
  });
  const db = handle.db;

  const citizenId = values.citizen
    ? Number(values.citizen)
    : (
        await db
          .selectFrom("debt_positions")
          .select("debtor_citizen_id as citizen_id")
          .where("debtor_citizen_id", "is not", null)
          .orderBy("id", "desc")
          .limit(1)
          .executeTakeFirstOrThrow()
      ).citizen_id!;
  const today = values.today ?? new Date().toISOString().slice(0, 10);
  captured.length = 0;

  await db.selectFrom("sessions").selectAll().where("id", "=", "0".repeat(64)).executeTakeFirst();
  await getCitizenHeader(db, citizenId);
  await loadScrivania(db, citizenId, today, `${today}T12:00:00.000Z`, new Date());

  const queries = captured.splice(0);
  recording = false;
  let scans = 0;
  console.log(`${queries.length} queries for the Scrivania of citizen ${citizenId} (${handle.kind}).\n`);
  for (const [i, q] of queries.entries()) {
    const prefix = handle.kind === "sqlite" ? "explain query plan " : "explain ";
    const rows = (await db.executeQuery<Record<string, string>>({ ...q, sql: prefix + q.sql })).rows;
    const plan = rows.map((r) => (handle.kind === "sqlite" ? r.detail! : r["QUERY PLAN"]!));
    const bad = plan.filter((line) =>
      LARGE.some((t) =>
        new RegExp(`^(SCAN|Seq Scan on) ${t}\\b(?! USING)`).test(line.trim().replace(/^->\s*/, "")),
      ),
    );
    scans += bad.length;
    console.log(`#${i + 1} ${q.sql.replace(/\s+/g, " ").slice(0, 160)}${q.sql.length > 160 ? "…" : ""}`);
    for (const line of plan) console.log(`    ${bad.includes(line) ? "!! " : ""}${line}`);
  }
  console.log(scans ? `\n${scans} full scan(s) of large tables.` : "\nNo full scan of a large table.");
  await handle.close();
  process.exitCode = scans ? 1 : 0;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

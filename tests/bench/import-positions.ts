/**
 * Times a tax campaign's import end to end against a running server (docs/importazione-posizioni.md):
 * the Torino payments office uploads a file of N positions through the page, the progress page is
 * followed until the import ends; then the database is checked: N positions created by the import,
 * one message per debtor who is a citizen (some of them with two positions in the file).
 *
 *   npx tsx tests/bench/import-positions.ts <server URL> <DATABASE_URL> [N=100000]
 *
 * The server must run in demo mode (DEMO=true) with DEMO_TODAY before 2026-12-16, on the database
 * given, seeded with `npm run db:reset`.
 */
import { sql } from "kysely";
import { openDatabase } from "../../db/connection";
import type { DatabaseWithImports } from "../../db/schema";
import { OPERATOR_PERSONAS } from "../../db/seed/personas";
import { computeCodiceFiscale } from "../../app/rules/codice-fiscale";
import { loginAs } from "../support/saml-client";
import type { Kysely } from "kysely";

const [url, databaseUrl, count] = process.argv.slice(2);
if (!url || !databaseUrl) throw new Error("uso: import-positions.ts <URL del server> <DATABASE_URL> [N]");
const n = Number(count ?? 100_000);

const handle = await openDatabase(databaseUrl);
const db = handle.db as unknown as Kysely<DatabaseWithImports>;
// Half the rows for citizens of the seed (one in ten of them with a second position), half for strangers.
const citizens = (
  await db
    .selectFrom("citizens")
    .select("codice_fiscale")
    .orderBy("id")
    .limit(Math.ceil(n / 2.2))
    .execute()
).map((c) => c.codice_fiscale);
const campaign = `B${Date.now().toString(36).toUpperCase()}`;
const debtors: string[] = [];
for (let i = 0; i < citizens.length && debtors.length < n / 2; i++) {
  debtors.push(citizens[i]!);
  if (i % 10 === 0) debtors.push(citizens[i]!);
}
for (let i = 0; debtors.length < n; i++)
  debtors.push(
    computeCodiceFiscale({
      surname: "Prova",
      name: "Campagna",
      birthDate: `${1930 + (i % 70)}-${String(1 + (Math.floor(i / 70) % 12)).padStart(2, "0")}-${String(1 + (Math.floor(i / 840) % 28)).padStart(2, "0")}`,
      sex: i % 2 ? "F" : "M",
      belfiore: ["L219", "F335", "C860", "H355", "F889", "I703"][Math.floor(i / 23_520) % 6]!,
    }),
  );
const lines = [
  "idPosizioneEnte;codiceFiscale;nominativo;servizio;causale;importo1;scadenza1;importo2;scadenza2",
];
debtors.forEach((cf, i) =>
  lines.push(
    `${campaign}-${String(i).padStart(7, "0")};${cf};Debitore ${i};TARI;TARI 2026 - campagna di prova;${(80 + (i % 300)).toFixed(2).replace(".", ",")};16/12/2026;50,00;31/01/2027`,
  ),
);
const content = `${lines.join("\r\n")}\r\n`;
const debtorSet = new Set(debtors);
const expectedMessages = new Set(citizens.filter((c) => debtorSet.has(c))).size;
console.log(
  `file: ${n} rows, ${(content.length / 1024 / 1024).toFixed(1)} MB, ${expectedMessages} citizens among the debtors`,
);

const { cookie } = await loginAs(url, { codiceFiscale: OPERATOR_PERSONAS.torinoPagamenti.codiceFiscale });
const html = await (await fetch(`${url}/operatore/posizioni/importa`, { headers: { cookie } })).text();
const token = /name="csrf" value="([^"]+)"/.exec(html)![1]!;
const body = new FormData();
body.set("csrf", token);
body.set("file", new Blob([content], { type: "text/csv" }), `${campaign}.csv`);

const t0 = Date.now();
const res = await fetch(`${url}/operatore/posizioni/importa`, {
  method: "POST",
  headers: { cookie },
  body,
  redirect: "manual",
});
const location = res.headers.get("location");
if (res.status !== 303 || !location)
  throw new Error(`upload refused: ${res.status} ${(await res.text()).slice(0, 500)}`);
const checked = Date.now() - t0;
console.log(`upload and check of every row: ${checked} ms`);
let last = "";
for (;;) {
  const page = (await (await fetch(url + location, { headers: { cookie } })).text()).replace(/<!-- -->/g, "");
  const state = /Stato: ([^<]*)/.exec(page)?.[1] ?? "?";
  const progress = /Righe elaborate: ([^<]*)/.exec(page)?.[1] ?? "?";
  if (progress !== last) console.log(`${Date.now() - t0} ms: ${state}, ${progress.replace(/&nbsp;/g, " ")}`);
  last = progress;
  if (/Completata|Non riuscita/.test(state)) break;
  await new Promise((r) => setTimeout(r, 1000));
}
const total = Date.now() - t0;

const id = Number(location.split("/").pop());
const imp = await db
  .selectFrom("position_imports")
  .selectAll()
  .where("id", "=", id)
  .executeTakeFirstOrThrow();
const created = await db
  .selectFrom("debt_positions")
  .select((eb) => eb.fn.countAll<number>().as("n"))
  .where("import_id", "=", id)
  .executeTakeFirstOrThrow();
const perCitizen = await sql<{ n: number | string }>`
  select count(*) as n from (
    select m.citizen_id from messages m
      join payment_options o on o.id = m.payment_option_id
      join debt_positions p on p.id = o.position_id
     where p.import_id = ${id}
     group by m.citizen_id having count(*) > 1) twice`.execute(db);
console.log(
  JSON.stringify({
    state: imp.state,
    error: imp.error,
    rows: n,
    created: Number(created.n),
    messages: Number(imp.messages_count),
    expectedMessages,
    citizensWithMoreThanOneMessage: Number(perCitizen.rows[0]!.n),
    checkMs: checked,
    totalMs: total,
  }),
);
await handle.close();

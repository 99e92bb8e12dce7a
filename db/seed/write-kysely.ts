/**
 * Writer through kysely for PostgreSQL (or any dialect): batched multi-row inserts of the same
 * generated rows, one transaction per batch. Ids are given explicitly, so identity sequences are
 * moved past them at the end.
 */
import { sql } from "kysely";
import type { Db } from "../schema";
import { TABLE_ORDER, type Rows } from "./builder";

/** PostgreSQL allows 65,535 bound parameters per statement. */
const MAX_PARAMETERS = 60_000;

export async function writeRowsKysely(
  db: Db,
  rows: Rows,
  counts: Record<string, number>,
): Promise<number> {
  let written = 0;
  await db.transaction().execute(async (trx) => {
    for (const table of TABLE_ORDER) {
      const list = rows[table] as Record<string, unknown>[] | undefined;
      if (!list || list.length === 0) continue;
      const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / Object.keys(list[0]!).length));
      for (let i = 0; i < list.length; i += perStatement) {
        // The table name is dynamic here; the rows were typed against the schema when generated.
        await trx
          .insertInto(table)
          .values(list.slice(i, i + perStatement) as never)
          .execute();
      }
      counts[table] = (counts[table] ?? 0) + list.length;
      written += list.length;
    }
  });
  return written;
}

/** PostgreSQL: next generated id after the largest one the seeder wrote. */
export async function resetIdentitySequences(db: Db): Promise<void> {
  for (const table of TABLE_ORDER) {
    if (table === "operator_roles") continue;
    await sql`select setval(pg_get_serial_sequence(${table}, 'id'), coalesce((select max(id) from ${sql.table(table)}), 0) + 1, false)`.execute(
      db,
    );
  }
}

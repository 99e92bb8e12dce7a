import { sql, type Kysely } from "kysely";
import { isPostgres } from "../dialect";

/**
 * Amounts in cents are 8-byte integers: the input rules allow up to €999,999,999.99, beyond a
 * 4-byte `integer` (€21,474,836.47). New databases create them as `bigint` (001); this converts
 * the columns of a PostgreSQL database made before that. SQLite integers are 8 bytes already, so
 * there it does nothing.
 */
export async function up(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  const { rows } = await sql<{ table_name: string; column_name: string }>`
    select table_name, column_name from information_schema.columns
    where table_schema = current_schema() and data_type = 'integer' and column_name like '%\\_cents'
    order by table_name, column_name`.execute(db);
  const byTable = new Map<string, string[]>();
  for (const r of rows) byTable.set(r.table_name, [...(byTable.get(r.table_name) ?? []), r.column_name]);
  for (const [table, columns] of byTable) {
    const changes = columns.map((c) => sql`alter column ${sql.id(c)} type bigint`);
    await sql`alter table ${sql.id(table)} ${sql.join(changes)}`.execute(db);
  }
}

/** Narrowing back could fail on amounts that need the 8 bytes: the columns stay `bigint`. */
export async function down(): Promise<void> {}

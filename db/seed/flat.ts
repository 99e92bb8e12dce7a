/**
 * Rows of one table as column names plus one flat array of values, row after row: cheap to hand
 * to another thread (no object per row to clone) and to bind to multi-row INSERTs.
 */
import { TABLE_ORDER, type Rows, type SeedTable } from "./builder";

export interface FlatTable {
  table: SeedTable;
  columns: string[];
  count: number;
  values: unknown[];
}

export function flatten(rows: Rows): FlatTable[] {
  const out: FlatTable[] = [];
  for (const table of TABLE_ORDER) {
    const list = rows[table] as Record<string, unknown>[] | undefined;
    if (!list || list.length === 0) continue;
    // Every row of a table is built by one object literal, so the first row's keys fit them all.
    const columns = Object.keys(list[0]!);
    const n = columns.length;
    const values = new Array<unknown>(list.length * n);
    let k = 0;
    for (const row of list) for (let i = 0; i < n; i++) values[k++] = row[columns[i]!];
    out.push({ table, columns, count: list.length, values });
  }
  return out;
}

/**
 * Bulk writer for SQLite: raw better-sqlite3 prepared statements with positional parameters,
 * several rows per INSERT (fewer calls into the driver), many INSERTs per transaction. The
 * caller decides when to commit.
 */
import type SQLite from "better-sqlite3";
import type { FlatTable } from "./flat";

/** Rows per multi-row INSERT; the statement's parameters stay well below SQLite's limit. */
const ROWS_PER_STATEMENT = 64;

interface Insert {
  one: SQLite.Statement;
  many: SQLite.Statement;
  buffer: unknown[];
}

export class SqliteWriter {
  readonly counts: Record<string, number> = {};
  private readonly inserts = new Map<string, Insert>();
  private open = false;

  constructor(private readonly conn: SQLite.Database) {}

  begin(): void {
    this.conn.exec("BEGIN");
    this.open = true;
  }

  commit(): void {
    if (!this.open) return;
    this.conn.exec("COMMIT");
    this.open = false;
  }

  rollback(): void {
    if (this.open && this.conn.inTransaction) this.conn.exec("ROLLBACK");
    this.open = false;
  }

  /** Writes tables in the order given (parents first); returns the number of rows. */
  write(tables: FlatTable[]): number {
    let written = 0;
    for (const t of tables) {
      const { one, many, buffer } = this.insertFor(t.table, t.columns);
      const n = t.columns.length;
      const chunk = n * ROWS_PER_STATEMENT;
      const values = t.values;
      let r = 0;
      for (; r + ROWS_PER_STATEMENT <= t.count; r += ROWS_PER_STATEMENT) {
        const base = r * n;
        for (let k = 0; k < chunk; k++) buffer[k] = values[base + k];
        many.run(buffer);
      }
      for (; r < t.count; r++) one.run(values.slice(r * n, r * n + n));
      this.counts[t.table] = (this.counts[t.table] ?? 0) + t.count;
      written += t.count;
    }
    return written;
  }

  private insertFor(table: string, columns: string[]): Insert {
    const key = `${table}(${columns.join(",")})`;
    let insert = this.inserts.get(key);
    if (!insert) {
      const head = `insert into "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) values `;
      const tuple = `(${columns.map(() => "?").join(", ")})`;
      insert = {
        one: this.conn.prepare(head + tuple),
        many: this.conn.prepare(head + new Array(ROWS_PER_STATEMENT).fill(tuple).join(", ")),
        buffer: new Array<unknown>(columns.length * ROWS_PER_STATEMENT),
      };
      this.inserts.set(key, insert);
    }
    return insert;
  }
}

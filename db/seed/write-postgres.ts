/**
 * Bulk writer for PostgreSQL: COPY FROM STDIN on a connection of its own, the whole seed in one
 * transaction, from the first row to the indexes and the `meta` row. Foreign keys that touch the
 * seeded tables are dropped at the start and added back, with the same names and definitions,
 * before the commit: PostgreSQL then checks each one in a single join instead of a lookup per
 * row. The tables are emptied in the same transaction, which lets COPY write rows already frozen
 * (no hint-bit rewrite or anti-wraparound vacuum later). Any failure rolls back to the empty,
 * constrained tables.
 */
import { Kysely, PostgresDialect, type PostgresPool, type PostgresPoolClient } from "kysely";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import type { Database, Db } from "../schema";
import { TABLE_ORDER } from "./builder";
import type { CopyTable } from "./copy-text";

interface ForeignKey {
  /** As `regclass` prints it: quoted and qualified where needed. */
  table: string;
  name: string;
  definition: string;
}

function ident(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

export class PostgresWriter {
  readonly counts: Record<string, number> = {};
  private foreignKeys: ForeignKey[] = [];
  private open = false;

  private constructor(private readonly client: pg.Client) {}

  static async connect(connectionString: string): Promise<PostgresWriter> {
    const client = new pg.Client({ connectionString });
    // A lost connection also fails the statement in progress, which reports it; without a
    // listener the event would end the process first.
    client.on("error", () => {});
    await client.connect();
    // Loading only: a crash loses the commit at most, and the seed starts over anyway. The
    // memory settings serve the foreign-key checks and the index builds at the end.
    await client.query("set synchronous_commit = off");
    await client.query("set work_mem = '256MB'");
    await client.query("set maintenance_work_mem = '512MB'");
    return new PostgresWriter(client);
  }

  async begin(): Promise<void> {
    await this.client.query("begin");
    this.open = true;
    const tables: string[] = [...TABLE_ORDER];
    const fks = await this.client.query<ForeignKey>(
      `select c.conrelid::regclass::text as "table", c.conname as name, pg_get_constraintdef(c.oid) as definition
         from pg_constraint c
        where c.contype = 'f'
          and (c.conrelid = any($1::text[]::regclass[]) or c.confrelid = any($1::text[]::regclass[]))
        order by c.conrelid::regclass::text, c.conname`,
      [tables],
    );
    this.foreignKeys = fks.rows;
    for (const fk of this.foreignKeys) {
      await this.client.query(`alter table ${fk.table} drop constraint ${ident(fk.name)}`);
    }
    const filled = await this.client.query<{ t: string }>(
      tables.map((t) => `select '${t}' as t where exists (select 1 from ${ident(t)})`).join(" union all "),
    );
    if (filled.rows.length) {
      throw new Error(
        `Il database contiene già dati dimostrativi (${filled.rows.map((r) => r.t).join(", ")}): ` +
          "per ricaricarli usa il comando reset.",
      );
    }
    // Empty already: truncating is what allows COPY ... FREEZE in this transaction.
    await this.client.query(`truncate ${tables.map(ident).join(", ")}`);
  }

  /** Writes tables in the order given (parents first); returns the number of rows. */
  async write(tables: CopyTable[]): Promise<number> {
    let written = 0;
    for (const t of tables) {
      if (t.count === 0) continue;
      const text = `copy ${ident(t.table)} (${t.columns.map(ident).join(", ")}) from stdin with (freeze)`;
      const stream = this.client.query(copyFrom(text));
      await new Promise<void>((resolve, reject) => {
        stream.on("finish", resolve);
        stream.on("error", reject);
        stream.end(t.data);
      });
      // A row count that differs means a value broke the text format (an unescaped separator).
      if (stream.rowCount !== t.count) {
        throw new Error(`COPY in ${t.table}: ${stream.rowCount} righe scritte invece di ${t.count}.`);
      }
      this.counts[t.table] = (this.counts[t.table] ?? 0) + t.count;
      written += t.count;
    }
    return written;
  }

  /** Adds the foreign keys back, each checked against the loaded rows in one pass. */
  async restoreForeignKeys(): Promise<void> {
    for (const fk of this.foreignKeys) {
      await this.client.query(`alter table ${fk.table} add constraint ${ident(fk.name)} ${fk.definition}`);
    }
  }

  /**
   * A kysely handle over this connection, inside the open transaction: what runs through it
   * (sequences, indexes, statistics, `meta`) commits or rolls back with the rows. It must not
   * begin or commit transactions of its own.
   */
  kysely(): Db {
    const client = this.client;
    const connection = {
      query: client.query.bind(client),
      release: () => {},
    } as unknown as PostgresPoolClient;
    const pool: PostgresPool = { connect: async () => connection, end: async () => {} };
    return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  }

  async commit(): Promise<void> {
    await this.client.query("commit");
    this.open = false;
  }

  async rollback(): Promise<void> {
    if (!this.open) return;
    this.open = false;
    await this.client.query("rollback").catch(() => {});
  }

  async close(): Promise<void> {
    await this.client.end().catch(() => {});
  }
}

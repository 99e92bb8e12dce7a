import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import {
  CompiledQuery,
  Kysely,
  PostgresDialect,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type Driver,
  type LogEvent,
  type SqliteDatabase,
} from "kysely";
import type { Database, Db } from "./schema";

export type DbKind = "sqlite" | "postgres";

export interface DbHandle {
  db: Db;
  kind: DbKind;
  /** For SQLite: the file path; for PostgreSQL: the URL without password. */
  location: string;
  /** The raw better-sqlite3 connection, SQLite only (bulk seeding, checkpoints). */
  sqlite?: SQLite.Database;
  close(): Promise<void>;
}

/** `postgres://...` or `postgresql://...` selects PostgreSQL; anything else is a SQLite file path (`file:` prefix optional). */
export function parseDatabaseUrl(url: string): { kind: DbKind; location: string } {
  if (/^postgres(ql)?:\/\//.test(url)) return { kind: "postgres", location: url };
  return { kind: "sqlite", location: url.replace(/^file:/, "") };
}

export interface OpenOptions {
  /** Bulk loading: no fsync, bigger cache. Only for the seeder. */
  bulk?: boolean;
  readonly?: boolean;
  /** PostgreSQL: connections in the pool (default 10). */
  poolSize?: number;
  /** PostgreSQL: statements running longer are cancelled (milliseconds; default and 0: no limit). */
  statementTimeoutMs?: number;
  /** Called with every query kysely runs (diagnostics, e.g. tests/bench/explain-scrivania.ts). */
  log?: (event: LogEvent) => void;
}

export function openSqlite(file: string, opts: OpenOptions = {}): SQLite.Database {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const conn = new SQLite(file, { readonly: opts.readonly ?? false });
  conn.pragma("busy_timeout = 5000");
  if (!opts.readonly) conn.pragma("journal_mode = WAL");
  conn.pragma(opts.bulk ? "synchronous = OFF" : "synchronous = FULL");
  conn.pragma("foreign_keys = ON");
  if (opts.bulk) {
    conn.pragma("cache_size = -262144");
    conn.pragma("temp_store = MEMORY");
  }
  return conn;
}

/**
 * SQLite transactions start with BEGIN IMMEDIATE: a transaction that reads and then writes (the
 * audit chain, a payment) takes the write lock up front and waits its turn through busy_timeout,
 * instead of failing with SQLITE_BUSY when another process wrote in between.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("begin immediate"));
  }
}

/** Prepared statements kept per connection; the least recently used go beyond this many. */
export const STATEMENT_CACHE_SIZE = 500;

/**
 * The connection as kysely sees it, with each statement prepared once and reused for the same SQL
 * text (kysely prepares anew for every query, which on a page of twenty queries costs as much as
 * running them). A statement still being iterated (a streamed query) is never handed out twice:
 * that use gets a statement of its own.
 */
export function withStatementCache(conn: SQLite.Database, max = STATEMENT_CACHE_SIZE): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => conn.close(),
    prepare(sql: string) {
      const cached = cache.get(sql);
      if (cached) {
        if (cached.busy) return conn.prepare(sql);
        // Most recently used goes last.
        cache.delete(sql);
        cache.set(sql, cached);
        return cached;
      }
      const stmt = conn.prepare(sql);
      cache.set(sql, stmt);
      if (cache.size > max) cache.delete(cache.keys().next().value!);
      return stmt;
    },
  };
}

class ImmediateSqliteDialect extends SqliteDialect {
  private readonly database: SqliteDatabase;
  constructor(conn: SQLite.Database) {
    const database = withStatementCache(conn);
    super({ database });
    this.database = database;
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver({ database: this.database });
  }
}

export async function openDatabase(url: string, opts: OpenOptions = {}): Promise<DbHandle> {
  const { kind, location } = parseDatabaseUrl(url);
  if (kind === "sqlite") {
    const sqlite = openSqlite(location, opts);
    const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect(sqlite), log: opts.log });
    return {
      db,
      kind,
      location,
      sqlite,
      close: async () => {
        await db.destroy();
      },
    };
  }
  const pg = await import("pg");
  const Pool = pg.default.Pool;
  // COUNT and bigint come back as strings from pg; our integers fit in a JS number.
  pg.default.types.setTypeParser(20, (v: string) => Number(v));
  const pool = new Pool({
    connectionString: location,
    max: opts.poolSize ?? 10,
    ...(opts.statementTimeoutMs ? { statement_timeout: opts.statementTimeoutMs } : {}),
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log: opts.log });
  return {
    db,
    kind,
    location: location.replace(/:[^:@/]*@/, ":***@"),
    close: async () => {
      await db.destroy();
    },
  };
}

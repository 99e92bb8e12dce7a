import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";

/**
 * A test's own connection to a test server's database, the same calls on SQLite and on
 * PostgreSQL. SQL uses `?` placeholders (turned into `$1, $2, ...` for PostgreSQL) and should be
 * portable; integers (including `count(*)`, bigint on PostgreSQL) come back as numbers.
 */
export interface TestDb {
  readonly kind: "sqlite" | "postgres";
  get<T = Record<string, unknown>>(sql: string, ...params: unknown[]): Promise<T | undefined>;
  all<T = Record<string, unknown>>(sql: string, ...params: unknown[]): Promise<T[]>;
  /** A statement that changes rows; resolves to how many it changed. */
  run(sql: string, ...params: unknown[]): Promise<number>;
}

const DATABASE_URL_FILE = ".database-url";

/** Where the database of the server started on `dataDir` lives: a PostgreSQL URL or `file:<path>`. */
export function databaseUrlOf(dataDir: string): string {
  const marker = path.join(dataDir, DATABASE_URL_FILE);
  if (fs.existsSync(marker)) return fs.readFileSync(marker, "utf8").trim();
  return `file:${path.join(dataDir, "portal.db")}`;
}

/** Records that the servers started on `dataDir` use the PostgreSQL database at `url`. */
export function setDatabaseUrl(dataDir: string, url: string): void {
  fs.writeFileSync(path.join(dataDir, DATABASE_URL_FILE), url);
}

/** `?` to `$n`, outside quoted strings and identifiers. */
export function toPgPlaceholders(sqlText: string): string {
  let n = 0;
  let out = "";
  let quote: string | null = null;
  for (const ch of sqlText) {
    if (quote) {
      if (ch === quote) quote = null;
      out += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      out += ch;
    } else if (ch === "?") {
      out += `$${++n}`;
    } else {
      out += ch;
    }
  }
  return out;
}

const pgTypes = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    // int8 (count, bigint) and numeric: numbers, as the portal's own connection reads them.
    if (oid === 20 || oid === 1700) return (v: string) => Number(v);
    return pg.types.getTypeParser(oid, format);
  },
};

/**
 * Runs `fn` on a connection of its own to the database of the test server whose SQLite file
 * would be `dbFile` (its data directory says whether it runs on PostgreSQL), closed afterwards.
 */
export async function readDb<T>(dbFile: string, fn: (db: TestDb) => Promise<T> | T): Promise<T> {
  const url = databaseUrlOf(path.dirname(dbFile));
  if (/^postgres(ql)?:\/\//.test(url)) {
    const client = new pg.Client({ connectionString: url, types: pgTypes });
    await client.connect();
    const query = async (sqlText: string, params: unknown[]) => client.query(toPgPlaceholders(sqlText), params);
    try {
      return await fn({
        kind: "postgres",
        get: async <R>(s: string, ...p: unknown[]) => (await query(s, p)).rows[0] as R | undefined,
        all: async <R>(s: string, ...p: unknown[]) => (await query(s, p)).rows as R[],
        run: async (s: string, ...p: unknown[]) => (await query(s, p)).rowCount ?? 0,
      });
    } finally {
      await client.end();
    }
  }
  const db = new Database(url.replace(/^file:/, ""), { fileMustExist: true });
  db.pragma("busy_timeout = 5000");
  try {
    return await fn({
      kind: "sqlite",
      get: async <R>(s: string, ...p: unknown[]) => db.prepare(s).get(...p) as R | undefined,
      all: async <R>(s: string, ...p: unknown[]) => db.prepare(s).all(...p) as R[],
      run: async (s: string, ...p: unknown[]) => db.prepare(s).run(...p).changes,
    });
  } finally {
    db.close();
  }
}

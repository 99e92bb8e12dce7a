import Database from "better-sqlite3";

/** Runs `fn` on a read-only connection to a test server's SQLite file, closed afterwards. */
export function readDb<T>(dbFile: string, fn: (db: Database.Database) => T): T {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

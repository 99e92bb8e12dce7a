import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { inject } from "vitest";
import { PROJECT_ROOT, TEST_TODAY } from "./constants";
import { databaseUrlOf, setDatabaseUrl } from "./db";
import { createDatabase, uniqueName } from "./pg";

export interface TestServer {
  /** e.g. http://127.0.0.1:41234 (never named BASE_URL: vitest sets that variable). */
  url: string;
  dataDir: string;
  /** The SQLite file the server would use; on PostgreSQL runs, `readDb(dbFile, ...)` still finds its database. */
  dbFile: string;
  /** What `openDatabase` takes to reach the server's database: `file:<path>` or a PostgreSQL URL. */
  databaseUrl: string;
  process: ChildProcess;
  output: () => string;
  stop: () => Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * A fresh data directory with a fresh copy of the seeded template database: a copy of the SQLite
 * file inside it or, on PostgreSQL runs, a new database created from the run's template, which
 * every server started on this directory uses. It holds the run's demo IdP keys (global setup).
 */
export async function freshDataDir(): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "portal-test-"));
  fs.cpSync(inject("demoIdpKeys"), path.join(dir, "saml"), { recursive: true });
  const pgPrefix = inject("pgPrefix");
  if (pgPrefix) {
    setDatabaseUrl(dir, await createDatabase(uniqueName(pgPrefix), `${pgPrefix}_tpl`));
  } else {
    fs.copyFileSync(inject("templateDb"), path.join(dir, "portal.db"));
  }
  return dir;
}

/**
 * Starts the real built server (node build/server/server.js) in demo mode on a free port.
 * Pass the same dataDir to two servers to run two processes on one database.
 */
export async function startServer(opts: { dataDir?: string; env?: Record<string, string> } = {}): Promise<TestServer> {
  const dataDir = opts.dataDir ?? (await freshDataDir());
  const databaseUrl = databaseUrlOf(dataDir);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [path.join(PROJECT_ROOT, "build/server/server.js")], {
    cwd: PROJECT_ROOT,
    env: {
      PATH: process.env.PATH ?? "",
      // A clock set by libfaketime (README, section Tests) reaches the server too.
      ...Object.fromEntries(
        Object.entries(process.env).filter(([k]) => k === "LD_PRELOAD" || k.startsWith("FAKETIME")),
      ),
      NODE_ENV: "production",
      DEMO: "true",
      HOST: "127.0.0.1",
      PORT: String(port),
      PUBLIC_URL: url,
      DATA_DIR: dataDir,
      ...(databaseUrl.startsWith("file:") ? {} : { DATABASE_URL: databaseUrl }),
      DEMO_TODAY: TEST_TODAY,
      LOG_LEVEL: "warn",
      // Tests log in many times from one address; session.test.ts lowers it to see 429s.
      RATE_LIMIT_FACTOR: "20",
      // One process unless a test asks for workers (cluster.test.ts).
      WEB_CONCURRENCY: "1",
      ...opts.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${out}`);
    try {
      const res = await fetch(`${url}/status`);
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`server did not start within 60 s:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    dataDir,
    dbFile: path.join(dataDir, "portal.db"),
    databaseUrl,
    process: child,
    output: () => out,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
        setTimeout(() => child.kill("SIGKILL"), 5000).unref();
      }),
  };
}

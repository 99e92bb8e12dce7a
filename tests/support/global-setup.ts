import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { PROJECT_ROOT, TEST_CITIZENS, TEST_TODAY } from "./constants";
import { createDatabase, dropDatabases, pgUnavailable, PG_ADMIN_URL } from "./pg";

/**
 * Seeds one template database per run (through the real CLI); every test server starts from a
 * copy of it: a copy of the SQLite file in its own data directory or, with TEST_DB=postgres, a
 * PostgreSQL database created from the template. The run's PostgreSQL databases are all named
 * `portal_t_<run>_...` and dropped at the end. The server build must exist (npm test builds first).
 */
export default async function setup(project: TestProject) {
  const serverJs = path.join(PROJECT_ROOT, "build/server/server.js");
  if (!fs.existsSync(serverJs)) {
    throw new Error("build/server/server.js missing: run `npm run build` before integration tests");
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "portal-template-"));
  const dbFile = path.join(dir, "portal.db");
  let target = dbFile;
  let prefix = "";
  // The PostgreSQL projects set TEST_DB=postgres in their `env` (vitest.config.ts).
  if (project.config.env?.TEST_DB === "postgres") {
    const why = await pgUnavailable();
    if (why) throw new Error(`PostgreSQL non risponde a ${PG_ADMIN_URL}: ${why}`);
    prefix = `portal_t_${Date.now().toString(36)}_${process.pid}`;
    target = await createDatabase(`${prefix}_tpl`);
  }
  execFileSync(
    process.execPath,
    [
      path.join(PROJECT_ROOT, "node_modules/tsx/dist/cli.mjs"),
      "db/cli.ts",
      "seed",
      "--db",
      target,
      "--today",
      TEST_TODAY,
      "--citizens",
      String(TEST_CITIZENS),
      "--quiet",
    ],
    { cwd: PROJECT_ROOT, stdio: ["ignore", "ignore", "inherit"] },
  );
  project.provide("templateDb", dbFile);
  project.provide("pgPrefix", prefix);
  return async () => {
    if (prefix) await dropDatabases(prefix);
    fs.rmSync(dir, { recursive: true, force: true });
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    /** The seeded SQLite template (SQLite runs). */
    templateDb: string;
    /** PostgreSQL runs: the prefix of this run's databases; the template is `<prefix>_tpl`. Empty on SQLite. */
    pgPrefix: string;
  }
}

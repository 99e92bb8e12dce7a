import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { ensureDemoIdpKeys } from "../../saml/demo-idp/keys";
import { CIE_PROFILE, SPID_PROFILE } from "../../saml/demo-idp/profile";
import { PROJECT_ROOT, TEST_CITIZENS, TEST_TODAY } from "./constants";
import { createDatabase, dropDatabases, pgUnavailable, PG_ADMIN_URL } from "./pg";

/**
 * Seeds one template database per run (through the real CLI); every test server starts from a
 * copy of it: a copy of the SQLite file in its own data directory or, with TEST_DB=postgres, a
 * PostgreSQL database created from the template. The run's PostgreSQL databases are all named
 * `portal_t_<run>_...` and dropped at the end. The server build must exist (npm test builds first).
 *
 * The demo identity providers' key pairs are made here once and copied into every fresh data
 * directory, so that a test server does not generate two RSA keys at each start. The SP's own
 * certificate names the server's address: each server still makes its own.
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
  for (const profile of [SPID_PROFILE, CIE_PROFILE]) await ensureDemoIdpKeys(dir, profile);
  project.provide("templateDb", dbFile);
  project.provide("demoIdpKeys", path.join(dir, "saml"));
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
    /** The demo identity providers' key files, for DATA_DIR/saml of a fresh data directory. */
    demoIdpKeys: string;
  }
}

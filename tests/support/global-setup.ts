import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { PROJECT_ROOT, TEST_CITIZENS, TEST_TODAY } from "./constants";

/**
 * Seeds one template database per run (through the real CLI); every test server starts from a
 * copy of it in its own data directory. The server build must exist (npm test builds first).
 */
export default function setup(project: TestProject) {
  const serverJs = path.join(PROJECT_ROOT, "build/server/server.js");
  if (!fs.existsSync(serverJs)) {
    throw new Error("build/server/server.js missing: run `npm run build` before integration tests");
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "portal-template-"));
  const dbFile = path.join(dir, "portal.db");
  execFileSync(
    process.execPath,
    [
      path.join(PROJECT_ROOT, "node_modules/tsx/dist/cli.mjs"),
      "db/cli.ts",
      "seed",
      "--db",
      dbFile,
      "--today",
      TEST_TODAY,
      "--citizens",
      String(TEST_CITIZENS),
      "--quiet",
    ],
    { cwd: PROJECT_ROOT, stdio: ["ignore", "ignore", "inherit"] },
  );
  project.provide("templateDb", dbFile);
  return () => fs.rmSync(dir, { recursive: true, force: true });
}

declare module "vitest" {
  export interface ProvidedContext {
    templateDb: string;
  }
}

// Every unit test that opens a database through tests/support/test-database.ts (directly or
// through a fixture such as tests/support/payments-db.ts) must be listed in DATABASE_UNIT_TESTS, or it
// would silently run on SQLite only.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DATABASE_UNIT_TESTS } from "../vitest.config";

const ROOT = path.resolve(__dirname, "..");
const TEST_DATABASE = path.join(ROOT, "tests/support/test-database.ts");
const ROOTS = ["app", "db", "saml"];
const TEST_FILE = /\.test\.tsx?$/;
const IMPORT =
  /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;

function walk(dir: string, out: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== "node_modules") walk(full, out);
    } else if (TEST_FILE.test(entry.name)) {
      out.push(full);
    }
  }
  return out;
}

function resolveImport(from: string, specifier: string): string | null {
  let base: string;
  if (specifier.startsWith(".")) base = path.resolve(path.dirname(from), specifier);
  else if (specifier.startsWith("~/")) base = path.join(ROOT, "app", specifier.slice(2));
  else return null;
  for (const candidate of [
    base,
    `${base}.ts`,
    `${base}.tsx`,
    path.join(base, "index.ts"),
    path.join(base, "index.tsx"),
  ]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return null;
}

const importsOf = new Map<string, string[]>();

function imports(file: string): string[] {
  let list = importsOf.get(file);
  if (!list) {
    list = [...fs.readFileSync(file, "utf8").matchAll(IMPORT)]
      .map((m) => resolveImport(file, m[1] ?? m[2]))
      .filter((f): f is string => f !== null);
    importsOf.set(file, list);
  }
  return list;
}

/** Whether `file` imports test-database.ts, directly or through the project's own modules. */
function importsTestDatabase(file: string): boolean {
  const seen = new Set([file]);
  const queue = [file];
  for (let next = queue.pop(); next !== undefined; next = queue.pop()) {
    for (const target of imports(next)) {
      if (target === TEST_DATABASE) return true;
      if (!seen.has(target)) {
        seen.add(target);
        queue.push(target);
      }
    }
  }
  return false;
}

const relative = (file: string) => path.relative(ROOT, file).split(path.sep).join("/");

describe("DATABASE_UNIT_TESTS", () => {
  const testFiles = ROOTS.flatMap((dir) => walk(path.join(ROOT, dir)));
  const usingDatabase = testFiles
    .filter((file) => importsTestDatabase(file))
    .map(relative)
    .sort();

  it("finds the unit tests that open a database", () => {
    expect(usingDatabase).toContain("app/payments/checkout.server.test.ts");
  });

  it("lists every unit test that opens a database, so that it also runs on PostgreSQL", () => {
    const listed = new Set(DATABASE_UNIT_TESTS);
    expect(usingDatabase.filter((file) => !listed.has(file))).toEqual([]);
  });

  it("lists only existing test files that open a database", () => {
    const using = new Set(usingDatabase);
    expect(DATABASE_UNIT_TESTS.filter((file) => !using.has(file))).toEqual([]);
  });
});

import { fileURLToPath } from "node:url";
import { defineConfig, type TestProjectInlineConfiguration } from "vitest/config";

// Projects: pure unit tests beside the code, integration tests over HTTP against real server
// processes, and browser tests in Debian's Chromium; the unit tests that touch the database and
// the whole integration suite run a second time on PostgreSQL (unit-pg, integration-pg).
/**
 * Unit tests that open a database through tests/support/test-database.ts: they run on SQLite in
 * "unit" and again on PostgreSQL in "unit-pg" (a test checks that every such file is listed).
 */
export const DATABASE_UNIT_TESTS: string[] = [
  "app/api/v1.server.test.ts",
  "app/audit-checkpoint.server.test.ts",
  "app/audit.server.test.ts",
  "app/auth/guards.server.test.ts",
  "app/auth/session.server.test.ts",
  "app/dossier/dashboard.server.test.ts",
  "app/dossier/delegations.server.test.ts",
  "app/dossier/practices.server.test.ts",
  "app/jobs.server.test.ts",
  "app/mail/queue.server.test.ts",
  "app/open-data/datasets.server.test.ts",
  "app/operator/operator.server.test.ts",
  "app/pagination.server.test.ts",
  "app/payments/checkout.server.test.ts",
  "app/payments/creditor-jobs.server.test.ts",
  "app/payments/creditor-positions.server.test.ts",
  "app/payments/creditor-receipts.server.test.ts",
  "app/payments/notice-pdf.server.test.ts",
  "app/rate-limit-store.server.test.ts",
  "saml/demo-idp/demo-idp.test.ts",
  "saml/store.test.ts",
];

/**
 * Integration files that start several server processes and measure what they do together
 * (exactly-once jobs, concurrent payments, shared rate limits, the worker cluster): they run one
 * at a time, after the others, with the machine to themselves.
 */
export const SOLO_INTEGRATION_TESTS: string[] = [
  "tests/integration/cluster.test.ts",
  "tests/integration/jobs-condivisi.test.ts",
  "tests/integration/pagamenti-concorrenza.test.ts",
  "tests/integration/rate-limit-condiviso.test.ts",
];

/** An integration project: the real built server over HTTP, on SQLite or (pg) on PostgreSQL. */
function integration(
  name: string,
  opts: { include?: string[]; exclude?: string[]; solo?: boolean; pg?: boolean },
): TestProjectInlineConfiguration {
  return {
    extends: true,
    test: {
      name,
      include: opts.include ?? ["tests/integration/**/*.test.ts"],
      exclude: opts.exclude ?? [],
      globalSetup: ["tests/support/global-setup.ts"],
      testTimeout: 60_000,
      hookTimeout: 120_000,
      // vitest runs groups one after the other, each with its own number of workers.
      sequence: { groupOrder: opts.solo ? 2 : 1 },
      maxWorkers: opts.solo ? 1 : 2,
      ...(opts.pg ? { env: { TEST_DB: "postgres" } } : {}),
    },
  };
}

export default defineConfig({
  // "~/…" is app/, as in tsconfig.json's paths and for the Remix compiler.
  resolve: { alias: { "~": fileURLToPath(new URL("./app", import.meta.url)) } },
  test: {
    // Test files share their worker's modules instead of loading them again for each file: the
    // unit tests take 32 s instead of 87 s. Nothing in the tests mocks modules, and what they set up
    // they set up per file (tests/support/fail-on-console-error.ts wraps the console's own
    // function, not the previous file's wrapper).
    isolate: false,
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["app/**/*.test.{ts,tsx}", "db/**/*.test.ts", "saml/**/*.test.ts"],
          environment: "node",
          maxWorkers: 2,
        },
      },
      // The integration files run two at a time (each test file waits on its own server process),
      // after the unit tests; the files that start several processes and measure what they do
      // together run alone afterwards (the "-solo" projects), so that their timings hold.
      integration("integration", { exclude: SOLO_INTEGRATION_TESTS }),
      integration("integration-solo", { include: SOLO_INTEGRATION_TESTS, solo: true }),
      {
        extends: true,
        test: {
          name: "unit-pg",
          include: DATABASE_UNIT_TESTS,
          environment: "node",
          maxWorkers: 2,
          globalSetup: ["tests/support/global-setup-unit-pg.ts"],
          env: { TEST_DB: "postgres" },
        },
      },
      integration("integration-pg", {
        // Which React build the server loads does not depend on the database.
        exclude: [...SOLO_INTEGRATION_TESTS, "tests/integration/production-mode.test.ts"],
        pg: true,
      }),
      integration("integration-pg-solo", { include: SOLO_INTEGRATION_TESTS, solo: true, pg: true }),
      {
        extends: true,
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.test.ts"],
          globalSetup: ["tests/support/global-setup.ts"],
          testTimeout: 90_000,
          hookTimeout: 120_000,
          // Three files at a time, each with its own browser and server: a browser test waits on
          // the page much of the time, and three of them keep both cores busy (232 s one at a
          // time, 171 s two at a time, 141 s three at a time on two cores).
          maxWorkers: 3,
          // Last, after the integration files that run alone.
          sequence: { groupOrder: 3 },
        },
      },
    ],
    allowOnly: false,
    setupFiles: ["tests/support/fail-on-console-error.ts", "tests/support/i18n.ts"],
  },
});

import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

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
  "app/dossier/practices.server.test.ts",
  "app/jobs.server.test.ts",
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

export default defineConfig({
  // "~/…" is app/, as in tsconfig.json's paths and for the Remix compiler.
  resolve: { alias: { "~": fileURLToPath(new URL("./app", import.meta.url)) } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["app/**/*.test.{ts,tsx}", "db/**/*.test.ts", "saml/**/*.test.ts"],
          environment: "node",
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          globalSetup: ["tests/support/global-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: "unit-pg",
          include: DATABASE_UNIT_TESTS,
          environment: "node",
          globalSetup: ["tests/support/global-setup-unit-pg.ts"],
          env: { TEST_DB: "postgres" },
        },
      },
      {
        extends: true,
        test: {
          name: "integration-pg",
          include: ["tests/integration/**/*.test.ts"],
          // Which React build the server loads does not depend on the database.
          exclude: ["tests/integration/production-mode.test.ts"],
          globalSetup: ["tests/support/global-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          env: { TEST_DB: "postgres" },
        },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.test.ts"],
          globalSetup: ["tests/support/global-setup.ts"],
          testTimeout: 90_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
    allowOnly: false,
    setupFiles: ["tests/support/fail-on-console-error.ts"],
  },
});

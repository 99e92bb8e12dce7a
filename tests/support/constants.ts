/** The fixed "today" of every test database, so that overdue and expiring stay stable. */
export const TEST_TODAY = "2026-11-26";
/** Residents in the test database: small, but enough for several comuni and every persona. */
export const TEST_CITIZENS = 400;
export const PROJECT_ROOT = new URL("../../", import.meta.url).pathname;

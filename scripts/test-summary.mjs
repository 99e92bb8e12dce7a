// Prints the suite's totals from vitest's JSON report as one plain line: "N passed, N failed".
import fs from "node:fs";

const file = process.argv[2];
if (!fs.existsSync(file)) {
  console.log("0 passed, 1 failed");
  process.exit(1);
}
const report = JSON.parse(fs.readFileSync(file, "utf8"));
const passed = report.numPassedTests ?? 0;
const failedTests = report.numFailedTests ?? 0;
// A file that failed without a failed test (import error, a hook that threw) counts once.
const brokenFiles = (report.testResults ?? []).filter(
  (r) => r.status === "failed" && !(r.assertionResults ?? []).some((a) => a.status === "failed"),
).length;
const failed = failedTests + brokenFiles;
const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failed > 0 || report.success === false ? 1 : 0);

import { afterEach, vi } from "vitest";

// A test that makes the code log an error fails, unless it says it expects one.
let errors: unknown[][] = [];
const original = console.error;
console.error = (...args: unknown[]) => {
  errors.push(args);
  original(...args);
};
afterEach(() => {
  const seen = errors;
  errors = [];
  if (seen.length && !(globalThis as { __allowConsoleError?: boolean }).__allowConsoleError) {
    throw new Error(`console.error during the test: ${seen.map((a) => a.map(String).join(" ")).join("\n")}`);
  }
});
export { vi };

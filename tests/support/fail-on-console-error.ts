import { afterEach, vi } from "vitest";

// A test that makes the code log an error fails, unless it says it expects one.
// Setup files run again for every test file, and without isolation (vitest.config.ts) in the same
// globals as the previous file: wrap the console's own function, not the previous wrapper.
let errors: unknown[][] = [];
const scope = globalThis as { __consoleErrorOriginal?: typeof console.error };
const original = (scope.__consoleErrorOriginal ??= console.error);
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

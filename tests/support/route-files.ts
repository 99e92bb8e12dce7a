import fs from "node:fs";
import path from "node:path";
import { PROJECT_ROOT } from "./constants";

export const ROUTES_DIR = path.join(PROJECT_ROOT, "app/routes");

/** A route module file name turned into its URL pattern (Remix v2 flat routes). */
export function urlPattern(file: string): string {
  const name = file.replace(/\.(tsx|ts|jsx|js)$/, "");
  const segments: string[] = [];
  let current = "";
  let escaped = false;
  for (const ch of name) {
    if (ch === "[") escaped = true;
    else if (ch === "]") escaped = false;
    else if (ch === "." && !escaped) {
      segments.push(current);
      current = "";
    } else current += ch;
  }
  segments.push(current);
  const parts = segments
    .filter((s) => s !== "_index" && !/^_[^.]/.test(s))
    .map((s) => s.replace(/_$/, ""))
    .map((s) => (s.startsWith("$") ? `:${s.slice(1)}` : s));
  return `/${parts.join("/")}`;
}

/** The route module files of app/routes, tests left out, sorted. */
export function routeFiles(): string[] {
  return fs
    .readdirSync(ROUTES_DIR)
    .filter((f) => /\.(tsx|ts)$/.test(f) && !/\.test\./.test(f))
    .sort();
}

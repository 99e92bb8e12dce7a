import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { COMMON_NS } from "~/i18n/config";
import { VALIDATION_NS } from "~/i18n/react";

// Each route that shows messages of a namespace declares it (handle.i18n), so that the page brings
// them, and loads it before a client-side navigation renders it (clientLoader), which needs a
// server loader: without one, Remix renders nothing of the route on the server.

const ROUTES = path.resolve(__dirname, "../routes");
const files = fs.readdirSync(ROUTES).filter((f) => /\.tsx$/.test(f) && !/\.test\./.test(f));
const ALWAYS = new Set([COMMON_NS, VALIDATION_NS]);

function namespacesUsed(text: string): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(/useTranslation\(\s*(\[[^\]]*\]|"[^"]*")/g)) {
    for (const ns of m[1]!.matchAll(/"([^"]+)"/g)) if (!ALWAYS.has(ns[1]!)) out.add(ns[1]!);
  }
  // A key of another namespace named in full: t("area:receivedData.spid").
  for (const m of text.matchAll(/\bt\(\s*["`]([A-Za-z]+):/g)) if (!ALWAYS.has(m[1]!)) out.add(m[1]!);
  return [...out];
}

describe("routes and their messages", () => {
  it.each(files)("%s", (file) => {
    const text = fs.readFileSync(path.join(ROUTES, file), "utf8");
    const used = namespacesUsed(text);
    if (used.length === 0 && !text.includes("messagesLoader(")) return;
    const handle = /export const handle\b[^;]*?i18n:\s*(\[[^\]]*\]|"[^"]*")/s.exec(text)?.[1] ?? "";
    const declared = [...handle.matchAll(/"([^"]+)"/g)].map((m) => m[1]);
    for (const ns of used)
      expect(declared, `${file} uses "${ns}" without declaring it in handle.i18n`).toContain(ns);
    expect(text, `${file}: clientLoader = messagesLoader(...)`).toMatch(
      /export const clientLoader = messagesLoader\(/,
    );
    expect(text, `${file}: a clientLoader needs a server loader`).toMatch(
      /export (async function|const|function) loader\b/,
    );
  });
});

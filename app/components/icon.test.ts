import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const SYMBOL = /<symbol\b[^>]*\bid="([^"]+)"[^>]*>[\s\S]*?<\/symbol>/g;

function symbols(file: string): Map<string, string> {
  return new Map([...fs.readFileSync(file, "utf8").matchAll(SYMBOL)].map((m) => [m[1]!, m[0]]));
}

function iconNamesInApp(dir = "app"): Set<string> {
  const names = new Set<string>();
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      for (const name of iconNamesInApp(file)) names.add(name);
    } else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) {
      const text = fs.readFileSync(file, "utf8");
      for (const m of text.matchAll(/["'`](it-[a-z0-9-]+)["'`]/g)) names.add(m[1]!);
      for (const m of text.matchAll(/<Icon\b[^>]*?\bname="([a-z0-9-]+)"/g)) {
        names.add(m[1]!.startsWith("it-") ? m[1]! : `it-${m[1]}`);
      }
    }
  }
  return names;
}

describe("the icon sprite", () => {
  it("holds exactly the design system's icons that the portal names, as the design system draws them", () => {
    const designSystem = symbols("node_modules/bootstrap-italia/dist/svg/sprites.svg");
    const ours = symbols("app/components/icons.svg");
    const used = [...iconNamesInApp()].filter((name) => designSystem.has(name)).sort();
    const hint = "run `node scripts/build-icons.mjs` to rewrite app/components/icons.svg";
    expect([...ours.keys()].sort(), hint).toEqual(used);
    for (const [name, markup] of ours) expect(markup, `${name}: ${hint}`).toBe(designSystem.get(name));
    expect(used).toContain("it-user");
  });
});

import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(file);
    return /\.(tsx?|css)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [file] : [];
  });
}

describe("the design system's stylesheet", () => {
  it("leaves out only components that no page uses", async () => {
    const config = (await import(path.resolve("postcss.config.mjs"))) as { UNUSED_COMPONENTS: string[] };
    expect(config.UNUSED_COMPONENTS).toContain("video-js");
    const used: string[] = [];
    for (const file of sourceFiles("app")) {
      const text = fs.readFileSync(file, "utf8");
      for (const name of config.UNUSED_COMPONENTS) if (text.includes(name)) used.push(`${name} in ${file}`);
    }
    expect(used, "used in app/ but left out of the stylesheet by postcss.config.mjs").toEqual([]);
  });
});

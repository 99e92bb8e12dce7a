// Writes app/components/icons.svg: the symbols of bootstrap-italia's icon sprite that the portal
// uses (every "it-..." name in app/ that the sprite has), about 8% of the whole sprite. Run it
// after using a new icon or upgrading bootstrap-italia: `node scripts/build-icons.mjs`
// (app/components/icon.test.ts fails until then).
import fs from "node:fs";
import path from "node:path";

const SPRITE = "node_modules/bootstrap-italia/dist/svg/sprites.svg";
const OUT = "app/components/icons.svg";

function* sources(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* sources(file);
    else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) yield file;
  }
}

const names = new Set();
for (const file of sources("app")) {
  const text = fs.readFileSync(file, "utf8");
  for (const m of text.matchAll(/["'`](it-[a-z0-9-]+)["'`]/g)) names.add(m[1]);
  for (const m of text.matchAll(/<Icon\b[^>]*?\bname="([a-z0-9-]+)"/g))
    names.add(m[1].startsWith("it-") ? m[1] : `it-${m[1]}`);
}
const symbols = [
  ...fs.readFileSync(SPRITE, "utf8").matchAll(/<symbol\b[^>]*\bid="([^"]+)"[^>]*>[\s\S]*?<\/symbol>/g),
]
  .filter((m) => names.has(m[1]))
  .sort((a, b) => a[1].localeCompare(b[1]));
fs.writeFileSync(OUT, `<svg xmlns="http://www.w3.org/2000/svg">${symbols.map((m) => m[0]).join("")}</svg>\n`);
console.log(`${OUT}: ${symbols.length} icons (${symbols.map((m) => m[1]).join(", ")})`);

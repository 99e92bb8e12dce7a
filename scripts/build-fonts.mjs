// Splits each Titillium Web face of the design system into two woff2 files by script range, as
// font services do: "latin" (Italian, English and the other western European languages, with the
// euro sign and typographic punctuation) and "latin-ext" (the rest of the Latin letters the face
// has: Central European, Baltic, Turkish and Vietnamese names). The stylesheet declares both with
// `unicode-range`, so a browser downloads the second file only for a page whose text needs it.
// Writes app/fonts/ (git-ignored); skips a face whose files are newer than the source.
import fs from "node:fs";
import path from "node:path";
import subsetFont from "subset-font";

const SOURCE = "node_modules/bootstrap-italia/dist/fonts/Titillium_Web";
const OUT = "app/fonts";
const FACES = ["regular", "italic", "600", "600italic", "700", "700italic"];

/** Code point ranges, the same as the stylesheet's unicode-range (app/components/bootstrap-italia.css). */
export const RANGES = {
  latin: [
    [0x0000, 0x00ff], [0x0131, 0x0131], [0x0152, 0x0153], [0x02bb, 0x02bc], [0x02c6, 0x02c6],
    [0x02da, 0x02da], [0x02dc, 0x02dc], [0x0304, 0x0304], [0x0308, 0x0308], [0x0329, 0x0329],
    [0x2000, 0x206f], [0x20ac, 0x20ac], [0x2122, 0x2122], [0x2191, 0x2191], [0x2193, 0x2193],
    [0x2212, 0x2212], [0x2215, 0x2215], [0xfeff, 0xfeff], [0xfffd, 0xfffd],
  ],
  "latin-ext": [
    [0x0100, 0x02ba], [0x02bd, 0x02c5], [0x02c7, 0x02cc], [0x02ce, 0x02d7], [0x02dd, 0x02ff],
    [0x1d00, 0x1dbf], [0x1e00, 0x1e9f], [0x1ef2, 0x1eff], [0x2020, 0x2020], [0x20a0, 0x20ab],
    [0x20ad, 0x20c0], [0x2113, 0x2113], [0x2c60, 0x2c7f], [0xa720, 0xa7ff],
  ],
};

function textOf(ranges) {
  let text = "";
  for (const [from, to] of ranges) for (let c = from; c <= to; c++) text += String.fromCodePoint(c);
  return text;
}

fs.mkdirSync(OUT, { recursive: true });
let written = 0;
for (const face of FACES) {
  const source = path.join(SOURCE, `titillium-web-v10-latin-ext_latin-${face}.woff2`);
  const sourceTime = fs.statSync(source).mtimeMs;
  const input = fs.readFileSync(source);
  for (const [name, ranges] of Object.entries(RANGES)) {
    const target = path.join(OUT, `titillium-web-${face}-${name}.woff2`);
    if (fs.existsSync(target) && fs.statSync(target).mtimeMs >= sourceTime) continue;
    fs.writeFileSync(target, await subsetFont(input, textOf(ranges), { targetFormat: "woff2" }));
    written++;
  }
}
if (written) console.log(`fonts: ${written} files written to ${OUT}`);

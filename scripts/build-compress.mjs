// Writes a brotli (.br) and a gzip (.gz) copy beside each text asset of the client build
// (public/build: scripts, stylesheets, SVG), at the highest levels, once per build. The server sends
// them to browsers that accept them (app/static-files.server.ts) instead of compressing each
// response on the fly at a lower level. Fonts (woff2) and images are compressed already.
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import zlib from "node:zlib";

const DIR = "public/build";
const TEXT = /\.(js|css|svg|json)$/;
const MIN_BYTES = 1024;

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

function* files(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* files(file);
    else if (TEXT.test(entry.name)) yield file;
  }
}

let written = 0;
let before = 0;
let after = 0;
await Promise.all(
  [...files(DIR)].map(async (file) => {
    const source = fs.readFileSync(file);
    if (source.length < MIN_BYTES) return;
    const [br, gz] = await Promise.all([
      brotli(source, {
        params: {
          [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
          [zlib.constants.BROTLI_PARAM_SIZE_HINT]: source.length,
        },
      }),
      gzip(source, { level: zlib.constants.Z_BEST_COMPRESSION }),
    ]);
    fs.writeFileSync(`${file}.br`, br);
    fs.writeFileSync(`${file}.gz`, gz);
    written++;
    before += source.length;
    after += br.length;
  }),
);
console.log(
  `precompressed ${written} files in ${DIR}: ${Math.round(before / 1024)} KB, ${Math.round(after / 1024)} KB with brotli`,
);

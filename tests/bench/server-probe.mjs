// Preloaded into the benchmarked server (NODE_OPTIONS=--import=...). On SIGUSR2 it writes to
// BENCH_PROBE_FILE which React builds the process has actually executed, its NODE_ENV and its
// memory. Only executed modules count: Node also lists, unexecuted, the files it scans for the
// export names of a CommonJS package imported from ESM (both builds of react/index.js).
import fs from "node:fs";
import { createRequire } from "node:module";

const cache = createRequire(import.meta.url).cache;
const out = process.env.BENCH_PROBE_FILE;

if (out) {
  process.on("SIGUSR2", () => {
    const react = Object.entries(cache)
      .filter(([file, mod]) => mod?.loaded && /[\\/]node_modules[\\/](react|react-dom)[\\/]cjs[\\/]/.test(file))
      .map(([file]) => file.replace(/^.*[\\/]node_modules[\\/]/, ""));
    const report = {
      nodeEnv: process.env.NODE_ENV ?? null,
      react,
      rss: process.memoryUsage().rss,
      maxRss: process.resourceUsage().maxRSS * 1024,
    };
    fs.writeFileSync(`${out}.tmp`, JSON.stringify(report));
    fs.renameSync(`${out}.tmp`, out);
  });
}

// Preloaded into the benchmarked server (NODE_OPTIONS=--import=...), and so into each of its
// cluster workers, which inherit the environment. On SIGUSR2 (the cluster's primary passes it on to
// every worker) each process writes to `${BENCH_PROBE_FILE}.${pid}` which React builds it has
// actually executed, its NODE_ENV and its memory. Only executed modules count: Node also lists,
// unexecuted, the files it scans for the export names of a CommonJS package imported from ESM
// (both builds of react/index.js).
import cluster from "node:cluster";
import fs from "node:fs";
import { createRequire } from "node:module";

const cache = createRequire(import.meta.url).cache;
const out = process.env.BENCH_PROBE_FILE;

if (out) {
  process.on("SIGUSR2", () => {
    const react = Object.entries(cache)
      .filter(
        ([file, mod]) => mod?.loaded && /[\\/]node_modules[\\/](react|react-dom)[\\/]cjs[\\/]/.test(file),
      )
      .map(([file]) => file.replace(/^.*[\\/]node_modules[\\/]/, ""));
    const report = {
      pid: process.pid,
      worker: cluster.isWorker,
      nodeEnv: process.env.NODE_ENV ?? null,
      react,
      rss: process.memoryUsage().rss,
      maxRss: process.resourceUsage().maxRSS * 1024,
    };
    const file = `${out}.${process.pid}`;
    fs.writeFileSync(`${file}.tmp`, JSON.stringify(report));
    fs.renameSync(`${file}.tmp`, file);
  });
}

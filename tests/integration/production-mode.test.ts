/**
 * Every way of starting the server renders with React's production builds: `npm start` and
 * `npm run serve` set NODE_ENV=production, and a bare `node build/server/server.js` (a service
 * manager's command line) now defaults to it too. Checked from inside the process by the
 * benchmark's probe (tests/bench/server-probe.mjs), which lists the React files it executed.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../support/constants";
import { startServer, type TestServer } from "../support/server";

const probe = pathToFileURL(path.join(PROJECT_ROOT, "tests/bench/server-probe.mjs")).href;
const started: TestServer[] = [];

afterAll(async () => {
  await Promise.all(started.map((s) => s.stop()));
});

interface ProbeReport {
  nodeEnv: string | null;
  react: string[];
}

async function reportOf(server: TestServer, file: string): Promise<ProbeReport> {
  server.process.kill("SIGUSR2");
  const out = `${file}.${server.process.pid}`;
  for (let i = 0; i < 100 && !fs.existsSync(out); i++) await new Promise((r) => setTimeout(r, 50));
  return JSON.parse(fs.readFileSync(out, "utf8")) as ProbeReport;
}

describe("React's builds on the server", () => {
  it.each([
    ["without NODE_ENV", ""],
    ["with NODE_ENV=production", "production"],
  ])("%s: only production builds render the pages", async (_label, nodeEnv) => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "portal-probe-")), "report");
    const server = await startServer({
      env: { NODE_ENV: nodeEnv, NODE_OPTIONS: `--import=${probe}`, BENCH_PROBE_FILE: file },
    });
    started.push(server);
    expect((await fetch(`${server.url}/note-legali`)).status).toBe(200);
    const report = await reportOf(server, file);
    expect(report.nodeEnv).toBe("production");
    expect(report.react.some((f) => f.includes("react-dom-server"))).toBe(true);
    expect(report.react.filter((f) => f.includes("development"))).toEqual([]);
  });
});

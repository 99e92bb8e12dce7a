/**
 * WEB_CONCURRENCY=2: the server forks two workers that share the port and the database; one that
 * dies is replaced; a SIGTERM ends the workers' requests and jobs and then the whole server.
 */
import fs from "node:fs";
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PERSONA_FAMIGLIA } from "../../db/seed/personas";
import { loginAs } from "../support/saml-client";
import { startServer, type TestServer } from "../support/server";

let server: TestServer;

/** Process ids of the children of `pid` (Linux). */
function children(pid: number): number[] {
  try {
    return fs
      .readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8")
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

async function until<T>(what: string, probe: () => T | null | undefined | false, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Status of a GET on a new connection (a kept-alive one may lead to the worker just killed). */
function statusOnNewConnection(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent: false, timeout: 10_000 }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("timeout", () => req.destroy(new Error(`no answer from ${url} within 10 s`)));
    req.on("error", reject);
  });
}

const linux = process.platform === "linux";

beforeAll(async () => {
  server = await startServer({ env: { WEB_CONCURRENCY: "2", LOG_LEVEL: "info" } });
}, 90_000);

afterAll(async () => {
  await server?.stop();
});

describe("several worker processes", () => {
  it("announces itself once, when both workers listen", async () => {
    await until("the ready line", () => server.output().includes("2 processi"));
    expect(server.output().match(/Portale pronto su/g)).toHaveLength(1);
  });

  it.runIf(linux)("runs two workers, both answering a logged-in citizen", async () => {
    const workers = await until("two workers", () => children(server.process.pid!).length === 2 && children(server.process.pid!));
    expect(workers).toHaveLength(2);
    const { cookie } = await loginAs(server.url, { codiceFiscale: PERSONA_FAMIGLIA.codiceFiscale });
    // The log line of each request names the process that served it.
    const before = server.output().length;
    const statuses = await Promise.all(
      Array.from({ length: 24 }, () =>
        fetch(`${server.url}/area-personale`, { headers: { cookie }, redirect: "manual" }).then(async (r) => {
          await r.arrayBuffer();
          return r.status;
        }),
      ),
    );
    expect(statuses.every((s) => s === 200)).toBe(true);
    const servedBy = new Set(
      server
        .output()
        .slice(before)
        .split("\n")
        .filter((l) => l.startsWith("{") && l.includes('"path":"/area-personale"'))
        .map((l) => (JSON.parse(l) as { pid: number }).pid),
    );
    expect([...servedBy].sort()).toEqual([...workers].sort());
  });

  it.runIf(linux)("replaces a worker that dies, and keeps serving meanwhile", async () => {
    const [victim, survivor] = children(server.process.pid!);
    process.kill(victim!, "SIGKILL");
    // Once the first process knows (a connection handed to the dying worker is lost with it),
    // the other worker serves while the replacement starts.
    await until("the death noticed", () => server.output().includes('"msg":"worker exited"'));
    expect(await statusOnNewConnection(`${server.url}/note-legali`)).toBe(200);
    const replaced = await until("a new worker", () => {
      const now = children(server.process.pid!);
      return now.length === 2 && !now.includes(victim!) && now;
    });
    expect(replaced).toContain(survivor);
    await until("the new worker listening", () => server.output().match(/"msg":"portal listening"/g)?.length === 3);
    expect(await statusOnNewConnection(`${server.url}/note-legali`)).toBe(200);
  });

  it.runIf(linux)("stops every worker and exits cleanly on SIGTERM", async () => {
    const workers = children(server.process.pid!);
    expect(workers).toHaveLength(2);
    const exited = new Promise<number | null>((resolve) => server.process.once("exit", (code) => resolve(code)));
    server.process.kill("SIGTERM");
    expect(await exited).toBe(0);
    for (const pid of workers) expect(fs.existsSync(`/proc/${pid}`)).toBe(false);
    // Each worker ran its own orderly shutdown (final audit checkpoint, jobs stopped).
    expect(server.output().match(/"msg":"shutting down"/g)?.length).toBe(2);
  });
});

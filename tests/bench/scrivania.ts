/**
 * Server time of the Scrivania for one persona: logs in through the demo IdP of a running portal,
 * then times sequential warm GET /area-personale requests and prints p50/p95.
 *
 *   DATABASE_URL=file:/tmp/big.db DEMO=true DEMO_TODAY=2026-11-26 PORT=3900 node build/server/server.js
 *   npx tsx tests/bench/scrivania.ts --url http://localhost:3900 --requests 100
 *
 * Requests go one at a time over loopback, so each figure is the server's time plus a fraction of
 * a millisecond of local networking. `npm run bench` (run.ts) uses the same timing for its pages.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { PERSONAS } from "../../db/seed/personas";
import { loginAs } from "../support/saml-client";

export interface Timings {
  requests: number;
  warmup: number;
  p50: number;
  p95: number;
  mean: number;
  min: number;
  max: number;
}

export function percentile(sorted: number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

async function timeOne(url: string, cookie: string): Promise<number> {
  const start = performance.now();
  const res = await fetch(url, { headers: { cookie }, redirect: "manual" });
  await res.arrayBuffer();
  const ms = performance.now() - start;
  if (res.status !== 200) throw new Error(`GET ${url}: HTTP ${res.status}`);
  return ms;
}

/** `warmup` untimed requests, then `requests` timed ones, one at a time, with the session cookie. */
export async function timeRequests(
  url: string,
  cookie: string,
  opts: { requests: number; warmup: number },
): Promise<Timings> {
  for (let i = 0; i < opts.warmup; i++) await timeOne(url, cookie);
  const times: number[] = [];
  for (let i = 0; i < opts.requests; i++) times.push(await timeOne(url, cookie));
  const sorted = [...times].sort((a, b) => a - b);
  return {
    requests: opts.requests,
    warmup: opts.warmup,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    mean: times.reduce((s, t) => s + t, 0) / times.length,
    min: sorted[0]!,
    max: sorted[sorted.length - 1]!,
  };
}

/** Logs `fiscalCode` in at SPID level 2 and times GET `pagePath` (default: the Scrivania). */
export async function benchPage(
  baseUrl: string,
  p: { fiscalCode: string; path?: string; requests: number; warmup: number },
): Promise<Timings> {
  const base = baseUrl.replace(/\/$/, "");
  const { cookie } = await loginAs(base, { fiscalCode: p.fiscalCode, level: 2 });
  return timeRequests(base + (p.path ?? "/area-personale"), cookie, p);
}

async function main() {
  const { values } = parseArgs({
    options: {
      url: { type: "string", default: "http://localhost:3000" },
      cf: { type: "string", default: PERSONAS.famiglia.codiceFiscale },
      requests: { type: "string", default: "100" },
      warmup: { type: "string", default: "20" },
      path: { type: "string", default: "/area-personale" },
    },
  });
  const t = await benchPage(values.url!, {
    fiscalCode: values.cf!,
    path: values.path!,
    requests: Number(values.requests),
    warmup: Number(values.warmup),
  });
  const fmt = (ms: number) => `${ms.toFixed(1)} ms`;
  console.log(`GET ${values.path} as ${values.cf}: ${t.requests} warm requests (after ${t.warmup} warm-up)`);
  console.log(
    `  p50 ${fmt(t.p50)}  p95 ${fmt(t.p95)}  mean ${fmt(t.mean)}  min ${fmt(t.min)}  max ${fmt(t.max)}`,
  );
}

// Run directly (not imported by run.ts).
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}

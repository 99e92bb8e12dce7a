/**
 * Server time of the Scrivania for one persona: logs in through the demo IdP of a running portal,
 * then times sequential warm GET /area-personale requests and prints p50/p95.
 *
 *   DATABASE_URL=file:/tmp/big.db DEMO=true DEMO_TODAY=2026-11-26 PORT=3900 node build/server/server.js
 *   npx tsx tests/bench/scrivania.ts --url http://localhost:3900 --requests 100
 *
 * Requests go one at a time over loopback, so each figure is the server's time plus a fraction of
 * a millisecond of local networking.
 */
import { parseArgs } from "node:util";
import { PERSONAS } from "../../db/seed/personas";
import { loginAs } from "../support/saml-client";

const { values } = parseArgs({
  options: {
    url: { type: "string", default: "http://localhost:3000" },
    cf: { type: "string", default: PERSONAS.famiglia.codiceFiscale },
    requests: { type: "string", default: "100" },
    warmup: { type: "string", default: "20" },
    path: { type: "string", default: "/area-personale" },
  },
});

function percentile(sorted: number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

async function timeOne(url: string, cookie: string): Promise<number> {
  const start = performance.now();
  const res = await fetch(url, { headers: { cookie }, redirect: "manual" });
  await res.arrayBuffer();
  const ms = performance.now() - start;
  if (res.status !== 200) throw new Error(`GET ${url}: HTTP ${res.status}`);
  return ms;
}

async function main() {
  const base = values.url!.replace(/\/$/, "");
  const n = Number(values.requests);
  const warmup = Number(values.warmup);
  const { cookie } = await loginAs(base, { fiscalCode: values.cf!, level: 2 });
  const target = base + values.path;
  for (let i = 0; i < warmup; i++) await timeOne(target, cookie);
  const times: number[] = [];
  for (let i = 0; i < n; i++) times.push(await timeOne(target, cookie));
  const sorted = [...times].sort((a, b) => a - b);
  const mean = times.reduce((s, t) => s + t, 0) / times.length;
  const fmt = (ms: number) => `${ms.toFixed(1)} ms`;
  console.log(`GET ${values.path} as ${values.cf}: ${n} warm requests (after ${warmup} warm-up)`);
  console.log(`  p50 ${fmt(percentile(sorted, 50))}  p95 ${fmt(percentile(sorted, 95))}  mean ${fmt(mean)}  min ${fmt(sorted[0])}  max ${fmt(sorted[sorted.length - 1])}`);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});

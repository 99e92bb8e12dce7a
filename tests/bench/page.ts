/**
 * One page of a portal already running (demo mode), under the same load as `npm run bench`: logs
 * the given residents in through the demo IdP, then loads the page from N connections.
 *
 *   NODE_ENV=production DATABASE_URL=file:/tmp/big.db DEMO=true DEMO_TODAY=2026-11-26 PORT=3900 \
 *     node build/server/server.js
 *   npx tsx tests/bench/page.ts --url http://localhost:3900 --path /area-personale --duration 10
 *
 * --cf takes a comma-separated list of codici fiscali (default: the three personas). A page
 * outside /area-personale is loaded without a session.
 */
import { parseArgs } from "node:util";
import { PERSONAS } from "../../db/seed/personas";
import { loginAs } from "../support/saml-client";
import { loadRoute, sessionRequests } from "./load";

async function main() {
  const { values } = parseArgs({
    options: {
      url: { type: "string", default: "http://localhost:3000" },
      path: { type: "string", default: "/area-personale" },
      cf: {
        type: "string",
        default: Object.values(PERSONAS)
          .map((p) => p.codiceFiscale)
          .join(","),
      },
      connections: { type: "string", default: "16" },
      duration: { type: "string", default: "10" },
      warmup: { type: "string", default: "3" },
    },
  });
  const base = values.url!.replace(/\/$/, "");
  const path = values.path!;
  const cookies: string[] = [];
  if (path.startsWith("/area-personale")) {
    for (const codiceFiscale of values
      .cf!.split(",")
      .map((s) => s.trim())
      .filter(Boolean)) {
      cookies.push((await loginAs(base, { codiceFiscale, level: 2 })).cookie);
    }
  }
  const r = await loadRoute({
    url: base,
    label: path,
    requests: sessionRequests(path, cookies),
    connections: Number(values.connections),
    duration: Number(values.duration),
    warmup: Number(values.warmup),
  });
  console.log(
    `GET ${path}: ${r.perSecond.toFixed(1)} requests/s, p50 ${r.p50} ms, p99 ${r.p99} ms, ` +
      `non-2xx ${r.non2xx}, errors ${r.errors} (${values.connections} connections, ${cookies.length} sessions)`,
  );
  if (r.non2xx > 0 || r.errors > 0) process.exitCode = 1;
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});

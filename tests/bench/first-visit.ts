/**
 * `npm run bench:browser`: what a browser transfers to show a page, on a first visit (empty cache)
 * and on a repeat visit (a new tab of the same browser profile), per page and per type of resource.
 *
 * Starts the built server on a fresh small demo database, logs a resident in through the demo IdP,
 * then opens /, /area-personale (the Scrivania) and /paga-un-avviso as that resident in Debian's
 * Chromium, each first visit in a new browser context. Bytes are Chromium's own count of what
 * came over the network for each request (CDP Network: encodedDataLength at loadingFinished, i.e.
 * compressed bodies and response headers); what the browser takes from its cache counts zero.
 *
 *   npm run build && npx tsx tests/bench/first-visit.ts
 *
 * Then Lighthouse (its default mobile settings: a phone's screen, simulated slow 4G and a slower
 * CPU) scores the same pages: performance, accessibility and best practices, with LCP and total
 * blocking time (lighthouse.ts).
 *
 * With --verbose it also lists every request of the first visits. Without /usr/bin/chromium it
 * says so and exits 0.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, BrowserContext } from "playwright-core";
import { PERSONAS } from "../../db/seed/personas";
import { CHROMIUM_PATH, chromiumAvailable, launchBrowser, newContext } from "../support/browser";
import { PROJECT_ROOT, TEST_CITIZENS, TEST_TODAY } from "../support/constants";
import { loginAs } from "../support/saml-client";
import { startServer, type TestServer } from "../support/server";
import { freshSqlite, timedSeed } from "./database";
import { LIGHTHOUSE_CATEGORIES, lighthouseScores } from "./lighthouse";

const PAGES = ["/", "/area-personale", "/paga-un-avviso"];
const QUIET_MS = 1500;
const KINDS = ["document", "css", "js", "font", "image", "other"] as const;
type Kind = (typeof KINDS)[number];

interface Fetched {
  url: string;
  kind: Kind;
  status: number;
  /** Content-Encoding of the answer, "" when none. */
  encoding: string;
  /** Bytes over the network; 0 when the browser's cache answered. */
  bytes: number;
  fromCache: boolean;
}

interface Visit {
  status: number;
  fetched: Fetched[];
}

/** CDP's resource type, with the MIME type for what it calls Other (the icon sprite, favicons). */
function kindOf(type: string | undefined, mimeType: string): Kind {
  switch (type) {
    case "Document":
      return "document";
    case "Stylesheet":
      return "css";
    case "Script":
      return "js";
    case "Font":
      return "font";
    case "Image":
      return "image";
  }
  if (mimeType.startsWith("image/")) return "image";
  if (mimeType === "text/css") return "css";
  if (/javascript/.test(mimeType)) return "js";
  if (mimeType.startsWith("font/")) return "font";
  return "other";
}

/** Opens `url` in a new tab of `context` and returns every request the page made until it was idle. */
async function visit(context: BrowserContext, url: string): Promise<Visit> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const types = new Map<string, string>();
  const fromMemory = new Set<string>();
  const answers = new Map<string, Omit<Fetched, "bytes">>();
  const fetched: Fetched[] = [];
  let lastActivity = Date.now();
  cdp.on("Network.requestWillBeSent", (e) => {
    if (e.type) types.set(e.requestId, e.type);
    lastActivity = Date.now();
  });
  cdp.on("Network.requestServedFromCache", (e) => {
    fromMemory.add(e.requestId);
  });
  cdp.on("Network.responseReceived", (e) => {
    const r = e.response;
    const header = Object.entries(r.headers).find(([name]) => name.toLowerCase() === "content-encoding");
    answers.set(e.requestId, {
      url: r.url,
      kind: kindOf(e.type ?? types.get(e.requestId), r.mimeType),
      status: r.status,
      encoding: header?.[1] ?? "",
      fromCache:
        fromMemory.has(e.requestId) || Boolean(r.fromDiskCache || r.fromPrefetchCache || r.fromServiceWorker),
    });
  });
  cdp.on("Network.loadingFinished", (e) => {
    lastActivity = Date.now();
    const answer = answers.get(e.requestId);
    if (!answer || answer.url.startsWith("data:")) return;
    fetched.push({ ...answer, bytes: answer.fromCache ? 0 : e.encodedDataLength });
  });
  await cdp.send("Network.enable");
  const res = await page.goto(url, { waitUntil: "networkidle" });
  // Some requests start late: the client code after hydration (route discovery), fonts once the
  // text that uses them is laid out, the favicon. Done when the network has been quiet for QUIET_MS.
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  while (Date.now() - lastActivity < QUIET_MS) await new Promise((r) => setTimeout(r, 100));
  await page.close();
  return { status: res?.status() ?? 0, fetched };
}

/** A stylesheet over the network: a first visit without one lost its events (seen now and then). */
const complete = (v: Visit) => v.fetched.some((f) => f.kind === "css" && !f.fromCache);

async function measurePage(browser: Browser, baseUrl: string, cookie: string, pagePath: string) {
  for (let attempt = 1; ; attempt++) {
    const context = await newContext(browser);
    try {
      const [name, value] = [cookie.slice(0, cookie.indexOf("=")), cookie.slice(cookie.indexOf("=") + 1)];
      await context.addCookies([{ name, value, url: baseUrl, httpOnly: true, sameSite: "Lax" }]);
      const first = await visit(context, baseUrl + pagePath);
      if (!complete(first) && attempt < 3) {
        log(`${pagePath}: incomplete count of the first visit, measuring again`);
        continue;
      }
      const repeat = await visit(context, baseUrl + pagePath);
      return { path: pagePath, first, repeat };
    } finally {
      await context.close();
    }
  }
}

const kb = (bytes: number) => (bytes / 1024).toFixed(1);

function totals(fetched: Fetched[]): Record<Kind | "total", number> {
  const sums = Object.fromEntries([...KINDS, "total"].map((k) => [k, 0])) as Record<Kind | "total", number>;
  for (const f of fetched) {
    sums[f.kind] += f.bytes;
    sums.total += f.bytes;
  }
  return sums;
}

function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  console.log(line(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const r of rows) console.log(line(r));
}

function log(line: string): void {
  console.error(`[bench:browser] ${line}`);
}

async function main(): Promise<number> {
  if (!chromiumAvailable()) {
    console.log(
      `Chromium not found at ${CHROMIUM_PATH}: nothing measured. Install it with: apt-get update && apt-get install -y chromium`,
    );
    return 0;
  }
  if (!fs.existsSync(path.join(PROJECT_ROOT, "build/server/server.js"))) {
    throw new Error("build/server/server.js missing: run `npm run build` first");
  }
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), "portal-bench-browser-"));
  let server: TestServer | null = null;
  let browser: Browser | null = null;
  try {
    const database = freshSqlite(temp);
    log(`seeding ${TEST_CITIZENS} residents...`);
    await timedSeed(database.url, TEST_CITIZENS, TEST_TODAY);
    server = await startServer({
      dataDir: temp,
      env: { DATABASE_URL: database.url, DEMO_TODAY: TEST_TODAY },
    });
    const resident = PERSONAS.famiglia;
    const { cookie } = await loginAs(server.url, { codiceFiscale: resident.codiceFiscale, level: 2 });
    browser = await launchBrowser();
    log(`Chromium ${browser.version()}, logged in as ${resident.name} ${resident.surname}`);

    const results = [];
    for (const p of PAGES) {
      try {
        results.push(await measurePage(browser, server.url, cookie, p));
      } catch (err) {
        const exit = server.process.exitCode ?? server.process.signalCode;
        throw new Error(
          `${p}: ${err instanceof Error ? err.message : err}\n` +
            `server ${exit === null ? "still running" : `exited (${exit})`}, its output:\n${server.output()}`,
        );
      }
    }

    const rows: string[][] = [];
    const problems: string[] = [];
    for (const r of results) {
      for (const [label, v] of [
        ["first", r.first],
        ["repeat", r.repeat],
      ] as const) {
        if (v.status !== 200) problems.push(`${r.path} (${label} visit): HTTP ${v.status}`);
        if (label === "first" && !complete(v)) {
          problems.push(
            `${r.path} (first visit): no stylesheet came over the network, the count is incomplete`,
          );
        }
        for (const f of v.fetched.filter((f) => f.status >= 400)) {
          problems.push(`${r.path} (${label} visit): HTTP ${f.status} for ${f.url}`);
        }
        const t = totals(v.fetched);
        const requests = v.fetched.filter((f) => !f.fromCache).length;
        rows.push([r.path, label, ...KINDS.map((k) => kb(t[k])), kb(t.total), String(requests)]);
      }
    }

    console.log("");
    console.log(
      `KB transferred (compressed bodies and headers) as ${resident.name} ${resident.surname}; ` +
        `first visit with an empty cache, repeat visit in a new tab of the same profile.`,
    );
    console.log("");
    printTable(["page", "visit", ...KINDS, "total", "requests"], rows);
    console.log("");
    const encodings = new Map<string, Set<string>>();
    for (const f of results.flatMap((r) => r.first.fetched)) {
      if (f.fromCache) continue;
      const set = encodings.get(f.kind) ?? new Set<string>();
      set.add(f.encoding || "none");
      encodings.set(f.kind, set);
    }
    console.log(
      `Content-Encoding on first visits: ${[...encodings].map(([k, s]) => `${k} ${[...s].join("/")}`).join(", ")}.`,
    );
    for (const r of results) {
      const extra = r.repeat.fetched.filter((f) => !f.fromCache && f.kind !== "document");
      console.log(
        extra.length === 0
          ? `${r.path}: the repeat visit fetched the document only.`
          : `${r.path}: the repeat visit also fetched ${extra.map((f) => `${new URL(f.url).pathname} (${kb(f.bytes)} KB)`).join(", ")}.`,
      );
    }
    if (process.argv.includes("--verbose")) {
      for (const r of results) {
        console.log("");
        console.log(`${r.path}, first visit:`);
        for (const f of r.first.fetched) {
          const where = f.fromCache ? "cache" : f.encoding || "identity";
          console.log(
            `  ${kb(f.bytes).padStart(7)} KB  ${f.kind.padEnd(8)} ${where.padEnd(8)} ${new URL(f.url).pathname}`,
          );
        }
      }
    }
    await browser.close();
    browser = null;

    log("Lighthouse (mobile settings) on the same pages...");
    const scored = await lighthouseScores(server.url, cookie, PAGES);
    console.log("");
    console.log(
      "Lighthouse, default mobile settings (simulated slow 4G, 4× slower CPU); LCP and TBT simulated:",
    );
    console.log("");
    printTable(
      ["page", ...LIGHTHOUSE_CATEGORIES, "LCP", "TBT"],
      scored.map((r) => [
        r.path,
        ...LIGHTHOUSE_CATEGORIES.map((c) => String(r.scores[c] ?? "n/a")),
        r.lcpMs === null ? "n/a" : `${r.lcpMs} ms`,
        r.tbtMs === null ? "n/a" : `${r.tbtMs} ms`,
      ]),
    );
    for (const r of scored) if (r.runtimeError) problems.push(`${r.path}: Lighthouse: ${r.runtimeError}`);

    for (const p of problems) console.log(`PROBLEM: ${p}`);
    return problems.length > 0 ? 1 : 0;
  } finally {
    await browser?.close();
    await server?.stop();
    fs.rmSync(temp, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);

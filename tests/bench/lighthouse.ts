/**
 * Lighthouse scores of a few pages, with its default (mobile) settings: a mid-range phone's screen,
 * simulated slow 4G and a 4× slower CPU. Runs in Debian's Chromium, started by Playwright with a
 * debugging port for Lighthouse to drive. A resident's pages are scored with their session cookie.
 */
import lighthouse from "lighthouse";
import { chromium } from "playwright-core";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../support/browser";
import { freePort } from "../support/server";

export const LIGHTHOUSE_CATEGORIES = ["performance", "accessibility", "best-practices"] as const;
export type LighthouseCategory = (typeof LIGHTHOUSE_CATEGORIES)[number];

export interface LighthouseResult {
  path: string;
  /** 0–100 per category; null when Lighthouse could not score it. */
  scores: Record<LighthouseCategory, number | null>;
  /** Largest Contentful Paint and Total Blocking Time, in ms (simulated). */
  lcpMs: number | null;
  tbtMs: number | null;
  runtimeError: string | null;
}

export async function lighthouseScores(
  baseUrl: string,
  cookie: string,
  paths: readonly string[],
): Promise<LighthouseResult[]> {
  const port = await freePort();
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS, `--remote-debugging-port=${port}`],
  });
  try {
    const results: LighthouseResult[] = [];
    for (const p of paths) {
      const run = await lighthouse(baseUrl + p, {
        port,
        output: "json",
        logLevel: "error",
        onlyCategories: [...LIGHTHOUSE_CATEGORIES],
        extraHeaders: { Cookie: cookie },
      });
      if (!run) throw new Error(`Lighthouse returned nothing for ${p}`);
      const { lhr } = run;
      const score = (c: LighthouseCategory) => {
        const s = lhr.categories[c]?.score;
        return typeof s === "number" ? Math.round(s * 100) : null;
      };
      const metric = (id: string) => {
        const v = lhr.audits[id]?.numericValue;
        return typeof v === "number" ? Math.round(v) : null;
      };
      results.push({
        path: p,
        scores: {
          performance: score("performance"),
          accessibility: score("accessibility"),
          "best-practices": score("best-practices"),
        },
        lcpMs: metric("largest-contentful-paint"),
        tbtMs: metric("total-blocking-time"),
        runtimeError: lhr.runtimeError?.message ?? null,
      });
    }
    return results;
  } finally {
    await browser.close();
  }
}

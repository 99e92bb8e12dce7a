import fs from "node:fs";
import path from "node:path";
import { AxeBuilder } from "@axe-core/playwright";
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Locator,
  type Page,
} from "playwright-core";
import { afterAll, beforeAll, describe, expect } from "vitest";

/** Debian's Chromium: tests never download a browser. */
export const CHROMIUM_PATH = "/usr/bin/chromium";

// Without the networking flags Chromium keeps trying to reach Google services on a closed network.
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export const DESKTOP = { width: 1280, height: 800 } as const;
export const PHONE = { width: 375, height: 667 } as const;

const MISSING_CHROMIUM = `Chromium not found at ${CHROMIUM_PATH}. Install it with: apt-get update && apt-get install -y chromium`;

export function chromiumAvailable(): boolean {
  return fs.existsSync(CHROMIUM_PATH);
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/** A fresh context (cookies, storage) for one test: Italian locale, desktop size unless told. */
export async function newContext(
  browser: Browser,
  opts: BrowserContextOptions = {},
): Promise<BrowserContext> {
  return browser.newContext({ locale: "it-IT", timezoneId: "Europe/Rome", viewport: DESKTOP, ...opts });
}

/** Options for a phone-sized context (375x667, touch, mobile viewport meta honoured). */
export const PHONE_CONTEXT: BrowserContextOptions = { viewport: PHONE, isMobile: true, hasTouch: true };

export interface BrowserSuite {
  /** The suite's browser, launched in beforeAll. */
  browser(): Browser;
}

/**
 * A describe block that needs Chromium. Without it the suite is skipped with a message saying how
 * to install it, except in CI (CI=true), where a missing browser fails the suite: the browser tests
 * are part of what CI guarantees.
 */
export function describeBrowser(name: string, fn: (suite: BrowserSuite) => void): void {
  const available = chromiumAvailable();
  const inCi = process.env.CI === "true";
  if (!available && !inCi) {
    // A warning, not an error: skipping is the policy outside CI.
    console.warn(`[browser tests skipped] ${name}: ${MISSING_CHROMIUM}`);
    describe.skip(`${name} (skipped: Chromium missing, apt-get install -y chromium)`, () =>
      fn(unavailable()));
    return;
  }
  describe(name, () => {
    let browser: Browser | undefined;
    beforeAll(async () => {
      if (!available) throw new Error(`${MISSING_CHROMIUM} (CI=true: browser tests may not be skipped)`);
      browser = await launchBrowser();
    });
    afterAll(async () => {
      await browser?.close();
    });
    fn({
      browser() {
        if (!browser) throw new Error("the browser is launched in beforeAll: use it inside tests and hooks");
        return browser;
      },
    });
  });
}

function unavailable(): BrowserSuite {
  return {
    browser() {
      throw new Error(MISSING_CHROMIUM);
    },
  };
}

/**
 * Saves a screenshot of the page as `<name>.png` in the folder named by SCREENSHOTS_DIR (e.g. to
 * look at the pages a run walked through, or to refresh docs/images), and does nothing otherwise:
 * no test compares screenshots, so a normal run does not spend time taking them.
 */
export async function saveScreenshot(
  page: Page,
  name: string,
  opts: { fullPage?: boolean } = {},
): Promise<void> {
  const dir = process.env.SCREENSHOTS_DIR;
  if (!dir) return;
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: opts.fullPage ?? true });
}

/**
 * Waits until React has hydrated the document (the root marks <html data-hydrated>): from then on
 * links and buttons run the client code, and the page checked is the one a person uses.
 */
export async function waitForHydration(page: Page): Promise<void> {
  await page.waitForFunction(() => document.documentElement.dataset.hydrated === "true");
}

/** Waits (up to 30 s) until the one element the locator finds is visible; fails if it finds several. */
export async function visible(locator: Locator): Promise<void> {
  await locator.waitFor({ state: "visible", timeout: 30_000 });
}

/** Waits (up to 30 s) until the first of the elements the locator finds is visible. */
export async function firstVisible(locator: Locator): Promise<void> {
  await visible(locator.first());
}

export const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/**
 * Runs axe with the WCAG 2.0/2.1 A and AA rules on the page as it is now and fails with a readable
 * list (rule, impact, selectors of the offending nodes) if anything is found.
 *
 * Legacy mode runs axe once inside the page. The default mode runs it per frame and then opens a
 * blank page to merge the frames' results, which costs about as much again; the portal's pages have
 * no frames, so the results are the same (measured: 0.7 s instead of 1.2-1.8 s on the home page,
 * 1.3 s instead of 2.1-2.7 s on /dati-aperti, same rules passed).
 */
export async function expectNoAxeViolations(page: Page, label: string): Promise<void> {
  const frames = page.frames().length;
  if (frames > 1)
    throw new Error(`${label}: the page has ${frames - 1} frame(s); check them with axe's default mode`);
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).setLegacyMode(true).analyze();
  if (results.violations.length === 0) return;
  const lines = results.violations.map((v) => {
    const targets = v.nodes
      .slice(0, 10)
      .map(
        (n) =>
          `      ${n.target.map(String).join(" > ")}${n.failureSummary ? `\n        ${n.failureSummary.replace(/\n/g, "\n        ")}` : ""}`,
      )
      .join("\n");
    const more = v.nodes.length > 10 ? `\n      ... and ${v.nodes.length - 10} more` : "";
    return `  - ${v.id} (${v.impact ?? "n/a"}): ${v.help}\n${targets}${more}`;
  });
  throw new Error(
    `${label}: ${results.violations.length} accessibility violation(s) at ${page.url()}\n${lines.join("\n")}`,
  );
}

/** Opens a section from the Area operatore's menu and waits for its main heading. */
export async function openOperatorSection(page: Page, link: string, heading: string = link): Promise<void> {
  await page.getByRole("navigation", { name: "Area operatore" }).getByRole("link", { name: link }).click();
  await firstVisible(page.getByRole("heading", { level: 1, name: heading }));
}

/** The sidebar of the Area personale on a desktop (hidden on a phone, where the menu folds). */
export function areaSidebar(page: Page): Locator {
  return page.locator("nav.portal-area-nav");
}

/**
 * The page as a person meets it: hydrated, with no axe violations; saved as `<label>.png` (label
 * in lower case, other characters as dashes) when SCREENSHOTS_DIR names a folder.
 */
export async function checkPage(page: Page, label: string): Promise<void> {
  await waitForHydration(page);
  await expectNoAxeViolations(page, label);
  await saveScreenshot(page, label.toLowerCase().replace(/[^a-z0-9]+/g, "-"));
}

export interface CollectOptions {
  /**
   * Also report same-origin requests that failed or answered >= 400 (fonts, sprite, scripts,
   * styles). Navigations are left out: a test asserts their status itself (e.g. the 404 page).
   * Default true.
   */
  assets?: boolean;
}

/**
 * Starts collecting what must not happen on a page: console errors (React hydration errors
 * #418/#423 among them), uncaught page errors and, by default, broken same-origin assets. Returns
 * a live array; assert `expect(problems).toEqual([])` at the end of the test.
 */
export function collectConsoleErrors(page: Page, opts: CollectOptions = {}): string[] {
  const problems: string[] = [];
  const assets = opts.assets ?? true;
  page.on("console", (msg) => {
    if (msg.type() !== "error") return;
    const loc = msg.location();
    // A failed document navigation (e.g. the 404 page) is logged by Chromium as a console error.
    if (
      /Failed to load resource: the server responded with a status of 4\d\d/.test(msg.text()) &&
      loc.url === page.url()
    )
      return;
    problems.push(`console.error: ${msg.text()}${loc.url ? ` (${loc.url}:${loc.lineNumber})` : ""}`);
  });
  page.on("pageerror", (err) => problems.push(`page error: ${err.message}`));
  if (assets) {
    const sameOrigin = (url: string) => {
      try {
        const current = new URL(page.url());
        return new URL(url).origin === current.origin;
      } catch {
        return false;
      }
    };
    page.on("requestfailed", (req) => {
      if (req.isNavigationRequest() || !sameOrigin(req.url())) return;
      const reason = req.failure()?.errorText ?? "failed";
      // Requests cut short because the page navigated away are not broken assets.
      if (reason === "net::ERR_ABORTED") return;
      problems.push(`request failed: ${req.method()} ${req.url()} (${reason})`);
    });
    page.on("response", (res) => {
      const req = res.request();
      if (req.isNavigationRequest() || !sameOrigin(res.url())) return;
      if (res.status() >= 400) problems.push(`HTTP ${res.status()}: ${req.method()} ${res.url()}`);
    });
  }
  return problems;
}

// ---- login ------------------------------------------------------------------------------------

/** The demo identity provider as the SPID button lists it. */
export const DEMO_IDP_NAME = "Identity provider dimostrativo";

/** From the portal's SPID button page (/saml/login) to the demo IdP's login page. */
export async function chooseDemoIdp(page: Page): Promise<void> {
  await page.getByText("Entra con SPID").click();
  await page.getByRole("link", { name: DEMO_IDP_NAME }).click();
  await page.waitForURL(/\/demo-idp\/sso/);
  await page.getByRole("heading", { level: 1, name: "Accesso con SPID" }).waitFor({ state: "visible" });
}

export interface DemoLoginOptions {
  /**
   * Start at /saml/login?next=<next> and land there. Without it the login starts where a person
   * starts: the home page's "Accedi all'area personale" link.
   */
  next?: string;
  /** The URL the login lands on: by default `next`, or the Scrivania (/area-personale). */
  landing?: RegExp;
}

export interface LoggedInOptions extends DemoLoginOptions {
  /** Options of the fresh context (a phone, say); a desktop by default. */
  context?: BrowserContextOptions;
  /** Console errors the test provokes on purpose (a refused form answers 400, say). */
  expectedErrors?: RegExp;
}

/**
 * Runs `body` on a fresh page after the person's login through the demo IdP (landing as
 * `loginWithDemoIdp` says); the body may not make the page log console errors other than the
 * expected ones. The context is closed whatever happens.
 */
export async function loggedIn(
  browser: Browser,
  baseUrl: string,
  person: { name: string; surname: string },
  body: (page: Page) => Promise<void>,
  opts: LoggedInOptions = {},
): Promise<void> {
  const { context: contextOpts, expectedErrors, ...login } = opts;
  const context = await newContext(browser, contextOpts);
  const page = await context.newPage();
  const problems = collectConsoleErrors(page);
  try {
    await loginWithDemoIdp(page, baseUrl, person, login);
    await body(page);
    expect(problems.filter((p) => !expectedErrors?.test(p))).toEqual([]);
  } finally {
    await context.close();
  }
}

/** `loggedIn` for a citizen: the body starts once the Scrivania greets them by name. */
export async function asCitizen(
  browser: Browser,
  baseUrl: string,
  person: { name: string; surname: string },
  body: (page: Page) => Promise<void>,
  contextOpts: BrowserContextOptions = {},
): Promise<void> {
  await loggedIn(
    browser,
    baseUrl,
    person,
    async (page) => {
      await firstVisible(page.getByRole("heading", { level: 1, name: `${person.name} ${person.surname}` }));
      await body(page);
    },
    { context: contextOpts },
  );
}

/**
 * Logs a person in as one does in the browser: SPID button, demo IdP, the person's button on the
 * IdP's page (SPID level 2, the IdP's default), then waits for the landing URL.
 */
export async function loginWithDemoIdp(
  page: Page,
  baseUrl: string,
  person: { name: string; surname: string },
  opts: DemoLoginOptions = {},
): Promise<void> {
  const { next } = opts;
  if (next) {
    await page.goto(`${baseUrl}/saml/login?next=${encodeURIComponent(next)}`);
  } else {
    await page.goto(`${baseUrl}/`);
    await page.getByRole("link", { name: "Accedi all'area personale" }).first().click();
    await page.waitForURL(/\/saml\/login/);
  }
  await chooseDemoIdp(page);
  await page.getByRole("button", { name: new RegExp(`^${person.name} ${person.surname}\\b`) }).click();
  const landing = opts.landing ?? (next ? (url: URL) => url.pathname === next : /\/area-personale$/);
  await page.waitForURL(landing, { timeout: 30_000 });
}

import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  collectConsoleErrors,
  describeBrowser,
  expectNoAxeViolations,
  newContext,
  PHONE_CONTEXT,
  saveScreenshot,
  waitForHydration,
} from "../support/browser";
import { startServer, type TestServer } from "../support/server";

const PORTAL = "Fascicolo del cittadino";

const PAGES = [
  { path: "/", title: PORTAL, h1: PORTAL },
  {
    path: "/dichiarazione-di-accessibilita",
    title: `Dichiarazione di accessibilità - ${PORTAL}`,
    h1: "Dichiarazione di accessibilità",
  },
  { path: "/privacy", title: `Privacy - ${PORTAL}`, h1: "Informativa sulla privacy" },
  { path: "/note-legali", title: `Note legali - ${PORTAL}`, h1: "Note legali" },
  { path: "/dati-aperti", title: `Dati aperti - ${PORTAL}`, h1: "Dati aperti" },
  {
    path: "/questa-pagina-non-esiste",
    title: `Pagina non trovata - ${PORTAL}`,
    h1: "Pagina non trovata",
    status: 404,
  },
];

// Screenshots are taken only when SCREENSHOTS_DIR names a folder (saveScreenshot): the README's
// picture of the home page is home-desktop.png of such a run.

/**
 * After hydration: the client code has been fetched and has run, and the design system's fonts,
 * declared in its stylesheet, have loaded.
 */
async function waitForHydratedFonts(page: Page) {
  await waitForHydration(page);
  await page.waitForFunction(
    () =>
      [...document.fonts].some(
        (f) => f.family.replace(/["']/g, "") === "Titillium Web" && f.status === "loaded",
      ),
    undefined,
    { timeout: 60_000 },
  );
}

describeBrowser("public pages in Chromium", ({ browser }) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  for (const p of PAGES) {
    for (const [size, opts] of [
      ["desktop", {}],
      ["phone", PHONE_CONTEXT],
    ] as const) {
      it(`${p.path} (${size}): status, title, fonts, no console errors or broken assets, no axe violations`, async () => {
        const context = await newContext(browser(), opts);
        const page = await context.newPage();
        const problems = collectConsoleErrors(page);
        const fontResponses: number[] = [];
        page.on("response", (res) => {
          if (/\/titillium-web-[^/]+\.woff2$/.test(res.url())) fontResponses.push(res.status());
        });
        try {
          const res = await page.goto(server.url + p.path);
          expect(res?.status()).toBe(p.status ?? 200);
          await waitForHydratedFonts(page);

          await expect(page.title()).resolves.toBe(p.title);
          await expect(page.locator("h1").first().textContent()).resolves.toContain(p.h1);
          expect(fontResponses.length).toBeGreaterThan(0);
          expect(fontResponses.every((s) => s === 200)).toBe(true);
          // video.js inside the bundle must not have touched <head> (it would break hydration).
          await expect(page.locator("head style.vjs-styles-defaults").count()).resolves.toBe(0);

          await expectNoAxeViolations(page, `${p.path} (${size})`);
          expect(problems).toEqual([]);
          await saveScreenshot(page, `${p.path === "/" ? "home" : p.path.slice(1)}-${size}`);
        } finally {
          await context.close();
        }
      });
    }
  }

  it("the 404 page offers a way back and shows no technical details", async () => {
    const context = await newContext(browser());
    const page = await context.newPage();
    const problems = collectConsoleErrors(page);
    try {
      const res = await page.goto(`${server.url}/area-inesistente/123`);
      expect(res?.status()).toBe(404);
      const main = page.locator("main");
      await expect(main.textContent()).resolves.toMatch(/Pagina non trovata/);
      await expect(main.getByRole("link", { name: "la pagina iniziale del portale" }).count()).resolves.toBe(
        1,
      );
      await expect(main.textContent()).resolves.not.toMatch(/Error|stack|at \w+ \(/);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("the skip link is the first stop of the keyboard and moves focus to the main content", async () => {
    const context = await newContext(browser());
    const page = await context.newPage();
    try {
      await page.goto(server.url + "/");
      await waitForHydratedFonts(page);
      await page.keyboard.press("Tab");
      const focused = page.locator(":focus");
      await expect(focused.textContent()).resolves.toBe("Vai al contenuto principale");
      await expect(focused.isVisible()).resolves.toBe(true);
      await page.keyboard.press("Enter");
      await page.waitForFunction(() => document.activeElement?.id === "main-content");
      // The next Tab continues from the main content, not from the header.
      await page.keyboard.press("Tab");
      await expect(page.evaluate(() => !!document.activeElement?.closest("main"))).resolves.toBe(true);
    } finally {
      await context.close();
    }
  });

  it("on a phone the menu button opens the navigation, Escape closes it, and links navigate", async () => {
    const context = await newContext(browser(), PHONE_CONTEXT);
    const page = await context.newPage();
    const problems = collectConsoleErrors(page);
    try {
      await page.goto(server.url + "/");
      await waitForHydratedFonts(page);
      const toggler = page.locator('button[aria-controls="main-nav"]');
      const areaLink = page.locator("#main-nav").getByRole("link", { name: "Area personale" });
      await expect(toggler.isVisible()).resolves.toBe(true);
      await expect(areaLink.isVisible()).resolves.toBe(false);

      await toggler.click();
      await page.waitForFunction(() => document.querySelector("#main-nav")?.classList.contains("expanded"));
      await expect(toggler.getAttribute("aria-expanded")).resolves.toBe("true");
      await expect(areaLink.isVisible()).resolves.toBe(true);
      await page.waitForTimeout(400); // slide-in transition
      await saveScreenshot(page, "home-phone-menu", { fullPage: false });
      await expectNoAxeViolations(page, "/ (phone, menu open)");

      await page.keyboard.press("Escape");
      await page.waitForFunction(() => !document.querySelector("#main-nav")?.classList.contains("expanded"));
      await expect(toggler.getAttribute("aria-expanded")).resolves.toBe("false");

      // Opened again, a link navigates on the client and the menu closes behind it.
      await toggler.click();
      await page.waitForFunction(() => document.querySelector("#main-nav")?.classList.contains("expanded"));
      await page.locator("#main-nav").getByRole("link", { name: "Home" }).click();
      // Closed for good: the main content is usable again once the closing transition ends.
      await page.waitForFunction(
        () =>
          !document.querySelector("#main-nav")?.classList.contains("expanded") &&
          !document.querySelector("main")?.hasAttribute("inert"),
      );
      await expect(areaLink.isVisible()).resolves.toBe(false);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("footer links navigate on the client to the static pages without errors", async () => {
    const context = await newContext(browser());
    const page = await context.newPage();
    const problems = collectConsoleErrors(page);
    try {
      await page.goto(server.url + "/");
      await waitForHydratedFonts(page);
      for (const [name, title] of [
        ["Informativa sulla privacy", `Privacy - ${PORTAL}`],
        ["Note legali", `Note legali - ${PORTAL}`],
        ["Dichiarazione di accessibilità", `Dichiarazione di accessibilità - ${PORTAL}`],
        ["Dati aperti", `Dati aperti - ${PORTAL}`],
      ] as const) {
        await page.locator("footer").getByRole("link", { name, exact: true }).click();
        await page.waitForFunction((t) => document.title === t, title);
        await expect(page.locator("h1").textContent()).resolves.toBe(
          name === "Informativa sulla privacy" ? name : title.split(" - ")[0],
        );
      }
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

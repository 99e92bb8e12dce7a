import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../support/server";

const PORTAL = "Fascicolo del cittadino";

let server: TestServer;

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});

async function get(path: string) {
  const res = await fetch(server.url + path, { redirect: "manual" });
  return { res, body: await res.text() };
}

function titleOf(html: string): string | undefined {
  return /<title>([^<]*)<\/title>/.exec(html)?.[1];
}

describe("public pages over HTTP", () => {
  it("the home page answers 200 in Italian with the portal name and the way in", async () => {
    const { res, body } = await get("/");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    expect(body).toMatch(/<html lang="it"/);
    expect(titleOf(body)).toBe(PORTAL);
    expect(body).toContain(PORTAL);
    expect(body).toContain('href="/saml/login"');
    expect(body).toContain('id="main-content"');
    expect(body).toContain("Vai al contenuto principale");
    expect(body).toContain('href="/paga-un-avviso"');
  });

  it.each([
    ["/dichiarazione-di-accessibilita", "Dichiarazione di accessibilità", "parzialmente conforme"],
    ["/privacy", "Privacy", "Garante per la protezione dei dati personali"],
    ["/note-legali", "Note legali", "CC BY 4.0"],
  ])("%s answers 200 with its title and content", async (path, title, text) => {
    const { res, body } = await get(path);
    expect(res.status).toBe(200);
    expect(titleOf(body)).toBe(`${title} - ${PORTAL}`);
    expect(body).toContain(text);
  });

  it("every page links the accessibility statement, the privacy notice and the legal notes", async () => {
    const { body } = await get("/");
    for (const href of ["/dichiarazione-di-accessibilita", "/privacy", "/note-legali"]) {
      expect(body).toContain(`href="${href}"`);
    }
  });

  it("an unknown URL answers 404 with the Italian page and no technical details", async () => {
    const { res, body } = await get("/questa/pagina/non-esiste");
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    expect(titleOf(body)).toBe(`Pagina non trovata - ${PORTAL}`);
    expect(body).toContain("Pagina non trovata");
    expect(body).not.toMatch(/No route matches|Error:|\bat \S+ \(|node_modules|\.tsx?:\d+/);
    // Still the whole layout: header and footer.
    expect(body).toContain("it-header-wrapper");
    expect(body).toContain('id="footer"');
  });

  it("/status answers 200 with JSON", async () => {
    const { res, body } = await get("/status");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(JSON.parse(body)).toMatchObject({ status: "ok" });
  });

  it("the CSP has a per-request nonce and every inline script carries it", async () => {
    const first = await get("/");
    const csp = first.res.headers.get("content-security-policy") ?? "";
    const nonce = /script-src[^;]*'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce, `no nonce in CSP: ${csp}`).toBeTruthy();
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);

    const scripts = [...first.body.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1]);
    const inline = scripts.filter((attrs) => !/\bsrc=/.test(attrs));
    expect(inline.length).toBeGreaterThan(0);
    for (const attrs of inline) expect(attrs).toContain(`nonce="${nonce}"`);
    // The design system's bundle is loaded from the portal itself.
    expect(first.body).toContain('src="/bootstrap-italia/dist/js/bootstrap-italia.bundle.min.js"');

    const second = await get("/");
    const other = /'nonce-([^']+)'/.exec(second.res.headers.get("content-security-policy") ?? "")?.[1];
    expect(other).toBeTruthy();
    expect(other).not.toBe(nonce);
  });

  it("the 404 page's inline scripts carry the nonce too", async () => {
    const { res, body } = await get("/non-esiste");
    const nonce = /'nonce-([^']+)'/.exec(res.headers.get("content-security-policy") ?? "")?.[1];
    const inline = [...body.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1]).filter((a) => !/\bsrc=/.test(a));
    expect(inline.length).toBeGreaterThan(0);
    for (const attrs of inline) expect(attrs).toContain(`nonce="${nonce}"`);
  });

  it("the design system's assets the layout uses are served", async () => {
    for (const path of [
      "/bootstrap-italia/dist/css/bootstrap-italia.min.css",
      "/bootstrap-italia/dist/js/bootstrap-italia.bundle.min.js",
      "/bootstrap-italia/dist/svg/sprites.svg",
      "/bootstrap-italia/dist/fonts/Titillium_Web/titillium-web-v10-latin-ext_latin-regular.woff2",
      "/favicon.svg",
      "/favicon.ico",
      "/apple-touch-icon.png",
    ]) {
      const res = await fetch(server.url + path);
      expect(res.status, path).toBe(200);
      await res.arrayBuffer();
    }
  });
});

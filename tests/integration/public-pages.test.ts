import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { request, send } from "../support/http";
import { startServer, type TestServer } from "../support/server";

const PORTAL = "Fascicolo del cittadino";

let server: TestServer;

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});

function titleOf(html: string): string | undefined {
  return /<title>([^<]*)<\/title>/.exec(html)?.[1];
}

describe("public pages over HTTP", () => {
  it("the home page answers 200 in Italian with the portal name and the way in", async () => {
    const { res, body } = await request(server.url, null, "/");
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
    ["/dati-aperti", "Dati aperti", "CC BY 4.0"],
  ])("%s answers 200 with its title and content", async (path, title, text) => {
    const { res, body } = await request(server.url, null, path);
    expect(res.status).toBe(200);
    expect(titleOf(body)).toBe(`${title} - ${PORTAL}`);
    expect(body).toContain(text);
  });

  it("every page links the accessibility statement, the privacy notice, the legal notes and the open data", async () => {
    const { body } = await request(server.url, null, "/");
    for (const href of ["/dichiarazione-di-accessibilita", "/privacy", "/note-legali", "/dati-aperti"]) {
      expect(body).toContain(`href="${href}"`);
    }
  });

  it("an unknown URL answers 404 with the Italian page and no technical details", async () => {
    const { res, body } = await request(server.url, null, "/questa/pagina/non-esiste");
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
    const { res, body } = await request(server.url, null, "/status");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(JSON.parse(body)).toMatchObject({ status: "ok" });
  });

  it("the CSP has a per-request nonce and every inline script carries it", async () => {
    const first = await request(server.url, null, "/");
    const csp = first.res.headers.get("content-security-policy") ?? "";
    const nonce = /script-src[^;]*'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce, `no nonce in CSP: ${csp}`).toBeTruthy();
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);

    const scripts = [...first.body.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1]);
    const inline = scripts.filter((attrs) => !/\bsrc=/.test(attrs));
    expect(inline.length).toBeGreaterThan(0);
    for (const attrs of inline) expect(attrs).toContain(`nonce="${nonce}"`);
    // The design system's script comes with the portal's own build: no other script is loaded.
    expect(first.body).not.toContain("bootstrap-italia.bundle");
    const sources = [...first.body.matchAll(/<script\b[^>]*\bsrc="([^"]*)"/g)].map((m) => m[1]);
    const imports = [...first.body.matchAll(/\b(?:import\(?|from)\s*"([^"]+)"/g)].map((m) => m[1]);
    expect(imports.length).toBeGreaterThan(0);
    for (const url of [...sources, ...imports]) expect(url).toMatch(/^\/build\//);

    const second = await request(server.url, null, "/");
    const other = /'nonce-([^']+)'/.exec(second.res.headers.get("content-security-policy") ?? "")?.[1];
    expect(other).toBeTruthy();
    expect(other).not.toBe(nonce);
  });

  it("the 404 page's inline scripts carry the nonce too", async () => {
    const { res, body } = await request(server.url, null, "/non-esiste");
    const nonce = /'nonce-([^']+)'/.exec(res.headers.get("content-security-policy") ?? "")?.[1];
    const inline = [...body.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1]).filter((a) => !/\bsrc=/.test(a));
    expect(inline.length).toBeGreaterThan(0);
    for (const attrs of inline) expect(attrs).toContain(`nonce="${nonce}"`);
  });

  it("the layout's stylesheet, fonts and scripts are fingerprinted build files cached for a year", async () => {
    const { body } = await request(server.url, null, "/");
    const links = [...body.matchAll(/<link\b[^>]*\bhref="([^"]+)"/g)].map((m) => m[1]!);
    const built = links.filter((href) => href.startsWith("/build/"));
    expect(built.filter((href) => href.endsWith(".css")).length).toBeGreaterThan(0);
    expect(built.filter((href) => href.endsWith(".woff2")).length).toBe(3);
    expect(built.filter((href) => href.endsWith(".js")).length).toBeGreaterThan(0);
    expect(links.filter((href) => href.startsWith("/bootstrap-italia/"))).toEqual([]);
    for (const href of built) {
      const res = await send(server.url + href, { headers: { "accept-encoding": "br, gzip" } });
      expect(res.status, href).toBe(200);
      expect(res.headers.get("cache-control"), href).toBe("public, max-age=31536000, immutable");
      // Scripts and styles are sent precompressed with brotli (those under 1 KB as they are).
      if (/\.(css|js)$/.test(href)) expect([null, "br"], href).toContain(res.headers.get("content-encoding"));
    }
  });

  it("a precompressed asset is the same file in every encoding, with its own type and Vary", async () => {
    const { body } = await request(server.url, null, "/");
    const stylesheet = /<link rel="stylesheet" href="(\/build\/[^"]+\.css)"/.exec(body)?.[1];
    expect(stylesheet).toBeTruthy();
    const texts: string[] = [];
    for (const [accept, encoding] of [
      ["br", "br"],
      ["gzip", "gzip"],
      ["gzip;q=1, br;q=0", "gzip"],
      ["identity", null],
    ] as const) {
      const res = await send(server.url + stylesheet, { headers: { "accept-encoding": accept } });
      expect(res.status, accept).toBe(200);
      expect(res.headers.get("content-encoding"), accept).toBe(encoding);
      expect(res.headers.get("content-type"), accept).toMatch(/^text\/css/);
      expect(res.headers.get("vary"), accept).toMatch(/Accept-Encoding/i);
      texts.push(res.body);
    }
    expect(texts[0]!.length).toBeGreaterThan(100_000);
    for (const text of texts) expect(text).toBe(texts[0]);
    // A missing file is still a 404, whatever the client accepts.
    const missing = await send(`${server.url}/build/non-esiste.js`, { headers: { "accept-encoding": "br" } });
    expect(missing.status).toBe(404);
  });

  it("the icon sprite and the favicons are served", async () => {
    for (const path of ["/bootstrap-italia/dist/svg/sprites.svg", "/favicon.svg", "/favicon.ico", "/apple-touch-icon.png"]) {
      const res = await request(server.url, null, path);
      expect(res.status, path).toBe(200);
    }
  });
});

/**
 * Where a demo may run and who may tell the portal a client's address: a demo listening beyond
 * this machine needs DEMO_PUBLIC and then says so on every page; X-Forwarded-For counts only from
 * the proxies TRUST_PROXY names, so a client cannot pick its own rate-limit key.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pageText } from "../support/http";
import { startServer, type TestServer } from "../support/server";

/** Default network settings, a public demo, and RATE_LIMIT_FACTOR 0.1: 3 look-ups a minute. */
let publicDemo: TestServer;
/** The same behind a proxy on this machine that TRUST_PROXY names. */
let behindProxy: TestServer;

beforeAll(async () => {
  [publicDemo, behindProxy] = await Promise.all([
    startServer({ env: { DEMO_PUBLIC: "true", RATE_LIMIT_FACTOR: "0.1" } }),
    startServer({ env: { TRUST_PROXY: "127.0.0.1", RATE_LIMIT_FACTOR: "0.1" } }),
  ]);
});

afterAll(async () => {
  await Promise.all([publicDemo?.stop(), behindProxy?.stop()]);
});

const lookUp = (server: TestServer, forwardedFor: string) =>
  fetch(`${server.url}/verifica/ABCD-EFGH-${forwardedFor.replace(/\W/g, "")}`, {
    headers: { "X-Forwarded-For": forwardedFor },
    redirect: "manual",
  });

describe("demo mode beyond this machine", () => {
  it("refuses to start a demo listening on every interface without DEMO_PUBLIC", async () => {
    const start = startServer({ env: { HOST: "0.0.0.0" } });
    await expect(start).rejects.toThrow(/server exited \(1\)[\s\S]*DEMO: [\s\S]*DEMO_PUBLIC=true/);
  });

  it("shows the public demo banner on every page, 404 included", async () => {
    for (const path of ["/", "/privacy", "/dichiarazione-di-accessibilita", "/pagina-che-non-esiste"]) {
      const res = await fetch(publicDemo.url + path, { redirect: "manual" });
      const text = pageText(await res.text());
      expect(text, path).toContain("Portale dimostrativo: chiunque può entrare con qualsiasi identità");
      expect(text, path).toContain("Non inserire dati personali reali.");
    }
  });

  it("keeps the plain demo notice for a demo on this machine", async () => {
    const text = pageText(await (await fetch(behindProxy.url + "/")).text());
    expect(text).toContain("Ambiente dimostrativo");
    expect(text).not.toContain("Portale dimostrativo");
  });
});

describe("X-Forwarded-For and rate limits", () => {
  it("by default ignores X-Forwarded-For: rotating it does not escape the limit", async () => {
    const statuses: number[] = [];
    for (let i = 1; i <= 5; i++) statuses.push((await lookUp(publicDemo, `203.0.113.${i}`)).status);
    expect(statuses.slice(0, 3)).not.toContain(429);
    expect(statuses.slice(3)).toEqual([429, 429]);
  });

  it("believes it from a proxy TRUST_PROXY names, one key per client behind it", async () => {
    const statuses: number[] = [];
    for (let i = 1; i <= 5; i++) statuses.push((await lookUp(behindProxy, `203.0.113.${i}`)).status);
    expect(statuses).not.toContain(429);
    // The same client four times is limited.
    const again: number[] = [];
    for (let i = 0; i < 4; i++) again.push((await lookUp(behindProxy, "198.51.100.7")).status);
    expect(again.slice(0, 3)).not.toContain(429);
    expect(again[3]).toBe(429);
  });
});

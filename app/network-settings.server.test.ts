import { describe, expect, it } from "vitest";
import { isLoopbackHost, parseTrustProxy } from "~/network-settings.server";

describe("parseTrustProxy", () => {
  it.each([undefined, "", " ", "false", "none", "0"])("%j trusts nobody", (raw) => {
    expect(parseTrustProxy(raw)).toEqual({ ok: true, value: false });
  });

  it("reads a number of proxies", () => {
    expect(parseTrustProxy("1")).toEqual({ ok: true, value: 1 });
    expect(parseTrustProxy("2")).toEqual({ ok: true, value: 2 });
    expect(parseTrustProxy("11")).toMatchObject({ ok: false });
  });

  it("reads addresses, networks and Express's names, comma-separated", () => {
    expect(parseTrustProxy("127.0.0.1")).toEqual({ ok: true, value: ["127.0.0.1"] });
    expect(parseTrustProxy("10.0.0.0/8, 192.168.1.10 ,::1,fd00::/8,loopback,uniquelocal,linklocal")).toEqual({
      ok: true,
      value: ["10.0.0.0/8", "192.168.1.10", "::1", "fd00::/8", "loopback", "uniquelocal", "linklocal"],
    });
  });

  it.each([
    "true",
    "*",
    "10.0.0.0/33",
    "fd00::/129",
    "10.0.0.0/",
    "10.0.0.0/-1",
    "300.1.1.1",
    "proxy.example.it",
    "10.0.0.1,",
    "10.0.0.1;10.0.0.2",
    "-1",
    "1.5",
  ])("refuses %j with a message", (raw) => {
    const parsed = parseTrustProxy(raw);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message.length).toBeGreaterThan(20);
  });

  it("names the entries it refuses", () => {
    const parsed = parseTrustProxy("10.0.0.1, proxy.example.it");
    expect(parsed).toMatchObject({ ok: false });
    if (!parsed.ok) expect(parsed.message).toContain("«proxy.example.it»");
  });
});

describe("isLoopbackHost", () => {
  it.each(["localhost", "LOCALHOST", "127.0.0.1", "127.1.2.3", "::1", "[::1]", "0:0:0:0:0:0:0:1", "::ffff:127.0.0.1"])(
    "%s is this machine only",
    (host) => expect(isLoopbackHost(host)).toBe(true),
  );
  it.each(["0.0.0.0", "::", "192.168.1.10", "10.0.0.1", "portale.example.it", "::2", "128.0.0.1", "localhost.example.it"])(
    "%s is reachable from elsewhere",
    (host) => expect(isLoopbackHost(host)).toBe(false),
  );
});

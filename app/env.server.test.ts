import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig as loadFromEnv } from "~/env.server";

const loadConfig = (env: Record<string, string>) => loadFromEnv({ NODE_ENV: "production", ...env });

const secrets = { SESSION_SECRET: "s".repeat(32), AUDIT_HMAC_KEY: "a".repeat(32) };
const demo = { ...secrets, DEMO: "true", DATA_DIR: "/nonexistent-data-dir" };
const production = {
  ...secrets,
  PUBLIC_URL: "https://fascicolo.regione.example.it",
  SAML_SP_KEY_FILE: "/etc/fascicolo/sp-key.pem",
  SAML_SP_CERT_FILE: "/etc/fascicolo/sp-cert.pem",
};

function refusal(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error("the configuration was accepted");
}

describe("demo mode and where the portal listens", () => {
  it("serves a demo on this machine only: localhost by default, 127.x or ::1", () => {
    for (const HOST of [undefined, "localhost", "127.0.0.1", "::1"]) {
      const config = loadConfig({ ...demo, ...(HOST ? { HOST } : {}) });
      expect(config.demo).toBe(true);
      expect(config.demoPublic).toBe(false);
    }
  });

  it("refuses a demo listening elsewhere, even with https and real keys, naming DEMO and DEMO_PUBLIC", () => {
    for (const HOST of ["0.0.0.0", "::", "192.168.1.10", "portale.example.it"]) {
      const message = refusal({ ...demo, ...production, HOST });
      expect(message).toContain("- DEMO:");
      expect(message).toContain(`HOST=${HOST}`);
      expect(message).toContain("DEMO_PUBLIC=true");
    }
  });

  it("accepts a public demo said in so many words, and marks it for the banner", () => {
    const config = loadConfig({ ...demo, HOST: "0.0.0.0", DEMO_PUBLIC: "true" });
    expect(config.demoPublic).toBe(true);
    expect(loadConfig({ ...demo, DEMO_PUBLIC: "true" }).demoPublic).toBe(true);
  });

  it("leaves the portal outside demo mode alone, where DEMO_PUBLIC means nothing", () => {
    const config = loadConfig({ ...production, HOST: "0.0.0.0", DEMO_PUBLIC: "true" });
    expect(config.demo).toBe(false);
    expect(config.demoPublic).toBe(false);
  });

  it("refuses DEMO_PUBLIC values that are not a yes or a no", () => {
    expect(refusal({ ...demo, DEMO_PUBLIC: "maybe" })).toContain("DEMO_PUBLIC");
  });
});

describe("TRUST_PROXY", () => {
  it("trusts no proxy by default", () => {
    expect(loadConfig(demo).trustProxy).toBe(false);
    expect(loadConfig(production).trustProxy).toBe(false);
  });

  it("takes addresses and networks, or a number of proxies", () => {
    expect(loadConfig({ ...demo, TRUST_PROXY: "127.0.0.1, 10.0.0.0/8" }).trustProxy).toEqual([
      "127.0.0.1",
      "10.0.0.0/8",
    ]);
    expect(loadConfig({ ...demo, TRUST_PROXY: "1" }).trustProxy).toBe(1);
  });

  it("stops the start with a message naming the setting", () => {
    for (const TRUST_PROXY of ["true", "10.0.0.0/40", "proxy.example.it"]) {
      const message = refusal({ ...demo, TRUST_PROXY });
      expect(message).toMatch(/^Configurazione non valida:\n- TRUST_PROXY: /);
    }
  });
});

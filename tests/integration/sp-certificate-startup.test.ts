/**
 * Issue 10, item 6: the SP certificate follows AgID's profile for public SPs (Avviso SPID n. 29
 * v3). Demo mode generates one; outside demo mode the portal refuses to start with a certificate
 * off the profile, naming each deviation, unless SAML_SP_CERT_CHECK=warn.
 */
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { generate } from "selfsigned";
import { afterAll, describe, expect, it } from "vitest";
import { checkSpCertificate, generateSpCertificate } from "../../saml/sp-certificate";
import { PROJECT_ROOT } from "../support/constants";
import { databaseUrlOf } from "../support/db";
import { freePort, freshDataDir, startServer, type TestServer } from "../support/server";

const PUBLIC_URL = "https://fascicolo.prova.example";
const ENTITY_ID = `${PUBLIC_URL}/saml/metadata`;
const started: TestServer[] = [];

afterAll(async () => {
  await Promise.all(started.map((s) => s.stop()));
});

/** A data folder with the given key pair as the SP's files, and the environment of a non-demo start. */
async function productionEnv(pair: { key: string; cert: string }, extra: Record<string, string> = {}) {
  const dataDir = await freshDataDir();
  const keyFile = path.join(dataDir, "sp-key.pem");
  const certFile = path.join(dataDir, "sp-cert.pem");
  fs.writeFileSync(keyFile, pair.key, { mode: 0o600 });
  fs.writeFileSync(certFile, pair.cert);
  return {
    dataDir,
    certFile,
    env: {
      DEMO: "false",
      PUBLIC_URL,
      SESSION_SECRET: "s".repeat(40),
      AUDIT_HMAC_KEY: "a".repeat(40),
      SAML_SP_KEY_FILE: keyFile,
      SAML_SP_CERT_FILE: certFile,
      ...extra,
    },
  };
}

/** Runs the built server until it exits (or fails the test after 60 s). */
async function runUntilExit(
  dataDir: string,
  env: Record<string, string>,
): Promise<{ code: number | null; out: string }> {
  const port = await freePort();
  const databaseUrl = databaseUrlOf(dataDir);
  const child = spawn(process.execPath, [path.join(PROJECT_ROOT, "build/server/server.js")], {
    cwd: PROJECT_ROOT,
    env: {
      PATH: process.env.PATH ?? "",
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PORT: String(port),
      DATA_DIR: dataDir,
      ...(databaseUrl.startsWith("file:") ? {} : { DATABASE_URL: databaseUrl }),
      LOG_LEVEL: "warn",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  clearTimeout(timer);
  return { code, out };
}

describe("the SP certificate at start-up", () => {
  it("demo mode generates a certificate on AgID's profile from the ORG_* settings", async () => {
    const server = await startServer({
      env: { ORG_IPA_CODE: "r_prova", ORG_LOCALITY: "Novara", ORG_NAME: "Regione di prova" },
    });
    started.push(server);
    const cert = fs.readFileSync(path.join(server.dataDir, "saml", "sp-cert.pem"), "utf8");
    expect(checkSpCertificate(cert, { ipaCode: "r_prova", entityId: `${server.url}/saml/metadata` })).toEqual(
      [],
    );
    const subject = new crypto.X509Certificate(cert).subject;
    expect(subject).toContain("organizationIdentifier=PA:IT-r_prova");
    expect(subject).toContain("L=Novara");
    expect(subject).toContain("O=Regione di prova");
    // The metadata publishes that certificate.
    const metadata = await (await fetch(`${server.url}/saml/metadata`)).text();
    const body = cert.replace(/-----[^-]+-----/g, "").replace(/\s+/g, "");
    expect(metadata).toContain(body);
  });

  it("outside demo mode, a certificate off the profile stops the start, naming each deviation", async () => {
    const old = await generate([{ name: "commonName", value: "fascicolo.prova.example" }], {
      keySize: 2048,
      algorithm: "sha256",
    });
    const { dataDir, certFile, env } = await productionEnv({ key: old.private, cert: old.cert });
    const { code, out } = await runUntilExit(dataDir, env);
    expect(code).toBe(1);
    expect(out).toContain("Certificato del Service Provider non conforme all'Avviso SPID n. 29 v3");
    expect(out).toContain(certFile);
    for (const deviation of [
      "SAML_SP_CERT_FILE: nel soggetto manca organizationIdentifier (2.5.4.97)",
      "SAML_SP_CERT_FILE: nel soggetto manca localityName",
      "SAML_SP_CERT_FILE: nel soggetto manca organizationName",
      "SAML_SP_CERT_FILE: nel soggetto manca uri (2.5.4.83)",
      "SAML_SP_CERT_FILE: manca l'estensione certificatePolicies",
    ])
      expect(out).toContain(deviation);
    expect(out).toContain("SAML_SP_CERT_CHECK=warn");
  });

  it("SAML_SP_CERT_CHECK=warn lets it start, with the deviations in the log", async () => {
    const old = await generate([{ name: "commonName", value: "fascicolo.prova.example" }], {
      keySize: 2048,
      algorithm: "sha256",
    });
    const { dataDir, env } = await productionEnv(
      { key: old.private, cert: old.cert },
      { SAML_SP_CERT_CHECK: "warn" },
    );
    const server = await startServer({ dataDir, env });
    started.push(server);
    expect((await fetch(`${server.url}/status`)).status).toBe(200);
    expect(server.output()).toContain("SAML_SP_CERT_CHECK=warn");
    expect(server.output()).toContain("manca l'estensione certificatePolicies");
  });

  it("outside demo mode, a compliant certificate starts without a word", async () => {
    const pair = await generateSpCertificate({
      ipaCode: "r_demo",
      commonName: "Fascicolo del cittadino",
      organizationName: "Regione Piemonte Demo",
      localityName: "Torino",
      entityId: ENTITY_ID,
    });
    const { dataDir, env } = await productionEnv(pair);
    const server = await startServer({ dataDir, env });
    started.push(server);
    expect((await fetch(`${server.url}/status`)).status).toBe(200);
    expect(server.output()).not.toContain("AgID's profile");
  });

  it("refuses SAML_SP_CERT_CHECK values other than error and warn", async () => {
    const pair = await generateSpCertificate({
      ipaCode: "r_demo",
      commonName: "Fascicolo del cittadino",
      organizationName: "Regione Piemonte Demo",
      localityName: "Torino",
      entityId: ENTITY_ID,
    });
    const { dataDir, env } = await productionEnv(pair, { SAML_SP_CERT_CHECK: "ignora" });
    const { code, out } = await runUntilExit(dataDir, env);
    expect(code).toBe(1);
    expect(out).toContain("Configurazione non valida");
    expect(out).toContain("SAML_SP_CERT_CHECK");
  });
});

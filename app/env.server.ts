import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { z } from "zod";
import { isLoopbackHost, parseTrustProxy, type TrustProxy } from "~/network-settings.server";

const flag = z
  .enum(["true", "false", "1", "0", "yes", "no", ""])
  .optional()
  .transform((v) => v === "true" || v === "1" || v === "yes");

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("localhost"),
  PUBLIC_URL: z.string().url().optional(),
  DEMO: flag,
  DEMO_PUBLIC: flag,
  DATA_DIR: z.string().min(1).default("data"),
  DATABASE_URL: z.string().min(1).optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(500).default(10),
  DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).max(3_600_000).default(0),
  SESSION_SECRET: z.string().min(32, "almeno 32 caratteri").optional(),
  AUDIT_HMAC_KEY: z.string().min(32, "almeno 32 caratteri").optional(),
  SPID_LEVEL: z.coerce.number().int().min(1).max(3).default(2),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(240).default(15),
  SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(24).default(8),
  SAML_SP_ENTITY_ID: z.string().min(1).optional(),
  SAML_SP_KEY_FILE: z.string().min(1).optional(),
  SAML_SP_CERT_FILE: z.string().min(1).optional(),
  SAML_IDP_DIR: z.string().min(1).default("saml/idps"),
  SAML_CIE_IDP_DIR: z.string().min(1).default("saml/idps/cie"),
  SAML_SP_CERT_CHECK: z.enum(["error", "warn"]).default("error"),
  ORG_NAME: z.string().min(1).default("Regione Piemonte Demo - Portale del cittadino"),
  ORG_DISPLAY_NAME: z.string().min(1).default("Fascicolo del cittadino"),
  ORG_IPA_CODE: z.string().min(1).default("r_demo"),
  ORG_LOCALITY: z.string().min(1).default("Torino"),
  ORG_MUNICIPALITY_CODE: z
    .string()
    .regex(/^[A-Z][0-9]{3}$/, "codice catastale del comune, per esempio L219")
    .default("L219"),
  ORG_PROVINCE: z
    .string()
    .regex(/^[A-Z]{2}$/, "sigla della provincia, per esempio TO")
    .default("TO"),
  ORG_EMAIL: z.string().email().default("portale@regione.demo.it"),
  ORG_PHONE: z
    .string()
    .regex(/^\+?[0-9]{6,15}$/, "solo cifre, senza spazi")
    .default("+390110000000"),
  SMTP_URL: z
    .string()
    .regex(
      /^smtps?:\/\/[^\s]+$/,
      "un indirizzo smtp:// oppure smtps://, per esempio smtp://utente:password@mail.example.it:587",
    )
    .optional(),
  MAIL_FROM: z.string().min(3).max(200).optional(),
  DEMO_TODAY: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "formato AAAA-MM-GG")
    .optional(),
  SEED_CITIZENS: z.coerce.number().int().min(10).optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  RATE_LIMIT_FACTOR: z.coerce.number().min(0.01).max(1000).default(1),
  JOB_PERIOD_FACTOR: z.coerce.number().min(0.001).max(1000).default(1),
  WORKER_HEAP_MB: z.coerce
    .number()
    .int()
    .refine((n) => n === 0 || (n >= 64 && n <= 16384), "0 (il limite di Node) oppure da 64 a 16384")
    .default(512),
  WEB_CONCURRENCY: z
    .string()
    .regex(/^(auto|[1-9][0-9]?)$/, "auto oppure un numero da 1 a 99")
    .default("auto"),
  TRUST_PROXY: z
    .string()
    .optional()
    .transform((raw, ctx) => {
      const parsed = parseTrustProxy(raw);
      if (parsed.ok) return parsed.value;
      ctx.addIssue({ code: "custom", message: parsed.message });
      return z.NEVER;
    }),
});

export interface Config {
  nodeEnv: "development" | "production" | "test";
  port: number;
  host: string;
  publicUrl: string;
  demo: boolean;
  /** Demo mode reachable from other machines, said on purpose (DEMO_PUBLIC): a banner on every page. */
  demoPublic: boolean;
  dataDir: string;
  databaseUrl: string;
  /** PostgreSQL only: connections per process, and the longest a statement may run (0: no limit). */
  databasePool: { size: number; statementTimeoutMs: number };
  sessionSecret: string;
  auditHmacKey: string;
  spidLevel: 1 | 2 | 3;
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  saml: {
    spEntityId: string;
    keyFile: string;
    certFile: string;
    idpDir: string;
    /** CieID's identity provider metadata (one file per environment). */
    cieIdpDir: string;
    /** Outside demo, a certificate off AgID's profile stops the start ("error") or is logged ("warn"). */
    certCheck: "error" | "warn";
  };
  org: {
    name: string;
    displayName: string;
    ipaCode: string;
    /** The ente's seat (localityName of the SP certificate). */
    locality: string;
    /** The seat's codice catastale (Belfiore) and province, for the CIE metadata. */
    municipalityCode: string;
    province: string;
    email: string;
    phone: string;
  };
  /**
   * Outbound mail: SMTP when `smtpUrl` is set; else, in demo mode, the demo outbox
   * (`/demo-posta`); else nothing is sent and messages wait in the queue.
   */
  mail: { smtpUrl: string | null; from: string; outbox: boolean };
  demoToday: string | undefined;
  seedCitizens: number | undefined;
  logLevel: string;
  rateLimitFactor: number;
  /** Multiplies the period of every periodic job (tests shorten them). */
  jobPeriodFactor: number;
  /** Worker processes serving requests (node:cluster when more than 1); "auto": one per core. */
  workers: number;
  /** Each worker's V8 old-space limit in MB (--max-old-space-size); 0: Node's own default. */
  workerHeapMb: number;
  /** Proxies whose X-Forwarded-For is believed (Express `trust proxy`); false: none. */
  trustProxy: TrustProxy;
  secure: boolean;
}

export class ConfigError extends Error {}

function demoSecrets(dataDir: string): { sessionSecret: string; auditHmacKey: string } {
  const file = path.join(dataDir, "secrets.json");
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, "utf8"));
  fs.mkdirSync(dataDir, { recursive: true });
  const secrets = {
    sessionSecret: crypto.randomBytes(32).toString("base64url"),
    auditHmacKey: crypto.randomBytes(32).toString("base64url"),
  };
  try {
    // Exclusive create: two processes starting on a fresh data folder must agree on one set.
    fs.writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600, flag: "wx" });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    return JSON.parse(fs.readFileSync(file, "utf8"));
  }
  return secrets;
}

/**
 * Reads the environment once at boot. A bad or missing setting stops the server with a message
 * that names it. Demo mode may generate its own secrets into DATA_DIR; production may not.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `- ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Configurazione non valida:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, "");
  const problems: string[] = [];
  let sessionSecret = e.SESSION_SECRET;
  let auditHmacKey = e.AUDIT_HMAC_KEY;
  if (e.DEMO) {
    // The demo identity provider lets anyone log in as anyone: only on this machine, unless a
    // public demo is asked for in so many words.
    if (!e.DEMO_PUBLIC && !isLoopbackHost(e.HOST))
      problems.push(
        `- DEMO: in modalità demo chiunque può entrare come chiunque, quindi il portale ascolta solo su questo computer (HOST=localhost, 127.0.0.1 o ::1), non su HOST=${e.HOST}. Per una demo pubblica voluta imposta anche DEMO_PUBLIC=true.`,
      );
    if (!sessionSecret || !auditHmacKey) {
      const generated = demoSecrets(dataDir);
      sessionSecret ??= generated.sessionSecret;
      auditHmacKey ??= generated.auditHmacKey;
    }
  } else {
    if (!sessionSecret) problems.push("- SESSION_SECRET: obbligatorio fuori dalla modalità demo");
    if (!auditHmacKey) problems.push("- AUDIT_HMAC_KEY: obbligatorio fuori dalla modalità demo");
    if (!publicUrl.startsWith("https://"))
      problems.push("- PUBLIC_URL: fuori dalla modalità demo deve essere un indirizzo https://");
    if (!e.SAML_SP_KEY_FILE) problems.push("- SAML_SP_KEY_FILE: obbligatorio fuori dalla modalità demo");
    if (!e.SAML_SP_CERT_FILE) problems.push("- SAML_SP_CERT_FILE: obbligatorio fuori dalla modalità demo");
  }
  if (problems.length) throw new ConfigError(`Configurazione non valida:\n${problems.join("\n")}`);

  return {
    nodeEnv: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    publicUrl,
    demo: e.DEMO,
    demoPublic: e.DEMO && e.DEMO_PUBLIC,
    dataDir,
    databaseUrl: e.DATABASE_URL ?? `file:${path.join(dataDir, "portal.db")}`,
    databasePool: { size: e.DATABASE_POOL_SIZE, statementTimeoutMs: e.DATABASE_STATEMENT_TIMEOUT_MS },
    sessionSecret: sessionSecret!,
    auditHmacKey: auditHmacKey!,
    spidLevel: e.SPID_LEVEL as 1 | 2 | 3,
    sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
    sessionMaxHours: e.SESSION_MAX_HOURS,
    saml: {
      spEntityId: e.SAML_SP_ENTITY_ID ?? `${publicUrl}/saml/metadata`,
      keyFile: e.SAML_SP_KEY_FILE ?? path.join(dataDir, "saml", "sp-key.pem"),
      certFile: e.SAML_SP_CERT_FILE ?? path.join(dataDir, "saml", "sp-cert.pem"),
      idpDir: path.resolve(e.SAML_IDP_DIR),
      cieIdpDir: path.resolve(e.SAML_CIE_IDP_DIR),
      certCheck: e.SAML_SP_CERT_CHECK,
    },
    org: {
      name: e.ORG_NAME,
      displayName: e.ORG_DISPLAY_NAME,
      ipaCode: e.ORG_IPA_CODE,
      locality: e.ORG_LOCALITY,
      municipalityCode: e.ORG_MUNICIPALITY_CODE,
      province: e.ORG_PROVINCE,
      email: e.ORG_EMAIL,
      phone: e.ORG_PHONE,
    },
    mail: {
      smtpUrl: e.SMTP_URL ?? null,
      from: e.MAIL_FROM ?? `"${e.ORG_DISPLAY_NAME.replace(/"/g, "")}" <${e.ORG_EMAIL}>`,
      outbox: e.DEMO && !e.SMTP_URL,
    },
    demoToday: e.DEMO_TODAY,
    seedCitizens: e.SEED_CITIZENS,
    logLevel: e.LOG_LEVEL,
    rateLimitFactor: e.RATE_LIMIT_FACTOR,
    jobPeriodFactor: e.JOB_PERIOD_FACTOR,
    workers: e.WEB_CONCURRENCY === "auto" ? os.availableParallelism() : Number(e.WEB_CONCURRENCY),
    workerHeapMb: e.WORKER_HEAP_MB,
    trustProxy: e.TRUST_PROXY,
    secure: publicUrl.startsWith("https://"),
  };
}

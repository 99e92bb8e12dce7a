import "./app/node-env.server";
import "./app/context";
import cluster from "node:cluster";
import crypto from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import type { AppLoadContext, ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import helmet from "helmet";
import { rateLimit, type Options as RateLimitOptions } from "express-rate-limit";
import { DatabaseRateLimitStore } from "./app/rate-limit-store.server";
import { pino, type Logger } from "pino";
import { sql } from "kysely";
import { ConfigError, loadConfig, type Config } from "./app/env.server";
import { openDatabase } from "./db/connection";
import { prepareDatabase } from "./db/bootstrap";
import { createSaml } from "./saml/index";
import { startAuditCheckpoints } from "./app/audit-checkpoint.server";
import { apiNotFound, createApiRouter } from "./app/api/router.server";
import { originCheck } from "./app/http.server";
import { fingerprintedAssets, publicFiles } from "./app/static-files.server";
import { activateDuePositions, expireDuePositions } from "./app/payments/creditor-jobs.server";
import { sweepExpiredCheckouts } from "./app/payments/checkout.server";
import { notifyExpiredDelegations } from "./app/dossier/delegations.server";
import { portalNow } from "./app/clock.server";
import { paymentsEnv } from "./app/payments/context.server";
import { createJobs } from "./app/jobs.server";
import { mailJobs } from "./app/mail/jobs.server";
import { openDataJob } from "./app/open-data/jobs.server";
import { hasOpenData } from "./app/open-data/datasets.server";
import { createImportWorker } from "./app/payments/position-imports.server";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../..");

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const logger = pino({ level: config.logLevel, base: { pid: process.pid } });
  if (cluster.isPrimary && config.workers > 1) return runPrimary(config, logger);
  return serve(config, logger);
}

/** A worker that dies this soon after it started counts towards giving up (a crash loop). */
const QUICK_DEATH_MS = 10_000;
const QUICK_DEATHS_TO_GIVE_UP = 3;
/** How long workers get to finish their requests and jobs at shutdown before they are killed. */
const SHUTDOWN_GRACE_MS = 10_000;

/**
 * WEB_CONCURRENCY above 1: this process prepares the database and the generated keys once, then
 * forks one worker per core (node:cluster; the workers share the listening port) and only looks
 * after them: a worker that dies is replaced, a signal is passed on to every worker, and the
 * process ends when they all have. Periodic jobs and imports already run once across processes,
 * so every worker runs them like any other instance would.
 */
async function runPrimary(config: Config, logger: Logger): Promise<void> {
  const handle = await openDatabase(config.databaseUrl, { poolSize: 1 });
  await prepareDatabase(handle, config, logger);
  // The SP's and the demo IdP's keys are generated here, before several workers could race to.
  const saml = await createSaml({ db: handle.db, config, logger, root });
  await saml.close?.();
  await handle.close();

  const startedAt = new Map<number, number>();
  const announced = new Set<number>();
  let alive = 0;
  let quickDeaths = 0;
  let closing = false;
  let exitCode = 0;

  const fork = () => {
    const worker = cluster.fork();
    alive++;
    startedAt.set(worker.id, Date.now());
    worker.on("message", (msg: { type?: string; url?: string }) => {
      if (msg?.type !== "listening" || announced.has(worker.id)) return;
      announced.add(worker.id);
      // Said once, when the first set of workers is up.
      if (announced.size === config.workers)
        console.log(
          `Portale pronto su ${msg.url}${config.demo ? " (modalità demo)" : ""}, ${config.workers} processi`,
        );
    });
  };

  const stopAll = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    logger.info({ signal, workers: alive }, "shutting down the workers");
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGTERM");
    setTimeout(() => {
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGKILL");
    }, SHUTDOWN_GRACE_MS).unref();
  };

  cluster.on("exit", (worker, code, signal) => {
    alive--;
    const lived = Date.now() - (startedAt.get(worker.id) ?? 0);
    startedAt.delete(worker.id);
    if (closing) {
      if (alive === 0) process.exit(exitCode);
      return;
    }
    logger.error({ workerPid: worker.process.pid, code, signal, livedMs: lived }, "worker exited");
    if (lived < QUICK_DEATH_MS && ++quickDeaths >= QUICK_DEATHS_TO_GIVE_UP) {
      console.error("Avvio del portale non riuscito: i processi di lavoro si fermano appena partiti.");
      exitCode = 1;
      stopAll("SIGTERM");
      if (alive === 0) process.exit(exitCode);
      return;
    }
    fork();
  });

  process.on("SIGTERM", () => stopAll("SIGTERM"));
  process.on("SIGINT", () => stopAll("SIGINT"));
  // Diagnostics asked of the server (the benchmark's memory probe) reach every worker.
  process.on("SIGUSR2", () => {
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGUSR2");
  });
  // V8 sizes its heap for the machine's memory and lets it grow lazily: a bound per worker keeps
  // each one's memory in proportion to what it serves (decision 017).
  if (config.workerHeapMb > 0)
    cluster.setupPrimary({ execArgv: [...process.execArgv, `--max-old-space-size=${config.workerHeapMb}`] });
  for (let i = 0; i < config.workers; i++) fork();
}

/** One process serving requests: alone, or as one of the cluster's workers. */
async function serve(config: Config, logger: Logger): Promise<void> {
  const handle = await openDatabase(config.databaseUrl, {
    poolSize: config.databasePool.size,
    statementTimeoutMs: config.databasePool.statementTimeoutMs,
  });
  await prepareDatabase(handle, config, logger);
  const db = handle.db;

  const saml = await createSaml({ db, config, logger, root });
  const stopCheckpoints = await startAuditCheckpoints({ db, config, logger });
  // Published positions become payable on their validity date, and those that say so expire after
  // their last due date; checkouts left half-way (a closed tab) release their notices when their
  // time is up, even if nobody comes back to them. Each job runs once per period across all the
  // processes on the database (a lease row, app/jobs.server.ts); each change is also conditional
  // on the state, so a run that overlaps another still makes it once.
  const payments = paymentsEnv(config);
  const jobs = createJobs({ db, logger });
  // Outbound mail: the queue's delivery and the daily reminders (docs/decisions/026-outbound-mail.md).
  const mail = mailJobs({ db, config, logger, holder: jobs.holder });
  // Open data: the aggregate datasets of /dati-aperti, computed once a day (decision 033).
  const openData = openDataJob({ db, config });
  jobs.start([
    ...mail.jobs,
    {
      name: "debt-positions",
      periodMs: 10 * 60_000 * config.jobPeriodFactor,
      run: async () => (await activateDuePositions(db, config)) + (await expireDuePositions(db, config)),
    },
    {
      name: "checkout-sweep",
      periodMs: 60_000 * config.jobPeriodFactor,
      run: () => sweepExpiredCheckouts(db, payments),
    },
    {
      // Each delegator learns once that a delegation of theirs has expired.
      name: "delegation-expiry",
      periodMs: 60 * 60_000 * config.jobPeriodFactor,
      run: () => notifyExpiredDelegations(db, portalNow(config)),
    },
    openData,
  ]);
  // A database that has never published its open data (a fresh demo) computes it at once.
  if (!(await hasOpenData(db))) void jobs.attempt(openData);
  // Tax campaigns: imports of position files, each worked on by one process at a time (a claim in
  // its row) and resumed by another if this one stops (docs/decisions/013-tax-campaign-import.md).
  const positionImports = createImportWorker({ db, config, logger });
  positionImports.start();

  const app = express();
  app.disable("x-powered-by");
  // Nobody may set the client address with X-Forwarded-For unless TRUST_PROXY names the proxies.
  app.set("trust proxy", config.trustProxy);

  // One line per request with a request id; paths only (queries may carry personal data).
  app.use((req, res, next) => {
    const requestId = (req.get("x-request-id") ?? "").slice(0, 64) || crypto.randomUUID();
    res.locals.requestId = requestId;
    res.locals.cspNonce = crypto.randomBytes(16).toString("base64");
    res.setHeader("X-Request-Id", requestId);
    const start = process.hrtime.bigint();
    res.on("finish", () => {
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      logger.info(
        {
          reqId: requestId,
          method: req.method,
          path: req.path,
          status: res.statusCode,
          ms: Math.round(ms * 10) / 10,
        },
        "request",
      );
    });
    next();
  });

  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: true,
        directives: {
          "default-src": ["'self'"],
          "script-src": ["'self'", (_req, res) => `'nonce-${(res as express.Response).locals.cspNonce}'`],
          "style-src": ["'self'", "'unsafe-inline'"],
          "img-src": ["'self'", "data:"],
          "font-src": ["'self'", "data:"],
          "connect-src": ["'self'"],
          "form-action": ["'self'", ...saml.formActionOrigins],
          "frame-ancestors": ["'none'"],
          "upgrade-insecure-requests": config.secure ? [] : null,
        },
      },
      strictTransportSecurity: config.secure ? { maxAge: 31536000, includeSubDomains: true } : false,
      // "no-referrer" makes browsers send `Origin: null` on form posts, which Remix refuses.
      referrerPolicy: { policy: "same-origin" },
      crossOriginEmbedderPolicy: false,
    }),
  );
  app.use(compression());

  // The client build: fingerprinted, cached for a year, precompressed (app/static-files.server.ts).
  app.use("/build", fingerprintedAssets(path.join(root, "public/build")));
  app.use(
    "/bootstrap-italia/dist",
    express.static(path.join(root, "node_modules/bootstrap-italia/dist"), { maxAge: "7d" }),
  );
  app.use(publicFiles(path.join(root, "public")));

  app.get("/status", async (_req, res) => {
    res.setHeader("Cache-Control", "no-store");
    try {
      await sql`select 1`.execute(db);
      res.json({ status: "ok", database: "raggiungibile", time: new Date().toISOString() });
    } catch (err) {
      logger.error({ err: String(err) }, "status check failed");
      res.status(503).json({ status: "errore", database: "non raggiungibile" });
    }
  });

  // Personal pages and the login flow are never stored by browsers or proxies.
  app.use(["/area-personale", "/operatore", "/saml"], (_req, res, next) => {
    res.setHeader("Cache-Control", "no-store");
    next();
  });

  // Rate limits per client IP, counted in the database so that every process spends one budget
  // (docs/decisions/008-shared-rate-limits.md): strictest on the login flow, then on every form post.
  const sharedStore = (prefix: string) =>
    new DatabaseRateLimitStore(db, {
      prefix,
      onPurgeError: (err) =>
        logger.warn({ err: err instanceof Error ? err.message : String(err) }, "rate-limit purge failed"),
    });
  const tooManyRequests: RateLimitOptions["handler"] = (_req, res, _next, options) => {
    const retry = res.getHeader("Retry-After");
    res
      .status(options.statusCode)
      .type("text/plain; charset=utf-8")
      .send(`Troppe richieste in poco tempo da questo indirizzo. Riprova tra ${retry ?? 60} secondi.`);
  };
  const perMinute = (n: number) => Math.max(1, Math.round(n * config.rateLimitFactor));
  app.use(
    "/saml",
    rateLimit({
      windowMs: 60_000,
      limit: perMinute(30),
      legacyHeaders: true,
      standardHeaders: "draft-6",
      store: sharedStore("saml"),
      skip: (req) => req.path === "/metadata",
      handler: tooManyRequests,
    }),
  );
  // Public look-ups by code: certificate verification and paying a notice without login.
  app.use(
    ["/verifica", "/paga-un-avviso"],
    rateLimit({
      windowMs: 60_000,
      limit: perMinute(30),
      legacyHeaders: true,
      standardHeaders: "draft-6",
      store: sharedStore("public-lookup"),
      handler: tooManyRequests,
    }),
  );
  const formsLimit = rateLimit({
    windowMs: 60_000,
    limit: perMinute(60),
    legacyHeaders: true,
    standardHeaders: "draft-6",
    store: sharedStore("forms"),
    handler: tooManyRequests,
  });
  // Decided here rather than by the limiter's own `skip`, which costs a few promises on every page.
  const isFormPost = (req: express.Request) =>
    req.method !== "GET" &&
    req.method !== "HEAD" &&
    !req.path.startsWith("/saml/") &&
    !req.path.startsWith("/api/");
  app.use((req, res, next) => (isFormPost(req) ? formsLimit(req, res, next) : next()));

  // The machine API: its own rate limit per key, session or address, answers only in (problem+)json.
  app.use("/api/v1", createApiRouter({ db, config, logger, onImportStarted: () => positionImports.wake() }));
  app.use("/api", apiNotFound);

  app.use(saml.router);

  const buildPath = path.join(root, "build/remix/index.js");
  const build = (await import(buildPath)) as ServerBuild;
  // The portal checks the Origin of form posts itself (403 page), in place of Remix's bare 500.
  app.use(originCheck(config.publicUrl));
  app.all(
    "*",
    createRequestHandler({
      build,
      mode: config.nodeEnv === "development" ? "development" : "production",
      getLoadContext: (_req, res): AppLoadContext => ({
        db,
        config,
        cspNonce: res.locals.cspNonce,
        requestId: res.locals.requestId,
        samlError: res.locals.samlError,
        foreignOrigin: res.locals.foreignOrigin === true,
        logger,
        services: { saml: saml.service, positionImports },
      }),
    }),
  );

  // Last resort: never a stack trace to the client.
  app.use((err: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    logger.error(
      { err: err instanceof Error ? err.message : String(err), reqId: res.locals.requestId },
      "unhandled",
    );
    if (!res.headersSent)
      res.status(500).type("text/plain; charset=utf-8").send("Errore interno del portale.");
  });

  const server = app.listen(config.port, config.host, () => {
    const addr = server.address();
    const port = typeof addr === "object" && addr ? addr.port : config.port;
    const url = config.port === 0 ? `http://${config.host}:${port}` : config.publicUrl;
    logger.info({ url, demo: config.demo, database: handle.kind }, "portal listening");
    if (cluster.isWorker) process.send?.({ type: "listening", url });
    else console.log(`Portale pronto su ${url}${config.demo ? " (modalità demo)" : ""}`);
  });

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    // No new job run from here; one in progress finishes before the database closes.
    const jobsStopped = Promise.all([jobs.stop(), positionImports.stop()]);
    logger.info({ signal }, "shutting down");
    // The last checkpoint first: it must be written even if open connections delay the close.
    const checkpointed = stopCheckpoints().catch((err) =>
      logger.error(
        { err: err instanceof Error ? err.message : String(err) },
        "final audit checkpoint failed",
      ),
    );
    server.close(async () => {
      await checkpointed;
      // Once more for rows written while the last requests drained.
      await stopCheckpoints().catch(() => {});
      await jobsStopped;
      mail.close();
      await saml.close?.();
      await handle.close();
      process.exit(0);
    });
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
}

main().catch((err) => {
  console.error("Avvio del portale non riuscito:", err instanceof Error ? err.message : err);
  process.exit(1);
});

// Express glue of /api/v1 (docs/decisions/021-payments-api.md): no-store, the caller resolved from
// the key or the session, a rate limit per key, session or address, then the framework-agnostic
// handlers of v1.server.ts. Every answer is JSON or problem+json, never the HTML pages.
import { Readable } from "node:stream";
import express from "express";
import { ipKeyGenerator, rateLimit } from "express-rate-limit";
import type { Logger } from "pino";
import { DatabaseRateLimitStore } from "~/rate-limit-store.server";
import { resolveCaller, rateLimitKey, type ApiCaller } from "~/api/auth.server";
import { problem, PROBLEM_CONTENT_TYPE, type Problem } from "~/api/problem";
import { handleApiRequest, MAX_BODY_BYTES, type ApiDeps, type ApiResponse } from "~/api/v1.server";

/** Requests per minute, before RATE_LIMIT_FACTOR; counted in the database, shared by every process. */
export const API_RATE_LIMITS = { key: 300, session: 120, anonymous: 60 } as const;

function send(res: express.Response, out: ApiResponse): void {
  for (const [k, v] of Object.entries(out.headers ?? {})) res.setHeader(k, v);
  res.status(out.status).type(out.contentType).send(JSON.stringify(out.body));
}

function sendProblem(res: express.Response, p: Problem, headers: Record<string, string> = {}): void {
  send(res, { status: p.status, contentType: PROBLEM_CONTENT_TYPE, body: p, headers });
}

export function createApiRouter(deps: ApiDeps & { logger: Logger }): express.Router {
  const { db, config, logger } = deps;
  const router = express.Router();
  const perMinute = (n: number) => Math.max(1, Math.round(n * config.rateLimitFactor));
  const readRaw = express.raw({ type: () => true, limit: MAX_BODY_BYTES });

  router.use((_req, res, next) => {
    res.setHeader("Cache-Control", "no-store");
    next();
  });

  router.use(async (req, res, next) => {
    try {
      res.locals.apiCaller = await resolveCaller(db, config, {
        authorization: req.get("authorization"),
        apiKey: req.get("x-api-key"),
        cookie: req.get("cookie"),
      });
      next();
    } catch (err) {
      next(err);
    }
  });

  router.use(
    rateLimit({
      windowMs: 60_000,
      limit: (_req, res) => {
        const caller = res.locals.apiCaller as ApiCaller | undefined;
        if (caller?.kind === "key") return perMinute(API_RATE_LIMITS.key);
        if (caller?.kind === "session") return perMinute(API_RATE_LIMITS.session);
        return perMinute(API_RATE_LIMITS.anonymous);
      },
      keyGenerator: (req, res) =>
        rateLimitKey(
          res.locals.apiCaller as ApiCaller | undefined,
          ipKeyGenerator(req.ip ?? "sconosciuto"),
          req.get("cookie"),
          config,
        ),
      legacyHeaders: true,
      standardHeaders: false,
      store: new DatabaseRateLimitStore(db, {
        prefix: "api",
        onPurgeError: (err) =>
          logger.warn({ err: err instanceof Error ? err.message : String(err) }, "rate-limit purge failed"),
      }),
      handler: (_req, res) => {
        const retry = Number(res.getHeader("Retry-After") ?? 60);
        sendProblem(
          res,
          problem(429, "troppe_richieste", `Troppe richieste in poco tempo: riprova tra ${retry} secondi.`),
        );
      },
    }),
  );

  router.use(async (req, res, next) => {
    try {
      const out = await handleApiRequest(
        { db, config, onImportStarted: deps.onImportStarted },
        {
          method: req.method,
          path: req.path,
          query: new URL(req.originalUrl, "http://localhost").searchParams,
          contentType: req.get("content-type") ?? null,
          hasBody: Number(req.get("content-length") ?? 0) > 0 || req.get("transfer-encoding") !== undefined,
          csrfToken: req.get("x-csrf-token") ?? null,
          origin: req.get("origin") ?? null,
          requestOrigin: `${req.protocol}://${req.get("host") ?? ""}`,
          caller: res.locals.apiCaller as ApiCaller,
          streamedRequest: () => {
            const headers = new Headers();
            for (const name of ["content-type", "content-length"]) {
              const v = req.get(name);
              if (v !== undefined) headers.set(name, v);
            }
            return new Request(new URL(req.originalUrl, "http://localhost"), {
              method: req.method,
              headers,
              body: Readable.toWeb(req) as ReadableStream<Uint8Array>,
              duplex: "half",
            } as RequestInit);
          },
          readBody: () =>
            new Promise<Buffer | null>((resolve, reject) =>
              readRaw(req, res, (err?: unknown) => {
                if (err) reject(err);
                else resolve(Buffer.isBuffer(req.body) ? req.body : null);
              }),
            ),
        },
      );
      send(res, out);
    } catch (err) {
      next(err);
    }
  });

  router.use((err: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    const status = (err as { status?: unknown; type?: unknown } | null)?.status;
    if (res.headersSent) return;
    if (status === 413)
      return sendProblem(
        res,
        problem(
          413,
          "richiesta_troppo_grande",
          `Il corpo della richiesta supera ${MAX_BODY_BYTES / 1024} KiB.`,
        ),
      );
    if (status === 415)
      return sendProblem(
        res,
        problem(415, "formato_non_supportato", "Codifica o set di caratteri del corpo non supportati."),
      );
    if (status === 400)
      return sendProblem(
        res,
        problem(400, "corpo_non_leggibile", "Il corpo della richiesta non è leggibile."),
      );
    logger.error(
      { err: err instanceof Error ? err.message : String(err), reqId: res.locals.requestId },
      "api request failed",
    );
    sendProblem(res, problem(500, "errore_interno", "Errore interno del portale: riprova più tardi."));
  });

  return router;
}

/** Anything else under /api answers 404 as problem+json, not with the portal's HTML page. */
export function apiNotFound(_req: express.Request, res: express.Response): void {
  res.setHeader("Cache-Control", "no-store");
  sendProblem(
    res,
    problem(404, "percorso_sconosciuto", "Questo percorso non esiste: l'API dei pagamenti è in /api/v1."),
  );
}

import { PassThrough } from "node:stream";
import type { AppLoadContext, EntryContext, HandleErrorFunction } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { pino, type Logger } from "pino";
import { renderToPipeableStream } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { NonceContext } from "~/components/nonce";
import { localeOf } from "~/i18n/i18n.server";
import { registerI18n } from "~/i18n/instance";
import { serverI18n } from "~/i18n/resources.server";

// Route `meta` functions find each language's messages here.
registerI18n(serverI18n);

const ABORT_DELAY = 5_000;

let fallbackLogger: Logger | undefined;
/** server.ts hands its logger to every request; a bare pino only when something runs without it. */
function loggerOf(context: AppLoadContext | undefined): Logger {
  return context?.logger ?? (fallbackLogger ??= pino({ base: { pid: process.pid } }));
}

/**
 * Errors of loaders, actions and rendering, as one pino JSON line (Remix's default writes a raw
 * stack to stderr). A refusal answered with a 4xx is no error of the portal: the request line
 * records its status, and it is logged here only at debug level. Aborted requests are not logged.
 */
export const handleError: HandleErrorFunction = (error, { request, context }) => {
  if (request.signal.aborted) return;
  const logger = loggerOf(context);
  const where = { reqId: context?.requestId, method: request.method, path: new URL(request.url).pathname };
  if ((isRouteErrorResponse(error) || error instanceof Response) && error.status < 500) {
    logger.debug({ ...where, status: error.status }, "request refused");
    return;
  }
  const err = isRouteErrorResponse(error) ? ((error as { error?: unknown }).error ?? error) : error;
  logger.error({ ...where, err: err instanceof Error ? err : String(err) }, "request failed");
};

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext.cspNonce;
  const waitForAll = isbot(request.headers.get("user-agent") ?? "");
  const i18n = serverI18n(await localeOf(request));
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    // A render still running after ABORT_DELAY is stopped. The timer goes as soon as the whole
    // page is rendered: waiting for it would keep every request's page in memory for seconds.
    let abortRender = () => {};
    const timer = setTimeout(() => abortRender(), ABORT_DELAY);
    const send = () => {
      shellRendered = true;
      const body = new PassThrough();
      responseHeaders.set("Content-Type", "text/html; charset=utf-8");
      resolve(
        new Response(createReadableStreamFromReadable(body), {
          headers: responseHeaders,
          status: responseStatusCode,
        }),
      );
      pipe(body);
    };
    const { pipe, abort } = renderToPipeableStream(
      <I18nextProvider i18n={i18n}>
        <NonceContext.Provider value={nonce}>
          <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
        </NonceContext.Provider>
      </I18nextProvider>,
      {
        nonce,
        onShellReady() {
          if (!waitForAll) send();
        },
        onAllReady() {
          clearTimeout(timer);
          if (waitForAll) send();
        },
        onShellError(error: unknown) {
          clearTimeout(timer);
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          // Before the shell is ready the error reaches Remix, which calls handleError.
          if (shellRendered) {
            loggerOf(loadContext).error(
              { reqId: loadContext.requestId, err: error instanceof Error ? error : String(error) },
              "rendering failed",
            );
          }
        },
      },
    );
    abortRender = abort;
  });
}

import type { AppLoadContext } from "@remix-run/node";
import type { Logger } from "pino";
import { describe, expect, it } from "vitest";
import { handleError } from "~/entry.server";

function fakeLogger() {
  const lines: Array<{ level: string; obj: Record<string, unknown>; msg: string }> = [];
  const at = (level: string) => (obj: Record<string, unknown>, msg: string) =>
    lines.push({ level, obj, msg });
  return { logger: { error: at("error"), debug: at("debug") } as unknown as Logger, lines };
}

function args(logger: Logger, aborted = false) {
  const controller = new AbortController();
  if (aborted) controller.abort();
  return {
    request: new Request("http://127.0.0.1/area-personale/profilo?x=1", { signal: controller.signal }),
    params: {},
    context: { logger, requestId: "req-1" } as unknown as AppLoadContext,
  };
}

/** What Remix hands handleError for its own 4xx (e.g. a POST to a route without an action). */
const methodNotAllowed = {
  status: 405,
  statusText: "Method Not Allowed",
  internal: true,
  data: "Error: You made a POST request...",
  error: new Error("You made a POST request..."),
};

describe("handleError", () => {
  it("logs a real error as one pino line with the request id and path, no query", () => {
    const { logger, lines } = fakeLogger();
    const err = new Error("boom");
    handleError(err, args(logger));
    expect(lines).toEqual([
      {
        level: "error",
        obj: { reqId: "req-1", method: "GET", path: "/area-personale/profilo", err },
        msg: "request failed",
      },
    ]);
  });

  it("does not log refusals with a 4xx as errors", () => {
    const { logger, lines } = fakeLogger();
    handleError(methodNotAllowed, args(logger));
    handleError(new Response("Pagina non trovata", { status: 404 }), args(logger));
    expect(lines.map((l) => l.level)).toEqual(["debug", "debug"]);
  });

  it("logs nothing for a request the client gave up", () => {
    const { logger, lines } = fakeLogger();
    handleError(new Error("aborted"), args(logger, true));
    expect(lines).toEqual([]);
  });
});

import { renderToString } from "react-dom/server";
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router-dom/server";
import { Outlet, type RouteObject } from "react-router-dom";
import { describe, expect, it } from "vitest";
import { errorMeta, errorTitle, GeneralErrorBoundary } from "~/components/error-boundary";

/** Renders a root route (with the request id in its data) whose child fails as `fail` says. */
async function renderFailure(fail: () => unknown, rootLoaderFails = false): Promise<string> {
  const routes: RouteObject[] = [
    {
      id: "root",
      path: "/",
      loader: () => {
        if (rootLoaderFails) throw new Error("database unreachable at /secret/path.ts:12");
        return { requestId: "req-1234", site: undefined };
      },
      element: <Outlet />,
      errorElement: <GeneralErrorBoundary />,
      children: [{ id: "page", index: true, loader: () => fail() ?? null, element: <p>page</p> }],
    },
  ];
  const handler = createStaticHandler(routes);
  const context = await handler.query(new Request("http://localhost/"));
  if (context instanceof Response) throw new Error("unexpected redirect");
  const router = createStaticRouter(handler.dataRoutes, context);
  return renderToString(<StaticRouterProvider router={router} context={context} hydrate={false} />);
}

describe("GeneralErrorBoundary", () => {
  it("shows the Italian 500 page with the request id and no technical detail", async () => {
    const html = await renderFailure(() => {
      throw new Error("SQLITE_BUSY at Database.prepare (/work/app/x.ts:3:9)");
    });
    expect(html).toContain("Si è verificato un errore");
    expect(html).toContain("req-1234");
    expect(html).not.toMatch(/SQLITE|prepare|\.ts:/);
  });

  it("without root data it still answers in Italian, without a request id", async () => {
    const html = await renderFailure(() => null, true);
    expect(html).toContain("Si è verificato un errore");
    expect(html).not.toContain("req-1234");
    expect(html).not.toContain("secret");
  });

  it("shows the 404 page with links to go on", async () => {
    const html = await renderFailure(() => {
      throw new Response("Not Found", { status: 404, statusText: "Not Found" });
    });
    expect(html).toContain("Pagina non trovata");
    expect(html).toContain('href="/"');
  });

  it("names other 4xx statuses in Italian and shows a message meant for the citizen", async () => {
    const html = await renderFailure(() => {
      throw new Response(JSON.stringify({ message: "Il codice avviso deve avere 18 cifre." }), {
        status: 422,
        headers: { "Content-Type": "application/json" },
      });
    });
    expect(html).toContain("Dati non validi");
    expect(html).toContain("Il codice avviso deve avere 18 cifre.");

    const forbidden = await renderFailure(() => {
      throw new Response("Forbidden: role tributi", { status: 403, statusText: "Forbidden" });
    });
    expect(forbidden).toContain("Accesso non consentito");
    expect(forbidden).not.toContain("role tributi");
  });

  it("gives error pages an Italian title", () => {
    expect(errorTitle(new Error("x"))).toBe("Si è verificato un errore");
    expect(errorMeta(new Error("x"))).toEqual([
      { title: "Si è verificato un errore - Fascicolo del cittadino" },
    ]);
  });
});

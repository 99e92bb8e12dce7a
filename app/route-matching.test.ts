// Route matching with the patches in patches/ (docs/decisions/018-route-matching-cache.md): the
// ranked branches of a route tree, each compiled path, the branch each pathname matched, and the
// server's route trees are computed once, and matching gives the same answers as before, whatever
// the order of the calls.
import fs from "node:fs";
import { createRequire } from "node:module";
import { matchRoutes, type AgnosticRouteObject, type StaticHandlerContext } from "@remix-run/router";
import type * as StaticRouterModule from "react-router-dom/server";
import { describe, expect, it } from "vitest";

const routes: AgnosticRouteObject[] = [
  {
    id: "root",
    path: "/",
    children: [
      { id: "home", index: true },
      { id: "pagamento", path: "area-personale/pagamenti/:id" },
      { id: "pagamenti", path: "area-personale/pagamenti" },
      { id: "anno", path: "area-personale/contribuente/imu/:anno?" },
      { id: "note", path: "note-legali" },
      { id: "splat", path: "*" },
    ],
  },
];

const ids = (path: string) => matchRoutes(routes, path)?.map((m) => m.route.id) ?? null;

describe("route matching", () => {
  it("is the patched module that the server loads", () => {
    const file = createRequire(import.meta.url).resolve("@remix-run/router");
    expect(file).toMatch(/router\.cjs\.js$/);
    const source = fs.readFileSync(file, "utf8");
    expect(source).toContain("rankedBranchesCache");
    expect(source).toContain("compiledPathCache");
    expect(source).toContain("firstMatch");
  });

  it("is the patched Remix server and static router that the server loads", () => {
    const require = createRequire(import.meta.url);
    const remixServer = require.resolve("@remix-run/react").replace(/index\.js$/, "server.js");
    expect(fs.readFileSync(remixServer, "utf8")).toContain("serverRoutesCache");
    const staticRouter = createRequire(remixServer).resolve("react-router-dom/server");
    expect(staticRouter).toMatch(/react-router-dom\/server\.js$/);
    expect(fs.readFileSync(staticRouter, "utf8")).toContain("dataRoutesCache");
  });

  it("ranks static segments over parameters and splats, the same on every call", () => {
    for (let round = 0; round < 3; round++) {
      expect(ids("/")).toEqual(["root", "home"]);
      expect(ids("/area-personale/pagamenti")).toEqual(["root", "pagamenti"]);
      expect(ids("/area-personale/pagamenti/42")).toEqual(["root", "pagamento"]);
      expect(ids("/area-personale/contribuente/imu")).toEqual(["root", "anno"]);
      expect(ids("/note-legali/")).toEqual(["root", "note"]);
      expect(ids("/altro/percorso")).toEqual(["root", "splat"]);
    }
  });

  it("gives each call its own parameters", () => {
    expect(matchRoutes(routes, "/area-personale/pagamenti/7")?.[1]?.params).toEqual({ id: "7" });
    expect(matchRoutes(routes, "/area-personale/pagamenti/8")?.[1]?.params).toEqual({ id: "8" });
    expect(matchRoutes(routes, "/area-personale/contribuente/imu/2025")?.[1]?.params).toEqual({
      anno: "2025",
    });
    expect(matchRoutes(routes, "/area-personale/contribuente/imu")?.[1]?.params).toEqual({});
  });

  it("matches a new route tree by its own routes, not by a cached one", () => {
    const other: AgnosticRouteObject[] = [{ id: "solo", path: "/note-legali" }];
    expect(matchRoutes(other, "/note-legali")?.map((m) => m.route.id)).toEqual(["solo"]);
    expect(matchRoutes(other, "/area-personale/pagamenti")).toBeNull();
    expect(ids("/note-legali")).toEqual(["root", "note"]);
  });

  it("answers a pathname seen before with new matches, as the first time", () => {
    const first = matchRoutes(routes, "/area-personale/pagamenti/9")!;
    (first[1]!.params as Record<string, string>).id = "changed";
    const again = matchRoutes(routes, "/area-personale/pagamenti/9")!;
    expect(again).not.toBe(first);
    expect(again.map((m) => [m.route.id, m.pathname, m.params.id])).toEqual([
      ["root", "/", "9"],
      ["pagamento", "/area-personale/pagamenti/9", "9"],
    ]);
  });

  it("keeps answering null for a pathname no route matches", () => {
    const noSplat: AgnosticRouteObject[] = [{ id: "only", path: "/note-legali" }];
    for (let round = 0; round < 3; round++) expect(matchRoutes(noSplat, "/altro")).toBeNull();
    expect(matchRoutes(noSplat, "/note-legali")?.map((m) => m.route.id)).toEqual(["only"]);
  });

  it("still matches right after more distinct pathnames than it remembers", () => {
    for (let id = 0; id < 2500; id++) {
      expect(matchRoutes(routes, `/area-personale/pagamenti/${id}`)?.[1]?.params).toEqual({ id: String(id) });
    }
    expect(ids("/area-personale/pagamenti")).toEqual(["root", "pagamenti"]);
    expect(ids("/area-personale/pagamenti/0")).toEqual(["root", "pagamento"]);
  });

  it("matches long pathnames, which it does not remember, the same on every call", () => {
    const long = `/area-personale/pagamenti/${"9".repeat(5000)}`;
    for (let round = 0; round < 2; round++) {
      expect(ids(long)).toEqual(["root", "pagamento"]);
      expect(ids(`/altro/${"x".repeat(5000)}`)).toEqual(["root", "splat"]);
    }
  });
});

describe("static router", () => {
  // The CommonJS build that @remix-run/react requires on the server (an ES import here would load
  // the package's other build).
  const remixServer = createRequire(import.meta.url)
    .resolve("@remix-run/react")
    .replace(/index\.js$/, "server.js");
  const { createStaticRouter } = createRequire(remixServer)(
    "react-router-dom/server",
  ) as typeof StaticRouterModule;
  const context = (tree: AgnosticRouteObject[], path: string) =>
    ({
      basename: "/",
      location: { pathname: path, search: "", hash: "", state: null, key: "default" },
      matches: matchRoutes(tree, path)!,
      loaderData: {},
      actionData: null,
      errors: null,
      statusCode: 200,
      loaderHeaders: {},
      actionHeaders: {},
      activeDeferreds: null,
    }) as StaticHandlerContext;

  it("makes the data routes of a route tree once and matches on them", () => {
    const tree = [{ id: "root", path: "/", children: [{ id: "note", path: "note-legali" }] }];
    const a = createStaticRouter(tree, context(tree, "/note-legali"));
    const b = createStaticRouter(tree, context(tree, "/"));
    expect(b.routes).toBe(a.routes);
    expect(a.state.matches.map((m) => m.route.id)).toEqual(["root", "note"]);
    expect(a.state.matches[1]!.route).toBe(a.routes[0]!.children![0]);
    expect(b.state.matches.map((m) => m.route.id)).toEqual(["root"]);
  });

  it("gives another route tree its own data routes", () => {
    const one = [{ id: "uno", path: "/" }];
    const two = [{ id: "due", path: "/" }];
    const a = createStaticRouter(one, context(one, "/"));
    const b = createStaticRouter(two, context(two, "/"));
    expect(b.routes).not.toBe(a.routes);
    expect(b.state.matches.map((m) => m.route.id)).toEqual(["due"]);
  });
});

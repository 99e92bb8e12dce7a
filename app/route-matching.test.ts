// Route matching with the patch in patches/ (docs/decisions/018-route-matching-cache.md): the
// ranked branches of a route tree and each compiled path are computed once, and matching gives
// the same answers as before, whatever the order of the calls.
import fs from "node:fs";
import { createRequire } from "node:module";
import { matchRoutes, type AgnosticRouteObject } from "@remix-run/router";
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
    expect(matchRoutes(routes, "/area-personale/contribuente/imu/2025")?.[1]?.params).toEqual({ anno: "2025" });
    expect(matchRoutes(routes, "/area-personale/contribuente/imu")?.[1]?.params).toEqual({});
  });

  it("matches a new route tree by its own routes, not by a cached one", () => {
    const other: AgnosticRouteObject[] = [{ id: "solo", path: "/note-legali" }];
    expect(matchRoutes(other, "/note-legali")?.map((m) => m.route.id)).toEqual(["solo"]);
    expect(matchRoutes(other, "/area-personale/pagamenti")).toBeNull();
    expect(ids("/note-legali")).toEqual(["root", "note"]);
  });
});

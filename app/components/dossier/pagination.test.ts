import { describe, expect, it } from "vitest";
import { pageWindow } from "~/components/dossier/pagination";
import { currentFor } from "~/components/dossier/area-nav";

describe("pagination and menu", () => {
  it("shows first, last and the pages around the current one", () => {
    expect(pageWindow(1, 1)).toEqual([1]);
    expect(pageWindow(6, 20)).toEqual([1, null, 4, 5, 6, 7, 8, null, 20]);
    expect(pageWindow(2, 4)).toEqual([1, 2, 3, 4]);
  });
  it("marks the current page and its section", () => {
    expect(currentFor("/area-personale", "/area-personale")).toBe("page");
    expect(currentFor("/area-personale", "/area-personale/pratiche")).toBeUndefined();
    expect(currentFor("/area-personale/pratiche", "/area-personale/pratiche/12")).toBe("true");
    expect(currentFor("/area-personale/pratiche", "/area-personale/pratiche/")).toBe("page");
  });
});

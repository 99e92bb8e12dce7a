import { describe, expect, it } from "vitest";
import { ageOn, daysBetween, formatBytes, formatDateTimeIt, formatLongDayIt, humanizeCode, romeDay } from "./format";
import { pageWindow } from "./pagination";
import { currentFor } from "./area-nav";

describe("dates in Italian local time", () => {
  it("reads UTC instants as clocks in Italy read them, summer and winter", () => {
    expect(formatDateTimeIt("2026-12-01T08:00:00.000Z")).toBe("01/12/2026 alle 09:00");
    expect(formatDateTimeIt("2026-07-01T08:00:00.000Z")).toBe("01/07/2026 alle 10:00");
    expect(romeDay("2026-11-26T23:30:00.000Z")).toBe("2026-11-27");
    expect(formatDateTimeIt("2026-11-26")).toBe("26/11/2026");
  });
  it("names days and counts them", () => {
    expect(formatLongDayIt("2026-11-26")).toBe("giovedì 26 novembre 2026");
    expect(daysBetween("2026-11-26", "2027-01-10")).toBe(45);
    expect(daysBetween("2026-11-26", "2026-07-31")).toBe(-118);
  });
  it("computes completed years of age", () => {
    expect(ageOn("2017-10-17", "2026-11-26")).toBe(9);
    expect(ageOn("2008-11-27", "2026-11-26")).toBe(17);
    expect(ageOn("2008-11-26", "2026-11-26")).toBe(18);
  });
});

describe("small formatters", () => {
  it("formats sizes and codes", () => {
    expect(formatBytes(45)).toBe("45 byte");
    expect(formatBytes(2 * 1024 * 1024 + 300_000)).toBe("2,3 MB");
    expect(humanizeCode("agevolazione_tari")).toBe("Agevolazione tari");
  });
});

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

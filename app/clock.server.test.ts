import { describe, expect, it } from "vitest";
import { nowIso, portalNow, todayIso } from "~/clock.server";
import { romeDay } from "~/rules/time";

describe("the portal's today", () => {
  it("is the calendar day in Italy, not in UTC", () => {
    const real = { demo: false, demoToday: undefined };
    // 23:30 UTC on 31 December is already 1 January in Rome (UTC+1 in winter).
    expect(todayIso(real, new Date("2026-12-31T23:30:00Z"))).toBe("2027-01-01");
    // 22:30 UTC on 30 June is 00:30 on 1 July in Rome (UTC+2 in summer).
    expect(todayIso(real, new Date("2026-06-30T22:30:00Z"))).toBe("2026-07-01");
    expect(todayIso(real, new Date("2026-06-30T21:30:00Z"))).toBe("2026-06-30");
  });

  it("is pinned by DEMO_TODAY only in demo mode", () => {
    const at = new Date("2026-03-10T12:00:00Z");
    expect(todayIso({ demo: true, demoToday: "2026-11-26" }, at)).toBe("2026-11-26");
    expect(todayIso({ demo: false, demoToday: "2026-11-26" }, at)).toBe("2026-03-10");
    expect(nowIso({ demo: true, demoToday: "2026-11-26" }, at)).toBe("2026-11-26T12:00:00.000Z");
    expect(romeDay(portalNow({ demo: true, demoToday: "2026-11-26" }))).toBe("2026-11-26");
  });

  it("keeps DEMO_TODAY's date in Italy at every hour of the real day", () => {
    const pinned = { demo: true, demoToday: "2026-11-26" };
    // 23:30 UTC is already the next day in Rome: the pinned instant is 00:30 on 26 November there.
    expect(nowIso(pinned, new Date("2026-12-06T23:30:00Z"))).toBe("2026-11-25T23:30:00.000Z");
    expect(romeDay(nowIso(pinned, new Date("2026-12-06T22:59:59Z")))).toBe("2026-11-26");
    // The 25-hour day when clocks go back (25 October 2026): its last hour stays on DEMO_TODAY.
    expect(romeDay(nowIso(pinned, new Date("2026-10-25T22:30:00Z")))).toBe("2026-11-26");
    // From a summer day (UTC+2) to a winter DEMO_TODAY (UTC+1): same time of day in Rome.
    expect(nowIso(pinned, new Date("2026-07-01T08:00:00Z"))).toBe("2026-11-26T09:00:00.000Z");
  });
});

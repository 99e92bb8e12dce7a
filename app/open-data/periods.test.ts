import { describe, expect, it } from "vitest";
import { ageBandOn, AGE_BANDS, endOfDay, monthBuckets, quarterOf } from "~/open-data/periods";
import { addDays, ageOn, romeDay } from "~/rules/time";

describe("months and quarters as Italy reads them", () => {
  it("lists the months between two days with the instant each next one starts", () => {
    expect(monthBuckets("2026-09-15", "2026-11-02")).toEqual([
      { month: "2026-09", nextStart: "2026-09-30T22:00:00.000Z" },
      { month: "2026-10", nextStart: "2026-10-31T23:00:00.000Z" },
      { month: "2026-11", nextStart: "2026-11-30T23:00:00.000Z" },
    ]);
    expect(monthBuckets("2025-12-31", "2026-01-01").map((b) => b.month)).toEqual(["2025-12", "2026-01"]);
  });

  it("an instant belongs to the month of its Italian day", () => {
    const buckets = monthBuckets("2026-01-01", "2026-12-31");
    const monthOf = (instant: string) => buckets.find((b) => instant < b.nextStart)?.month;
    for (const instant of [
      "2026-09-30T22:30:00.000Z",
      "2026-03-31T21:59:59.000Z",
      "2026-12-31T22:59:00.000Z",
    ])
      expect(monthOf(instant), instant).toBe(romeDay(instant).slice(0, 7));
  });

  it("quarters", () => {
    expect(
      ["2026-01-01", "2026-03-31", "2026-04-01", "2026-09-30", "2026-10-01", "2026-12-31"].map(quarterOf),
    ).toEqual(["2026-Q1", "2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4", "2026-Q4"]);
  });

  it("the end of a day is the start of the next Italian day", () => {
    expect(endOfDay("2026-11-26")).toBe("2026-11-26T23:00:00.000Z");
  });
});

describe("age bands", () => {
  const bandOfAge = (age: number) => [...AGE_BANDS].reverse().find((b) => age >= b.from)!.label;

  it("agree with ageOn on every birth day around the bands' edges, 29 February included", () => {
    for (const day of ["2026-11-26", "2028-02-29", "2027-02-28", "2027-03-01", "2026-01-01", "2026-12-31"]) {
      for (const band of AGE_BANDS) {
        const edge = `${Number(day.slice(0, 4)) - band.from}${day.slice(4)}`.replace(/-02-29$/, "-02-28");
        for (let shift = -3; shift <= 3; shift++) {
          const birth = addDays(edge, shift);
          if (birth > day) continue;
          expect(ageBandOn(birth, day), `${birth} on ${day}`).toBe(bandOfAge(ageOn(birth, day)));
        }
      }
      for (const birth of ["2000-02-29", "2012-02-29", "1952-02-29"])
        if (birth <= day)
          expect(ageBandOn(birth, day), `${birth} on ${day}`).toBe(bandOfAge(ageOn(birth, day)));
    }
  });

  it("a child turns 15 on their birthday", () => {
    expect(ageBandOn("2011-11-27", "2026-11-26")).toBe("0-14");
    expect(ageBandOn("2011-11-27", "2026-11-27")).toBe("15-24");
    expect(ageBandOn("1930-01-01", "2026-11-26")).toBe("75+");
  });
});

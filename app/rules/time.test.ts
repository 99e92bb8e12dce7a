import { describe, expect, it } from "vitest";
import {
  daysInMonth,
  formatDateIt,
  isValidIsoDate,
  parseDateIt,
  addDays,
  ageOn,
  daysBetween,
  formatDateTimeIt,
  formatLongDayIt,
  formatTimeIt,
  romeDay,
  romeDayStart,
  romeOffsetMinutes,
} from "~/rules/time";

// Europe/Rome: summer time from the last Sunday of March 02:00 (to 03:00) to the last Sunday of
// October 03:00 (back to 02:00). In 2026 those Sundays are 29 March and 25 October, in 2027
// 28 March and 31 October.

describe("the start of an Italian day", () => {
  it("is 23:00 UTC in winter and 22:00 UTC in summer, on both sides of each change", () => {
    expect(romeDayStart("2026-03-28")).toBe("2026-03-27T23:00:00.000Z");
    expect(romeDayStart("2026-03-29")).toBe("2026-03-28T23:00:00.000Z");
    expect(romeDayStart("2026-03-30")).toBe("2026-03-29T22:00:00.000Z");
    expect(romeDayStart("2026-10-24")).toBe("2026-10-23T22:00:00.000Z");
    expect(romeDayStart("2026-10-25")).toBe("2026-10-24T22:00:00.000Z");
    expect(romeDayStart("2026-10-26")).toBe("2026-10-25T23:00:00.000Z");
    expect(romeDayStart("2027-01-01")).toBe("2026-12-31T23:00:00.000Z");
  });

  it("makes the March Sunday 23 hours long and the October Sunday 25", () => {
    const hours = (day: string) =>
      (Date.parse(romeDayStart(addDays(day, 1))) - Date.parse(romeDayStart(day))) / 3_600_000;
    expect(hours("2026-03-29")).toBe(23);
    expect(hours("2026-10-25")).toBe(25);
    expect(hours("2027-03-28")).toBe(23);
    expect(hours("2027-10-31")).toBe(25);
    expect(hours("2026-07-01")).toBe(24);
  });

  it("is the first instant of that day for every day of several years", () => {
    for (let day = "2024-01-01"; day < "2031-01-01"; day = addDays(day, 1)) {
      const start = Date.parse(romeDayStart(day));
      expect(romeDay(new Date(start))).toBe(day);
      expect(formatTimeIt(new Date(start).toISOString())).toBe("00:00");
      expect(romeDay(new Date(start - 1))).toBe(addDays(day, -1));
    }
  });

  it("refuses what is not a calendar date", () => {
    expect(() => romeDayStart("2026-02-30")).toThrow(RangeError);
  });
});

describe("the day and time of an instant in Italy", () => {
  it("turns the day at local midnight, just before and just after, across both changes", () => {
    expect(romeDay("2026-03-28T22:59:59.999Z")).toBe("2026-03-28");
    expect(romeDay("2026-03-28T23:00:00.000Z")).toBe("2026-03-29");
    expect(romeDay("2026-03-29T21:59:59.999Z")).toBe("2026-03-29");
    expect(romeDay("2026-03-29T22:00:00.000Z")).toBe("2026-03-30");
    expect(romeDay("2026-10-24T21:59:59.999Z")).toBe("2026-10-24");
    expect(romeDay("2026-10-24T22:00:00.000Z")).toBe("2026-10-25");
    expect(romeDay("2026-10-25T22:59:59.999Z")).toBe("2026-10-25");
    expect(romeDay("2026-10-25T23:00:00.000Z")).toBe("2026-10-26");
    expect(romeDay(new Date("2026-12-31T23:30:00Z"))).toBe("2027-01-01");
  });

  it("jumps from 01:59 to 03:00 in March and from 02:59 back to 02:00 in October", () => {
    expect(formatTimeIt("2026-03-29T00:59:00.000Z")).toBe("01:59");
    expect(formatTimeIt("2026-03-29T01:00:00.000Z")).toBe("03:00");
    expect(romeOffsetMinutes("2026-03-29T00:59:59.000Z")).toBe(60);
    expect(romeOffsetMinutes("2026-03-29T01:00:00.000Z")).toBe(120);
    expect(formatTimeIt("2026-10-25T00:59:00.000Z")).toBe("02:59");
    expect(formatTimeIt("2026-10-25T01:00:00.000Z")).toBe("02:00");
    expect(romeOffsetMinutes("2026-10-25T00:59:59.000Z")).toBe(120);
    expect(romeOffsetMinutes("2026-10-25T01:00:00.000Z")).toBe(60);
  });

  it("keeps text that is no instant as written", () => {
    expect(romeDay("2026-11-26")).toBe("2026-11-26");
    expect(romeDay("non una data")).toBe("non una da");
    expect(formatTimeIt("non una data")).toBe("");
  });

  it("reads Italy's clock as Intl does, minute by minute around both changes and over two centuries", () => {
    // The reference: Intl's own ISO-like Swedish clock ("2026-03-29 03:00:00") in Italy's zone.
    const expected = (t: number) => {
      const [day, time] = new Date(t).toLocaleString("sv-SE", { timeZone: "Europe/Rome" }).split(" ");
      const [y, m, d] = day!.split("-");
      const [hh, mm, ss] = time!.split(":");
      const offset = Date.UTC(+y!, +m! - 1, +d!, +hh!, +mm!, +ss!) - Math.floor(t / 1000) * 1000;
      return [day, `${d}/${m}/${y} alle ${hh}:${mm}`, Math.round(offset / 60_000)];
    };
    const instants: number[] = [];
    for (const [from, to] of [
      ["2026-03-28T20:00:00Z", "2026-03-29T04:00:00Z"],
      ["2026-10-24T20:00:00Z", "2026-10-25T04:00:00Z"],
      ["2027-03-27T22:00:00Z", "2027-03-28T02:00:00Z"],
      ["2027-10-30T22:00:00Z", "2027-10-31T02:00:00Z"],
    ] as const) {
      for (let t = Date.parse(from); t <= Date.parse(to); t += 60_000) instants.push(t - 1, t, t + 59_999);
    }
    // Pseudo-random instants from 1850 (before Italy's offset was whole hours) to 2100.
    let x = 12345;
    const start = Date.UTC(1850, 0, 1);
    const span = Date.UTC(2100, 0, 1) - start;
    for (let i = 0; i < 5000; i++) {
      x = (x * 1103515245 + 12345) % 2147483648;
      instants.push(start + Math.floor((x / 2147483648) * span));
    }
    for (const t of instants) {
      const iso = new Date(t).toISOString();
      expect([romeDay(iso), formatDateTimeIt(iso), romeOffsetMinutes(iso)], iso).toEqual(expected(t));
    }
  });

  it("writes instants as clocks in Italy read them, summer and winter", () => {
    expect(formatDateTimeIt("2026-12-01T08:00:00.000Z")).toBe("01/12/2026 alle 09:00");
    expect(formatDateTimeIt("2026-07-01T08:00:00.000Z")).toBe("01/07/2026 alle 10:00");
    expect(formatDateTimeIt("2026-11-26")).toBe("26/11/2026");
  });
});

describe("calendar arithmetic", () => {
  it("adds days across months, years, leap days and both clock changes", () => {
    expect(addDays("2025-01-31", 1)).toBe("2025-02-01");
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2025-12-31", 1)).toBe("2026-01-01");
    expect(addDays("2025-03-01", -1)).toBe("2025-02-28");
    expect(addDays("2025-06-16", 0)).toBe("2025-06-16");
    expect(addDays("2025-01-01", 365)).toBe("2026-01-01");
    expect(addDays("2026-03-28", 1)).toBe("2026-03-29");
    expect(addDays("2026-03-29", 1)).toBe("2026-03-30");
    expect(addDays("2026-03-30", -2)).toBe("2026-03-28");
    expect(addDays("2026-10-24", 1)).toBe("2026-10-25");
    expect(addDays("2026-10-25", 1)).toBe("2026-10-26");
    expect(addDays("2026-10-26", -2)).toBe("2026-10-24");
    expect(() => addDays("2025-02-30", 1)).toThrow(RangeError);
    expect(() => addDays("2025-01-01", 0.5)).toThrow(RangeError);
  });

  it("names days and counts them", () => {
    expect(formatLongDayIt("2026-11-26")).toBe("giovedì 26 novembre 2026");
    expect(daysBetween("2026-11-26", "2027-01-10")).toBe(45);
    expect(daysBetween("2026-11-26", "2026-07-31")).toBe(-118);
    expect(daysBetween("2026-03-28", "2026-03-30")).toBe(2);
    expect(daysBetween("2026-10-24", "2026-10-26")).toBe(2);
  });

  it("computes completed years of age", () => {
    expect(ageOn("2017-10-17", "2026-11-26")).toBe(9);
    expect(ageOn("2008-11-27", "2026-11-26")).toBe(17);
    expect(ageOn("2008-11-26", "2026-11-26")).toBe(18);
  });
});

describe("calendar dates written in Italian", () => {
  it("formats ISO dates as dd/mm/yyyy", () => {
    expect(formatDateIt("2025-06-16")).toBe("16/06/2025");
    expect(formatDateIt("2025-12-02T10:30:00Z")).toBe("02/12/2025");
    expect(() => formatDateIt("2025-02-30")).toThrow(RangeError);
    expect(() => formatDateIt("16/06/2025")).toThrow(RangeError);
  });
  it("parses dd/mm/yyyy", () => {
    expect(parseDateIt("16/06/2025")).toBe("2025-06-16");
    expect(parseDateIt("1/2/2024")).toBe("2024-02-01");
    expect(parseDateIt("29/02/2023")).toBeNull();
    expect(parseDateIt("2025-06-16")).toBeNull();
  });
  it("knows month lengths and real dates", () => {
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2023, 2)).toBe(28);
    expect(daysInMonth(1900, 2)).toBe(28);
    expect(daysInMonth(2000, 2)).toBe(29);
    expect(daysInMonth(2025, 4)).toBe(30);
    expect(isValidIsoDate("2024-02-29")).toBe(true);
    expect(isValidIsoDate("2025-13-01")).toBe(false);
    expect(isValidIsoDate("2025-1-01")).toBe(false);
  });
});

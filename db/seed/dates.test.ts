import { describe, expect, it } from "vitest";
import { formatTimeIt, romeDay, romeOffsetMinutes } from "../../app/rules/time";
import { dayFromIso, isoDay, romeInstant, romeOffsetHours } from "./dates";

describe("the seed's fast Europe/Rome rule", () => {
  const first = dayFromIso("2020-01-01");
  const last = dayFromIso("2035-12-31");

  it("gives the offset Intl gives at noon, every day from 2020 to 2035", () => {
    for (let day = first; day <= last; day++) {
      expect(romeOffsetHours(day) * 60, isoDay(day)).toBe(romeOffsetMinutes(`${isoDay(day)}T11:00:00Z`));
    }
  });

  // One offset per day: on the two Sundays of a change it holds from 03:00 on (earlier times of
  // those two days come out an hour off, a price paid for speed).
  it("writes the Italian wall-clock time it is asked for, from 03:00 to midnight", () => {
    for (let day = first; day <= last; day++) {
      for (const [hour, minute] of [
        [3, 0],
        [5, 0],
        [9, 30],
        [12, 0],
        [22, 59],
        [23, 30],
      ] as const) {
        const at = romeInstant(day, hour, minute);
        const expected = `${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}`;
        expect(`${romeDay(at)} ${formatTimeIt(at)}`, at).toBe(`${isoDay(day)} ${expected}`);
      }
    }
  });
});

import { describe, expect, it } from "vitest";
import { formatsFor } from "~/i18n/format";
import { formatEuroSymbol } from "~/rules/money";
import { formatDateTimeIt, formatDayIt, formatLongDayIt } from "~/rules/time";

describe("formats per language", () => {
  it("Italian writes exactly what the portal's own rules write", () => {
    const it_ = formatsFor("it");
    for (const cents of [0, 5, 102099, -1250, 123456789])
      expect(it_.euro(cents)).toBe(formatEuroSymbol(cents));
    for (const iso of ["2026-03-29", "2026-03-28T23:30:00Z", "2026-10-25T01:30:00Z"]) {
      expect(it_.date(iso)).toBe(formatDayIt(iso));
      expect(it_.dateTime(iso)).toBe(formatDateTimeIt(iso));
    }
    expect(it_.longDay("2026-11-26")).toBe(formatLongDayIt("2026-11-26"));
    expect(it_.number(1234567)).toBe("1.234.567");
  });

  it("English writes money, numbers and dates the British way, times in Italian local time", () => {
    const en = formatsFor("en");
    expect(en.euro(102099)).toBe("€1,020.99");
    expect(en.euro(-1250)).toBe("-€12.50");
    expect(en.number(1234567)).toBe("1,234,567");
    expect(en.date("2026-06-16")).toBe("16 Jun 2026");
    expect(en.longDay("2026-11-26")).toBe("Thursday, 26 November 2026");
    // 23:30 UTC on 28 March is already the 29th in Rome (UTC+1), and 01:30 UTC on 29 March after
    // the change to summer time is 03:30 there.
    expect(en.date("2026-03-28T23:30:00Z")).toBe("29 Mar 2026");
    expect(en.dateTime("2026-03-29T01:30:00Z")).toBe("29 Mar 2026, 03:30");
    expect(en.dateTime("2026-10-25T01:30:00Z")).toBe("25 Oct 2026, 02:30");
    expect(en.dateTime("2026-06-16")).toBe("16 Jun 2026");
    // Not a date: shown as given rather than "Invalid Date".
    expect(en.date("non-una-data")).toBe("non-una-data");
  });
});

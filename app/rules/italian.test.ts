import { describe, expect, it } from "vitest";
import { formatBytes, formatKw, formatMonths, formatRateBp, formatShareBp, humanizeCode } from "~/rules/italian";

describe("figures written the Italian way", () => {
  it("writes rates and shares", () => {
    expect(formatRateBp(106)).toBe("1,06%");
    expect(formatRateBp(60)).toBe("0,60%");
    expect(formatShareBp(10_000)).toBe("100%");
    expect(formatShareBp(5_000)).toBe("50%");
    expect(formatShareBp(3_333)).toBe("33,33%");
  });

  it("writes months and power", () => {
    expect(formatMonths(1)).toBe("1 mese");
    expect(formatMonths(12)).toBe("12 mesi");
    expect(formatKw(85)).toBe("85 kW");
    expect(formatKw(73.5)).toBe("73,5 kW");
  });

  it("writes sizes and codes", () => {
    expect(formatBytes(45)).toBe("45 byte");
    expect(formatBytes(2 * 1024 * 1024 + 300_000)).toBe("2,3 MB");
    expect(humanizeCode("agevolazione_tari")).toBe("Agevolazione tari");
  });
});

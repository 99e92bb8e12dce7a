import { describe, expect, it } from "vitest";
import {
  centsToDecimalString,
  formatEuro,
  formatEuroSymbol,
  parseEuroToCents,
  roundHalfUp,
  splitEvenly,
} from "~/rules/money";

describe("euro formatting", () => {
  it("formats Italian style", () => {
    expect(formatEuro(102099)).toBe("1.020,99");
    expect(formatEuro(0)).toBe("0,00");
    expect(formatEuro(5)).toBe("0,05");
    expect(formatEuro(100)).toBe("1,00");
    expect(formatEuro(99999)).toBe("999,99");
    expect(formatEuro(123456789)).toBe("1.234.567,89");
    expect(formatEuro(-102099)).toBe("-1.020,99");
    expect(formatEuroSymbol(102099)).toBe("€ 1.020,99");
    expect(centsToDecimalString(102099)).toBe("1020.99");
    expect(centsToDecimalString(5)).toBe("0.05");
    expect(centsToDecimalString(-50)).toBe("-0.50");
    expect(centsToDecimalString(200)).toBe("2.00");
  });
  it("refuses non-integer cents", () => {
    expect(() => formatEuro(1.5)).toThrow(RangeError);
    expect(() => centsToDecimalString(Number.NaN)).toThrow(RangeError);
  });
});

describe("parseEuroToCents", () => {
  it("accepts the usual ways of typing an amount", () => {
    expect(parseEuroToCents("1.020,99")).toBe(102099);
    expect(parseEuroToCents("1020,99")).toBe(102099);
    expect(parseEuroToCents("1020.99")).toBe(102099);
    expect(parseEuroToCents("12")).toBe(1200);
    expect(parseEuroToCents("12,5")).toBe(1250);
    expect(parseEuroToCents("12.5")).toBe(1250);
    expect(parseEuroToCents("0,01")).toBe(1);
    expect(parseEuroToCents(" € 1.234.567,89 ")).toBe(123456789);
    expect(parseEuroToCents("1.020")).toBe(102000);
    expect(parseEuroToCents("12 EUR")).toBe(1200);
    expect(parseEuroToCents("-3,00")).toBe(-300);
    // exact: no floating point drift
    expect(parseEuroToCents("0,29")).toBe(29);
    expect(parseEuroToCents("1.15")).toBe(115);
  });
  it("returns null for anything unclear", () => {
    for (const s of [
      "",
      "abc",
      "1,2,3",
      "1.02.3",
      "12,345",
      "1,020.99",
      ",99",
      "12.",
      "1..0",
      "1e3",
      "€",
      "99999999999999",
    ]) {
      expect(parseEuroToCents(s), s).toBeNull();
    }
  });
});

describe("splitEvenly", () => {
  it("puts the remainder on the last part and sums exactly", () => {
    expect(splitEvenly(1000, 3)).toEqual([333, 333, 334]);
    expect(splitEvenly(1001, 2)).toEqual([500, 501]);
    expect(splitEvenly(1200, 4)).toEqual([300, 300, 300, 300]);
    expect(splitEvenly(2, 3)).toEqual([0, 0, 2]);
    expect(splitEvenly(500, 1)).toEqual([500]);
    for (const [total, parts] of [
      [133560, 2],
      [99999, 7],
      [1, 5],
      [123456789, 12],
    ] as const) {
      const split = splitEvenly(total, parts);
      expect(split).toHaveLength(parts);
      expect(split.reduce((a, b) => a + b, 0)).toBe(total);
      expect(split.every((x) => Number.isInteger(x))).toBe(true);
    }
  });
  it("refuses bad arguments", () => {
    expect(() => splitEvenly(100, 0)).toThrow(RangeError);
    expect(() => splitEvenly(100, 1.5)).toThrow(RangeError);
    expect(() => splitEvenly(10.5, 2)).toThrow(RangeError);
  });
});

describe("roundHalfUp", () => {
  it("rounds exact fractions half away from zero", () => {
    expect(roundHalfUp(5n, 2n)).toBe(3n);
    expect(roundHalfUp(7n, 3n)).toBe(2n);
    expect(roundHalfUp(8n, 3n)).toBe(3n);
    expect(roundHalfUp(-5n, 2n)).toBe(-3n);
    expect(roundHalfUp(0n, 7n)).toBe(0n);
    expect(() => roundHalfUp(1n, 0n)).toThrow(RangeError);
  });
});

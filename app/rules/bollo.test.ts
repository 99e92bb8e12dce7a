import { describe, expect, it } from "vitest";
import { BOLLO_SEGREGATION_CODE, computeBollo, type EuroClass } from "~/rules/bollo";

describe("computeBollo", () => {
  it("computes 85 kW Euro 6 = EUR 219.30", () => {
    const r = computeBollo({ kw: 85, euroClass: 6 });
    expect(r.amountCents).toBe(21_930);
    expect(r.steps).toEqual({
      kw: 85,
      euroClass: 6,
      kwUpTo100: 85,
      kwAbove100: 0,
      rateUpTo100Cents: 258,
      rateAbove100Cents: 387,
      partUpTo100Cents: 21_930,
      partAbove100Cents: 0,
      amountCents: 21_930,
    });
  });

  it("charges the higher rate on the kW above 100", () => {
    // 100 × 2.58 + 20 × 3.87 = 258.00 + 77.40
    const r = computeBollo({ kw: 120, euroClass: 6 });
    expect(r.steps).toMatchObject({
      kwUpTo100: 100,
      kwAbove100: 20,
      partUpTo100Cents: 25_800,
      partAbove100Cents: 7_740,
    });
    expect(r.amountCents).toBe(33_540);
    expect(computeBollo({ kw: 100, euroClass: 6 }).amountCents).toBe(25_800);
    expect(computeBollo({ kw: 101, euroClass: 6 }).amountCents).toBe(
      25_800 + 387,
    );
  });

  it("uses the rates of each Euro class", () => {
    const expected: [EuroClass, number, number][] = [
      [0, 300, 450],
      [1, 290, 435],
      [2, 280, 420],
      [3, 270, 405],
      [4, 258, 387],
      [5, 258, 387],
      [6, 258, 387],
    ];
    for (const [euroClass, low, high] of expected) {
      expect(
        computeBollo({ kw: 50, euroClass }).amountCents,
        `Euro ${euroClass}`,
      ).toBe(50 * low);
      expect(
        computeBollo({ kw: 110, euroClass }).amountCents,
        `Euro ${euroClass}`,
      ).toBe(100 * low + 10 * high);
    }
  });

  it("charges fractions of kW proportionally, rounded to cents", () => {
    // 75.5 × 2.58 = 194.79
    expect(computeBollo({ kw: 75.5, euroClass: 4 }).amountCents).toBe(19_479);
    // 100.25 kW Euro 3: 270.00 + 0.25 × 4.05 = 1.0125 → 1.01
    expect(computeBollo({ kw: 100.25, euroClass: 3 }).amountCents).toBe(27_101);
  });

  it("refuses invalid power or class", () => {
    expect(() => computeBollo({ kw: 0, euroClass: 6 })).toThrow(RangeError);
    expect(() => computeBollo({ kw: -5, euroClass: 6 })).toThrow(RangeError);
    expect(() => computeBollo({ kw: Number.NaN, euroClass: 6 })).toThrow(
      RangeError,
    );
    expect(() => computeBollo({ kw: 5000, euroClass: 6 })).toThrow(RangeError);
    expect(() => computeBollo({ kw: 80, euroClass: 7 as EuroClass })).toThrow(
      RangeError,
    );
    expect(() => computeBollo({ kw: 80, euroClass: 4.5 as EuroClass })).toThrow(
      RangeError,
    );
  });

  it("is paid with segregation code 96", () => {
    expect(BOLLO_SEGREGATION_CODE).toBe("96");
  });
});

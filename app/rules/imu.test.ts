import { describe, expect, it } from "vitest";
import {
  computeImu,
  imuInstalments,
  imuMultiplier,
  isValidCadastralCategory,
  normalizeCadastralCategory,
} from "~/rules/imu";

const SECOND_HOME = {
  renditaCents: 75_000,
  category: "A/2",
  rateBp: 106,
  sharePercent: 100,
  monthsHeld: 12,
  mainHome: false,
  year: 2025,
};

describe("cadastral categories", () => {
  it("normalizes and validates", () => {
    expect(normalizeCadastralCategory(" a2 ")).toBe("A/2");
    expect(normalizeCadastralCategory("A/02")).toBe("A/2");
    expect(normalizeCadastralCategory("d / 10")).toBe("D/10");
    for (const c of ["A/1", "A/11", "B/8", "C/7", "D/10", "c6"])
      expect(isValidCadastralCategory(c), c).toBe(true);
    for (const c of [
      "A/0",
      "A/12",
      "B/9",
      "C/8",
      "D/11",
      "E/1",
      "F/3",
      "Z/1",
      "",
      "A",
    ]) {
      expect(isValidCadastralCategory(c), c).toBe(false);
    }
  });

  it("gives the multipliers of the rules", () => {
    const expected: Record<string, number> = {
      "A/1": 160,
      "A/2": 160,
      "A/9": 160,
      "A/11": 160,
      "A/10": 80,
      "B/1": 140,
      "B/8": 140,
      "C/1": 55,
      "C/2": 160,
      "C/3": 140,
      "C/4": 140,
      "C/5": 140,
      "C/6": 160,
      "C/7": 160,
      "D/1": 65,
      "D/5": 80,
      "D/8": 65,
      "D/10": 65,
    };
    for (const [cat, m] of Object.entries(expected))
      expect(imuMultiplier(cat), cat).toBe(m);
    expect(() => imuMultiplier("E/1")).toThrow(RangeError);
    expect(() => imuMultiplier("X/1")).toThrow(RangeError);
  });
});

describe("computeImu", () => {
  it("computes the worked example: A/2 second home, rendita 750 at 1.06%", () => {
    const r = computeImu(SECOND_HOME);
    expect(r.exempt).toBe(false);
    expect(r.steps).toEqual({
      renditaCents: 75_000,
      revaluedCents: 78_750,
      multiplier: 160,
      baseCents: 12_600_000,
      rateBp: 106,
      monthsHeld: 12,
      sharePercent: 100,
      grossCents: 133_560,
      deductionCents: 0,
      amountCents: 133_560,
    });
    expect(r.f24Code).toBe("3918");
    expect(r.instalments).toEqual([
      { kind: "acconto", dueDate: "2025-06-16", amountCents: 66_780 },
      { kind: "saldo", dueDate: "2025-12-16", amountCents: 66_780 },
    ]);
  });

  it("scales by share and months held", () => {
    expect(
      computeImu({ ...SECOND_HOME, sharePercent: 50 }).steps.amountCents,
    ).toBe(66_780);
    expect(
      computeImu({ ...SECOND_HOME, monthsHeld: 6 }).steps.amountCents,
    ).toBe(66_780);
    const both = computeImu({
      ...SECOND_HOME,
      sharePercent: 50,
      monthsHeld: 6,
    });
    expect(both.steps.amountCents).toBe(33_390);
    expect(both.instalments.map((i) => i.amountCents)).toEqual([
      16_695, 16_695,
    ]);
    expect(
      computeImu({ ...SECOND_HOME, monthsHeld: 0 }).steps.amountCents,
    ).toBe(0);
    // share 33.33%: 133560 × 0.3333 = 44515.548 → 44516
    expect(
      computeImu({ ...SECOND_HOME, sharePercent: 33.33 }).steps.amountCents,
    ).toBe(44_516);
  });

  it("rounds once at the end, half up, and splits acconto/saldo", () => {
    // rendita 500.55 A/3 at 0.86%: base 50055 × 1.05 × 160 = 8,409,240; × 0.0086 = 72,319.464 → 72,319
    const r = computeImu({
      ...SECOND_HOME,
      renditaCents: 50_055,
      category: "A/3",
      rateBp: 86,
    });
    expect(r.steps.baseCents).toBe(8_409_240);
    expect(r.steps.amountCents).toBe(72_319);
    expect(r.instalments.map((i) => i.amountCents)).toEqual([36_160, 36_159]);
    expect(imuInstalments(1, 2025).map((i) => i.amountCents)).toEqual([1, 0]);
  });

  it("exempts a main home that is not A/1, A/8, A/9", () => {
    const r = computeImu({ ...SECOND_HOME, mainHome: true });
    expect(r.exempt).toBe(true);
    expect(r.exemptionReason).toMatch(/Abitazione principale/);
    expect(r.steps.amountCents).toBe(0);
    expect(r.instalments).toEqual([]);
    expect(r.f24Code).toBe("3912");
  });

  it("taxes an A/1 main home at the reduced rate with the EUR 200 deduction", () => {
    // rendita 2000: base 33,600,000; 0.6% = 201,600; minus 20,000 = 181,600
    const lux = {
      ...SECOND_HOME,
      renditaCents: 200_000,
      category: "A/1",
      mainHome: true,
    };
    const r = computeImu(lux);
    expect(r.exempt).toBe(false);
    expect(r.f24Code).toBe("3912");
    expect(r.steps).toMatchObject({
      baseCents: 33_600_000,
      rateBp: 60,
      grossCents: 201_600,
      deductionCents: 20_000,
      amountCents: 181_600,
    });
    expect(r.instalments.map((i) => i.amountCents)).toEqual([90_800, 90_800]);
    // half share: gross 100,800, deduction 10,000
    expect(computeImu({ ...lux, sharePercent: 50 }).steps).toMatchObject({
      grossCents: 100_800,
      deductionCents: 10_000,
      amountCents: 90_800,
    });
    // six months: gross 100,800, deduction 10,000
    expect(computeImu({ ...lux, monthsHeld: 6 }).steps).toMatchObject({
      grossCents: 100_800,
      deductionCents: 10_000,
      amountCents: 90_800,
    });
    // the comune's own main-home rate
    expect(computeImu({ ...lux, mainHomeRateBp: 50 }).steps.amountCents).toBe(
      148_000,
    );
  });

  it("never lets the deduction make the tax negative", () => {
    // A/9 rendita 100: base 1,680,000; 0.6% = 10,080 < 20,000
    const r = computeImu({
      ...SECOND_HOME,
      renditaCents: 10_000,
      category: "A/9",
      mainHome: true,
    });
    expect(r.steps).toMatchObject({
      grossCents: 10_080,
      deductionCents: 10_080,
      amountCents: 0,
    });
    expect(r.instalments.map((i) => i.amountCents)).toEqual([0, 0]);
  });

  it("uses 3930 and multiplier 65 for group D", () => {
    // rendita 10,000: base 1,000,000 × 1.05 × 65 = 68,250,000; × 1.06% = 723,450
    const r = computeImu({
      ...SECOND_HOME,
      renditaCents: 1_000_000,
      category: "D/1",
    });
    expect(r.steps).toMatchObject({
      multiplier: 65,
      baseCents: 68_250_000,
      amountCents: 723_450,
    });
    expect(r.f24Code).toBe("3930");
    expect(
      computeImu({ ...SECOND_HOME, category: "D/5" }).steps.multiplier,
    ).toBe(80);
  });

  it("uses multiplier 55 for C/1 (shops)", () => {
    // rendita 1,500: base 150,000 × 1.05 × 55 = 8,662,500; × 1.06% = 91,822.5 → 91,823
    const r = computeImu({
      ...SECOND_HOME,
      renditaCents: 150_000,
      category: "C/1",
    });
    expect(r.steps).toMatchObject({
      multiplier: 55,
      baseCents: 8_662_500,
      amountCents: 91_823,
    });
    expect(r.f24Code).toBe("3918");
    expect(r.instalments.map((i) => i.amountCents)).toEqual([45_912, 45_911]);
  });

  it("instalments always add up to the annual amount", () => {
    for (const renditaCents of [1, 333, 12_345, 98_765, 250_001]) {
      for (const category of ["A/2", "C/1", "D/7", "B/4", "A/10"]) {
        const r = computeImu({
          ...SECOND_HOME,
          renditaCents,
          category,
          rateBp: 96,
          sharePercent: 25,
        });
        const sum = r.instalments.reduce((a, i) => a + i.amountCents, 0);
        expect(sum).toBe(r.steps.amountCents);
        expect(Number.isInteger(r.steps.amountCents)).toBe(true);
      }
    }
  });

  it("refuses invalid input", () => {
    expect(() => computeImu({ ...SECOND_HOME, category: "Z/9" })).toThrow(
      RangeError,
    );
    expect(() => computeImu({ ...SECOND_HOME, category: "E/1" })).toThrow(
      RangeError,
    );
    expect(() =>
      computeImu({ ...SECOND_HOME, category: "C/1", mainHome: true }),
    ).toThrow(RangeError);
    expect(() =>
      computeImu({ ...SECOND_HOME, category: "A/10", mainHome: true }),
    ).toThrow(RangeError);
    expect(() => computeImu({ ...SECOND_HOME, sharePercent: 101 })).toThrow(
      RangeError,
    );
    expect(() => computeImu({ ...SECOND_HOME, monthsHeld: 13 })).toThrow(
      RangeError,
    );
    expect(() => computeImu({ ...SECOND_HOME, monthsHeld: 6.5 })).toThrow(
      RangeError,
    );
    expect(() => computeImu({ ...SECOND_HOME, renditaCents: -1 })).toThrow(
      RangeError,
    );
    expect(() => computeImu({ ...SECOND_HOME, renditaCents: 10.5 })).toThrow(
      RangeError,
    );
    expect(() => computeImu({ ...SECOND_HOME, rateBp: 1.06 })).toThrow(
      RangeError,
    );
  });
});

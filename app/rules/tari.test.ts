import { describe, expect, it } from "vitest";
import {
  computeTari,
  DEFAULT_TARI_TARIFF,
  tariDueDates,
  type TariTariff,
} from "~/rules/tari";

describe("computeTari", () => {
  it("computes fixed, variable, TEFA and two instalments", () => {
    // fixed 80 × 1.20 × 0.94 = 90.24; variable 110.00; net 200.24; TEFA 5% = 10.012 → 10.01
    const r = computeTari({ surfaceM2: 80, householdSize: 2, year: 2025 });
    expect(r).toMatchObject({
      fixedCents: 9_024,
      variableCents: 11_000,
      netCents: 20_024,
      tefaCents: 1_001,
      totalCents: 21_025,
      f24Code: "3944",
    });
    expect(r.coefficients).toEqual({
      householdBand: 2,
      ka: 0.94,
      kaMilli: 940,
      fixedCentsPerM2: 120,
      variableCents: 11_000,
      tefaBp: 500,
    });
    expect(r.instalments).toEqual([
      { number: 1, dueDate: "2025-05-31", amountCents: 10_512 },
      { number: 2, dueDate: "2025-12-02", amountCents: 10_513 },
    ]);
  });

  it("supports three and four instalments with the documented dates", () => {
    // fixed 100 × 1.20 × 1.05 = 126.00; variable 140.00; net 266.00; TEFA 13.30; total 279.30
    const three = computeTari({
      surfaceM2: 100,
      householdSize: 3,
      year: 2025,
      instalments: 3,
    });
    expect(three.totalCents).toBe(27_930);
    expect(three.instalments).toEqual([
      { number: 1, dueDate: "2025-05-31", amountCents: 9_310 },
      { number: 2, dueDate: "2025-07-31", amountCents: 9_310 },
      { number: 3, dueDate: "2025-12-02", amountCents: 9_310 },
    ]);
    // 85.5 m², 1 member: fixed 85.5 × 1.20 × 0.80 = 82.08; net 142.08; TEFA 7.104 → 7.10; total 149.18
    const four = computeTari({
      surfaceM2: 85.5,
      householdSize: 1,
      year: 2026,
      instalments: 4,
    });
    expect(four).toMatchObject({
      fixedCents: 8_208,
      netCents: 14_208,
      tefaCents: 710,
      totalCents: 14_918,
    });
    expect(four.instalments.map((i) => i.dueDate)).toEqual([
      "2026-03-31",
      "2026-05-31",
      "2026-07-31",
      "2026-12-02",
    ]);
    expect(four.instalments.map((i) => i.amountCents)).toEqual([
      3_729, 3_729, 3_729, 3_731,
    ]);
    expect(tariDueDates(2025, 2)).toEqual(["2025-05-31", "2025-12-02"]);
  });

  it("uses the 6+ band for large households", () => {
    const six = computeTari({ surfaceM2: 120, householdSize: 6, year: 2025 });
    const nine = computeTari({ surfaceM2: 120, householdSize: 9, year: 2025 });
    expect(nine).toEqual(six);
    expect(six.coefficients.householdBand).toBe(6);
    // 120 × 1.20 × 1.30 = 187.20
    expect(six.fixedCents).toBe(18_720);
    expect(six.variableCents).toBe(25_000);
  });

  it("grows with household size and surface", () => {
    let previous = 0;
    for (let size = 1; size <= 6; size++) {
      const total = computeTari({
        surfaceM2: 90,
        householdSize: size,
        year: 2025,
      }).totalCents;
      expect(total).toBeGreaterThan(previous);
      previous = total;
    }
    expect(
      computeTari({ surfaceM2: 91, householdSize: 2, year: 2025 }).totalCents,
    ).toBeGreaterThan(
      computeTari({ surfaceM2: 90, householdSize: 2, year: 2025 }).totalCents,
    );
  });

  it("is internally consistent for many inputs", () => {
    for (const surfaceM2 of [12, 45.25, 73, 110, 250.5]) {
      for (let householdSize = 1; householdSize <= 7; householdSize++) {
        for (const instalments of [2, 3, 4] as const) {
          const r = computeTari({
            surfaceM2,
            householdSize,
            year: 2025,
            instalments,
          });
          expect(r.netCents).toBe(r.fixedCents + r.variableCents);
          expect(r.totalCents).toBe(r.netCents + r.tefaCents);
          expect(r.instalments).toHaveLength(instalments);
          expect(r.instalments.reduce((a, i) => a + i.amountCents, 0)).toBe(
            r.totalCents,
          );
          expect(
            r.instalments.every((i) => Number.isInteger(i.amountCents)),
          ).toBe(true);
          expect(Math.abs(r.tefaCents - r.netCents * 0.05)).toBeLessThanOrEqual(
            0.5,
          );
        }
      }
    }
  });

  it("accepts a custom tariff and TEFA rate", () => {
    const tariff: TariTariff = {
      fixedCentsPerM2: 200,
      kaMilli: [1000, 1500],
      variableCents: [5_000, 9_000],
    };
    const r = computeTari({
      surfaceM2: 50,
      householdSize: 4,
      year: 2025,
      tariff,
      tefaBp: 0,
    });
    // band 2 (last): 50 × 2.00 × 1.5 = 150.00 + 90.00
    expect(r).toMatchObject({
      fixedCents: 15_000,
      variableCents: 9_000,
      tefaCents: 0,
      totalCents: 24_000,
    });
    expect(DEFAULT_TARI_TARIFF.kaMilli).toHaveLength(6);
  });

  it("refuses invalid input", () => {
    const ok = { surfaceM2: 80, householdSize: 2, year: 2025 };
    expect(() => computeTari({ ...ok, surfaceM2: 0 })).toThrow(RangeError);
    expect(() => computeTari({ ...ok, surfaceM2: -10 })).toThrow(RangeError);
    expect(() => computeTari({ ...ok, householdSize: 0 })).toThrow(RangeError);
    expect(() => computeTari({ ...ok, householdSize: 1.5 })).toThrow(
      RangeError,
    );
    expect(() => computeTari({ ...ok, instalments: 5 as 4 })).toThrow(
      RangeError,
    );
    expect(() => computeTari({ ...ok, tefaBp: -1 })).toThrow(RangeError);
    expect(() =>
      computeTari({
        ...ok,
        tariff: { fixedCentsPerM2: 100, kaMilli: [1000], variableCents: [] },
      }),
    ).toThrow(RangeError);
  });
});

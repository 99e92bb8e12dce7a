import { describe, expect, it } from "vitest";
import { formatRf, isValidRf, makeRf } from "~/rules/rf";

describe("ISO 11649 RF", () => {
  it("validates", () => {
    expect(isValidRf("RF18539007547034")).toBe(true);
    expect(isValidRf("RF18 5390 0754 7034")).toBe(true);
    expect(isValidRf("rf18539007547034")).toBe(true);
    expect(isValidRf("RF19539007547034")).toBe(false);
    expect(isValidRf("RF18539007547035")).toBe(false);
    expect(isValidRf("RF18")).toBe(false);
    expect(isValidRf("XX18539007547034")).toBe(false);
    expect(isValidRf("RF18" + "1".repeat(22))).toBe(false);
    expect(isValidRf("RF1A539007547034")).toBe(false);
  });

  it("makes references that validate", () => {
    expect(makeRf("539007547034")).toBe("RF18539007547034");
    expect(makeRf("5390 0754 7034")).toBe("RF18539007547034");
    for (const ref of ["1", "A", "IMU2025TORINO0001", "x".repeat(21)]) {
      const rf = makeRf(ref);
      expect(rf.slice(4)).toBe(ref.toUpperCase());
      expect(isValidRf(rf), rf).toBe(true);
    }
    expect(() => makeRf("")).toThrow(RangeError);
    expect(() => makeRf("1".repeat(22))).toThrow(RangeError);
    expect(() => makeRf("AB-12")).toThrow(RangeError);
  });

  it("formats in groups of four", () => {
    expect(formatRf("RF18539007547034")).toBe("RF18 5390 0754 7034");
  });
});

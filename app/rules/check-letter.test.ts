import { describe, expect, it } from "vitest";
import { oddEvenCheckLetter } from "~/rules/check-letter";

describe("oddEvenCheckLetter", () => {
  it("uses the ODD table on odd positions and the EVEN table on even positions", () => {
    // "A": odd position → 1 → B; "0": odd → 1 → B; "K": odd → 2 → C
    expect(oddEvenCheckLetter("A")).toBe("B");
    expect(oddEvenCheckLetter("0")).toBe("B");
    expect(oddEvenCheckLetter("K")).toBe("C");
    // "AZ": 1 + 25 = 26 → 0 → A
    expect(oddEvenCheckLetter("AZ")).toBe("A");
    // "ZZ": 23 + 25 = 48 → 22 → W
    expect(oddEvenCheckLetter("ZZ")).toBe("W");
  });
  it("gives the known check characters", () => {
    expect(oddEvenCheckLetter("MRNLCU00A01H501")).toBe("J");
    expect(oddEvenCheckLetter("0542811101000000123456")).toBe("X"); // CIN of IT60X0542811101000000123456
  });
  it("rejects characters outside A-Z 0-9", () => {
    expect(() => oddEvenCheckLetter("a")).toThrow(RangeError);
    expect(() => oddEvenCheckLetter("-")).toThrow(RangeError);
  });
});

import { describe, expect, it } from "vitest";
import {
  isValidPartitaIva,
  makePartitaIva,
  partitaIvaCheckDigit,
} from "~/rules/partita-iva";

describe("partita IVA", () => {
  it("computes the check digit", () => {
    // odd positions 0+7+3+1+1 = 12; even positions doubled 0,8,2,0,10→1 = 11; (10 - 23 mod 10) mod 10 = 7
    expect(partitaIvaCheckDigit("0074311015")).toBe("7");
    // odd positions 1+0+0+0+1 = 2, even positions all 0 → (10 - 2) mod 10 = 8
    expect(partitaIvaCheckDigit("1000000010")).toBe("8");
    // even position 5 doubled = 10 → 1; sum 1 + 9 = 10 → check 0
    expect(partitaIvaCheckDigit("0500000009")).toBe("0");
    expect(() => partitaIvaCheckDigit("123")).toThrow(RangeError);
    expect(() => partitaIvaCheckDigit("12345678a0")).toThrow(RangeError);
  });

  it("validates", () => {
    expect(isValidPartitaIva("00743110157")).toBe(true);
    expect(isValidPartitaIva(" 00743110157 ")).toBe(true);
    expect(isValidPartitaIva("00743110158")).toBe(false);
    expect(isValidPartitaIva("00000000000")).toBe(false);
    expect(isValidPartitaIva("0074311015")).toBe(false);
    expect(isValidPartitaIva("007431101570")).toBe(false);
    expect(isValidPartitaIva("0074311015A")).toBe(false);
    expect(isValidPartitaIva("")).toBe(false);
  });

  it("refuses a zero office code even when the check digit adds up", () => {
    const first10 = "1234567000";
    const piva = first10 + partitaIvaCheckDigit(first10);
    expect(isValidPartitaIva(piva)).toBe(false);
  });

  it("makes valid numbers", () => {
    expect(makePartitaIva("0074311015")).toBe("00743110157");
    for (const first10 of ["0123456001", "9876543100", "1111111088"]) {
      const piva = makePartitaIva(first10);
      expect(piva).toHaveLength(11);
      expect(piva.startsWith(first10)).toBe(true);
      expect(isValidPartitaIva(piva)).toBe(true);
    }
    expect(() => makePartitaIva("0000000000")).toThrow(RangeError);
    expect(() => makePartitaIva("12345")).toThrow(RangeError);
  });
});

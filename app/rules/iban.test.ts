import { describe, expect, it } from "vitest";
import {
  formatIban,
  ibanCheckDigits,
  isValidIban,
  italianCin,
  makeItalianIban,
  normalizeIban,
} from "~/rules/iban";

const SAMPLE = "IT60X0542811101000000123456";

describe("IBAN", () => {
  it("accepts valid IBANs with or without spaces", () => {
    expect(isValidIban(SAMPLE)).toBe(true);
    expect(isValidIban("IT60 X054 2811 1010 0000 0123 456")).toBe(true);
    expect(isValidIban("it60x0542811101000000123456")).toBe(true);
    expect(isValidIban("DE89 3704 0044 0532 0130 00")).toBe(true);
    expect(isValidIban("GB29 NWBK 6016 1331 9268 19")).toBe(true);
  });

  it("rejects wrong check digits, lengths and Italian layout", () => {
    expect(isValidIban("IT61X0542811101000000123456")).toBe(false); // check digits
    expect(isValidIban("IT60X0542811101000000123457")).toBe(false); // one digit changed
    expect(isValidIban("IT60X054281110100000012345")).toBe(false); // 26 chars
    expect(isValidIban("DE89370400440532013000X")).toBe(false); // wrong length for DE
    expect(isValidIban("IT60-X054")).toBe(false);
    expect(isValidIban("")).toBe(false);
  });

  it("rejects an Italian IBAN whose CIN is wrong even when the check digits add up", () => {
    const bban = "Y0542811101000000123456"; // right CIN is X
    const forged = `IT${ibanCheckDigits("IT", bban)}${bban}`;
    expect(forged).toHaveLength(27);
    expect(isValidIban(forged)).toBe(false);
  });

  it("rejects an Italian IBAN with letters in ABI or CAB", () => {
    const bban = "X05428A1101000000123456";
    expect(isValidIban(`IT${ibanCheckDigits("IT", bban)}${bban}`)).toBe(false);
  });

  it("computes the Italian CIN", () => {
    expect(italianCin("05428", "11101", "000000123456")).toBe("X");
    expect(() => italianCin("0542", "11101", "000000123456")).toThrow(
      RangeError,
    );
  });

  it("makes Italian IBANs", () => {
    expect(
      makeItalianIban({ abi: "05428", cab: "11101", account: "000000123456" }),
    ).toBe(SAMPLE);
    expect(
      makeItalianIban({ abi: "05428", cab: "11101", account: "123456" }),
    ).toBe(SAMPLE);
    const withLetters = makeItalianIban({
      abi: "03069",
      cab: "09606",
      account: "cc0012345ab",
    });
    expect(withLetters).toHaveLength(27);
    expect(withLetters.slice(15)).toBe("0CC0012345AB");
    expect(isValidIban(withLetters)).toBe(true);
    for (let i = 0; i < 20; i++) {
      const iban = makeItalianIban({
        abi: "07601",
        cab: "01000",
        account: String(1000 + i * 7919),
      });
      expect(isValidIban(iban), iban).toBe(true);
    }
    expect(() =>
      makeItalianIban({ abi: "0760", cab: "01000", account: "1" }),
    ).toThrow(RangeError);
    expect(() =>
      makeItalianIban({ abi: "07601", cab: "0100A", account: "1" }),
    ).toThrow(RangeError);
    expect(() =>
      makeItalianIban({ abi: "07601", cab: "01000", account: "1234567890123" }),
    ).toThrow(RangeError);
    expect(() =>
      makeItalianIban({ abi: "07601", cab: "01000", account: "12-34" }),
    ).toThrow(RangeError);
  });

  it("formats and normalizes", () => {
    expect(formatIban(SAMPLE)).toBe("IT60 X054 2811 1010 0000 0123 456");
    expect(formatIban(" it60x0542 811101000000123456")).toBe(
      "IT60 X054 2811 1010 0000 0123 456",
    );
    expect(normalizeIban("IT60 X054 2811")).toBe("IT60X0542811");
  });
});

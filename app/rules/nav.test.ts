import { describe, expect, it } from "vitest";
import {
  formatNav,
  generateNav,
  isValidNav,
  navCheckDigits,
  navFromIuv,
  parseNav,
} from "~/rules/nav";

describe("navCheckDigits", () => {
  it("is the first 16 digits mod 93 on two digits", () => {
    expect(navCheckDigits("3020320027000002")).toBe("51");
    expect(navCheckDigits("3012400000012345")).toBe("10");
    expect(navCheckDigits("0017212650937693")).toBe("22");
    expect(navCheckDigits("0000000000000093")).toBe("00");
    expect(navCheckDigits("0000000000000005")).toBe("05");
    expect(navCheckDigits("3999999999999999")).toBe(
      String(3999999999999999n % 93n).padStart(2, "0"),
    );
    expect(() => navCheckDigits("123")).toThrow(RangeError);
  });
});

describe("parseNav", () => {
  it("parses aux digit 3", () => {
    expect(parseNav("302032002700000251")).toEqual({
      ok: true,
      value: {
        nav: "302032002700000251",
        auxDigit: 3,
        iuv: "02032002700000251",
        segregationCode: "02",
        checkDigits: "51",
      },
    });
    const r = parseNav("3012 4000 0001 2345 10");
    expect(r.ok && r.value).toMatchObject({
      nav: "301240000001234510",
      segregationCode: "01",
      iuv: "01240000001234510",
    });
  });

  it("parses aux digit 0 (application code, 15-digit IUV)", () => {
    expect(parseNav("001721265093769322")).toEqual({
      ok: true,
      value: {
        nav: "001721265093769322",
        auxDigit: 0,
        iuv: "721265093769322",
        applicationCode: "01",
        checkDigits: "22",
      },
    });
  });

  it("parses aux digit 1 without check digits", () => {
    expect(parseNav("112345678901234567")).toEqual({
      ok: true,
      value: {
        nav: "112345678901234567",
        auxDigit: 1,
        iuv: "12345678901234567",
      },
    });
  });

  it("parses aux digit 2 with check digits", () => {
    const first16 = "2123456789012345";
    const nav = first16 + navCheckDigits(first16);
    const r = parseNav(nav);
    expect(r).toEqual({
      ok: true,
      value: {
        nav,
        auxDigit: 2,
        iuv: nav.slice(1),
        checkDigits: nav.slice(16),
      },
    });
    expect(isValidNav(first16 + "99")).toBe(false);
  });

  it("rejects invalid codes with Italian reasons", () => {
    const cases: [string, RegExp][] = [
      ["", /Inserisci/],
      ["30203200270000025A", /solo cifre/],
      ["30203200270000025", /18 cifre/],
      ["3020320027000002510", /18 cifre/],
      ["402032002700000251", /0, 1, 2 o 3/],
      ["302032002700000252", /controllo/],
      ["001721265093769323", /controllo/],
    ];
    for (const [input, reason] of cases) {
      const r = parseNav(input);
      expect(r.ok, input).toBe(false);
      expect(!r.ok && r.reason, input).toMatch(reason);
    }
    expect(isValidNav("302032002700000251")).toBe(true);
    expect(isValidNav("302032002700000250")).toBe(false);
  });
});

describe("generateNav", () => {
  it("builds aux-3 codes with check digits", () => {
    expect(generateNav("01", 2_400_000_012_345n)).toEqual({
      nav: "301240000001234510",
      iuv: "01240000001234510",
    });
    expect(generateNav("02", 320_027_000_002)).toEqual({
      nav: "302032002700000251",
      iuv: "02032002700000251",
    });
    const g = generateNav("96", 0);
    expect(g.nav).toBe("3960000000000000" + navCheckDigits("3960000000000000"));
    expect(isValidNav(g.nav)).toBe(true);
    const max = generateNav("45", 9_999_999_999_999n);
    expect(max.nav.slice(0, 16)).toBe("3459999999999999");
    expect(isValidNav(max.nav)).toBe(true);
  });

  it("rejects bad segregation codes and sequences", () => {
    expect(() => generateNav("1", 1)).toThrow(RangeError);
    expect(() => generateNav("ab", 1)).toThrow(RangeError);
    expect(() => generateNav("01", -1)).toThrow(RangeError);
    expect(() => generateNav("01", 1.5)).toThrow(RangeError);
    expect(() => generateNav("01", 10n ** 13n)).toThrow(RangeError);
  });
});

describe("navFromIuv and formatNav", () => {
  it("rebuilds the NAV from the IUV", () => {
    expect(navFromIuv("02032002700000251")).toBe("302032002700000251");
    expect(navFromIuv("721265093769322", { applicationCode: "01" })).toBe(
      "001721265093769322",
    );
    expect(() => navFromIuv("721265093769322")).toThrow(RangeError);
    expect(() => navFromIuv("02032002700000252")).toThrow(RangeError);
  });
  it("formats in groups of four", () => {
    expect(formatNav("301240000001234510")).toBe("3012 4000 0001 2345 10");
    expect(formatNav(" 3012400000 01234510")).toBe("3012 4000 0001 2345 10");
  });
});

import { describe, expect, it } from "vitest";
import { lettersToDigits, mod97, mod97CheckDigits } from "~/rules/mod97";

describe("mod97 helpers", () => {
  it("maps letters to 10..35 and keeps digits", () => {
    expect(lettersToDigits("A0Z9")).toBe("100359");
    expect(lettersToDigits("rf")).toBe("2715");
    expect(() => lettersToDigits("A-B")).toThrow(RangeError);
  });
  it("computes remainders of long numbers exactly", () => {
    expect(mod97("97")).toBe(0);
    expect(mod97("98")).toBe(1);
    // 10^30 mod 97: 10^2 ≡ 3, so 10^30 ≡ 3^15 = 14348907 ≡ 14348907 mod 97
    expect(mod97("1" + "0".repeat(30))).toBe(14348907 % 97);
    expect(Number(BigInt("123456789012345678901234567890") % 97n)).toBe(
      mod97("123456789012345678901234567890"),
    );
    expect(() => mod97("12a")).toThrow(RangeError);
  });
  it("check digits make the number ≡ 1 mod 97", () => {
    const payload = "539007547034271500";
    const check = mod97CheckDigits(payload);
    expect(check).toBe("18");
    expect(mod97(payload.slice(0, -2) + check)).toBe(1);
  });
});

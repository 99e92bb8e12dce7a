import { describe, expect, it } from "vitest";
import { generateVerificationCode } from "~/dossier/certificates.server";
import {
  base32,
  formatVerificationCode,
  normalizeVerificationCode,
  VERIFICATION_CODE_LENGTH,
} from "~/dossier/verification-code";

describe("base32 (RFC 4648)", () => {
  it("matches the RFC's test vectors, without padding", () => {
    const enc = (s: string) => base32(new TextEncoder().encode(s));
    expect(enc("")).toBe("");
    expect(enc("f")).toBe("MY");
    expect(enc("fo")).toBe("MZXQ");
    expect(enc("foo")).toBe("MZXW6");
    expect(enc("foob")).toBe("MZXW6YQ");
    expect(enc("fooba")).toBe("MZXW6YTB");
    expect(enc("foobar")).toBe("MZXW6YTBOI");
  });
});

describe("verification codes", () => {
  it("carry 100 random bits in 20 characters of the base32 alphabet", () => {
    const code = generateVerificationCode();
    expect(VERIFICATION_CODE_LENGTH * 5).toBeGreaterThanOrEqual(80);
    expect(code).toMatch(/^[A-Z2-7]{20}$/);
    const many = new Set(Array.from({ length: 1000 }, () => generateVerificationCode()));
    expect(many.size).toBe(1000);
  });

  it("use every character of the alphabet evenly", () => {
    const bytes = Uint8Array.from({ length: 20 }, (_, i) => i * 8 + 1);
    expect(generateVerificationCode(() => bytes)).toBe("BJRZBJRZBJRZBJRZBJRZ");
  });

  it("are printed in groups of four and read back whatever the case, spaces or dashes", () => {
    const code = "TQON5JULACMGO5XIUN3Y";
    const printed = formatVerificationCode(code);
    expect(printed).toBe("TQON-5JUL-ACMG-O5XI-UN3Y");
    expect(normalizeVerificationCode(printed)).toBe(code);
    expect(normalizeVerificationCode(printed.toLowerCase())).toBe(code);
    expect(normalizeVerificationCode(` ${printed.replace(/-/g, " ")} `)).toBe(code);
  });

  it("read the digits the alphabet lacks as the letters they look like", () => {
    expect(normalizeVerificationCode("TQ0N-5JUL-ACMG-05XI-UN3Y")).toBe("TQON5JULACMGO5XIUN3Y");
    expect(normalizeVerificationCode("1111-8888-AAAA-BBBB-CCCC")).toBe("IIIIBBBBAAAABBBBCCCC");
  });

  it("refuse what cannot be a code", () => {
    expect(normalizeVerificationCode("")).toBeNull();
    expect(normalizeVerificationCode("TQON-5JUL-ACMG-O5XI")).toBeNull();
    expect(normalizeVerificationCode("TQON-5JUL-ACMG-O5XI-UN3YZ")).toBeNull();
    expect(normalizeVerificationCode("TQON-5JUL-ACMG-O5XI-UN9Y")).toBeNull();
    expect(normalizeVerificationCode("TQON-5JUL-ACMG-O5XI-UN3!")).toBeNull();
    expect(normalizeVerificationCode("x".repeat(1000))).toBeNull();
  });
});

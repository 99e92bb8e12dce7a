/**
 * Certificate verification codes: 20 characters of the RFC 4648 base32 alphabet (A-Z, 2-7), 5
 * random bits each, 100 bits in all; printed in groups of four. Typing is forgiving: case, spaces,
 * dots and dashes are ignored, and the digits that the alphabet lacks are read as the letters they
 * are mistaken for (0 as O, 1 as I, 8 as B). Codes are generated on the server
 * (certificates.server.ts); this module is pure and also runs in the browser.
 */

export const base32Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const ALPHABET = base32Alphabet;
export const VERIFICATION_CODE_LENGTH = 20;
const CODE_PATTERN = /^[A-Z2-7]{20}$/;

/** RFC 4648 base32 of whole bytes, without padding. */
export function base32(bytes: Uint8Array): string {
  let out = "";
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = ((buffer << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(buffer << (5 - bits)) & 31];
  return out;
}

/** The canonical form a code is stored and compared in, or null when it cannot be one. */
export function normalizeVerificationCode(input: string): string | null {
  if (input.length > 64) return null;
  const s = input
    .toUpperCase()
    .replace(/[\s.-]/g, "")
    .replace(/0/g, "O")
    .replace(/1/g, "I")
    .replace(/8/g, "B");
  return CODE_PATTERN.test(s) ? s : null;
}

/** ABCD-EFGH-IJKL-MNOP-QRST, as printed on the certificate. */
export function formatVerificationCode(code: string): string {
  return code.match(/.{1,4}/g)?.join("-") ?? code;
}

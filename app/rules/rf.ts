// ISO 11649 creditor reference: "RF" + 2 check digits + 1..21 alphanumerics.
import { lettersToDigits, mod97, mod97CheckDigits } from "~/rules/mod97";

/** Removes spaces and uppercases. */
export function normalizeRf(s: string): string {
  return s.replace(/\s+/g, "").toUpperCase();
}

/** True when the reference is well formed and the rearranged number mod 97 is 1. */
export function isValidRf(s: string): boolean {
  const rf = normalizeRf(s);
  if (!/^RF\d{2}[A-Z0-9]{1,21}$/.test(rf)) return false;
  return mod97(lettersToDigits(rf.slice(4) + rf.slice(0, 4))) === 1;
}

/** Builds "RF" + check digits + reference (1..21 letters or digits, spaces ignored). */
export function makeRf(reference: string): string {
  const ref = normalizeRf(reference);
  if (!/^[A-Z0-9]{1,21}$/.test(ref))
    throw new RangeError("Reference must be 1-21 letters or digits");
  return `RF${mod97CheckDigits(lettersToDigits(`${ref}RF00`))}${ref}`;
}

/** Groups of four characters: "RF18 5390 0754 7034". */
export function formatRf(s: string): string {
  return (normalizeRf(s).match(/.{1,4}/g) ?? []).join(" ");
}

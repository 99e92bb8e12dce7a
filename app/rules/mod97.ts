// ISO 7064 MOD 97-10 helpers of the IBAN (ISO 13616) check digits.

/** Converts an alphanumeric string to digits: digits stay, letters A..Z become 10..35. */
export function lettersToDigits(s: string): string {
  let out = "";
  for (const ch of s.toUpperCase()) {
    if (ch >= "0" && ch <= "9") out += ch;
    else if (ch >= "A" && ch <= "Z") out += String(ch.charCodeAt(0) - 55);
    else throw new RangeError(`Unexpected character "${ch}"`);
  }
  return out;
}

/** Remainder of a (possibly very long) decimal string divided by 97. */
export function mod97(digits: string): number {
  if (!/^\d+$/.test(digits))
    throw new RangeError("mod97 expects a string of digits");
  let rest = 0;
  // 7 digits at a time keep the intermediate value well below 2^53.
  for (let i = 0; i < digits.length; i += 7) {
    rest = Number(String(rest) + digits.slice(i, i + 7)) % 97;
  }
  return rest;
}

/** Two check digits (98 - n mod 97) for a payload that already ends with its placeholder "00". */
export function mod97CheckDigits(digitsWithZeros: string): string {
  return String(98 - mod97(digitsWithZeros)).padStart(2, "0");
}

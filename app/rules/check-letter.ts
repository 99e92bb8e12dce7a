// The odd/even check letter shared by the codice fiscale (check character) and the Italian
// bank CIN: characters in odd positions (1-based) go through ODD, even positions through EVEN,
// and the result is the letter at (sum mod 26), A = 0.

/** ODD table values, indexed by digit value (0-9) or letter index (A=0..Z=25). */
const ODD_VALUES = [
  1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10,
  22, 25, 24, 23,
];

function evenValue(ch: string): number {
  if (ch >= "0" && ch <= "9") return ch.charCodeAt(0) - 48;
  if (ch >= "A" && ch <= "Z") return ch.charCodeAt(0) - 65;
  throw new RangeError(`Unexpected character "${ch}"`);
}

function oddValue(ch: string): number {
  // For 0-9 and A-J the ODD table is the same, so index by the digit value or letter index.
  return ODD_VALUES[evenValue(ch)] as number;
}

/** Check letter over an uppercase alphanumeric string. */
export function oddEvenCheckLetter(s: string): string {
  let sum = 0;
  for (let i = 0; i < s.length; i++) {
    const ch = s.charAt(i);
    sum += i % 2 === 0 ? oddValue(ch) : evenValue(ch);
  }
  return String.fromCharCode(65 + (sum % 26));
}

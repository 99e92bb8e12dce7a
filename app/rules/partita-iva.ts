// Partita IVA (11 digits): 7-digit matricola, 3-digit office code, 1 check digit (Luhn-like).

function normalize(s: string): string {
  return s.replace(/\s+/g, "");
}

/** Check digit over the first 10 digits: odd positions as they are, even positions doubled (minus 9 over 9). */
export function partitaIvaCheckDigit(first10: string): string {
  const digits = normalize(first10);
  if (!/^\d{10}$/.test(digits))
    throw new RangeError("partitaIvaCheckDigit expects 10 digits");
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    let d = Number(digits.charAt(i));
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

/**
 * True for 11 digits with the right check digit, a non-zero matricola (digits 1-7) and a
 * non-zero office code (digits 8-10); this refuses 00000000000, whose check digit adds up.
 */
export function isValidPartitaIva(s: string): boolean {
  const piva = normalize(s);
  if (!/^\d{11}$/.test(piva)) return false;
  if (piva.startsWith("0000000") || piva.slice(7, 10) === "000") return false;
  return partitaIvaCheckDigit(piva.slice(0, 10)) === piva.charAt(10);
}

/** Appends the check digit; throws when the result would not be a valid partita IVA. */
export function makePartitaIva(first10: string): string {
  const piva = normalize(first10) + partitaIvaCheckDigit(first10);
  if (!isValidPartitaIva(piva)) {
    throw new RangeError(
      "Matricola and office code of a partita IVA cannot be all zeros",
    );
  }
  return piva;
}

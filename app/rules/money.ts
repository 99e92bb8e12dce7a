// Money and calendar-date text. Money is always an integer number of euro cents; dates are ISO
// calendar dates (YYYY-MM-DD) handled in UTC so that the server timezone never shifts them. Day
// arithmetic and Italian local time are in ./time.

function assertCents(cents: number): void {
  if (!Number.isSafeInteger(cents)) {
    throw new RangeError(
      `Amount must be an integer number of cents, got ${cents}`,
    );
  }
}

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ".");
}

/** 102099 → "1.020,99" (Italian format, no currency symbol). */
export function formatEuro(cents: number): string {
  assertCents(cents);
  const abs = Math.abs(cents);
  const euros = groupThousands(String(Math.floor(abs / 100)));
  const rest = String(abs % 100).padStart(2, "0");
  return `${cents < 0 ? "-" : ""}${euros},${rest}`;
}

/** 102099 → "€ 1.020,99". */
export function formatEuroSymbol(cents: number): string {
  return `€ ${formatEuro(cents)}`;
}

/** 102099 → "1020.99" (dot decimal, for APIs such as pagoPA receipts). */
export function centsToDecimalString(cents: number): string {
  assertCents(cents);
  const abs = Math.abs(cents);
  const rest = String(abs % 100).padStart(2, "0");
  return `${cents < 0 ? "-" : ""}${Math.floor(abs / 100)}.${rest}`;
}

function toCents(
  intPart: string,
  decPart: string,
  negative: boolean,
): number | null {
  if (intPart.length > 13) return null;
  const cents = Number(intPart) * 100 + Number(decPart.padEnd(2, "0"));
  if (!Number.isSafeInteger(cents)) return null;
  return negative && cents !== 0 ? -cents : cents;
}

/**
 * Parses an amount typed by a user into cents, or null when it is not a clear amount.
 * Accepts "1.020,99", "1020,99", "1020.99", "12", "€ 12,50", "-3,00".
 * A comma is always the decimal separator (dots before it are thousands separators).
 * Without a comma: dots in groups of three are thousands separators ("1.020" = 1020 euro,
 * Italian style), a single dot followed by 1-2 digits is a decimal point ("12.5").
 */
export function parseEuroToCents(input: string): number | null {
  let s = input.replace(/\s+/g, "");
  s = s.replace(/^(€|EUR)/i, "").replace(/(€|EUR)$/i, "");
  let negative = false;
  if (s.startsWith("-")) {
    negative = true;
    s = s.slice(1);
  }
  if (s === "") return null;

  const withComma = /^(\d{1,3}(?:\.\d{3})+|\d+),(\d{1,2})$/.exec(s);
  if (withComma)
    return toCents(withComma[1]!.replace(/\./g, ""), withComma[2]!, negative);

  if (/^\d{1,3}(?:\.\d{3})+$/.test(s))
    return toCents(s.replace(/\./g, ""), "", negative);

  const plain = /^(\d+)(?:\.(\d{1,2}))?$/.exec(s);
  if (plain) return toCents(plain[1]!, plain[2] ?? "", negative);

  return null;
}

/** Splits an amount into `parts` integer amounts; the remainder cents go on the last part. */
export function splitEvenly(totalCents: number, parts: number): number[] {
  assertCents(totalCents);
  if (!Number.isSafeInteger(parts) || parts < 1) {
    throw new RangeError(`Parts must be a positive integer, got ${parts}`);
  }
  const each = Math.trunc(totalCents / parts);
  const result = Array.from({ length: parts }, () => each);
  result[parts - 1] = totalCents - each * (parts - 1);
  return result;
}

/** Rounds the exact fraction numerator/denominator (BigInt) to the nearest integer, halves away from zero. */
export function roundHalfUp(numerator: bigint, denominator: bigint): bigint {
  if (denominator <= 0n) throw new RangeError("Denominator must be positive");
  if (numerator < 0n) return -roundHalfUp(-numerator, denominator);
  return (numerator * 2n + denominator) / (denominator * 2n);
}

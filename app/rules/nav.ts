// pagoPA codice avviso (NAV, 18 digits) and IUV.
//   aux 0: "0" + application code (2) + base (13) + check (2); IUV = base + check (15)
//   aux 1: "1" + base (17); IUV = 17 digits, no check digits
//   aux 2: "2" + base (15) + check (2); IUV = base + check (17)
//   aux 3: "3" + segregation code (2) + base (13) + check (2); IUV = seg + base + check (17)
// Check digits: the first 16 digits of the NAV modulo 93, on two digits.

export type AuxDigit = 0 | 1 | 2 | 3;

export type ParsedNav = {
  nav: string;
  auxDigit: AuxDigit;
  iuv: string;
  applicationCode?: string;
  segregationCode?: string;
  checkDigits?: string;
};

export type NavResult =
  { ok: true; value: ParsedNav } | { ok: false; reason: string };

const SEQUENCE_LIMIT = 10n ** 13n;

/** Removes whitespace from a typed NAV. */
export function normalizeNav(input: string): string {
  return input.replace(/\s+/g, "");
}

/** First 16 digits modulo 93, on two digits. */
export function navCheckDigits(first16: string): string {
  if (!/^\d{16}$/.test(first16))
    throw new RangeError("navCheckDigits expects 16 digits");
  return String(BigInt(first16) % 93n).padStart(2, "0");
}

function describe(nav: string, auxDigit: AuxDigit): ParsedNav {
  switch (auxDigit) {
    case 0:
      return {
        nav,
        auxDigit,
        iuv: nav.slice(3),
        applicationCode: nav.slice(1, 3),
        checkDigits: nav.slice(16),
      };
    case 1:
      return { nav, auxDigit, iuv: nav.slice(1) };
    case 2:
      return { nav, auxDigit, iuv: nav.slice(1), checkDigits: nav.slice(16) };
    case 3:
      return {
        nav,
        auxDigit,
        iuv: nav.slice(1),
        segregationCode: nav.slice(1, 3),
        checkDigits: nav.slice(16),
      };
  }
}

/** Parses and validates a codice avviso of any aux digit; spaces are allowed. */
export function parseNav(input: string): NavResult {
  const nav = normalizeNav(input);
  if (nav === "") return { ok: false, reason: "Inserisci il codice avviso." };
  if (!/^\d+$/.test(nav))
    return { ok: false, reason: "Il codice avviso può contenere solo cifre." };
  if (nav.length !== 18)
    return { ok: false, reason: "Il codice avviso deve essere di 18 cifre." };
  const auxDigit = Number(nav.charAt(0));
  if (auxDigit > 3)
    return {
      ok: false,
      reason: "Il codice avviso deve iniziare con 0, 1, 2 o 3.",
    };
  if (auxDigit !== 1 && navCheckDigits(nav.slice(0, 16)) !== nav.slice(16)) {
    return {
      ok: false,
      reason: "Le cifre di controllo del codice avviso non sono corrette.",
    };
  }
  return { ok: true, value: describe(nav, auxDigit as AuxDigit) };
}

export function isValidNav(input: string): boolean {
  return parseNav(input).ok;
}

function toSequence(sequence: bigint | number): bigint {
  if (typeof sequence === "number" && !Number.isSafeInteger(sequence)) {
    throw new RangeError(`Sequence must be an integer, got ${sequence}`);
  }
  const value = BigInt(sequence);
  if (value < 0n || value >= SEQUENCE_LIMIT)
    throw new RangeError("Sequence must fit 13 digits");
  return value;
}

/** Generates an aux-3 NAV: "3" + segregation code + 13-digit base + check digits. */
export function generateNav(
  segregationCode: string,
  sequence: bigint | number,
): { nav: string; iuv: string } {
  if (!/^\d{2}$/.test(segregationCode))
    throw new RangeError("Segregation code must be 2 digits");
  const first16 = `3${segregationCode}${toSequence(sequence).toString().padStart(13, "0")}`;
  const nav = first16 + navCheckDigits(first16);
  return { nav, iuv: nav.slice(1) };
}

/**
 * Rebuilds the NAV from an IUV: 17-digit IUVs take the aux digit given (default 3; for aux 3 the
 * IUV already starts with the segregation code), 15-digit IUVs are aux 0 and need the application code.
 */
export function navFromIuv(
  iuv: string,
  opts: { auxDigit?: AuxDigit; applicationCode?: string } = {},
): string {
  const auxDigit = opts.auxDigit ?? (iuv.length === 15 ? 0 : 3);
  const nav =
    auxDigit === 0
      ? `0${opts.applicationCode ?? ""}${iuv}`
      : `${auxDigit}${iuv}`;
  const parsed = parseNav(nav);
  if (!parsed.ok)
    throw new RangeError(
      `Cannot build a NAV from IUV "${iuv}": ${parsed.reason}`,
    );
  return parsed.value.nav;
}

/** Groups of four digits: "3012 4000 0001 2345 10". */
export function formatNav(nav: string): string {
  return (normalizeNav(nav).match(/.{1,4}/g) ?? []).join(" ");
}

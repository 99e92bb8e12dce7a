// IBAN (ISO 13616) with the Italian BBAN: CIN letter + ABI (5) + CAB (5) + account (12).
import { oddEvenCheckLetter } from "~/rules/check-letter";
import { lettersToDigits, mod97, mod97CheckDigits } from "~/rules/mod97";

/** IBAN lengths of the SEPA countries most likely met; other countries get the generic 15-34 check. */
const IBAN_LENGTHS: Record<string, number> = {
  AD: 24,
  AT: 20,
  BE: 16,
  BG: 22,
  CH: 21,
  CY: 28,
  CZ: 24,
  DE: 22,
  DK: 18,
  EE: 20,
  ES: 24,
  FI: 18,
  FR: 27,
  GB: 22,
  GR: 27,
  HR: 21,
  HU: 28,
  IE: 22,
  IS: 26,
  IT: 27,
  LI: 21,
  LT: 20,
  LU: 20,
  LV: 21,
  MC: 27,
  MT: 31,
  NL: 18,
  NO: 15,
  PL: 28,
  PT: 25,
  RO: 24,
  SE: 24,
  SI: 19,
  SK: 24,
  SM: 27,
  VA: 22,
};

/** Countries using the Italian BBAN (CIN + ABI + CAB + account). */
const ITALIAN_BBAN_COUNTRIES = new Set(["IT", "SM"]);
const ITALIAN_BBAN = /^[A-Z]\d{5}\d{5}[A-Z0-9]{12}$/;

/** Removes spaces and uppercases. */
export function normalizeIban(s: string): string {
  return s.replace(/\s+/g, "").toUpperCase();
}

/** Groups of four characters: "IT60 X054 2811 1010 0000 0123 456". */
export function formatIban(s: string): string {
  return (normalizeIban(s).match(/.{1,4}/g) ?? []).join(" ");
}

/** Italian CIN letter over ABI (5 digits) + CAB (5 digits) + account (12 alphanumerics). */
export function italianCin(abi: string, cab: string, account: string): string {
  const payload = `${abi}${cab}${account}`.toUpperCase();
  if (!/^\d{10}[A-Z0-9]{12}$/.test(payload)) {
    throw new RangeError(
      "CIN needs ABI (5 digits), CAB (5 digits) and a 12-character account",
    );
  }
  return oddEvenCheckLetter(payload);
}

/** The two IBAN check digits for a country code and BBAN. */
export function ibanCheckDigits(country: string, bban: string): string {
  return mod97CheckDigits(lettersToDigits(`${bban}${country}00`.toUpperCase()));
}

/**
 * True for a well-formed IBAN whose check digits are right (spaces allowed). Italian and San
 * Marino IBANs must also be 27 characters with a correct CIN, ABI and CAB of 5 digits and a
 * 12-character account.
 */
export function isValidIban(s: string): boolean {
  const iban = normalizeIban(s);
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) return false;
  const country = iban.slice(0, 2);
  const expectedLength = IBAN_LENGTHS[country];
  if (expectedLength !== undefined && iban.length !== expectedLength)
    return false;
  if (ITALIAN_BBAN_COUNTRIES.has(country)) {
    const bban = iban.slice(4);
    if (!ITALIAN_BBAN.test(bban)) return false;
    if (
      italianCin(bban.slice(1, 6), bban.slice(6, 11), bban.slice(11)) !==
      bban.charAt(0)
    )
      return false;
  }
  return mod97(lettersToDigits(iban.slice(4) + iban.slice(0, 4))) === 1;
}

/** Builds an Italian IBAN; a shorter account is zero-padded on the left to 12 characters. */
export function makeItalianIban(p: {
  abi: string;
  cab: string;
  account: string;
}): string {
  const abi = p.abi.trim();
  const cab = p.cab.trim();
  const account = p.account.replace(/\s+/g, "").toUpperCase();
  if (!/^\d{5}$/.test(abi)) throw new RangeError("ABI must be 5 digits");
  if (!/^\d{5}$/.test(cab)) throw new RangeError("CAB must be 5 digits");
  if (!/^[A-Z0-9]{1,12}$/.test(account))
    throw new RangeError("Account must be 1-12 letters or digits");
  const padded = account.padStart(12, "0");
  const bban = italianCin(abi, cab, padded) + abi + cab + padded;
  return `IT${ibanCheckDigits("IT", bban)}${bban}`;
}

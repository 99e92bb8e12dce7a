// Codice fiscale of natural persons (16 characters), per the Agenzia delle Entrate rules.
import { oddEvenCheckLetter } from "~/rules/check-letter";
import { daysInMonth } from "~/rules/time";

export type Sex = "M" | "F";

export type CodiceFiscaleResult =
  | {
      ok: true;
      cf: string;
      birthDate: string;
      sex: Sex;
      belfiore: string;
      omocodia: boolean;
    }
  | { ok: false; reason: string };

const MONTH_LETTERS = "ABCDEHLMPRST";
const OMOCODIA_LETTERS = "LMNPQRSTUV";
/** 1-based positions holding digits, in the order the Agenzia replaces them (rightmost first). */
const OMOCODIA_POSITIONS = [15, 14, 13, 11, 10, 8, 7] as const;
const VOWELS = "AEIOU";

const LAYOUT =
  /^[A-Z]{6}[0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]$/;

/** Trims, uppercases and removes inner spaces. */
export function normalizeCodiceFiscale(input: string): string {
  return input.replace(/\s+/g, "").toUpperCase();
}

/** Check character (16th) for the first 15 characters. */
export function checkCharacter(first15: string): string {
  const s = first15.toUpperCase();
  if (!/^[A-Z0-9]{15}$/.test(s)) {
    throw new RangeError("checkCharacter expects 15 letters or digits");
  }
  return oddEvenCheckLetter(s);
}

/** Replaces omocodia letters with their digits in positions 7,8,10,11,13,14,15; keeps the check char. */
export function deOmocodia(cf: string): string {
  const chars = normalizeCodiceFiscale(cf).split("");
  for (const pos of OMOCODIA_POSITIONS) {
    const idx = OMOCODIA_LETTERS.indexOf(chars[pos - 1] ?? "");
    if (idx >= 0) chars[pos - 1] = String(idx);
  }
  return chars.join("");
}

function centuryYear(yy: number, now: Date): number {
  return yy > now.getFullYear() % 100 ? 1900 + yy : 2000 + yy;
}

/**
 * Validates a codice fiscale and decodes birth date, sex and Belfiore code.
 * The century is 1900s when the 2-digit year is greater than the current one, else 2000s.
 */
export function validateCodiceFiscale(
  input: string,
  now: Date = new Date(),
): CodiceFiscaleResult {
  const cf = normalizeCodiceFiscale(input);
  if (cf === "") return { ok: false, reason: "Inserisci il codice fiscale." };
  if (!/^[A-Z0-9]*$/.test(cf)) {
    return {
      ok: false,
      reason: "Il codice fiscale può contenere solo lettere e cifre.",
    };
  }
  if (cf.length !== 16) {
    return {
      ok: false,
      reason: "Il codice fiscale deve essere di 16 caratteri.",
    };
  }
  if (!LAYOUT.test(cf)) {
    return {
      ok: false,
      reason: "Il codice fiscale non ha la struttura corretta.",
    };
  }
  const monthIndex = MONTH_LETTERS.indexOf(cf.charAt(8));
  if (monthIndex < 0) {
    return {
      ok: false,
      reason: "La lettera del mese di nascita non è valida.",
    };
  }
  const plain = deOmocodia(cf);
  let day = Number(plain.slice(9, 11));
  const sex: Sex = day > 40 ? "F" : "M";
  if (sex === "F") day -= 40;
  const year = centuryYear(Number(plain.slice(6, 8)), now);
  const month = monthIndex + 1;
  if (day < 1 || day > daysInMonth(year, month)) {
    return { ok: false, reason: "Il giorno di nascita non è valido." };
  }
  if (checkCharacter(cf.slice(0, 15)) !== cf.charAt(15)) {
    return { ok: false, reason: "Il carattere di controllo non è corretto." };
  }
  const birthDate = `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
  return {
    ok: true,
    cf,
    birthDate,
    sex,
    belfiore: plain.slice(11, 15),
    omocodia: plain !== cf,
  };
}

/** Same as validateCodiceFiscale; kept as a readable alias when only decoding is meant. */
export const decodeCodiceFiscale = validateCodiceFiscale;

export function isValidCodiceFiscale(input: string): boolean {
  return validateCodiceFiscale(input).ok;
}

/** Uppercase A-Z letters only: accents stripped, apostrophes, spaces and other marks dropped. */
function lettersOnly(s: string): string {
  return s
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toUpperCase()
    .replace(/[^A-Z]/g, "");
}

function splitLetters(s: string): { consonants: string; vowels: string } {
  const letters = lettersOnly(s);
  let consonants = "";
  let vowels = "";
  for (const ch of letters) {
    if (VOWELS.includes(ch)) vowels += ch;
    else consonants += ch;
  }
  return { consonants, vowels };
}

/** Three letters for the surname: consonants, then vowels, then X. */
export function surnameCode(surname: string): string {
  const { consonants, vowels } = splitLetters(surname);
  if (consonants + vowels === "")
    throw new RangeError("Surname has no letters");
  return (consonants + vowels + "XXX").slice(0, 3);
}

/** Three letters for the name: 1st, 3rd and 4th consonant when there are 4 or more, else as the surname. */
export function nameCode(name: string): string {
  const { consonants, vowels } = splitLetters(name);
  if (consonants + vowels === "") throw new RangeError("Name has no letters");
  if (consonants.length >= 4)
    return consonants.charAt(0) + consonants.charAt(2) + consonants.charAt(3);
  return (consonants + vowels + "XXX").slice(0, 3);
}

/** Applies omocodia to the first `level` substitutable positions (rightmost first) and recomputes the check char. */
export function applyOmocodia(cf: string, level: number): string {
  if (
    !Number.isInteger(level) ||
    level < 0 ||
    level > OMOCODIA_POSITIONS.length
  ) {
    throw new RangeError(
      `Omocodia level must be an integer between 0 and 7, got ${level}`,
    );
  }
  const chars = deOmocodia(cf).slice(0, 15).split("");
  if (
    chars.length !== 15 ||
    OMOCODIA_POSITIONS.some((pos) => !/^\d$/.test(chars[pos - 1] ?? ""))
  ) {
    throw new RangeError("applyOmocodia expects a codice fiscale layout");
  }
  for (const pos of OMOCODIA_POSITIONS.slice(0, level)) {
    chars[pos - 1] = OMOCODIA_LETTERS.charAt(Number(chars[pos - 1]));
  }
  const first15 = chars.join("");
  return first15 + checkCharacter(first15);
}

/** Computes the codice fiscale; omocodiaLevel k > 0 gives the k-th omocode variant. */
export function computeCodiceFiscale(
  p: {
    surname: string;
    name: string;
    birthDate: string;
    sex: Sex;
    belfiore: string;
  },
  omocodiaLevel = 0,
): string {
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(p.birthDate);
  const year = Number(date?.[1]);
  const month = Number(date?.[2]);
  const day = Number(date?.[3]);
  if (
    !date ||
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > daysInMonth(year, month)
  ) {
    throw new RangeError(`Invalid birth date: "${p.birthDate}"`);
  }
  if (p.sex !== "M" && p.sex !== "F")
    throw new RangeError(`Invalid sex: "${String(p.sex)}"`);
  const belfiore = p.belfiore.trim().toUpperCase();
  if (!/^[A-Z]\d{3}$/.test(belfiore))
    throw new RangeError(`Invalid Belfiore code: "${p.belfiore}"`);

  const dayCode = String(p.sex === "F" ? day + 40 : day).padStart(2, "0");
  const first15 =
    surnameCode(p.surname) +
    nameCode(p.name) +
    String(year % 100).padStart(2, "0") +
    MONTH_LETTERS.charAt(month - 1) +
    dayCode +
    belfiore;
  return applyOmocodia(first15 + checkCharacter(first15), omocodiaLevel);
}

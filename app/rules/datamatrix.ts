// Poste Italiane Data Matrix for notices whose creditor has a postal account: exactly 256
// characters, laid out as
//   "codfase=NBPA;" + "18" + NAV(18) + "12" + postal account(12, zero-padded) + "10" +
//   amount in cents(10, zero-padded) + "3" + "896" + "1P1" + creditor CF(11) + debtor CF(16) +
//   debtor name(40, space-padded, cut) + causale(110, padded, cut) + 12 spaces + "A".
import { isValidNav } from "~/rules/nav";

export type PosteDataMatrixInput = {
  nav: string;
  postalAccount: string;
  amountCents: number;
  creditorFiscalCode: string;
  debtorFiscalCode: string;
  debtorName: string;
  causale: string;
};

export const POSTE_DATAMATRIX_LENGTH = 256;

/** Start offset and length of each variable field inside the 256 characters. */
export const POSTE_DATAMATRIX_FIELDS = {
  nav: { start: 15, length: 18 },
  postalAccount: { start: 35, length: 12 },
  amountCents: { start: 49, length: 10 },
  creditorFiscalCode: { start: 66, length: 11 },
  debtorFiscalCode: { start: 77, length: 16 },
  debtorName: { start: 93, length: 40 },
  causale: { start: 133, length: 110 },
} as const;

/** Plain printable ASCII: accents stripped, anything else becomes a space. */
function toAscii(s: string): string {
  return s
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[^\x20-\x7E]/g, " ");
}

function fixedText(s: string, length: number): string {
  return toAscii(s).slice(0, length).padEnd(length, " ");
}

/** Builds the 256-character Data Matrix content; throws RangeError on invalid data. */
export function buildPosteDataMatrix(p: PosteDataMatrixInput): string {
  const nav = p.nav.replace(/\s+/g, "");
  const account = p.postalAccount.replace(/\s+/g, "");
  const debtorCf = p.debtorFiscalCode.replace(/\s+/g, "").toUpperCase();
  if (!isValidNav(nav)) throw new RangeError("Invalid NAV");
  if (!/^\d{1,12}$/.test(account))
    throw new RangeError("Postal account must be 1-12 digits");
  if (
    !Number.isSafeInteger(p.amountCents) ||
    p.amountCents < 1 ||
    p.amountCents > 9_999_999_999
  ) {
    throw new RangeError("Amount must be 1 to 9,999,999,999 cents");
  }
  if (!/^\d{11}$/.test(p.creditorFiscalCode))
    throw new RangeError("Creditor fiscal code must be 11 digits");
  if (!/^([A-Z0-9]{16}|\d{11})$/.test(debtorCf)) {
    throw new RangeError(
      "Debtor fiscal code must be 16 characters or 11 digits",
    );
  }
  const content =
    "codfase=NBPA;" +
    "18" +
    nav +
    "12" +
    account.padStart(12, "0") +
    "10" +
    String(p.amountCents).padStart(10, "0") +
    "3" +
    "896" +
    "1P1" +
    p.creditorFiscalCode +
    debtorCf.padEnd(16, " ") +
    fixedText(p.debtorName, 40) +
    fixedText(p.causale, 110) +
    " ".repeat(12) +
    "A";
  return content;
}

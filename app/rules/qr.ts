// Payload of the QR code printed on a pagoPA notice:
//   PAGOPA|002|<NAV 18 digits>|<creditor fiscal code, 11 digits>|<amount in euro cents>
import { isValidNav } from "~/rules/nav";

export type QrPayload = {
  nav: string;
  creditorFiscalCode: string;
  amountCents: number;
};

export type QrParseResult =
  { ok: true; value: QrPayload } | { ok: false; reason: string };

export const QR_PREFIX = "PAGOPA";
export const QR_VERSION = "002";
/** pagoPA amounts stay below 1,000,000,000.00 euro: at most 11 digits of cents. */
const MAX_AMOUNT_DIGITS = 11;

function checkFields(nav: string, cf: string, amount: string): string | null {
  if (!/^\d{18}$/.test(nav)) return "Il codice avviso deve essere di 18 cifre.";
  if (!isValidNav(nav)) return "Il codice avviso non è valido.";
  if (!/^\d{11}$/.test(cf))
    return "Il codice fiscale dell'ente creditore deve essere di 11 cifre.";
  if (
    !/^\d+$/.test(amount) ||
    amount.length > MAX_AMOUNT_DIGITS ||
    Number(amount) < 1
  ) {
    return "L'importo deve essere un numero intero di centesimi maggiore di zero.";
  }
  return null;
}

/** Builds the QR payload; throws RangeError on invalid data. */
export function buildQrPayload(p: QrPayload): string {
  const amount = Number.isSafeInteger(p.amountCents)
    ? String(p.amountCents)
    : "x";
  const problem = checkFields(p.nav, p.creditorFiscalCode, amount);
  if (problem) throw new RangeError(problem);
  return [QR_PREFIX, QR_VERSION, p.nav, p.creditorFiscalCode, amount].join("|");
}

/** Parses a scanned QR payload, refusing other prefixes, versions and malformed fields. */
export function parseQrPayload(s: string): QrParseResult {
  const fields = s.trim().split("|");
  if (fields[0] !== QR_PREFIX)
    return { ok: false, reason: "Il QR code non è un avviso pagoPA." };
  if (fields[1] !== QR_VERSION)
    return { ok: false, reason: "Versione del QR code pagoPA non supportata." };
  if (fields.length !== 5)
    return {
      ok: false,
      reason: "Il QR code pagoPA non ha il numero di campi previsto.",
    };
  const [, , nav = "", cf = "", amount = ""] = fields;
  const problem = checkFields(nav, cf, amount);
  if (problem) return { ok: false, reason: problem };
  return {
    ok: true,
    value: { nav, creditorFiscalCode: cf, amountCents: Number(amount) },
  };
}

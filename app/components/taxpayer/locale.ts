import type { TFunction } from "i18next";
import { useMemo } from "react";
import { F24_CODE_LABEL } from "~/dossier/labels";
import { INTL_TAGS, type Locale } from "~/i18n/config";
import { useFormat } from "~/i18n/react";
import { formatKw, formatRateBp, formatShareBp } from "~/rules/italian";
import { MONTH_NAMES } from "~/rules/time";

/**
 * Rates, shares, power and month names of the taxpayer pages in the page's language. Italian keeps
 * the portal's own rules (app/rules/italian), which the tests and the PDFs rely on.
 */
export interface TaxNumbers {
  /** Hundredths of percent: 106 → "1,06%" / "1.06%". */
  rate(bp: number): string;
  /** Ownership share in basis points: 3333 → "33,33%" / "33.33%". */
  share(bp: number): string;
  /** "73,5 kW" / "73.5 kW". */
  kw(kw: number): string;
  /** 1 → "gennaio" / "January"; undefined when the month is not 1 to 12. */
  month(n: number): string | undefined;
}

const cache = new Map<Locale, TaxNumbers>();

export function taxNumbersFor(locale: Locale): TaxNumbers {
  const known = cache.get(locale);
  if (known) return known;
  const made: TaxNumbers =
    locale === "it"
      ? {
          rate: formatRateBp,
          share: formatShareBp,
          kw: formatKw,
          month: (n) => MONTH_NAMES[n - 1],
        }
      : intl(INTL_TAGS[locale]);
  cache.set(locale, made);
  return made;
}

function intl(tag: string): TaxNumbers {
  const rate = new Intl.NumberFormat(tag, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const upTo2 = new Intl.NumberFormat(tag, { minimumFractionDigits: 0, maximumFractionDigits: 2 });
  const month = new Intl.DateTimeFormat(tag, { month: "long", timeZone: "UTC" });
  return {
    rate: (bp) => `${rate.format(bp / 100)}%`,
    share: (bp) => `${upTo2.format(bp / 100)}%`,
    kw: (kw) => `${upTo2.format(kw)} kW`,
    month: (n) =>
      Number.isInteger(n) && n >= 1 && n <= 12 ? month.format(new Date(Date.UTC(2000, n - 1, 1))) : undefined,
  };
}

export function useTaxNumbers(): TaxNumbers {
  const { locale } = useFormat();
  return useMemo(() => taxNumbersFor(locale), [locale]);
}

/**
 * The label of an F24 tax code from the "taxpayer" namespace (f24Codes.<code>, the domain's
 * F24_CODE_LABEL in Italian); unknown codes read as the domain's fallback, "Tributo locale".
 */
export function f24CodeText(t: TFunction, code: string): string {
  return Object.hasOwn(F24_CODE_LABEL, code) ? t(`taxpayer:f24Codes.${code}`) : t("taxpayer:f24Codes.other");
}

// Bollo auto (regional car tax) for cars, by power (kW) and Euro class:
// a rate per kW up to 100 kW and a higher rate for each kW above 100.
// Rates follow the common regional table (e.g. Euro 4-6: EUR 2.58/kW, then 3.87/kW).
// Paid on pagoPA with segregation code 96 (ACI).
import { roundHalfUp } from "~/rules/money";

export type EuroClass = 0 | 1 | 2 | 3 | 4 | 5 | 6;

export const BOLLO_SEGREGATION_CODE = "96";
export const BOLLO_THRESHOLD_KW = 100;

/** Cents per kW [up to 100 kW, above 100 kW] by Euro class. */
export const BOLLO_RATES: Record<EuroClass, readonly [number, number]> = {
  0: [300, 450],
  1: [290, 435],
  2: [280, 420],
  3: [270, 405],
  4: [258, 387],
  5: [258, 387],
  6: [258, 387],
};

export type BolloSteps = {
  kw: number;
  euroClass: EuroClass;
  kwUpTo100: number;
  kwAbove100: number;
  rateUpTo100Cents: number;
  rateAbove100Cents: number;
  partUpTo100Cents: number;
  partAbove100Cents: number;
  amountCents: number;
};

export type BolloResult = { amountCents: number; steps: BolloSteps };

/**
 * Annual bollo. kW may carry up to two decimals (fractions are charged proportionally and the
 * result is rounded half up to cents); throws RangeError for kW ≤ 0, above 2000, or an unknown class.
 */
export function computeBollo(p: {
  kw: number;
  euroClass: EuroClass;
}): BolloResult {
  if (!Number.isFinite(p.kw) || p.kw <= 0 || p.kw > 2000) {
    throw new RangeError(
      `Power must be a positive number of kW up to 2000, got ${p.kw}`,
    );
  }
  const rates = BOLLO_RATES[p.euroClass];
  if (!Number.isInteger(p.euroClass) || rates === undefined) {
    throw new RangeError(
      `Euro class must be an integer from 0 to 6, got ${p.euroClass}`,
    );
  }
  const [rateLow, rateHigh] = rates;
  const kwCenti = Math.round(p.kw * 100);
  const lowCenti = Math.min(kwCenti, BOLLO_THRESHOLD_KW * 100);
  const highCenti = kwCenti - lowCenti;
  const partLow = Number(roundHalfUp(BigInt(lowCenti * rateLow), 100n));
  const partHigh = Number(roundHalfUp(BigInt(highCenti * rateHigh), 100n));
  const amountCents = partLow + partHigh;
  return {
    amountCents,
    steps: {
      kw: p.kw,
      euroClass: p.euroClass,
      kwUpTo100: lowCenti / 100,
      kwAbove100: highCenti / 100,
      rateUpTo100Cents: rateLow,
      rateAbove100Cents: rateHigh,
      partUpTo100Cents: partLow,
      partAbove100Cents: partHigh,
      amountCents,
    },
  };
}

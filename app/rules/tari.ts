// TARI (tassa sui rifiuti) for a household, simplified for consistent demo data.
//   fixed part    = surface (m²) × fixed tariff per m² × Ka (household-size coefficient)
//   variable part = amount per household by number of members
//   TEFA          = provincial levy on the net tax (default 5%)
// The default tariff is illustrative: realistic orders of magnitude, not any comune's resolution.
// Instalment due dates (our choice, typical of many comuni):
//   2 → 31 May, 2 December; 3 → 31 May, 31 July, 2 December;
//   4 → 31 March, 31 May, 31 July, 2 December.
import { roundHalfUp, splitEvenly } from "~/rules/money";

export type TariTariff = {
  /** Fixed part in cents per square metre before the Ka coefficient. */
  fixedCentsPerM2: number;
  /** Ka coefficients in thousandths for 1, 2, 3, 4, 5, 6+ members (0.80 → 800). */
  kaMilli: readonly number[];
  /** Variable part in cents per household for 1, 2, 3, 4, 5, 6+ members. */
  variableCents: readonly number[];
};

export const DEFAULT_TARI_TARIFF: TariTariff = {
  fixedCentsPerM2: 120,
  kaMilli: [800, 940, 1050, 1140, 1230, 1300],
  variableCents: [6_000, 11_000, 14_000, 17_500, 21_500, 25_000],
};

export const DEFAULT_TEFA_BP = 500;
export const TARI_F24_CODE = "3944";

export type TariInstalmentCount = 2 | 3 | 4;

export type TariInput = {
  surfaceM2: number;
  householdSize: number;
  year: number;
  tariff?: TariTariff;
  instalments?: TariInstalmentCount;
  /** TEFA in hundredths of percent, default 500 = 5%. */
  tefaBp?: number;
};

export type TariResult = {
  fixedCents: number;
  variableCents: number;
  netCents: number;
  tefaCents: number;
  totalCents: number;
  instalments: { number: number; dueDate: string; amountCents: number }[];
  f24Code: "3944";
  coefficients: {
    /** Household band used for the tariff, 1..6 (6 = six or more members). */
    householdBand: number;
    ka: number;
    kaMilli: number;
    fixedCentsPerM2: number;
    variableCents: number;
    tefaBp: number;
  };
};

const DUE_DATES: Record<TariInstalmentCount, string[]> = {
  2: ["05-31", "12-02"],
  3: ["05-31", "07-31", "12-02"],
  4: ["03-31", "05-31", "07-31", "12-02"],
};

/** Due dates (YYYY-MM-DD) of the TARI instalments for a year. */
export function tariDueDates(
  year: number,
  count: TariInstalmentCount,
): string[] {
  return DUE_DATES[count].map((md) => `${year}-${md}`);
}

function checkInput(
  p: TariInput,
  tariff: TariTariff,
  count: number,
  tefaBp: number,
): void {
  if (
    !Number.isFinite(p.surfaceM2) ||
    p.surfaceM2 <= 0 ||
    p.surfaceM2 > 100_000
  ) {
    throw new RangeError(
      `Surface must be a positive number of square metres, got ${p.surfaceM2}`,
    );
  }
  if (!Number.isSafeInteger(p.householdSize) || p.householdSize < 1) {
    throw new RangeError(
      `Household size must be a positive integer, got ${p.householdSize}`,
    );
  }
  if (!Number.isSafeInteger(p.year) || p.year < 1000 || p.year > 9999) {
    throw new RangeError(`Invalid year: ${p.year}`);
  }
  if (!(count in DUE_DATES))
    throw new RangeError(`Instalments must be 2, 3 or 4, got ${count}`);
  if (!Number.isSafeInteger(tefaBp) || tefaBp < 0 || tefaBp > 10_000) {
    throw new RangeError(`Invalid TEFA rate: ${tefaBp}`);
  }
  if (
    tariff.kaMilli.length === 0 ||
    tariff.kaMilli.length !== tariff.variableCents.length
  ) {
    throw new RangeError(
      "Tariff must list Ka and variable amounts for the same household bands",
    );
  }
}

/** Annual TARI for a household with its instalments (which add up exactly to the total). */
export function computeTari(p: TariInput): TariResult {
  const tariff = p.tariff ?? DEFAULT_TARI_TARIFF;
  const count = p.instalments ?? 2;
  const tefaBp = p.tefaBp ?? DEFAULT_TEFA_BP;
  checkInput(p, tariff, count, tefaBp);

  const bandIndex = Math.min(p.householdSize, tariff.kaMilli.length) - 1;
  const kaMilli = tariff.kaMilli[bandIndex] as number;
  const variableCents = tariff.variableCents[bandIndex] as number;
  // Surface in hundredths of m², so that e.g. 85.5 m² stays exact.
  const surfaceCenti = BigInt(Math.round(p.surfaceM2 * 100));
  const fixedCents = Number(
    roundHalfUp(
      surfaceCenti * BigInt(tariff.fixedCentsPerM2) * BigInt(kaMilli),
      100n * 1000n,
    ),
  );
  const netCents = fixedCents + variableCents;
  const tefaCents = Number(
    roundHalfUp(BigInt(netCents) * BigInt(tefaBp), 10_000n),
  );
  const totalCents = netCents + tefaCents;
  const dueDates = tariDueDates(p.year, count);
  const amounts = splitEvenly(totalCents, count);

  return {
    fixedCents,
    variableCents,
    netCents,
    tefaCents,
    totalCents,
    instalments: dueDates.map((dueDate, i) => ({
      number: i + 1,
      dueDate,
      amountCents: amounts[i] as number,
    })),
    f24Code: TARI_F24_CODE,
    coefficients: {
      householdBand: bandIndex + 1,
      ka: kaMilli / 1000,
      kaMilli,
      fixedCentsPerM2: tariff.fixedCentsPerM2,
      variableCents,
      tefaBp,
    },
  };
}

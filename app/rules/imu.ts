// IMU (imposta municipale propria) on buildings, simplified for consistent demo data.
//   base   = rendita × 1.05 × multiplier (by cadastral category)
//   tax    = base × rate × months held / 12 × ownership share
// Main home (abitazione principale) is exempt unless category A/1, A/8, A/9: then the reduced
// main-home rate applies with a EUR 200 deduction scaled by share and months held.
// Everything is computed exactly with BigInt fractions and rounded to cents once (half up).
// F24 codes: 3912 main home, 3918 other buildings, 3930 group D (comune share only: the State
// share 3925 on group D at the standard 0.76% is left out to keep the demo simple).
import { roundHalfUp } from "~/rules/money";

export type ImuInput = {
  renditaCents: number;
  category: string;
  /** Hundredths of percent: 106 = 1.06%. */
  rateBp: number;
  /** Ownership share 0..100 (up to two decimals, e.g. 33.33). */
  sharePercent: number;
  /** Months held in the year, 0..12. */
  monthsHeld: number;
  mainHome: boolean;
  year: number;
  /** Main-home rate for A/1, A/8, A/9, default 60 = 0.6%. */
  mainHomeRateBp?: number;
};

export type ImuSteps = {
  renditaCents: number;
  /** Rendita × 1.05, rounded to cents for display. */
  revaluedCents: number;
  multiplier: number;
  /** Taxable base, rounded to cents for display. */
  baseCents: number;
  rateBp: number;
  monthsHeld: number;
  sharePercent: number;
  grossCents: number;
  /** Deduction actually applied (never more than the gross tax). */
  deductionCents: number;
  amountCents: number;
};

export type ImuInstalment = {
  kind: "acconto" | "saldo";
  dueDate: string;
  amountCents: number;
};

export type ImuResult = {
  exempt: boolean;
  exemptionReason?: string;
  steps: ImuSteps;
  f24Code: string;
  instalments: ImuInstalment[];
};

export const IMU_MAIN_HOME_DEDUCTION_CENTS = 20_000;
export const IMU_DEFAULT_MAIN_HOME_RATE_BP = 60;
const LUXURY_CATEGORIES = new Set(["A/1", "A/8", "A/9"]);
const GROUP_SIZES: Record<string, number> = { A: 11, B: 8, C: 7, D: 10 };

/** "a2", "A/02", " a / 2 " → "A/2"; returns the input uppercased when it does not look like a category. */
export function normalizeCadastralCategory(c: string): string {
  const s = c.replace(/\s+/g, "").toUpperCase();
  const match = /^([A-Z])\/?0*(\d{1,2})$/.exec(s);
  return match ? `${match[1]}/${Number(match[2])}` : s;
}

/** Categories of groups A (A/1-A/11), B (B/1-B/8), C (C/1-C/7) and D (D/1-D/10), the ones IMU taxes here. */
export function isValidCadastralCategory(c: string): boolean {
  const match = /^([A-Z])\/(\d{1,2})$/.exec(normalizeCadastralCategory(c));
  if (!match) return false;
  const size = GROUP_SIZES[match[1]!];
  const n = Number(match[2]);
  return size !== undefined && n >= 1 && n <= size;
}

/** IMU multiplier for a cadastral category; throws RangeError for unknown categories. */
export function imuMultiplier(category: string): number {
  if (!isValidCadastralCategory(category)) {
    throw new RangeError(`Unknown cadastral category: "${category}"`);
  }
  const cat = normalizeCadastralCategory(category);
  const group = cat.charAt(0);
  if (cat === "A/10" || cat === "D/5") return 80;
  if (cat === "C/1") return 55;
  if (group === "A" || cat === "C/2" || cat === "C/6" || cat === "C/7")
    return 160;
  if (group === "B" || cat === "C/3" || cat === "C/4" || cat === "C/5")
    return 140;
  return 65; // group D except D/5
}

function assertRange(
  name: string,
  value: number,
  min: number,
  max: number,
  integer: boolean,
): void {
  const okNumber = integer
    ? Number.isSafeInteger(value)
    : Number.isFinite(value);
  if (!okNumber || value < min || value > max) {
    throw new RangeError(
      `${name} must be ${integer ? "an integer " : ""}between ${min} and ${max}, got ${value}`,
    );
  }
}

function checkInput(p: ImuInput): void {
  assertRange("renditaCents", p.renditaCents, 0, Number.MAX_SAFE_INTEGER, true);
  assertRange("rateBp", p.rateBp, 0, 10_000, true);
  assertRange("sharePercent", p.sharePercent, 0, 100, false);
  assertRange("monthsHeld", p.monthsHeld, 0, 12, true);
  assertRange("year", p.year, 1000, 9999, true);
  if (p.mainHomeRateBp !== undefined)
    assertRange("mainHomeRateBp", p.mainHomeRateBp, 0, 10_000, true);
}

/** Acconto (16 June) = half of the annual tax rounded half up, saldo (16 December) = the rest. */
export function imuInstalments(
  annualCents: number,
  year: number,
): ImuInstalment[] {
  const acconto = Math.floor((annualCents + 1) / 2);
  return [
    { kind: "acconto", dueDate: `${year}-06-16`, amountCents: acconto },
    {
      kind: "saldo",
      dueDate: `${year}-12-16`,
      amountCents: annualCents - acconto,
    },
  ];
}

function f24CodeFor(category: string, mainHome: boolean): string {
  if (mainHome) return "3912";
  return category.startsWith("D/") ? "3930" : "3918";
}

/** Annual IMU for one property, with the calculation steps and the two instalments. */
export function computeImu(p: ImuInput): ImuResult {
  checkInput(p);
  const category = normalizeCadastralCategory(p.category);
  const multiplier = imuMultiplier(category);
  const isMainHomeCategory = category.startsWith("A/") && category !== "A/10";
  if (p.mainHome && !isMainHomeCategory) {
    throw new RangeError(
      `A main home must be in group A (not A/10), got "${category}"`,
    );
  }
  const luxury = LUXURY_CATEGORIES.has(category);
  const rateBp = p.mainHome
    ? (p.mainHomeRateBp ?? IMU_DEFAULT_MAIN_HOME_RATE_BP)
    : p.rateBp;

  const rendita = BigInt(p.renditaCents);
  const share = BigInt(Math.round(p.sharePercent * 100)); // hundredths of percent
  const months = BigInt(p.monthsHeld);
  // base (cents) = rendita × 105/100 × multiplier
  const baseNum = rendita * 105n * BigInt(multiplier);
  const baseDen = 100n;
  // gross = base × rateBp/10000 × months/12 × share/10000
  const grossNum = baseNum * BigInt(rateBp) * months * share;
  const grossDen = baseDen * 10_000n * 12n * 10_000n;

  const steps: ImuSteps = {
    renditaCents: p.renditaCents,
    revaluedCents: Number(roundHalfUp(rendita * 105n, 100n)),
    multiplier,
    baseCents: Number(roundHalfUp(baseNum, baseDen)),
    rateBp,
    monthsHeld: p.monthsHeld,
    sharePercent: p.sharePercent,
    grossCents: 0,
    deductionCents: 0,
    amountCents: 0,
  };
  const f24Code = f24CodeFor(category, p.mainHome);

  if (p.mainHome && !luxury) {
    return {
      exempt: true,
      exemptionReason:
        "Abitazione principale non di lusso (categoria diversa da A/1, A/8, A/9): IMU non dovuta.",
      steps,
      f24Code,
      instalments: [],
    };
  }

  const grossCents = Number(roundHalfUp(grossNum, grossDen));
  let deductionCents = 0;
  if (p.mainHome) {
    const fullDeduction = Number(
      roundHalfUp(
        BigInt(IMU_MAIN_HOME_DEDUCTION_CENTS) * months * share,
        12n * 10_000n,
      ),
    );
    deductionCents = Math.min(fullDeduction, grossCents);
  }
  const amountCents = grossCents - deductionCents;
  return {
    exempt: false,
    steps: { ...steps, grossCents, deductionCents, amountCents },
    f24Code,
    instalments: imuInstalments(amountCents, p.year),
  };
}

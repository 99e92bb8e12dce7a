/**
 * Statistical disclosure control of the open datasets (docs/decisions/033-open-data.md): a cell
 * that counts fewer than MIN_PEOPLE distinct people is not published at all (its row is left
 * out), and every total shown anywhere is the sum of the published rows, so that no suppressed
 * figure can be found again by subtraction.
 */

/** The fewest distinct people a published cell may count. */
export const MIN_PEOPLE = 5;

/** The rows whose cell counts at least MIN_PEOPLE distinct people; the others are not published. */
export function suppressSmallCells<T extends { people: number }>(rows: readonly T[]): T[] {
  return rows.filter((r) => r.people >= MIN_PEOPLE);
}

/** Sum of one figure over the published rows: the only kind of total the portal shows. */
export function sumOf<T>(rows: readonly T[], figure: (row: T) => number): number {
  return rows.reduce((s, r) => s + figure(r), 0);
}

/** The median of the values (the mean of the two middle ones for an even count), or null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The median, published only when it summarises at least MIN_PEOPLE values. */
export function publishableMedian(values: readonly number[]): number | null {
  return values.length >= MIN_PEOPLE ? median(values) : null;
}

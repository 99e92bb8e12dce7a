import { describe, expect, it } from "vitest";
import { median, MIN_PEOPLE, publishableMedian, suppressSmallCells, sumOf } from "~/open-data/suppression";

describe("suppression of small cells", () => {
  it("publishes only the cells of five people or more", () => {
    const cells = [4, 5, 1, 12, 0].map((people, i) => ({ id: i, people }));
    expect(MIN_PEOPLE).toBe(5);
    expect(suppressSmallCells(cells).map((c) => c.id)).toEqual([1, 3]);
  });

  it("totals are sums of the published cells only", () => {
    const published = suppressSmallCells([
      { people: 3, amount: 700 },
      { people: 6, amount: 100 },
      { people: 9, amount: 50 },
    ]);
    expect(sumOf(published, (c) => c.amount)).toBe(150);
    expect(sumOf([], (c: { amount: number }) => c.amount)).toBe(0);
  });
});

describe("median", () => {
  it("takes the middle value, or the mean of the two middle ones", () => {
    expect(median([])).toBeNull();
    expect(median([7])).toBe(7);
    expect(median([30, 10, 20])).toBe(20);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it("is published only over five values or more", () => {
    expect(publishableMedian([1, 2, 3, 4])).toBeNull();
    expect(publishableMedian([50, 10, 40, 20, 30])).toBe(30);
  });
});

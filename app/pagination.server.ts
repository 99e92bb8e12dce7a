// The one way a list is cut into pages: count what the query matches, keep the page asked for
// within [1, pageCount], read that page. Every paged list of the portal goes through paginate.
import { sql, type SelectQueryBuilder } from "kysely";

export interface PageOptions {
  /** The page asked for, from 1; anything outside [1, pageCount] is brought back into it. */
  page: number;
  /** Rows per page. */
  pageSize: number;
  /** Largest page size accepted: pageSize is brought back into [1, max]. */
  max?: number;
  /**
   * Stop counting past this many rows (a broad search matches thousands, and the user needs to
   * narrow it down rather than page through them): `total` is then at most countCap + 1, and the
   * pages are those of the first countCap rows.
   */
  countCap?: number;
}

export interface Paginated<Row> {
  rows: Row[];
  /** Rows the query matches (with countCap, at most countCap + 1). */
  total: number;
  /** The page read: the one asked for, within [1, pageCount]. */
  page: number;
  pageSize: number;
  /** At least 1: an empty list has one (empty) page. */
  pageCount: number;
}

function wholeNumber(value: number, fallback: number): number {
  return Number.isFinite(value) ? Math.trunc(value) : fallback;
}

/**
 * One page of a select query, with the count of all its rows. The query carries its filters,
 * selection and order; paginate adds limit and offset, and counts the same query without its
 * selection and order (so it must not group rows: a grouped query is counted a group at a time).
 * The count and the page are read together; only a page past the last is read again, as the last.
 */
export async function paginate<DB, TB extends keyof DB, O>(
  query: SelectQueryBuilder<DB, TB, O>,
  opts: PageOptions,
): Promise<Paginated<O>> {
  let pageSize = Math.max(1, wholeNumber(opts.pageSize, 1));
  if (opts.max !== undefined) pageSize = Math.min(pageSize, Math.max(1, opts.max));
  const asked = Math.max(1, wholeNumber(opts.page, 1));
  const bare = query.clearSelect().clearOrderBy().clearLimit().clearOffset();
  const read = (page: number) =>
    query
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute();
  const count = async (): Promise<number> => {
    if (opts.countCap !== undefined) {
      // Rows are fetched (a constant each) rather than counted, so that the scan stops at the cap.
      const capped = await bare
        .select(sql<number>`1`.as("one"))
        .limit(opts.countCap + 1)
        .execute();
      return capped.length;
    }
    const row = await bare
      .select((eb) => eb.fn.countAll<number | string | bigint>().as("n"))
      .executeTakeFirst();
    // PostgreSQL's count is a bigint, which pg hands over as a string.
    return Number((row as { n?: number | string | bigint } | undefined)?.n ?? 0);
  };
  const [total, firstTry] = await Promise.all([count(), read(asked)]);
  const counted = opts.countCap !== undefined ? Math.min(total, opts.countCap) : total;
  const pageCount = Math.max(1, Math.ceil(counted / pageSize));
  const page = Math.min(asked, pageCount);
  const rows = page === asked ? firstTry : await read(page);
  return { rows, total, page, pageSize, pageCount };
}

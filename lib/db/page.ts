/**
 * One page of a workspace list, as connections ask for it: rows `offset`…`offset + limit`
 * and, when `withTotalCount`, the size of the whole list. A list function reads both in
 * one tenant transaction with one `where` (same workspace, same filter), so the count can
 * never include rows the list would not show.
 */
export interface PageRequest {
  offset: number;
  /** 0 reads no rows (a count-only request). */
  limit: number;
  withTotalCount: boolean;
}

export interface Page<Row> {
  rows: Row[];
  /** Rows of the whole list; null when not asked for. */
  totalCount: number | null;
}

/**
 * Reads a page as `request` asks: `rows(skip, take)` unless the request is count-only, and
 * `count()` only when the total is wanted. Call it inside the list's tenant transaction, with
 * both reads using the same `where`.
 */
export async function readPage<Row>(
  { offset, limit, withTotalCount }: PageRequest,
  read: { rows: (skip: number, take: number) => Promise<Row[]>; count: () => Promise<number> },
): Promise<Page<Row>> {
  return {
    rows: limit > 0 ? await read.rows(offset, limit) : [],
    totalCount: withTotalCount ? await read.count() : null,
  };
}

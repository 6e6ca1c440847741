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

/**
 * Where a page lies in an ordered list of `total` rows, read from whichever end is nearer: an
 * OFFSET costs one index step per skipped row, so the last page of 500,000 rows is read as the
 * first page of the reverse order, then turned round. Needs an exact total.
 */
export interface PageWindow {
  /** Rows to skip in the order read. */
  offset: number;
  /** Rows to read (the page is shorter at the end of the list). */
  limit: number;
  /** Read in the reverse order; reverse the rows to get the page. */
  reversed: boolean;
}

/** null when the page starts past the end of the list. */
export function pageWindow(total: number, offset: number, limit: number): PageWindow | null {
  if (offset >= total || limit <= 0) return null;
  const take = Math.min(limit, total - offset);
  const after = total - offset - take;
  return after < offset
    ? { offset: after, limit: take, reversed: true }
    : { offset, limit: take, reversed: false };
}

// The total a list shows above its rows ("共 12,345 条"). Exact up to a bound, then "more than
// the bound" (1 万+): counting stops at LIST_TOTAL_BOUND + 1 rows, so a county-wide total costs
// one bounded index walk, never a count of a whole table. Given on a list's first page only:
// the next pages (with a cursor) skip it.
import { type SelectQueryBuilder, sql } from 'kysely';
import type { ListTotal } from '../../shared/paging.ts';
import type { Db } from '../db/schema.ts';

export const LIST_TOTAL_BOUND = 10_000;

/** "More than the bound" (1 万+). */
export const OVER_BOUND: ListTotal = Object.freeze({ count: LIST_TOTAL_BOUND, capped: true });

/**
 * The rows of `filtered` (a list's query with its filters, before limit), counted up to the bound.
 * Any select list is replaced by a constant: only the rows count. Its order is dropped unless
 * `ordered`: a list whose order is its index's (households, people: region first) keeps it, so
 * the count walks that index and stops at the bound, where PostgreSQL would otherwise hash-join
 * the whole table for a town whose rows happen to lie at its end (300 ms on the demo county).
 */
// biome-ignore lint/suspicious/noExplicitAny: any table set and row shape: only the filters matter
export function boundedTotalQuery(db: Db, filtered: SelectQueryBuilder<any, any, any>, ordered = false) {
  const kept = ordered ? filtered : filtered.clearOrderBy();
  const rows = kept.clearSelect().clearLimit().select(sql<number>`1`.as('one')).limit(LIST_TOTAL_BOUND + 1);
  return db.selectFrom(rows.as('bounded')).select(sql<number | string>`count(*)`.as('n'));
}

/** The total a boundedTotalQuery's rows give. */
export function totalOf(rows: readonly unknown[]): ListTotal {
  const n = Number((rows[0] as { n?: number | string } | undefined)?.n ?? 0);
  return n > LIST_TOTAL_BOUND ? OVER_BOUND : { count: n, capped: false };
}

// biome-ignore lint/suspicious/noExplicitAny: as above
export const boundedTotal = async (db: Db, filtered: SelectQueryBuilder<any, any, any>, ordered = false): Promise<ListTotal> =>
  totalOf(await boundedTotalQuery(db, filtered, ordered).execute());

/**
 * The total on a first page (no cursor); later pages leave it out. With `overBound` (a list with
 * no filter but its subtree: stats' counterOverBound), a counter over the bound answers "more
 * than the bound" unwalked; under it, the rows are counted as always.
 */
export async function totalOnFirstPage(
  db: Db,
  cursor: string | undefined,
  // biome-ignore lint/suspicious/noExplicitAny: as above
  filtered: SelectQueryBuilder<any, any, any>,
  ordered = false,
  overBound?: () => Promise<boolean>,
): Promise<ListTotal | undefined> {
  if (cursor) return undefined;
  if (overBound && (await overBound())) return OVER_BOUND;
  return boundedTotal(db, filtered, ordered);
}

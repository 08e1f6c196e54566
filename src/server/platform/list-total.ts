// The total a list shows above its rows ("共 12,345 条"). Exact up to a bound, then "more than
// the bound" (1 万+): counting stops at LIST_TOTAL_BOUND + 1 rows, so a county-wide total costs
// one bounded index walk, never a count of a whole table. Given on a list's first page only:
// the next pages (with a cursor) skip it.
import { type SelectQueryBuilder, sql } from 'kysely';
import type { ListTotal } from '../../shared/paging.ts';
import type { Db } from '../db/schema.ts';
import { subtreeRange } from './access.ts';

export const LIST_TOTAL_BOUND = 10_000;

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
  return n > LIST_TOTAL_BOUND ? { count: LIST_TOTAL_BOUND, capped: true } : { count: n, capped: false };
}

// biome-ignore lint/suspicious/noExplicitAny: as above
export const boundedTotal = async (db: Db, filtered: SelectQueryBuilder<any, any, any>, ordered = false): Promise<ListTotal> =>
  totalOf(await boundedTotalQuery(db, filtered, ordered).execute());


/**
 * A region counter that counts no more rows than a list of the region's subtree shows (a
 * region's counter row holds its whole subtree): `households` for the households list, `persons`
 * (people living there) for the people list without filters.
 */
export interface SubtreeCounter {
  regionId: number;
  path: string;
  metric: string;
}

/**
 * Whether the counter alone shows the list holds more than the bound. Purged records stay in
 * the counters (purged_counts keeps what they counted, so recounts agree): what the subtree's
 * purges took is taken off first. One read of a counter row and of the purged rows of the metric
 * (none but after a purge), instead of walking 10,001 index entries on every county first page
 * (2–3 ms of a reader thread, most of the county households page's SQL).
 */
export async function counterOverBound(db: Db, c: SubtreeCounter): Promise<boolean> {
  const [lo, hi] = subtreeRange(c.path);
  const { rows: [row] } = await sql<{ counted: number | string | null; purged: number | string | null }>`select
    (select value from region_counters where region_id = ${c.regionId} and metric = ${c.metric}) as counted,
    (select sum(pc.value) from purged_counts pc join regions r on r.id = pc.region_id
      where pc.metric = ${c.metric} and r.path >= ${lo} and r.path < ${hi}) as purged`.execute(db);
  return Number(row?.counted ?? 0) - Number(row?.purged ?? 0) > LIST_TOTAL_BOUND;
}

/**
 * The total on a first page (no cursor); later pages leave it out. With `counter` (a list with
 * no filter but its subtree), a counter over the bound answers "more than the bound" unwalked;
 * under it, the rows are counted as always.
 */
export async function totalOnFirstPage(
  db: Db,
  cursor: string | undefined,
  // biome-ignore lint/suspicious/noExplicitAny: as above
  filtered: SelectQueryBuilder<any, any, any>,
  ordered = false,
  counter?: SubtreeCounter,
): Promise<ListTotal | undefined> {
  if (cursor) return undefined;
  if (counter && (await counterOverBound(db, counter))) return { count: LIST_TOTAL_BOUND, capped: true };
  return boundedTotal(db, filtered, ordered);
}

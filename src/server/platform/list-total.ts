// The total a list shows above its rows ("共 12,345 条"). Exact up to a bound, then "more than
// the bound" (1 万+): counting stops at LIST_TOTAL_BOUND + 1 rows, so a county-wide total costs
// one bounded index walk, never a count of a whole table. Given on a list's first page only:
// the next pages (with a cursor) skip it.
import { type Compilable, type SelectQueryBuilder, sql } from 'kysely';
import type { ListTotal } from '../../shared/paging.ts';
import { readPoolOf, statementOf } from '../db/read-together.ts';
import type { Db } from '../db/schema.ts';
import type { ReadStatement } from '../db/sqlite-read-pool.ts';

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

/**
 * A first page's total as reads: the bounded count and, for a list a counter counts (stats'
 * counterOverBoundQuery: one row, first column 1 when the counter says more than the bound), the
 * counter that spares the count. None on a later page (a cursor).
 */
export interface TotalReads {
  count: Compilable;
  over?: Compilable;
}

export function totalReads(
  db: Db,
  cursor: string | undefined,
  // biome-ignore lint/suspicious/noExplicitAny: as above
  filtered: SelectQueryBuilder<any, any, any>,
  ordered = false,
  over?: Compilable,
): TotalReads | undefined {
  return cursor ? undefined : { count: boundedTotalQuery(db, filtered, ordered), over };
}

const overOf = (rows: readonly unknown[]) => Number(Object.values((rows[0] ?? {}) as Record<string, unknown>)[0] ?? 0) > 0;

/**
 * A list page's reads and its first-page total. On SQLite's reader threads one job, one hop to a
 * thread and one snapshot (the counter, the count unless the counter said more than the bound,
 * then the page's reads), where a page and its total were two or three hops, each a wake-up of a
 * reader and a copy of rows between threads (bench/page-cost.ts). Elsewhere the counter, then the
 * count, beside the page's reads.
 */
export async function readPageWithTotal(db: Db, reads: readonly Compilable[], total: TotalReads | undefined): Promise<{ results: unknown[][]; total: ListTotal | undefined }> {
  const pool = readPoolOf(db);
  if (pool) {
    const statements: ReadStatement[] = [];
    if (total?.over) statements.push(statementOf(total.over));
    if (total) statements.push(statementOf(total.count, total.over ? 0 : undefined));
    const head = statements.length;
    statements.push(...reads.map((r) => statementOf(r)));
    const { results } = await pool.readBatch([], [statements]);
    const rows = results.map((r) => r.rows as unknown[]);
    const counted = total ? (total.over && overOf(rows[0]!) ? OVER_BOUND : totalOf(rows[head - 1]!)) : undefined;
    return { results: rows.slice(head), total: counted };
  }
  const counting = async (): Promise<ListTotal | undefined> => {
    if (!total) return undefined;
    if (total.over && overOf((await db.executeQuery(total.over)).rows)) return OVER_BOUND;
    return totalOf((await db.executeQuery(total.count)).rows);
  };
  const [counted, ...results] = await Promise.all([counting(), ...reads.map(async (r) => (await db.executeQuery(r)).rows as unknown[])]);
  return { results: results as unknown[][], total: counted as ListTotal | undefined };
}

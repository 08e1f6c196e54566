// A list's first-page total from the counters (list-total.ts): stats owns region_counters and
// purged_counts, so the read that answers "more than the bound" without walking the list's index
// lives here, and lists ask it through `counterOverBound`.
import { sql } from 'kysely';
import type { Db } from '../../db/schema.ts';
import { LIST_TOTAL_BOUND } from '../../platform/list-total.ts';
import { subtreeRegionIds } from '../regions/regions.queries.ts';

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
  const counted = db.selectFrom('region_counters').select('value').where('region_id', '=', c.regionId).where('metric', '=', c.metric);
  const purged = db
    .selectFrom('purged_counts')
    .select(sql<number | string>`sum(value)`.as('value'))
    .where('metric', '=', c.metric)
    .where('region_id', 'in', subtreeRegionIds(db, c.path));
  const row = await db
    .selectNoFrom([counted.as('counted'), purged.as('purged')])
    .executeTakeFirst();
  return Number(row?.counted ?? 0) - Number(row?.purged ?? 0) > LIST_TOTAL_BOUND;
}

// A list's first-page total from the counters (list-total.ts): stats owns region_counters and
// purged_counts, so the read that answers "more than the bound" without walking the list's index
// lives here, and lists read it through `counterOverBoundQuery`, in the same job as their page.
import { sql } from 'kysely';
import type { Db } from '../../db/schema.ts';
import { LIST_TOTAL_BOUND } from '../../platform/list-total.ts';
import { subtreeRange } from '../../platform/access.ts';

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
 * Whether the counter alone shows the list holds more than the bound, as one read whose one
 * column `over` is 1 when it does (list-total.ts readPageWithTotal sends it with the page).
 * Purged records stay in the counters (purged_counts keeps what they counted, so recounts
 * agree): what the subtree's purges took is taken off first. A read of a counter row and of the
 * purged rows of the metric, each checked against the subtree by its region's path — not the
 * purged rows looked up once per region of the subtree, which cost 1–1.5 ms at the county
 * (5,500 regions) with no purged row at all, more than the page it spared a count for.
 */
export function counterOverBoundQuery(db: Db, c: SubtreeCounter) {
  const [lo, hi] = subtreeRange(c.path);
  const counted = db.selectFrom('region_counters').select('value').where('region_id', '=', c.regionId).where('metric', '=', c.metric);
  // Driven by purged_counts (its metric index, 0045): CROSS JOIN keeps SQLite's loop order.
  const purged = db
    .selectFrom('purged_counts as pc')
    .crossJoin('regions as r')
    .select(sql<number | string>`sum(pc.value)`.as('value'))
    .whereRef('r.id', '=', 'pc.region_id')
    .where('pc.metric', '=', c.metric)
    .where('r.path', '>=', lo)
    .where('r.path', '<', hi);
  return db.selectNoFrom(sql<number>`case when coalesce((${counted}), 0) - coalesce((${purged}), 0) > ${LIST_TOTAL_BOUND} then 1 else 0 end`.as('over'));
}

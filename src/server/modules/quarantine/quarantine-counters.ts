// Recount 'quarantines.active' of a county from the orders: for the nightly reconciliation
// (the quarantine module's definition provides it) and after a bulk load.
import type { Db } from '../../db/schema.ts';
import { subtreeRange } from '../../platform/access.ts';
import { rebuildCounters } from '../stats/counters.ts';
import { METRIC_ACTIVE } from './quarantine.queries.ts';

export function rebuildQuarantineCounters(db: Db, rootPath: string): Promise<void> {
  return rebuildCounters(db, rootPath, {
    prefixes: [METRIC_ACTIVE],
    count: async (tx, path) => {
      const [lo, hi] = subtreeRange(path);
      const rows = await tx
        .selectFrom('quarantine_orders as o')
        .innerJoin('regions as r', 'r.id', 'o.region_id')
        .select(['o.region_id', (eb) => eb.fn.countAll<number>().as('n')])
        .where('o.status', '=', 'active')
        .where('r.path', '>=', lo)
        .where('r.path', '<', hi)
        .groupBy('o.region_id')
        .execute();
      return rows.map((r) => ({ regionId: r.region_id, metric: METRIC_ACTIVE, n: Number(r.n) }));
    },
  });
}

// Recount the checkpoint counters of a subtree from the rows: after the demo's bulk load, and
// for the nightly reconciliation (the checkpoints module's definition provides it).
import type { Db } from '../../db/schema.ts';
import { subtreeRange } from '../../platform/access.ts';
import { rebuildCounters } from '../stats/counters.ts';
import { METRIC_REMOVED, METRIC_TOTAL } from './checkpoints.queries.ts';

export function rebuildCheckpointCounters(db: Db, rootPath: string): Promise<void> {
  return rebuildCounters(db, rootPath, {
    prefixes: [METRIC_TOTAL],
    count: async (tx, path) => {
      const [lo, hi] = subtreeRange(path);
      const rows = await tx
        .selectFrom('checkpoints as c')
        .innerJoin('regions as r', 'r.id', 'c.region_id')
        .select(['c.region_id', 'c.status', (eb) => eb.fn.countAll<number>().as('n')])
        .where('r.path', '>=', lo)
        .where('r.path', '<', hi)
        .groupBy(['c.region_id', 'c.status'])
        .execute();
      return rows.flatMap((r) => [
        { regionId: r.region_id, metric: METRIC_TOTAL, n: Number(r.n) },
        ...(r.status === 'removed' ? [{ regionId: r.region_id, metric: METRIC_REMOVED, n: Number(r.n) }] : []),
      ]);
    },
  });
}

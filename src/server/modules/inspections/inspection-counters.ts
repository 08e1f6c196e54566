// Recount 'inspections' (done inspections) and 'rectifications.open' of a county from the
// records: for the nightly reconciliation (stats/reconcile.job.ts) and after a bulk load.
// The day counter 'inspections' is not recounted: it is bumped with each recording only.
import type { Db } from '../../db/schema.ts';
import { subtreeRange } from '../../platform/access.ts';
import { rebuildCounters } from '../stats/counters.ts';
import { METRICS } from './inspections.queries.ts';

export function rebuildInspectionCounters(db: Db, rootPath: string): Promise<void> {
  return rebuildCounters(db, rootPath, {
    prefixes: [METRICS.inspections, METRICS.rectificationsOpen],
    count: async (tx, path) => {
      const [lo, hi] = subtreeRange(path);
      const done = await tx
        .selectFrom('inspections as i')
        .innerJoin('regions as r', 'r.id', 'i.region_id')
        .select(['i.region_id', (eb) => eb.fn.countAll<number>().as('n')])
        .where('i.status', '=', 'done')
        .where('r.path', '>=', lo)
        .where('r.path', '<', hi)
        .groupBy('i.region_id')
        .execute();
      const open = await tx
        .selectFrom('rectifications as k')
        .innerJoin('regions as r', 'r.id', 'k.region_id')
        .select(['k.region_id', (eb) => eb.fn.countAll<number>().as('n')])
        .where('k.status', '=', 'open')
        .where('r.path', '>=', lo)
        .where('r.path', '<', hi)
        .groupBy('k.region_id')
        .execute();
      return [
        ...done.map((r) => ({ regionId: r.region_id, metric: METRICS.inspections, n: Number(r.n) })),
        ...open.map((r) => ({ regionId: r.region_id, metric: METRICS.rectificationsOpen, n: Number(r.n) })),
      ];
    },
  });
}

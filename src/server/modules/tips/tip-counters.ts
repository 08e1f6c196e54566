// Tip counters: `tips.<status>` on the tip's current region (and so its ancestors), read by the
// dashboard's summary. Bumped by every filing, status change and re-routing; recounted from the
// rows after a bulk load (the demo) or to repair drift.
import type { Db } from '../../db/schema.ts';
import { subtreeRange } from '../../platform/access.ts';
import { CounterBatch, applyCounterBatch, rebuildCounters } from '../stats/counters.ts';

export const METRIC_PREFIX = 'tips';
export const metricStatus = (status: string) => `tips.${status}`;

/** A tip appears (+1) or leaves (-1) a status in a region. */
export function bumpTipStatus(tx: Db, moves: { path: string; status: string; delta: 1 | -1 }[]): Promise<void> {
  const batch = new CounterBatch();
  for (const m of moves) batch.add(m.path, { [metricStatus(m.status)]: m.delta });
  return applyCounterBatch(tx, batch);
}

export function rebuildTipCounters(db: Db, rootPath: string): Promise<void> {
  return rebuildCounters(db, rootPath, {
    prefixes: [METRIC_PREFIX],
    count: async (tx, path) => {
      const [lo, hi] = subtreeRange(path);
      const rows = await tx
        .selectFrom('tips as t')
        .innerJoin('regions as r', 'r.id', 't.region_id')
        .select(['t.region_id', 't.status', (eb) => eb.fn.countAll<number>().as('n')])
        .where('r.path', '>=', lo)
        .where('r.path', '<', hi)
        .groupBy(['t.region_id', 't.status'])
        .execute();
      return rows.map((r) => ({ regionId: r.region_id, metric: metricStatus(r.status), n: Number(r.n) }));
    },
  });
}

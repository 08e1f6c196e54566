// Recount the family-event counters of a county from the rows: after a bulk load (the demo) and
// for the nightly reconciliation (the family-events module's definition provides it).
import type { Db } from '../../db/schema.ts';
import { subtreeRange } from '../../platform/access.ts';
import { rebuildCounters } from '../stats/counters.ts';
import type { FamilyEventRow } from './family-events.tables.ts';
import { METRIC_OPEN, METRIC_TOTAL, metricDecision, metricKind, metricStatus } from './family-events.service.ts';

export function rebuildFamilyEventCounters(db: Db, rootPath: string): Promise<void> {
  return rebuildCounters(db, rootPath, {
    prefixes: [METRIC_TOTAL],
    count: async (tx, path) => {
      const [lo, hi] = subtreeRange(path);
      const rows = await tx
        .selectFrom('family_events as f')
        .innerJoin('regions as r', 'r.id', 'f.region_id')
        .select(['f.region_id', 'f.kind', 'f.status', 'f.decision', (eb) => eb.fn.countAll<number>().as('n')])
        .where('r.path', '>=', lo)
        .where('r.path', '<', hi)
        .groupBy(['f.region_id', 'f.kind', 'f.status', 'f.decision'])
        .execute();
      return rows.flatMap((r) => familyEventMetrics(r, Number(r.n)));
    },
  });
}

/** The counters `n` events of one region, kind, status and decision add to (the recount, and a purge keeping them). */
export function familyEventMetrics(r: Pick<FamilyEventRow, 'region_id' | 'kind' | 'status' | 'decision'>, n: number) {
  const open = r.status === 'filed' || r.status === 'guided';
  return [
    { regionId: r.region_id, metric: METRIC_TOTAL, n },
    { regionId: r.region_id, metric: metricKind(r.kind), n },
    { regionId: r.region_id, metric: metricStatus(r.status), n },
    ...(open ? [{ regionId: r.region_id, metric: METRIC_OPEN, n }] : []),
    ...(r.decision ? [{ regionId: r.region_id, metric: metricDecision(r.decision), n }] : []),
  ];
}

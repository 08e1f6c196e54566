// Retention of family events: one closes when followed up or cancelled; the purge deletes it and
// keeps what it counted (family-event-counters.ts gives the metrics of a row).
import type { Db } from '../../db/schema.ts';
import type { RetentionHandler } from '../retention/retention-handler.ts';
import { byRegion, ids } from '../retention/retention-handler.ts';
import { inLevelledSubtree } from '../regions/regions.queries.ts';
import { familyEventMetrics } from './family-event-counters.ts';

const due = (db: Db, rootPath: string, closedBefore: string) =>
  db
    .selectFrom('family_events as f')
    .where(inLevelledSubtree(db, rootPath, 'f'))
    .where((eb) =>
      eb.or([
        eb.and([eb('f.status', '=', 'followed_up'), eb('f.followed_up_at', '<', closedBefore)]),
        eb.and([eb('f.status', '=', 'cancelled'), eb('f.updated_at', '<', closedBefore)]),
      ]),
    );

export const familyEventsRetention: RetentionHandler = {
  due: (db, q, limit) => due(db, q.rootPath, q.closedBefore).select(['f.id', 'f.region_id as regionId']).orderBy('f.id').limit(limit).execute(),
  countDue: async (db, q) => byRegion(await due(db, q.rootPath, q.closedBefore).select(['f.region_id', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('f.region_id').execute()),
  async purge(tx, records) {
    const rows = await tx.selectFrom('family_events').select(['region_id', 'kind', 'status', 'decision']).where('id', 'in', ids(records)).execute();
    await tx.deleteFrom('family_events').where('id', 'in', ids(records)).execute();
    return { counts: rows.flatMap((r) => familyEventMetrics(r, 1)) };
  },
};

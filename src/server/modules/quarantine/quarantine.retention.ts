// Retention of quarantine orders with their health checks, events and alerts: an order closes
// when released; the purge deletes it with all of them. Only active orders are counted
// (quarantines.active), so a released one takes no count with it.
import type { Db } from '../../db/schema.ts';
import type { RetentionHandler } from '../retention/retention-handler.ts';
import { byRegion, ids } from '../retention/retention-handler.ts';
import { inLevelledSubtree } from '../regions/regions.queries.ts';

const due = (db: Db, rootPath: string, closedBefore: string) =>
  db.selectFrom('quarantine_orders as q').where(inLevelledSubtree(db, rootPath, 'q')).where('q.status', '=', 'released').where('q.released_at', '<', closedBefore);

export const quarantineRetention: RetentionHandler = {
  due: (db, q, limit) => due(db, q.rootPath, q.closedBefore).select(['q.id', 'q.region_id as regionId']).orderBy('q.id').limit(limit).execute(),
  countDue: async (db, q) => byRegion(await due(db, q.rootPath, q.closedBefore).select(['q.region_id', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('q.region_id').execute()),
  async purge(tx, records) {
    const orders = ids(records);
    await tx.deleteFrom('quarantine_checks').where('order_id', 'in', orders).execute();
    await tx.deleteFrom('quarantine_events').where('order_id', 'in', orders).execute();
    await tx.deleteFrom('quarantine_alerts').where('order_id', 'in', orders).execute();
    await tx.deleteFrom('quarantine_orders').where('id', 'in', orders).execute();
    return {};
  },
};

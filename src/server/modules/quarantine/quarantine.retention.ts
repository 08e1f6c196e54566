// Retention of quarantine orders with their health checks, events and alerts: an order closes
// when released; the purge deletes it with all of them. Only active orders are counted
// (quarantines.active), so a released one takes no count with it.
import type { Db } from '../../db/schema.ts';
import type { ForgetPeople, PeopleHeld, RetentionHandler } from '../retention/retention-handler.ts';
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

/** People under an order not yet released: their household waits for the register's purge. */
export const peopleInQuarantine: PeopleHeld = (db) => db.selectFrom('quarantine_orders as qo').select('qo.person_id').where('qo.status', '!=', 'released');

/** The register's purge: the people's released orders go with their checks (normally gone already, by the stand-down's own pass). */
export const forgetQuarantines: ForgetPeople = async (tx, { personIds }) => {
  if (personIds.length === 0) return undefined;
  const orders = await tx.selectFrom('quarantine_orders').select(['id', 'region_id as regionId']).where('person_id', 'in', [...personIds]).execute();
  return orders.length === 0 ? undefined : quarantineRetention.purge(tx, orders);
};

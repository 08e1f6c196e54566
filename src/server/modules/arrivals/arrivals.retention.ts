// Retention of arrival self-registrations: one closes when decided (verified, linked or
// rejected); the purge deletes it (a linked arrival's person stays in the register).
import type { Db } from '../../db/schema.ts';
import type { ForgetPeople, RetentionHandler } from '../retention/retention-handler.ts';
import { byRegion, ids } from '../retention/retention-handler.ts';
import { inLevelledSubtree } from '../regions/regions.queries.ts';

const due = (db: Db, rootPath: string, closedBefore: string) =>
  db.selectFrom('arrival_entries as a').where(inLevelledSubtree(db, rootPath, 'a')).where('a.status', '!=', 'pending').where('a.decided_at', '<', closedBefore);

export const arrivalsRetention: RetentionHandler = {
  due: (db, q, limit) => due(db, q.rootPath, q.closedBefore).select(['a.id', 'a.region_id as regionId']).orderBy('a.id').limit(limit).execute(),
  countDue: async (db, q) => byRegion(await due(db, q.rootPath, q.closedBefore).select(['a.region_id', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('a.region_id').execute()),
  async purge(tx, records) {
    await tx.deleteFrom('arrival_entries').where('id', 'in', ids(records)).execute();
    return {};
  },
};

/** The register's purge: a self-registration linked to a purged person keeps its own data (its own retention) without the link. */
export const forgetArrivalLinks: ForgetPeople = async (tx, { personIds }) => {
  if (personIds.length > 0) await tx.updateTable('arrival_entries').set({ person_id: null }).where('person_id', 'in', [...personIds]).execute();
  return undefined;
};

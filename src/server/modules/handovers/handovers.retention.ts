// Retention of hand-overs: one closes when accepted or refused; the purge deletes it. Counted by
// the sending region (where the person was).
import { PENDING_HANDOVER_STATUSES } from '../../../shared/handovers.ts';
import type { Db } from '../../db/schema.ts';
import type { ForgetPeople, PeopleHeld, RetentionHandler } from '../retention/retention-handler.ts';
import { byRegion, ids } from '../retention/retention-handler.ts';
import { subtreeRegionIds } from '../regions/regions.queries.ts';

const due = (db: Db, rootPath: string, closedBefore: string) =>
  db
    .selectFrom('handovers as h')
    .where('h.from_region_id', 'in', subtreeRegionIds(db, rootPath))
    .where('h.status', 'in', ['accepted', 'refused'])
    .where('h.decided_at', '<', closedBefore);

export const handoversRetention: RetentionHandler = {
  due: (db, q, limit) => due(db, q.rootPath, q.closedBefore).select(['h.id', 'h.from_region_id as regionId']).orderBy('h.id').limit(limit).execute(),
  countDue: async (db, q) => byRegion(await due(db, q.rootPath, q.closedBefore).select(['h.from_region_id as region_id', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('h.from_region_id').execute()),
  async purge(tx, records) {
    await tx.deleteFrom('handovers').where('id', 'in', ids(records)).execute();
    return {};
  },
};

/** People with a hand-over still to be answered: their household waits for the register's purge. */
export const peopleBeingHandedOver: PeopleHeld = (db) => db.selectFrom('handovers as ho').select('ho.person_id').where('ho.status', 'in', [...PENDING_HANDOVER_STATUSES]);

/** The register's purge: the people's answered hand-overs go. */
export const forgetHandovers: ForgetPeople = async (tx, { personIds }) => {
  if (personIds.length > 0) await tx.deleteFrom('handovers').where('person_id', 'in', [...personIds]).execute();
  return undefined;
};

// Retention of the contacts named for a person's responsibility (包保) and of region volunteers:
// a responsible member closes when the responsibility ends, a volunteer when they stop. The
// purge keeps the row (who held which role, and when: the record of the work) and removes the
// name and phone of a contact who is not an account, and a stopped volunteer's phone.
import type { Db } from '../../db/schema.ts';
import type { ForgetPeople, RetentionHandler } from '../retention/retention-handler.ts';
import { byRegion, ids } from '../retention/retention-handler.ts';
import { personRegionsInSubtree } from '../households/persons.queries.ts';
import { subtreeRegionIds } from '../regions/regions.queries.ts';

/** What a purged contact's name reads as (the column is kept for an account's member). */
const PURGED_NAME = '—';

const dueMembers = (db: Db, rootPath: string, closedBefore: string) =>
  db
    .selectFrom('responsible_members as m')
    .innerJoin(personRegionsInSubtree(db, rootPath).as('p'), 'p.id', 'm.person_id')
    .where('m.to_at', '<', closedBefore)
    .where('m.user_id', 'is', null)
    .where((eb) => eb.or([eb('m.phone_enc', 'is not', null), eb('m.phone_hash', 'is not', null), eb.and([eb('m.name', 'is not', null), eb('m.name', '!=', PURGED_NAME)])]));

export const responsibleContactsRetention: RetentionHandler = {
  due: (db, q, limit) => dueMembers(db, q.rootPath, q.closedBefore).select(['m.id', 'p.region_id as regionId']).orderBy('m.id').limit(limit).execute(),
  countDue: async (db, q) => byRegion(await dueMembers(db, q.rootPath, q.closedBefore).select(['p.region_id', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('p.region_id').execute()),
  async purge(tx, records) {
    await tx.updateTable('responsible_members').set({ name: PURGED_NAME, phone_enc: null, phone_hash: null, phone_masked: null }).where('id', 'in', ids(records)).execute();
    return {};
  },
};

const dueVolunteers = (db: Db, rootPath: string, closedBefore: string) =>
  db
    .selectFrom('region_volunteers as v')
    .where('v.region_id', 'in', subtreeRegionIds(db, rootPath))
    .where('v.ended_at', '<', closedBefore)
    .where((eb) => eb.or([eb('v.phone_enc', 'is not', null), eb('v.phone_hash', 'is not', null), eb('v.name', '!=', PURGED_NAME)]));

export const volunteerContactsRetention: RetentionHandler = {
  due: (db, q, limit) => dueVolunteers(db, q.rootPath, q.closedBefore).select(['v.id', 'v.region_id as regionId']).orderBy('v.id').limit(limit).execute(),
  countDue: async (db, q) => byRegion(await dueVolunteers(db, q.rootPath, q.closedBefore).select(['v.region_id', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('v.region_id').execute()),
  async purge(tx, records) {
    await tx.updateTable('region_volunteers').set({ name: PURGED_NAME, phone_enc: null, phone_hash: null, phone_masked: null }).where('id', 'in', ids(records)).execute();
    return {};
  },
};

/** The register's purge: who was responsible for a purged person, and the messages about them, go with them. */
export const forgetResponsibilities: ForgetPeople = async (tx, { personIds }) => {
  if (personIds.length === 0) return undefined;
  const members = (await tx.selectFrom('responsible_members').select('id').where('person_id', 'in', [...personIds]).execute()).map((m) => m.id);
  await tx.deleteFrom('responsible_messages').where('person_id', 'in', [...personIds]).execute();
  if (members.length > 0) {
    await tx.deleteFrom('responsible_messages').where('member_id', 'in', members).execute();
    await tx.deleteFrom('responsible_members').where('id', 'in', members).execute();
  }
  return undefined;
};

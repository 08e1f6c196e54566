// SQL of responsibility by name: a person's current members and their history. What other
// modules own — persons, regions, accounts, orders, colours — is read through their queries.
import type { Insertable, SelectQueryBuilder } from 'kysely';
import type { DB, Db } from '../../db/schema.ts';
import { subtreeRange } from '../../platform/access.ts';
import { personRegionsInSubtree, personsFiltered } from '../households/persons.queries.ts';
import { subtreeRegionsWithPath } from '../regions/regions.queries.ts';
import type { ResponsibleMembersTable } from './responsibility.tables.ts';

const MEMBER_COLUMNS = ['id', 'person_id', 'role', 'user_id', 'name', 'phone_enc', 'phone_hash', 'phone_masked', 'from_at'] as const;

/** The current members of a person, in the order they were set. */
export const currentMemberRows = (db: Db, personId: string) =>
  db.selectFrom('responsible_members').select(MEMBER_COLUMNS).where('person_id', '=', personId).where('to_at', 'is', null).orderBy('from_at').orderBy('id').execute();

export const insertMembers = (db: Db, rows: Insertable<ResponsibleMembersTable>[]) =>
  rows.length === 0 ? Promise.resolve() : db.insertInto('responsible_members').values(rows).execute();

/** Ends members (their history stays): `ids` only, or every current member of the persons. */
export async function endMembers(db: Db, where: { ids?: readonly string[]; personIds?: readonly string[] }, end: { at: string; by: string | null; reason: string }): Promise<number> {
  if (!where.ids?.length && !where.personIds?.length) return 0;
  let query = db.updateTable('responsible_members').set({ to_at: end.at, ended_by: end.by, end_reason: end.reason }).where('to_at', 'is', null);
  if (where.ids?.length) query = query.where('id', 'in', where.ids);
  if (where.personIds?.length) query = query.where('person_id', 'in', where.personIds);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** The current members of many persons: their roles only. */
export const memberRolesOf = (db: Db, personIds: readonly string[]) =>
  personIds.length === 0 ? Promise.resolve([]) : db.selectFrom('responsible_members').select(['person_id', 'role']).where('person_id', 'in', personIds).where('to_at', 'is', null).execute();

/** Who carries these persons now (account or contact phone hash, by role). */
export const currentCarriersOf = (db: Db, personIds: readonly string[]) =>
  personIds.length === 0
    ? Promise.resolve([])
    : db.selectFrom('responsible_members').select(['person_id', 'role', 'user_id', 'phone_hash']).where('person_id', 'in', personIds).where('to_at', 'is', null).execute();

/** The current members of a subtree's persons with their region's path (a region moving out of the county). */
export const currentCarriersInSubtree = (db: Db, path: string) =>
  db
    .selectFrom('responsible_members as m')
    .innerJoin(personRegionsInSubtree(db, path).as('p'), 'p.id', 'm.person_id')
    .innerJoin(subtreeRegionsWithPath(db, path).as('r'), 'r.id', 'p.region_id')
    .select(['m.person_id', 'm.role', 'm.user_id', 'm.phone_hash', 'r.path as region_path'])
    .where('m.to_at', 'is', null)
    .execute();

/**
 * One contact by their phone's keyed hash, as named for a person of a subtree: a name and the
 * masked phone (the HQ's list of carriers; the same phone may be typed with another name
 * elsewhere). The first current member of that phone whose person lies in the subtree: an index
 * range of the phone (migration 0036) walked until one matches, at county level the first row.
 */
export const contactByPhoneHash = (db: Db, path: string, hash: string) => {
  const [lo, hi] = subtreeRange(path);
  return db
    .selectFrom('responsible_members as m')
    .innerJoin('persons as p', 'p.id', 'm.person_id')
    .innerJoin('regions as r', 'r.id', 'p.region_id')
    .select(['m.phone_hash', 'm.name', 'm.phone_masked'])
    .where('m.phone_hash', '=', hash)
    .where('m.to_at', 'is', null)
    .where('r.path', '>=', lo)
    .where('r.path', '<', hi)
    .limit(1)
    .executeTakeFirst();
};

/**
 * The persons under control in a subtree (an order in force, or red or yellow) with the number
 * of roles each has someone in: one statement, a row per person (a person both in quarantine and
 * coloured comes twice), the roles counted through the members' person index.
 */
export const rolesHeldUnderControl = (db: Db, underControl: SelectQueryBuilder<DB, any, { person_id: string; region_id: number }>) =>
  db
    .selectFrom(underControl.as('c'))
    .select((eb) => [
      'c.person_id',
      'c.region_id',
      eb
        .selectFrom('responsible_members as m')
        .select((sub) => sub.fn.count<number>('m.role').distinct().as('n'))
        .whereRef('m.person_id', '=', 'c.person_id')
        .where('m.to_at', 'is', null)
        .as('held'),
    ])
    .execute();

/** Ends the current members of every person whose region lies in a subtree (a region moved out of the county). */
export async function endMembersInSubtree(db: Db, path: string, end: { at: string; by: string | null; reason: string }): Promise<number> {
  const result = await db
    .updateTable('responsible_members')
    .set({ to_at: end.at, ended_by: end.by, end_reason: end.reason })
    .where('to_at', 'is', null)
    .where('person_id', 'in', personsFiltered(db, path, {}).select('p.id'))
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

// SQL of responsibility by name: a person's current members and their history. What other
// modules own — persons, regions, accounts, orders, colours — is read through their queries.
import type { Insertable } from 'kysely';
import type { Db } from '../../db/schema.ts';
import { personsFiltered } from '../households/persons.queries.ts';
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

/** Current members of the persons of a subtree, for who carries how many. */
export const membersInSubtree = (db: Db, path: string) =>
  db
    .selectFrom('responsible_members')
    .select(['person_id', 'role', 'user_id', 'name', 'phone_hash', 'phone_masked'])
    .where('to_at', 'is', null)
    .where('person_id', 'in', personsFiltered(db, path, {}).select('p.id'))
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

// SQL of responsibility by name: a person's current members and their history, the persons
// under control of a subtree (an active quarantine order or a red/yellow colour), and who
// carries how many.
import type { Db } from '../../db/schema.ts';
import { subtreeRange } from '../../platform/access.ts';
import type { ResponsibleMembersTable } from './responsibility.tables.ts';
import type { Insertable } from 'kysely';

/** The current members of a person, accounts with their display names, in the order they were set. */
export const currentMembers = (db: Db, personId: string) =>
  db
    .selectFrom('responsible_members as m')
    .leftJoin('users as u', 'u.id', 'm.user_id')
    .select(['m.id', 'm.person_id', 'm.role', 'm.user_id', 'm.name', 'm.phone_enc', 'm.phone_hash', 'm.phone_masked', 'm.from_at', 'u.display_name as account_name', 'u.role as account_role'])
    .where('m.person_id', '=', personId)
    .where('m.to_at', 'is', null)
    .orderBy('m.from_at')
    .orderBy('m.id')
    .execute();
export type CurrentMember = Awaited<ReturnType<typeof currentMembers>>[number];

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

/** A person with the path of its region, for scope and the county check. */
export const personWithRegion = (db: Db, personId: string) =>
  db
    .selectFrom('persons as p')
    .innerJoin('regions as r', 'r.id', 'p.region_id')
    .select(['p.id', 'p.name', 'p.region_id', 'r.path as region_path'])
    .where('p.id', '=', personId)
    .executeTakeFirst();

/** Whether the person is under control: an active quarantine order, or coloured red or yellow. */
export async function isUnderControl(db: Db, personId: string): Promise<boolean> {
  const order = await db.selectFrom('quarantine_orders').select('id').where('person_id', '=', personId).where('status', '=', 'active').executeTakeFirst();
  if (order) return true;
  const risk = await db.selectFrom('person_risk').select('person_id').where('person_id', '=', personId).where('colour', 'in', ['red', 'yellow']).executeTakeFirst();
  return risk !== undefined;
}

/** The persons under control in a subtree: ids, names and regions. */
export function personsUnderControl(db: Db, path: string) {
  const [lo, hi] = subtreeRange(path);
  return db
    .selectFrom('persons as p')
    .innerJoin('regions as r', 'r.id', 'p.region_id')
    .select(['p.id', 'p.name', 'p.region_id', 'r.name as region_name'])
    .where('r.path', '>=', lo)
    .where('r.path', '<', hi)
    .where((eb) =>
      eb.or([
        eb.exists(eb.selectFrom('quarantine_orders as o').select('o.id').whereRef('o.person_id', '=', 'p.id').where('o.status', '=', 'active')),
        eb.exists(eb.selectFrom('person_risk as k').select('k.person_id').whereRef('k.person_id', '=', 'p.id').where('k.colour', 'in', ['red', 'yellow'])),
      ]),
    )
    .orderBy('r.path')
    .orderBy('p.id')
    .execute();
}

/** The current members of many persons: their roles only. */
export const memberRolesOf = (db: Db, personIds: readonly string[]) =>
  personIds.length === 0
    ? Promise.resolve([])
    : db.selectFrom('responsible_members').select(['person_id', 'role']).where('person_id', 'in', personIds).where('to_at', 'is', null).execute();

/** Current members of the persons of a subtree, for who carries how many. */
export function membersInSubtree(db: Db, path: string) {
  const [lo, hi] = subtreeRange(path);
  return db
    .selectFrom('responsible_members as m')
    .innerJoin('persons as p', 'p.id', 'm.person_id')
    .innerJoin('regions as r', 'r.id', 'p.region_id')
    .leftJoin('users as u', 'u.id', 'm.user_id')
    .select(['m.person_id', 'm.role', 'm.user_id', 'm.name', 'm.phone_hash', 'm.phone_masked', 'u.display_name as account_name'])
    .where('m.to_at', 'is', null)
    .where('r.path', '>=', lo)
    .where('r.path', '<', hi)
    .execute();
}

/** Ends the current members of every person whose region lies in a subtree (a region moved out of the county). */
export async function endMembersInSubtree(db: Db, path: string, end: { at: string; by: string | null; reason: string }): Promise<number> {
  const [lo, hi] = subtreeRange(path);
  const result = await db
    .updateTable('responsible_members')
    .set({ to_at: end.at, ended_by: end.by, end_reason: end.reason })
    .where('to_at', 'is', null)
    .where('person_id', 'in', (eb) =>
      eb.selectFrom('persons as p').innerJoin('regions as r', 'r.id', 'p.region_id').select('p.id').where('r.path', '>=', lo).where('r.path', '<', hi),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

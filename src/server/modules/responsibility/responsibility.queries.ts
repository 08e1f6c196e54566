// SQL of responsibility by name: a person's current members and their history. What other
// modules own — persons, regions, accounts, orders, colours — is read through their queries.
import type { Insertable } from 'kysely';
import type { Db } from '../../db/schema.ts';
import { personRegionsByIds, personRegionsInSubtree, personsFiltered } from '../households/persons.queries.ts';
import { regionsFields, subtreeRegionsWithPath } from '../regions/regions.queries.ts';
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
 * Contacts by their phone's keyed hash, as named for persons of a subtree: a name and the masked
 * phone of each (the HQ's list of carriers; the same phone may be typed with another name elsewhere).
 */
export async function contactsByPhoneHash(db: Db, path: string, hashes: readonly string[]) {
  if (hashes.length === 0) return [];
  const rows = await db.selectFrom('responsible_members').select(['person_id', 'phone_hash', 'name', 'phone_masked']).where('phone_hash', 'in', hashes).where('to_at', 'is', null).execute();
  // One name per contact: each round checks one candidate row per contact still unnamed, by
  // primary keys (the person's region, then its path); at county level the first round names all.
  const pending = new Map<string, typeof rows>();
  for (const r of rows) if (r.phone_hash) pending.set(r.phone_hash, [...(pending.get(r.phone_hash) ?? []), r]);
  const named: typeof rows = [];
  while (pending.size > 0) {
    const candidates = [...pending.values()].map((list) => list.shift() as (typeof rows)[number]);
    const regionOf = new Map((await personRegionsByIds(db, candidates.map((r) => r.person_id))).map((p) => [p.id, p.region_id]));
    const pathOf = new Map((await regionsFields(db, [...new Set(regionOf.values())], ['id', 'path'])).map((r) => [r.id, r.path]));
    for (const c of candidates) {
      const hash = c.phone_hash as string;
      if ((pathOf.get(regionOf.get(c.person_id) ?? 0) ?? '').startsWith(path)) {
        named.push(c);
        pending.delete(hash);
      } else if (pending.get(hash)?.length === 0) pending.delete(hash);
    }
  }
  return named;
}

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

// SQL of responsibility by name: a person's current members and their history. What other
// modules own — persons, regions, accounts, orders, colours — is read through their queries.
import { type Compilable, type Insertable, type SelectQueryBuilder, sql } from 'kysely';
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

/** The current members of many persons: their roles only (null for no persons). */
export const memberRolesOf = (db: Db, personIds: readonly string[]) =>
  personIds.length === 0 ? null : db.selectFrom('responsible_members').select(['person_id', 'role']).where('person_id', 'in', personIds).where('to_at', 'is', null);

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
 * Contacts by their phones' keyed hashes, as named for persons of a subtree: a name and the
 * masked phone each (the HQ's list of carriers; the same phone may be typed with another name
 * elsewhere). For each phone the first current member whose person lies in the subtree: an index
 * range of the phone (migration 0036) walked until one matches, at county level the first row.
 * One statement, a limited read per phone joined by `union all` (null for no phones; at most
 * 500 phones, SQLite's bound on a compound select — the HQ view shows at most 500 carriers).
 */
export const contactsByPhoneHash = (db: Db, path: string, hashes: readonly string[]) => {
  if (hashes.length === 0) return null;
  const [lo, hi] = subtreeRange(path);
  // Raw SQL: Kysely took ~0.1 ms of CPU to build and compile each arm (10 ms for the county's
  // top 68 on a loaded machine), the template under 0.01 ms.
  const arm = (hash: string) => sql`select * from (select m.phone_hash, m.name, m.phone_masked from responsible_members m
    inner join persons p on p.id = m.person_id inner join regions r on r.id = p.region_id
    where m.phone_hash = ${hash} and m.to_at is null and r.path >= ${lo} and r.path < ${hi} limit 1) c`;
  const statement = sql<{ phone_hash: string | null; name: string | null; phone_masked: string | null }>`${sql.join(hashes.map(arm), sql` union all `)}`;
  return { compile: () => statement.compile(db) } satisfies Compilable<{ phone_hash: string | null; name: string | null; phone_masked: string | null }>;
};

/**
 * The persons under control in a subtree (an order in force, or red or yellow; `underControl`
 * may give a person twice) summed up in the database: how many there are, how many have fewer
 * than `roles` roles with someone in them, and the first `limit` of those by person id with their
 * region. One statement whose answer is at most limit + 1 rows — each row carries both totals,
 * and the first person who lacks nothing comes too when there is one, for the totals alone — not
 * a row per person for the server to count (1,313 rows in the 250,000-person demo county, each
 * copied from the reader thread and walked; docs/benchmarks.md, issue 19). The roles are counted
 * through the members' (person, to_at, role) index (0038).
 */
export const underControlSummary = (db: Db, underControl: SelectQueryBuilder<DB, any, { person_id: string; region_id: number }>, roles: number, limit: number) => {
  const persons = db
    .selectFrom(underControl.as('c'))
    .select((eb) => [
      'c.person_id',
      eb.fn.min('c.region_id').as('region_id'),
      eb
        .selectFrom('responsible_members as m')
        .select((sub) => sub.fn.count<number>('m.role').distinct().as('n'))
        .whereRef('m.person_id', '=', 'c.person_id')
        .where('m.to_at', 'is', null)
        .as('held'),
    ])
    .groupBy('c.person_id');
  const lacking = sql<number>`case when h.held < ${roles} then 1 else 0 end`;
  return db
    .selectFrom(
      db
        .selectFrom(persons.as('h'))
        .select([
          'h.person_id',
          'h.region_id',
          lacking.as('lacking'),
          sql<number>`count(*) over ()`.as('under_control'),
          sql<number>`sum(${lacking}) over ()`.as('incomplete'),
          sql<number>`row_number() over (partition by ${lacking} order by h.person_id)`.as('n'),
        ])
        .as('s'),
    )
    .select(['s.person_id', 's.region_id', 's.lacking', 's.under_control', 's.incomplete'])
    .where((eb) => eb.or([eb('s.n', '=', 1), eb.and([eb('s.lacking', '=', 1), eb('s.n', '<=', limit)])]))
    .orderBy('s.lacking', 'desc')
    .orderBy('s.person_id');
};

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

import type { Db } from '../../db/schema.ts';
import { subtreeRegionIds } from '../regions/regions.queries.ts';
export { subtreeRegionIds } from '../regions/regions.queries.ts';

export const findHousehold = (db: Db, id: string) => db.selectFrom('households').selectAll().where('id', '=', id).executeTakeFirst();

export interface HouseholdFilters {
  q?: string;
  notVisitedBefore?: string;
}

/** The households a list's filters match in a subtree: the list pages it, the total counts it. */
export function householdsFiltered(db: Db, path: string, opts: HouseholdFilters) {
  let q = db.selectFrom('households as h').where('h.region_id', 'in', subtreeRegionIds(db, path));
  if (opts.q) q = q.where('h.address', 'like', `%${opts.q.replace(/[\\%_]/g, '')}%`);
  if (opts.notVisitedBefore !== undefined) {
    const cutoff = opts.notVisitedBefore;
    q = q.where((eb) => eb.or([eb('h.last_visited_on', 'is', null), eb('h.last_visited_on', '<=', cutoff)]));
  }
  return q;
}

export function listHouseholds(db: Db, path: string, opts: HouseholdFilters & { after?: { sortKey: string; id: string }; limit: number }) {
  let q = householdsFiltered(db, path, opts)
    .selectAll('h')
    .select((eb) =>
      eb
        .selectFrom('persons as p')
        .whereRef('p.household_id', '=', 'h.id')
        .where('p.left_on', 'is', null)
        .select(eb.fn.countAll<number>().as('n'))
        .as('member_count'),
    );
  // Natural order of the dwelling (1-1-101 before 1-1-1001), then id: a stable page boundary.
  const after = opts.after;
  if (after) q = q.where((eb) => eb.or([eb('h.sort_key', '>', after.sortKey), eb.and([eb('h.sort_key', '=', after.sortKey), eb('h.id', '>', after.id)])]));
  return q.orderBy('h.sort_key').orderBy('h.id').limit(opts.limit + 1).execute();
}

/** People named by their name, with their household (the audit log links to it). */
export const personEntityNames = (db: Db, ids: readonly string[]) =>
  db.selectFrom('persons').select(['id', 'name', 'household_id as householdId']).where('id', 'in', ids as string[]).execute();

/** Households named by their address. */
export async function householdEntityNames(db: Db, ids: readonly string[]) {
  const rows = await db.selectFrom('households').select(['id', 'address', 'building', 'unit', 'room']).where('id', 'in', ids as string[]).execute();
  return rows.map((h) => ({ id: h.id, name: [h.address, h.building, h.unit, h.room].filter(Boolean).join(' ') }));
}

/** The names of people by id (a quarantine order or alert is named by its person). */
export async function personNamesById(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('persons').select(['id', 'name']).where('id', 'in', ids as string[]).execute();
  return new Map(rows.map((p) => [p.id, p.name]));
}

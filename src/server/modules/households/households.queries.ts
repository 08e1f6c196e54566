import { containsText } from '../../db/dialect.ts';
import type { Db } from '../../db/schema.ts';
import { householdsWithAddress } from './persons-search.queries.ts';
import { type RegionAfter, regionOrderedPage } from '../../platform/paging.ts';
import { inLevelledSubtree } from '../regions/regions.queries.ts';
export { subtreeRegionIds } from '../regions/regions.queries.ts';

export const findHousehold = (db: Db, id: string) => db.selectFrom('households').selectAll().where('id', '=', id).executeTakeFirst();

export interface HouseholdFilters {
  /** A part of the address: by the address term index (a pair of it, the whole checked), or one character checked on each row. */
  address?: { term: string; whole: string | null } | { char: string };
  notVisitedBefore?: string;
}

/**
 * The households a list's filters match in a subtree (from `afterRegionId` on): the list pages
 * it, the total counts it. A county's, town's or village's are its level index's range (0039),
 * in the list's order; a grid's its few regions'.
 */
export function householdsFiltered(db: Db, path: string, opts: HouseholdFilters, afterRegionId?: number) {
  let q = db.selectFrom('households as h').where(inLevelledSubtree(db, path, 'h', afterRegionId));
  const address = opts.address;
  if (address && 'char' in address) q = q.where(containsText(db, 'h.address', address.char));
  else if (address) q = q.where('h.id', 'in', householdsWithAddress(db, address, path, afterRegionId));
  if (opts.notVisitedBefore !== undefined) {
    const cutoff = opts.notVisitedBefore;
    q = q.where((eb) => eb.or([eb('h.last_visited_on', 'is', null), eb('h.last_visited_on', '<=', cutoff)]));
  }
  return q;
}

/** A household's place in the list: its grid, then the natural order of its dwelling, then id. */
export type HouseholdAfter = RegionAfter<{ sortKey: string; id: string }>;

const withMemberCount = (rows: ReturnType<typeof householdsFiltered>) =>
  rows.selectAll('h').select((eb) =>
    eb.selectFrom('persons as p').whereRef('p.household_id', '=', 'h.id').where('p.left_on', 'is', null).select(eb.fn.countAll<number>().as('n')).as('member_count'),
  );

/** The two reads of a households page (regionOrderedPage), as builders: the plan tests explain them. */
export const householdsPageQueries = (db: Db, path: string, opts: HouseholdFilters) => ({
  restOfRegion: (regionId: number, key: HouseholdAfter['key'], limit: number) =>
    withMemberCount(householdsFiltered(db, path, opts))
      .where('h.region_id', '=', regionId)
      .where((eb) => eb(eb.refTuple('h.sort_key', 'h.id'), '>', eb.tuple(key.sortKey, key.id)))
      .orderBy('h.region_id')
      .orderBy('h.sort_key')
      .orderBy('h.id')
      .limit(limit + 1),
  laterRegions: (afterRegionId: number | undefined, limit: number) =>
    withMemberCount(householdsFiltered(db, path, opts, afterRegionId)).orderBy('h.region_id').orderBy('h.sort_key').orderBy('h.id').limit(limit + 1),
});

/**
 * A page of households grid by grid (region id), each grid in the natural order of its dwellings
 * (1-1-101 before 1-1-1001), then id: the order of households_region_sort, so a page of any
 * subtree, the county's too, is a walk of that index and never a sort of the subtree.
 */
export function listHouseholds(db: Db, path: string, opts: HouseholdFilters & { after?: HouseholdAfter; limit: number }) {
  return regionOrderedPage(opts.after, opts.limit, householdsPageQueries(db, path, opts));
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
  const rows = await personNamesQuery(db, ids)!.execute();
  return new Map(rows.map((p) => [p.id, p.name]));
}

/** The statement of personNamesById (null for no ids), for a request that sends it with other reads. */
export const personNamesQuery = (db: Db, ids: readonly string[]) => (ids.length === 0 ? null : db.selectFrom('persons').select(['id', 'name']).where('id', 'in', ids as string[]));

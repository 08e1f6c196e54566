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

export function listHouseholds(db: Db, path: string, opts: HouseholdFilters & { afterId?: string; limit: number }) {
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
  if (opts.afterId) q = q.where('h.id', '>', opts.afterId);
  return q.orderBy('h.id').limit(opts.limit + 1).execute();
}

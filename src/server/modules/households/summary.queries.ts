// Counts per grid first, then rolled up the tree in code (ARCHITECTURE.md: per grid, then up).
import type { Db } from '../../db/schema.ts';
import { subtreeRegionIds } from './households.queries.ts';

export const personCountsByRegion = (db: Db, path: string) =>
  db
    .selectFrom('persons')
    .select(['region_id', 'category', 'key_person', (eb) => eb.fn.countAll<number>().as('n')])
    .where('region_id', 'in', subtreeRegionIds(db, path))
    .where('left_on', 'is', null)
    .groupBy(['region_id', 'category', 'key_person'])
    .execute();

export const householdCountsByRegion = (db: Db, path: string) =>
  db
    .selectFrom('households')
    .select(['region_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('region_id', 'in', subtreeRegionIds(db, path))
    .groupBy('region_id')
    .execute();

/** The villages of a subtree (or the village above a grid), with their towns. */
export function villagesOf(db: Db, lo: string, hi: string) {
  return db
    .selectFrom('regions as v')
    .leftJoin('regions as t', 't.id', 'v.parent_id')
    .select(['v.id', 'v.name', 'v.code', 'v.path', 't.name as town_name'])
    .where('v.level', '=', 'village')
    .where('v.path', '>=', lo)
    .where('v.path', '<', hi)
    .orderBy('v.path')
    .execute();
}

// The hot reads of the risk colours, kept as plain query builders so their compiled SQL is
// snapshotted per dialect (risk.sql.test.ts): the list of a subtree's red and yellow people
// and a keyset page of the full recompute.
import type { Db } from '../../db/schema.ts';
import { inLevelledSubtree, subtreeRegionIds as subtreeIds } from '../regions/regions.queries.ts';
export { subtreeRegionIds as subtreeIds } from '../regions/regions.queries.ts';

/** Red and yellow people of a subtree, by person id (keyset), with name and region name only. */
export function riskPersonsQuery(db: Db, path: string, opts: { colour?: string; householdId?: string; afterId?: string; limit: number }) {
  let q = db
    .selectFrom('person_risk as k')
    .innerJoin('persons as p', 'p.id', 'k.person_id')
    .innerJoin('regions as r', 'r.id', 'k.region_id')
    .select(['k.person_id', 'k.colour', 'k.reasons', 'k.computed_at', 'k.region_id', 'r.name as region_name', 'p.name', 'p.household_id'])
    .where('k.region_id', 'in', subtreeIds(db, path));
  if (opts.colour) q = q.where('k.colour', '=', opts.colour);
  if (opts.householdId) q = q.where('p.household_id', '=', opts.householdId);
  if (opts.afterId) q = q.where('k.person_id', '>', opts.afterId);
  return q.orderBy('k.person_id').limit(opts.limit + 1);
}

/** Whether a person is coloured red or yellow. */
export const isRedOrYellow = async (db: Db, personId: string): Promise<boolean> =>
  (await db.selectFrom('person_risk').select('person_id').where('person_id', '=', personId).where('colour', 'in', ['red', 'yellow']).executeTakeFirst()) !== undefined;

/**
 * The red and yellow persons of a subtree, with their region, as a query to join (the HQ's
 * responsibility view): at county, town and village level one range of the level's index (0043),
 * below it the grid's few regions.
 */
export const redOrYellowPersonsQuery = (db: Db, path: string) =>
  db.selectFrom('person_risk as k').select(['k.person_id', 'k.region_id']).where('k.colour', 'in', ['red', 'yellow']).where(inLevelledSubtree(db, path, 'k'));

/** The colour of each of these people who is yellow or red (green people have no row). */
export async function coloursOf(db: Db, personIds: readonly string[]): Promise<Map<string, string>> {
  if (personIds.length === 0) return new Map();
  const rows = await db.selectFrom('person_risk').select(['person_id', 'colour']).where('person_id', 'in', personIds).execute();
  return new Map(rows.map((r) => [r.person_id, r.colour]));
}

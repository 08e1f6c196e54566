// How many grids lie under each of some regions: the denominator of every reporting rate.
// Regions change rarely and a county has a few thousand grids, so this reads the grid paths of
// the range once (one index range on regions.path) and buckets them in code.
import type { Db } from '../../db/schema.ts';
import { subtreeRange } from '../../platform/access.ts';

export interface RegionRef {
  id: number;
  path: string;
}

/** {regionId → number of active grids in its subtree} for regions that share an ancestor `within`. */
export async function gridCounts(db: Db, within: string, regions: readonly RegionRef[]): Promise<Map<number, number>> {
  const out = new Map<number, number>(regions.map((r) => [r.id, 0]));
  if (regions.length === 0) return out;
  const [lo, hi] = subtreeRange(within);
  const grids = await db.selectFrom('regions').select('path').where('path', '>=', lo).where('path', '<', hi).where('level', '=', 'grid').where('active', '=', 1).execute();
  const byPath = new Map(regions.map((r) => [r.path, r.id]));
  for (const g of grids) {
    // Walk the grid's own ancestors ('/1/7/30/400/' → '/1/', '/1/7/', …) and count it for
    // each that was asked about.
    let end = g.path.indexOf('/', 1);
    while (end !== -1) {
      const id = byPath.get(g.path.slice(0, end + 1));
      if (id !== undefined) out.set(id, (out.get(id) ?? 0) + 1);
      end = g.path.indexOf('/', end + 1);
    }
  }
  return out;
}

/** The direct children of a region, in name order (what a roll-up breaks a region into). */
export function childRegions(db: Db, parentId: number) {
  return db.selectFrom('regions').select(['id', 'name', 'level', 'code', 'path']).where('parent_id', '=', parentId).where('active', '=', 1).orderBy('code').execute();
}

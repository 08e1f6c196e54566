// How many grids lie under each of some regions: the denominator of every reporting rate.
// Regions change rarely and a county has a few thousand grids, so this reads the grid paths of
// the range once (one index range on regions.path), keeps them for a while, and buckets them in
// code. Any change to the territory here clears the cache (invalidateCaches); another
// instance's change shows within the cache's 30 s.
import type { Db } from '../../db/schema.ts';
import { TtlCache } from '../../platform/ttl-cache.ts';
import { childRegions as activeChildren, regionsInSubtree } from '../regions/regions.queries.ts';

const gridPaths = new TtlCache<string, string[]>(30_000, 500);

async function gridPathsUnder(db: Db, within: string): Promise<string[]> {
  const cached = gridPaths.get(within);
  if (cached) return cached;
  const rows = await regionsInSubtree(db, within, ['path'], { level: 'grid', activeOnly: true });
  const paths = rows.map((r) => r.path);
  gridPaths.set(within, paths);
  return paths;
}

export interface RegionRef {
  id: number;
  path: string;
}

/** {regionId → number of active grids in its subtree} for regions that share an ancestor `within`. */
export async function gridCounts(db: Db, within: string, regions: readonly RegionRef[]): Promise<Map<number, number>> {
  const out = new Map<number, number>(regions.map((r) => [r.id, 0]));
  if (regions.length === 0) return out;
  const grids = await gridPathsUnder(db, within);
  const byPath = new Map(regions.map((r) => [r.path, r.id]));
  for (const path of grids) {
    // Walk the grid's own ancestors ('/1/7/30/400/' → '/1/', '/1/7/', …) and count it for
    // each that was asked about.
    let end = path.indexOf('/', 1);
    while (end !== -1) {
      const id = byPath.get(path.slice(0, end + 1));
      if (id !== undefined) out.set(id, (out.get(id) ?? 0) + 1);
      end = path.indexOf('/', end + 1);
    }
  }
  return out;
}

/** The direct children of a region, in name order (what a roll-up breaks a region into). */
export function childRegions(db: Db, parentId: number) {
  return activeChildren(db, parentId, ['id', 'name', 'level', 'code', 'path'], { activeOnly: true });
}

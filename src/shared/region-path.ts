// A region's path ('/1/7/30/': the county's id, then each level's down to the region itself) read
// by level name through the one table of levels (REGION_LEVELS: a path's n-th id is the region of
// the n-th level), so no code picks an ancestor or tells a level by a bare index or depth.
import { REGION_LEVELS, type RegionLevel } from './regions.ts';

/** '/1/7/30/' → [1, 7, 30]: the region's ancestors from the county down, then the region itself. */
export function pathIds(path: string): number[] {
  return path
    .split('/')
    .filter((s) => s !== '')
    .map(Number);
}

/** How deep a region of `level` sits: a county's path holds 1 id, a town's 2, … */
export const depthOfLevel = (level: RegionLevel): number => REGION_LEVELS.indexOf(level) + 1;

/** The level of the region at `path`; undefined for a malformed path (none or too many ids). */
export const levelOfPath = (path: string): RegionLevel | undefined => REGION_LEVELS[pathIds(path).length - 1];

/** The id of the region at `level` on `path` (the region itself at its own level); null above it. */
export const ancestorIdAt = (path: string, level: RegionLevel): number | null => pathIds(path)[depthOfLevel(level) - 1] ?? null;

/** The path of the region at `level` on `path` ('/1/7/30/45/', 'village' → '/1/7/30/'); null above it. */
export function ancestorPathAt(path: string, level: RegionLevel): string | null {
  const ids = pathIds(path);
  const depth = depthOfLevel(level);
  return ids.length < depth ? null : `/${ids.slice(0, depth).join('/')}/`;
}

/** The ids on `path` below the county: '/1/7/30/' → [7, 30]. */
export const idsBelowCounty = (path: string): number[] => pathIds(path).slice(depthOfLevel('county'));

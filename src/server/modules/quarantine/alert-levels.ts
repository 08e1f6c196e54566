// An alert carries its county, town and village ids (migration 0015) so each level's list is
// one index range. They are the alert region's ancestors, read off its path; when a region
// moves, the alerts below it take their new ancestors (the quarantine module's region-move hook).
import type { RegionMoveHook } from '../../platform/region-moves.ts';
import { pathIds } from '../stats/counters.ts';
import { subtreeRegionIds } from '../regions/regions.queries.ts';

export const LEVEL_COLUMNS = ['county_id', 'town_id', 'village_id'] as const;
type LevelColumn = (typeof LEVEL_COLUMNS)[number];

/** The level columns of an alert raised in the region at `path`. */
export function alertLevels(path: string): Record<LevelColumn, number | null> {
  const ids = pathIds(path);
  return { county_id: ids[0] ?? null, town_id: ids[1] ?? null, village_id: ids[2] ?? null };
}

/** The column a list of the region at `path` reads, when it is a county, town or village. */
export function levelColumnOf(path: string): LevelColumn | null {
  return LEVEL_COLUMNS[pathIds(path).length - 1] ?? null;
}

/**
 * A region now at `newPath` moved with its subtree: the ancestors above it changed for every
 * alert below it (its own level and those under it did not).
 */
export const relinkAlerts: RegionMoveHook = async (tx, move) => {
  const ids = pathIds(move.toPath);
  const set: Partial<Record<LevelColumn, number>> = {};
  LEVEL_COLUMNS.forEach((column, depth) => {
    if (depth < ids.length - 1) set[column] = ids[depth] as number;
  });
  if (Object.keys(set).length === 0) return;
  await tx
    .updateTable('quarantine_alerts')
    .set(set)
    .where('region_id', 'in', subtreeRegionIds(tx, move.toPath))
    .execute();
};

// An alert carries its county, town and village ids (migration 0015) so each level's list is
// one index range. They are the alert region's ancestors, read off its path; when a region
// moves, the alerts below it take their new ancestors (the quarantine module's region-move hook).
import type { RegionLevel } from '../../../shared/regions.ts';
import { ancestorIdAt, depthOfLevel, levelOfPath, pathIds } from '../../../shared/region-path.ts';
import type { RegionMoveHook } from '../../platform/region-moves.ts';
import { subtreeRegionIds } from '../regions/regions.queries.ts';

/** The levels an alert's list is read at, each with the column holding that level's ancestor. */
const LIST_LEVELS = ['county', 'town', 'village'] as const satisfies readonly RegionLevel[];
type ListLevel = (typeof LIST_LEVELS)[number];
export const LEVEL_COLUMNS = { county: 'county_id', town: 'town_id', village: 'village_id' } as const satisfies Record<ListLevel, string>;
type LevelColumn = (typeof LEVEL_COLUMNS)[ListLevel];
const isListLevel = (level: RegionLevel | undefined): level is ListLevel => level !== undefined && level in LEVEL_COLUMNS;

/** The level columns of an alert raised in the region at `path`. */
export function alertLevels(path: string): Record<LevelColumn, number | null> {
  return { county_id: ancestorIdAt(path, 'county'), town_id: ancestorIdAt(path, 'town'), village_id: ancestorIdAt(path, 'village') };
}

/** The column a list of the region at `path` reads, when it is a county, town or village. */
export function levelColumnOf(path: string): LevelColumn | null {
  const level = levelOfPath(path);
  return isListLevel(level) ? LEVEL_COLUMNS[level] : null;
}

/**
 * A region now at `newPath` moved with its subtree: the ancestors above it changed for every
 * alert below it (its own level and those under it did not).
 */
export const relinkAlerts: RegionMoveHook = async (tx, move) => {
  const depth = pathIds(move.toPath).length;
  const set: Partial<Record<LevelColumn, number>> = {};
  for (const level of LIST_LEVELS) {
    const id = ancestorIdAt(move.toPath, level);
    if (depthOfLevel(level) < depth && id !== null) set[LEVEL_COLUMNS[level]] = id;
  }
  if (Object.keys(set).length === 0) return;
  await tx
    .updateTable('quarantine_alerts')
    .set(set)
    .where('region_id', 'in', subtreeRegionIds(tx, move.toPath))
    .execute();
};

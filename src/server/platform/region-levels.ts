// Records that carry the ids of their region's county, town and village (migrations 0015 for
// quarantine alerts, 0031 for the other lists, 0035 for accounts, 0039 for households and
// people, 0043 for the risk colours), so the list of a county, town or village is one index range in the list's order
// instead of `region_id in (hundreds of regions)` and a sort.
// A grid's list still reads its few regions (the grid and its micro-grids) by region id.
import type { RegionLevel } from '../../shared/regions.ts';
import { ancestorIdAt, depthOfLevel, levelOfPath, pathIds } from '../../shared/region-path.ts';
import type { Db, DB } from '../db/schema.ts';
import { subtreeRange } from './access.ts';
import type { RegionMoveHook } from './region-moves.ts';

/** The levels a list is read at by one index range, each with the column holding that level's ancestor. */
const COLUMN_OF_LEVEL = { county: 'county_id', town: 'town_id', village: 'village_id' } as const satisfies Partial<Record<RegionLevel, string>>;
type ListLevel = keyof typeof COLUMN_OF_LEVEL;
const LIST_LEVELS: readonly ListLevel[] = ['county', 'town', 'village'];
const isListLevel = (level: RegionLevel | undefined): level is ListLevel => level !== undefined && level in COLUMN_OF_LEVEL;
export type LevelColumn = (typeof COLUMN_OF_LEVEL)[ListLevel];

/** The level columns as a table declares them: optional, as 0031's triggers fill them, never the code that inserts. */
export type RegionLevelColumns = { [C in LevelColumn]?: number | null };

/** The level columns of a record in the region at `path`. */
export function regionLevels(path: string): Record<LevelColumn, number | null> {
  return { county_id: ancestorIdAt(path, 'county'), town_id: ancestorIdAt(path, 'town'), village_id: ancestorIdAt(path, 'village') };
}

/** The column a list of the region at `path` reads, when it is a county, town or village (null below). */
export function levelColumnOf(path: string): LevelColumn | null {
  const level = levelOfPath(path);
  return isListLevel(level) ? COLUMN_OF_LEVEL[level] : null;
}

/** The region's own id, last on its path. */
export const regionIdOf = (path: string): number => pathIds(path).at(-1) as number;

/** The tables whose rows carry level columns kept by migration 0031's triggers (0035, 0039 and 0043 reuse them). */
export type LevelledTable =
  | 'tips'
  | 'quarantine_orders'
  | 'inspections'
  | 'rectifications'
  | 'family_events'
  | 'patrol_logs'
  | 'arrival_entries'
  | 'forms'
  | 'audit_log'
  | 'verification_tasks'
  | 'quarantine_alerts'
  | 'users'
  | 'households'
  | 'persons'
  | 'person_risk';

/**
 * A hook for the tables a module owns: when a region moves with its subtree, the levels above it
 * changed for every record below it (its own level and those under it did not).
 */
export function relinkLevels(...tables: LevelledTable[]): RegionMoveHook {
  return async (tx: Db, move) => {
    const depth = pathIds(move.toPath).length;
    const set: Partial<Record<LevelColumn, number>> = {};
    for (const level of LIST_LEVELS) {
      const id = ancestorIdAt(move.toPath, level);
      if (depthOfLevel(level) < depth && id !== null) set[COLUMN_OF_LEVEL[level]] = id;
    }
    if (Object.keys(set).length === 0) return;
    const [lo, hi] = subtreeRange(move.toPath);
    for (const table of tables) {
      await tx
        .updateTable(table as keyof DB & LevelledTable)
        .set(set as never)
        .where('region_id', 'in', tx.selectFrom('regions').select('regions.id').where('regions.path', '>=', lo).where('regions.path', '<', hi))
        .execute();
    }
  };
}

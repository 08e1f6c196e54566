// Records that carry the ids of their region's county, town and village (migrations 0015 for
// quarantine alerts, 0027 for the other lists), so the list of a county, town or village is one
// index range in the list's order instead of `region_id in (hundreds of regions)` and a sort.
// A grid's list still reads its few regions (the grid and its micro-grids) by region id.
import type { Db, DB } from '../db/schema.ts';
import { subtreeRange } from './access.ts';
import type { RegionMoveHook } from './region-moves.ts';

export const LEVEL_COLUMNS = ['county_id', 'town_id', 'village_id'] as const;
export type LevelColumn = (typeof LEVEL_COLUMNS)[number];

/** The level columns as a table declares them: optional, as 0027's triggers fill them, never the code that inserts. */
export type RegionLevelColumns = { [C in LevelColumn]?: number | null };

/** '/1/7/30/' → [1, 7, 30]: the region and its ancestors, county first. */
const idsOf = (path: string) => path.split('/').filter((s) => s !== '').map(Number);

/** The level columns of a record in the region at `path`. */
export function regionLevels(path: string): Record<LevelColumn, number | null> {
  const ids = idsOf(path);
  return { county_id: ids[0] ?? null, town_id: ids[1] ?? null, village_id: ids[2] ?? null };
}

/** The column a list of the region at `path` reads, when it is a county, town or village (null below). */
export function levelColumnOf(path: string): LevelColumn | null {
  return LEVEL_COLUMNS[idsOf(path).length - 1] ?? null;
}

/** The region's own id, last on its path. */
export const regionIdOf = (path: string): number => idsOf(path).at(-1) as number;

/** The tables whose rows carry level columns kept by migration 0027's triggers. */
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
  | 'quarantine_alerts';

/**
 * A hook for the tables a module owns: when a region moves with its subtree, the levels above it
 * changed for every record below it (its own level and those under it did not).
 */
export function relinkLevels(...tables: LevelledTable[]): RegionMoveHook {
  return async (tx: Db, move) => {
    const ids = idsOf(move.toPath);
    const set: Partial<Record<LevelColumn, number>> = {};
    LEVEL_COLUMNS.forEach((column, depth) => {
      if (depth < ids.length - 1) set[column] = ids[depth] as number;
    });
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

import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { RegionLevel } from '../../../shared/regions.ts';

export interface RegionsTable {
  id: Generated<number>;
  parent_id: number | null;
  level: RegionLevel;
  code: string;
  name: string;
  /** Materialised path of ids, '/1/7/23/': a subtree is one index range (see scope.ts). */
  path: string;
  depth: number;
  active: number;
  created_at: string;
  updated_at: string;
}
export type RegionRow = Selectable<RegionsTable>;
export type NewRegionRow = Insertable<RegionsTable>;
export type RegionUpdate = Updateable<RegionsTable>;

import type { RegionLevelColumns } from '../../platform/region-levels.ts';
// Patrol logs and their photos (migration 0012).
export interface PatrolLogsTable extends RegionLevelColumns {
  id: string;
  team_id: string;
  region_id: number;
  patrolled_on: string;
  started_at: string | null;
  ended_at: string | null;
  gatherings_dispersed: number;
  people_dispersed: number;
  mask_reminders: number;
  banquets_found: number;
  places: string | null;
  note: string | null;
  created_by: string | null;
  created_at: string;
}

export interface PatrolLogPhotosTable {
  log_id: string;
  sha256: string;
  seq: number;
}

// Patrol logs and their photos (migration 0012).
export interface PatrolLogsTable {
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

/** Uploaded photos, addressed by their SHA-256: the same bytes are stored once. */
export interface PatrolPhotosTable {
  sha256: string;
  content_type: string;
  size: number;
  data: Buffer;
  created_at: string;
}

export interface PatrolLogPhotosTable {
  log_id: string;
  sha256: string;
  seq: number;
}

import type { Selectable } from 'kysely';
import type { CheckpointEventKind, CheckpointStatus, PatrolKind } from '../../../shared/checkpoints.ts';

// Checkpoints (卡口) and their events (migration 0007).
export interface CheckpointsTable {
  id: string;
  region_id: number;
  name: string;
  place: string;
  lng: number | null;
  lat: number | null;
  in_charge_name: string | null;
  in_charge_phone: string | null;
  staff_on_duty: number;
  opened_on: string | null;
  /** 'open' or 'removed'. */
  status: CheckpointStatus;
  removed_at: string | null;
  removed_by: string | null;
  removal_note: string | null;
  override_reason: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}
export type CheckpointRow = Selectable<CheckpointsTable>;

/** 'opened', 'updated', 'removed': the history the county reads. */
export interface CheckpointEventsTable {
  id: string;
  checkpoint_id: string;
  region_id: number;
  kind: CheckpointEventKind;
  at: string;
  user_id: string | null;
  note: string | null;
  details: string | null;
}

/** Village persuasion patrols and town inspection teams (issue 5 adds their logs). */
export interface PatrolTeamsTable {
  id: string;
  region_id: number;
  name: string;
  kind: PatrolKind;
  leader_name: string | null;
  leader_phone: string | null;
  members: number;
  active: number;
  created_at: string;
  updated_at: string;
}

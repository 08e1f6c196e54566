import type { RegionLevelColumns } from '../../platform/region-levels.ts';
import type { Selectable } from 'kysely';
import type { FamilyEventDecision, FamilyEventKind, FamilyEventStatus } from '../../../shared/family-events.ts';

// Family events (migration 0011). The history is the row's own steps: filed, guided, followed up.
export interface FamilyEventsTable extends RegionLevelColumns {
  id: string;
  region_id: number;
  /** wedding | banquet | funeral | other */
  kind: FamilyEventKind;
  host_name: string;
  host_phone_enc: string | null;
  host_phone_hash: string | null;
  planned_on: string;
  place: string;
  expected_guests: number;
  /** filed | guided | followed_up | cancelled */
  status: FamilyEventStatus;
  decision: FamilyEventDecision | null;
  guidance: string | null;
  guided_at: string | null;
  guided_by: string | null;
  visited_on: string | null;
  actual_guests: number | null;
  follow_up_note: string | null;
  followed_up_at: string | null;
  followed_up_by: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}
export type FamilyEventRow = Selectable<FamilyEventsTable>;

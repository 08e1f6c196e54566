import type { RegionLevelColumns } from '../../platform/region-levels.ts';
import type { ColumnType } from 'kysely';

// Patrol team members, inspection schedules, inspections, findings, rectification tasks and
// their evidence photos (migration 0014).
import type { InspectionStatus, MemberRole, RectificationStatus } from '../../../shared/inspections.ts';
export interface PatrolTeamMembersTable {
  id: string;
  team_id: string;
  name: string;
  /** MEMBER_ROLES of src/shared/inspections.ts. */
  role: MemberRole;
  phone: string | null;
  user_id: string | null;
  active: number;
  joined_on: string | null;
  created_at: string;
  updated_at: string;
}

export interface InspectionSchedulesTable {
  id: string;
  team_id: string;
  region_id: number;
  from_day: string;
  to_day: string;
  visits_per_village: number;
  villages: number;
  inspections: number;
  night_visits: number;
  created_by: string | null;
  created_at: string;
  cancelled_at: string | null;
  cancelled_by: string | null;
}

export interface InspectionsTable extends RegionLevelColumns {
  id: string;
  /** Short human number, e.g. JB-20261206-0042 (platform/record-numbers.ts); bulk writers may leave it to assignMissingNumbers. */
  number: ColumnType<string, string | undefined, string>;
  schedule_id: string | null;
  team_id: string;
  region_id: number;
  scheduled_at: string;
  /** 'scheduled', 'done', 'missed', 'cancelled'. */
  status: InspectionStatus;
  done_at: string | null;
  done_by: string | null;
  summary: string | null;
  checklist: string | null;
  findings: number;
  created_at: string;
  updated_at: string;
}

export interface InspectionFindingsTable {
  id: string;
  inspection_id: string;
  item: string;
  description: string;
  seq: number;
  rectification_id: string;
}

export interface RectificationsTable extends RegionLevelColumns {
  id: string;
  /** Short human number, e.g. JB-20261206-0042 (platform/record-numbers.ts); bulk writers may leave it to assignMissingNumbers. */
  number: ColumnType<string, string | undefined, string>;
  inspection_id: string;
  finding_id: string;
  item: string;
  description: string;
  region_id: number;
  owner_user_id: string | null;
  deadline: string;
  due_at: string;
  /** 'open' or 'closed'. */
  status: RectificationStatus;
  escalation_level: number;
  escalated_to_region_id: number | null;
  escalated_at: string | null;
  evidence_text: string | null;
  closed_at: string | null;
  closed_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface RectificationPhotosTable {
  rectification_id: string;
  sha256: string;
  seq: number;
}

// Risk colours (migration 0013; the level columns 0043).
import type { RISK_JOB_STATUSES } from '../../../shared/risk.ts';
import type { RegionLevelColumns } from '../../platform/region-levels.ts';
/** A yellow or red person; green people have no row. The level columns are the database's to fill (0043). */
export interface PersonRiskTable extends RegionLevelColumns {
  person_id: string;
  region_id: number;
  colour: string;
  /** JSON array of the matching rules' labels. */
  reasons: string;
  computed_at: string;
}

/** A full recompute of a county (after a rule change, or the daily one). */
export interface RiskJobsTable {
  id: string;
  county_id: number;
  user_id: string | null;
  /** queued, running, done, failed, superseded (a newer recompute of the county took over). */
  status: (typeof RISK_JOB_STATUSES)[number];
  total: number;
  processed: number;
  changed: number;
  error: string | null;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
}

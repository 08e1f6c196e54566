import type { RegionLevelColumns } from '../../platform/region-levels.ts';
import type { ColumnType, Selectable } from 'kysely';
import type { AlertKind, QuarantineEventKind, QuarantineStatus } from '../../../shared/quarantine.ts';

// Home quarantine (migration 0010).
export interface QuarantineOrdersTable extends RegionLevelColumns {
  id: string;
  /** Short human number, e.g. JB-20261206-0042 (platform/record-numbers.ts); bulk writers may leave it to assignMissingNumbers. */
  number: ColumnType<string, string | undefined, string>;
  person_id: string;
  region_id: number;
  /** The order's reason, encrypted (health data, migration 0034). */
  reason_enc: string;
  place: string | null;
  start_on: string;
  end_on: string;
  /** 'active' or 'released'. */
  status: QuarantineStatus;
  monitor_user_id: string | null;
  released_at: string | null;
  released_by: string | null;
  release_note: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}
export type QuarantineOrderRow = Selectable<QuarantineOrdersTable>;

export interface QuarantineChecksTable {
  id: string;
  order_id: string;
  region_id: number;
  day: string;
  at: string;
  /** Health data, encrypted (migration 0034): the temperature as text, the JSON array of symptom codes, the note. */
  temperature_enc: string;
  symptoms_enc: string;
  note_enc: string | null;
  /** 1 when the temperature was a fever, computed at write and kept in clear: alerts, counts and risk read it. */
  fever: number;
  user_id: string | null;
}

export interface QuarantineEventsTable {
  id: string;
  order_id: string;
  region_id: number;
  kind: QuarantineEventKind;
  at: string;
  user_id: string | null;
  note: string | null;
  details: string | null;
}

export interface QuarantineAlertsTable {
  id: string;
  order_id: string;
  region_id: number;
  kind: AlertKind;
  day: string;
  raised_at: string;
  acknowledged_at: string | null;
  acknowledged_by: string | null;
  /** The alert's county, town and village (its region's ancestors): one index range a list. */
  county_id: number | null;
  town_id: number | null;
  village_id: number | null;
  /** ALERT_SEVERITY of its kind (migration 0024): lists read the most urgent first. */
  severity: number;
  /** 1: a missed check raised by a run that started long after the deadline (migration 0024). */
  caught_up: number;
}

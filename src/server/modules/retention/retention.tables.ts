// The retention module's tables (migration 0032).
import type { AUDIT_LOG_RETENTION, PurgeKind, RetentionKind } from '../../../shared/retention.ts';

export interface RetentionPoliciesTable {
  county_id: number;
  /** A kind of the data, or the audit log's own retention ('audit_log'). */
  kind: RetentionKind | typeof AUDIT_LOG_RETENTION;
  days: number;
  updated_by: string | null;
  updated_at: string;
}

export interface StandDownsTable {
  id: string;
  region_id: number;
  ended_on: string;
  purge_after_days: number;
  /** keep | purge: the household register's fate, the county's choice. */
  register: 'keep' | 'purge';
  created_by: string | null;
  created_at: string;
  revoked_by: string | null;
  revoked_at: string | null;
  /** Set by the purge that acted on it: from then it can no longer be revoked. */
  purged_at: string | null;
}

export interface PurgeRunsTable {
  id: string;
  status: 'running' | 'done' | 'failed';
  /** A token of the process running it: a batch commits only while its runner still owns the run (a takeover changes it). */
  owner: string;
  started_by: string | null;
  started_at: string;
  heartbeat_at: string;
  finished_at: string | null;
  total: number;
  error: string | null;
}

export interface PurgeRunCountsTable {
  run_id: string;
  kind: PurgeKind;
  region_id: number;
  n: number;
}

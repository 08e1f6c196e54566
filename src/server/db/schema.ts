// The whole database as Kysely sees it: each module declares its own tables.
import type { Kysely, Transaction } from 'kysely';
import type { AppSettingsTable, AuditLogTable, IdempotencyKeysTable, JobRunsTable } from '../platform/platform.tables.ts';
import type { AuthSessionsTable, LoginThrottleTable, UsersTable } from '../modules/accounts/accounts.tables.ts';
import type { EditConflictsTable, HouseholdsTable, PersonsTable, RecordChangesTable, VisitsTable } from '../modules/households/households.tables.ts';
import type { RegionsTable } from '../modules/regions/regions.tables.ts';

export interface DB {
  regions: RegionsTable;
  users: UsersTable;
  auth_sessions: AuthSessionsTable;
  login_throttle: LoginThrottleTable;
  audit_log: AuditLogTable;
  idempotency_keys: IdempotencyKeysTable;
  households: HouseholdsTable;
  persons: PersonsTable;
  visits: VisitsTable;
  record_changes: RecordChangesTable;
  edit_conflicts: EditConflictsTable;
  job_runs: JobRunsTable;
  app_settings: AppSettingsTable;
  import_jobs: ImportJobsTable;
}

/** Background spreadsheet imports (migration 0002): territory now, people next. */
export interface ImportJobsTable {
  id: string;
  kind: string;
  user_id: string;
  region_id: number;
  status: string;
  mode: string;
  file_name: string | null;
  total: number;
  processed: number;
  imported: number;
  /** JSON list of {row, column, message}: the first 1,000 rejections. */
  rejected: string;
  rejected_count: number;
  error: string | null;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
}

/** A database handle or a transaction: queries take either. */
export type Db = Kysely<DB> | Transaction<DB>;

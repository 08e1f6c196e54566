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
}

/** A database handle or a transaction: queries take either. */
export type Db = Kysely<DB> | Transaction<DB>;

// The whole database as Kysely sees it: each module declares its own tables.
import type { Kysely, Transaction } from 'kysely';
import type { AppSettingsTable, AuditLogTable, IdempotencyKeysTable, JobRunsTable, RecordNumbersTable } from '../platform/platform.tables.ts';
import type { AuthSessionsTable, LoginAttemptsTable, UsersTable } from '../modules/accounts/accounts.tables.ts';
import type { EditConflictsTable, HouseholdsTable, PersonsTable, RecordChangesTable, SearchTermsTable, VisitsTable } from '../modules/households/households.tables.ts';
import type { RegionsTable } from '../modules/regions/regions.tables.ts';
import type { FormFilesTable, FormsTable } from '../modules/forms/forms.tables.ts';
import type { CheckpointEventsTable, CheckpointsTable, PatrolTeamsTable } from '../modules/checkpoints/checkpoints.tables.ts';
import type { FamilyEventsTable } from '../modules/family-events/family-events.tables.ts';
import type { RegionBoundariesTable } from '../modules/dashboard/dashboard.tables.ts';
import type { PatrolLogPhotosTable, PatrolLogsTable, PatrolPhotosTable } from '../modules/patrols/patrols.tables.ts';
import type { DailyReportRevisionsTable, DailyReportsTable, ReportRemindersTable } from '../modules/reports/reports.tables.ts';
import type { RegionCountersTable, RegionDayCountersTable } from '../modules/stats/stats.tables.ts';
import type { InspectionFindingsTable, InspectionSchedulesTable, InspectionsTable, PatrolTeamMembersTable, RectificationPhotosTable, RectificationsTable } from '../modules/inspections/inspections.tables.ts';
import type { PersonRiskTable, RiskJobsTable } from '../modules/risk/risk.tables.ts';
import type { TipEventsTable, TipPhotosTable, TipRewardsTable, TipsTable } from '../modules/tips/tips.tables.ts';
import type { ArrivalCodesTable, ArrivalEntriesTable } from '../modules/arrivals/arrivals.tables.ts';
import type { NoticeImagesTable, NoticesTable } from '../modules/notices/notices.tables.ts';
import type { QuarantineAlertsTable, QuarantineChecksTable, QuarantineEventsTable, QuarantineOrdersTable } from '../modules/quarantine/quarantine.tables.ts';

export interface DB {
  regions: RegionsTable;
  users: UsersTable;
  auth_sessions: AuthSessionsTable;
  login_attempts: LoginAttemptsTable;
  audit_log: AuditLogTable;
  idempotency_keys: IdempotencyKeysTable;
  households: HouseholdsTable;
  persons: PersonsTable;
  search_terms: SearchTermsTable;
  visits: VisitsTable;
  record_changes: RecordChangesTable;
  edit_conflicts: EditConflictsTable;
  job_runs: JobRunsTable;
  app_settings: AppSettingsTable;
  import_jobs: ImportJobsTable;
  import_person_rows: ImportPersonRowsTable;
  import_rejections: ImportRejectionsTable;
  import_households: ImportHouseholdsTable;
  forms: FormsTable;
  form_files: FormFilesTable;
  region_counters: RegionCountersTable;
  region_day_counters: RegionDayCountersTable;
  checkpoints: CheckpointsTable;
  checkpoint_events: CheckpointEventsTable;
  patrol_teams: PatrolTeamsTable;
  daily_reports: DailyReportsTable;
  daily_report_revisions: DailyReportRevisionsTable;
  report_reminders: ReportRemindersTable;
  region_boundaries: RegionBoundariesTable;
  patrol_logs: PatrolLogsTable;
  patrol_photos: PatrolPhotosTable;
  patrol_log_photos: PatrolLogPhotosTable;
  quarantine_orders: QuarantineOrdersTable;
  quarantine_checks: QuarantineChecksTable;
  quarantine_events: QuarantineEventsTable;
  quarantine_alerts: QuarantineAlertsTable;
  family_events: FamilyEventsTable;
  person_risk: PersonRiskTable;
  risk_jobs: RiskJobsTable;
  patrol_team_members: PatrolTeamMembersTable;
  inspection_schedules: InspectionSchedulesTable;
  inspections: InspectionsTable;
  inspection_findings: InspectionFindingsTable;
  rectifications: RectificationsTable;
  rectification_photos: RectificationPhotosTable;
  tips: TipsTable;
  tip_events: TipEventsTable;
  tip_photos: TipPhotosTable;
  tip_rewards: TipRewardsTable;
  arrival_codes: ArrivalCodesTable;
  arrival_entries: ArrivalEntriesTable;
  notices: NoticesTable;
  notice_images: NoticeImagesTable;
  record_numbers: RecordNumbersTable;
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
  /** Thousandths done (of the file's bytes while reading); migration 0004. */
  progress: number;
  phase: string | null;
  /** The sealed upload in $DATA_DIR/imports, kept for a rerun and the rejected-rows download. */
  upload_ref: string | null;
  options: string | null;
  /** A refused file's code and parameters (shared/import-reasons.ts); migration 0020. */
  error_code: string | null;
  error_params: string | null;
  /** Imports ahead of this one in its instance's queue while it is queued, else null. */
  queue_position: number | null;
}

/** A checked row waiting for the import's single final transaction (migration 0004). */
export type ImportPersonRowsTable = {
  job_id: string;
  row_no: number;
  household_key: string;
  new_household_id: string;
  person_id: string;
} & Pick<HouseholdsTable, 'region_id' | 'address' | 'building' | 'unit' | 'room' | 'sort_key' | 'is_rental' | 'landlord_name' | 'landlord_phone_enc' | 'landlord_phone_hash'> &
  Omit<PersonsTable, 'id' | 'household_id' | 'region_id' | 'left_on' | 'created_at' | 'updated_at' | 'version'>;

export interface ImportHouseholdsTable {
  job_id: string;
  household_key: string;
  first_row: number;
  household_id: string | null;
  is_new: number;
}

export interface ImportRejectionsTable {
  job_id: string;
  row_no: number;
  seq: number;
  column_label: string;
  message: string;
  code: string | null;
  params: string | null;
}

/** A database handle or a transaction: queries take either. */
export type Db = Kysely<DB> | Transaction<DB>;

import type { Selectable } from 'kysely';
import type { ReportStatus } from '../../../shared/reports.ts';

// The daily report (每日一上报), its history and the reminder snapshots (migration 0008).
export interface DailyReportsTable {
  id: string;
  region_id: number;
  day: string;
  figures: string;
  note: string | null;
  zero: number;
  status: ReportStatus;
  first_filed_at: string;
  on_time: number;
  filed_at: string;
  filed_by: string | null;
  returned_at: string | null;
  returned_by: string | null;
  return_reason: string | null;
  version: number;
  updated_at: string;
}
export type DailyReportRow = Selectable<DailyReportsTable>;

export interface DailyReportRevisionsTable {
  id: string;
  report_id: string;
  version: number;
  kind: string;
  figures: string;
  note: string | null;
  zero: number;
  reason: string | null;
  user_id: string | null;
  at: string;
}

export interface ReportRemindersTable {
  id: string;
  region_id: number;
  day: string;
  created_at: string;
  missing_count: number;
  missing: string;
}

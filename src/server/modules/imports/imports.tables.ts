// The imports module's tables: background spreadsheet jobs and the rows they stage.
import type { ImportJob } from '../../../shared/imports.ts';
import type { HouseholdsTable, PersonsTable } from '../households/households.tables.ts';

/** Background spreadsheet imports (migration 0002): territory now, people next. */
export interface ImportJobsTable {
  id: string;
  kind: string;
  user_id: string;
  region_id: number;
  status: ImportJob['status'];
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
  Omit<PersonsTable, 'id' | 'household_id' | 'region_id' | 'left_on' | 'left_to' | 'created_at' | 'updated_at' | 'version'>;

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

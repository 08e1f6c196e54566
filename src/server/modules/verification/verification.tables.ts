import type { RegionLevelColumns } from '../../platform/region-levels.ts';
// The verification module's tables (migration 0025): the lists taken in, each list's own rows
// (kept sealed for the feedback workbook), the tasks made from them and the mapping remembered
// per list source.
import type { PersonsTable } from '../households/households.tables.ts';

/** One uploaded list and its take-in job's state. */
export interface VerificationListsTable {
  id: string;
  name: string;
  kind: string;
  source: string | null;
  region_id: number;
  deadline_hours: number;
  replaces_list_id: string | null;
  status: string;
  progress: number;
  total: number;
  matched: number;
  routed: number;
  unrouted: number;
  flagged: number;
  tasks: number;
  error: string | null;
  file_name: string | null;
  /** JSON list of the file's headers, in the file's order. */
  headers: string | null;
  /** JSON {field: header} used to read the file. */
  mapping: string | null;
  /** The sealed upload while the job runs (imports' sealed-upload.ts). */
  upload_ref: string | null;
  format: string;
  created_by: string;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
  /** created_at + deadline_hours: every task of the list is due then, wherever it moves. */
  due_at: string;
}

/** A row of the list as uploaded, encrypted (it holds ID numbers and phones), and its task. */
export interface VerificationRowsTable {
  /** Its own key, for `npm run rotate-key`. */
  id: string;
  list_id: string;
  row_no: number;
  /** Encrypted JSON list of the row's cell texts, in the file's column order. */
  cells_enc: string;
  /** The task this row became or repeats (of this list, or of the list it replaces); null for an unusable row. */
  task_id: string | null;
}

/** ID number and phone as persons keep them: encrypted, a keyed hash (valid numbers only here), the masked form lists show. */
type SealedNumbers = Pick<PersonsTable, 'id_number_enc' | 'id_number_hash' | 'id_number_masked' | 'phone_enc' | 'phone_hash' | 'phone_masked'>;

export type VerificationTasksTable = SealedNumbers & RegionLevelColumns & {
  id: string;
  number: string;
  list_id: string;
  /** The region that must check the name now (its grid, or the list's region: the pool). */
  region_id: number;
  name: string;
  address: string | null;
  origin: string | null;
  arrived_on: string | null;
  travel: string | null;
  list_note: string | null;
  /** Comma-separated malformed fields of the row ('idNumber,phone'), or null. */
  flags: string | null;
  /** Keyed hash of who this is (ID number, or name and phone): one task per person in a list. */
  person_key: string;
  person_id: string | null;
  routed_by: string | null;
  route_reason: string;
  route_score: number | null;
  status: string;
  outcome: string | null;
  outcome_note: string | null;
  moved_to: string | null;
  left_on: string | null;
  duplicate_of: string | null;
  recorded_by: string | null;
  checked_at: string | null;
  reviewed_by: string | null;
  reviewed_at: string | null;
  review_note: string | null;
  due_at: string;
  created_at: string;
  updated_at: string;
  version: number;
};

/** The column mapping last used for a list source ("省疾控密接推送"), offered at the next preview. */
export interface VerificationMappingsTable {
  source: string;
  mapping: string;
  updated_at: string;
}

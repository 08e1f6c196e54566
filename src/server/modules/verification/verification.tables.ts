import type { RegionLevelColumns } from '../../platform/region-levels.ts';
// The verification module's tables (migration 0025): the lists taken in, each list's own rows
// (kept sealed for the feedback workbook), the tasks made from them and the mapping remembered
// per list source.
import type { ListKind, ListStatus, TaskStatus } from '../../../shared/verification.ts';
import type { SpotCheckStatus } from '../../../shared/verification-checks.ts';
import type { PersonsTable } from '../households/households.tables.ts';

/** One uploaded list and its take-in job's state. */
export interface VerificationListsTable {
  id: string;
  name: string;
  kind: ListKind;
  source: string | null;
  region_id: number;
  deadline_hours: number;
  replaces_list_id: string | null;
  status: ListStatus;
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
  /** Percent of a town's closed tasks drawn as spot checks (migration 0028). */
  spot_check_share: number;
  /** The enterprise registration code a list of kind `enterprise` came in through, else null. */
  enterprise_code_id: string | null;
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
  status: TaskStatus;
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
  /** Overdue: how many levels above the task's region it has climbed (migration 0028). */
  escalation_level: number;
  escalated_to_region_id: number | null;
  escalated_at: string | null;
};

/** A closed task drawn by a town for its patrol team to check again (抽查). */
export interface VerificationSpotChecksTable {
  id: string;
  list_id: string;
  task_id: string;
  region_id: number;
  team_id: string;
  status: SpotCheckStatus;
  result_note: string | null;
  drawn_by: string;
  drawn_at: string;
  checked_by: string | null;
  checked_at: string | null;
  version: number;
}

/** A registration code a town gave an enterprise bringing workers back (复工复产). */
export interface EnterpriseCodesTable {
  id: string;
  region_id: number;
  enterprise_name: string;
  code_hash: string;
  /** The code's last four characters, so staff can tell codes apart. */
  code_hint: string;
  deadline_hours: number;
  expires_at: string;
  revoked_at: string | null;
  revoked_by: string | null;
  created_by: string;
  created_at: string;
}

/** The column mapping last used for a list source ("省疾控密接推送"), offered at the next preview. */
export interface VerificationMappingsTable {
  source: string;
  mapping: string;
  updated_at: string;
}

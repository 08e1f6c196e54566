// Correction requests (migration 0034): what a person asked to be corrected and the answer,
// encrypted (they may quote an ID or phone number); `npm run rotate-key` re-encrypts them.
import type { CorrectionStatus } from '../../../shared/person-access.ts';

export interface CorrectionRequestsTable {
  id: string;
  person_id: string;
  region_id: number;
  /** JSON array of field names. */
  fields: string;
  asked_enc: string;
  status: CorrectionStatus;
  answer_enc: string | null;
  created_by: string;
  created_at: string;
  decided_by: string | null;
  decided_at: string | null;
  version: number;
}

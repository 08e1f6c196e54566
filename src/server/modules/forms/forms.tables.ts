import type { LevelColumn, RegionLevelColumns } from '../../platform/region-levels.ts';
import type { Selectable } from 'kysely';
import type { FormKind, FormStatus } from '../../../shared/forms.ts';

// A form is a snapshot of a paper form: its content (JSON per kind) and, once signed, who
// signed, when, and the signature image or signed scan (by SHA-256 in form_files).
export interface FormsTable extends RegionLevelColumns {
  id: string;
  kind: FormKind;
  household_id: string;
  person_id: string | null;
  region_id: number;
  /** JSON of the kind's fields; never ID or phone numbers (the print view reads them, audited). */
  fields: string;
  status: FormStatus;
  signature_method: string | null;
  signature_sha256: string | null;
  /** Content type of the signature or scan (image/png, image/jpeg, application/pdf). */
  signature_type: string | null;
  signed_at: string | null;
  signed_by: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}
/** A form as the code reads and writes it (the level columns are the database's). */
export type FormRow = Selectable<Omit<FormsTable, LevelColumn>>;

/** Signature PNGs and signed scans, addressed by content: the same bytes are stored once. */
export interface FormFilesTable {
  sha256: string;
  content_type: string;
  size: number;
  data: Buffer;
  created_at: string;
}

import type { RegionLevelColumns } from '../../platform/region-levels.ts';
import type { Selectable } from 'kysely';
import type { ARRIVAL_CODE_STATUSES, ArrivalStatus } from '../../../shared/arrivals.ts';

// Village QR codes and self-registered arrivals (migration 0016).
export interface ArrivalCodesTable {
  id: string;
  region_id: number;
  token: string;
  /** active | revoked */
  status: (typeof ARRIVAL_CODE_STATUSES)[number];
  entry_count: number;
  created_by: string | null;
  created_at: string;
  revoked_by: string | null;
  revoked_at: string | null;
  replaced_by: string | null;
}
export type ArrivalCodeRow = Selectable<ArrivalCodesTable>;

export interface ArrivalEntriesTable extends Omit<RegionLevelColumns, 'village_id'> {
  id: string;
  reference: string;
  code_id: string;
  village_id: number;
  region_id: number;
  name: string;
  id_number_enc: string;
  id_number_hash: string;
  id_number_masked: string;
  phone_enc: string;
  phone_hash: string;
  phone_masked: string;
  origin: string;
  arrived_on: string;
  address: string;
  /** pending | verified | linked | rejected */
  status: ArrivalStatus;
  person_id: string | null;
  reject_reason: string | null;
  note: string | null;
  decided_by: string | null;
  decided_at: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}
export type ArrivalEntryRow = Selectable<ArrivalEntriesTable>;

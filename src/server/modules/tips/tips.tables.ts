import type { RegionLevelColumns } from '../../platform/region-levels.ts';
import type { ColumnType, Selectable } from 'kysely';
import type { RewardStatus, TipCategory, TipStatus } from '../../../shared/tips.ts';

// Tips from the public (migration 0016).
export interface TipsTable extends RegionLevelColumns {
  id: string;
  /** Short human number, e.g. JB-20261206-0042 (platform/record-numbers.ts); bulk writers may leave it to assignMissingNumbers. */
  number: ColumnType<string, string | undefined, string>;
  tracking_hash: string;
  category: TipCategory;
  region_id: number;
  filed_region_id: number;
  description: string;
  place: string | null;
  anonymous: number;
  phone_enc: string | null;
  phone_hash: string | null;
  phone_masked: string | null;
  source_hash: string | null;
  /** received | assessed | routed | handled | supervised | answered | evaluated */
  status: TipStatus;
  substantiated: number | null;
  action_taken: string | null;
  reply: string | null;
  group_id: string | null;
  photo_count: number;
  filed_at: string;
  accept_due_at: string;
  handle_due_at: string;
  assessed_at: string | null;
  handled_at: string | null;
  answered_at: string | null;
  evaluated_at: string | null;
  updated_at: string;
  version: number;
}
export type TipRow = Selectable<TipsTable>;

export interface TipEventsTable {
  id: string;
  tip_id: string;
  action: string;
  status: TipStatus;
  note: string | null;
  user_id: string | null;
  at: string;
}

export interface TipPhotosTable {
  tip_id: string;
  position: number;
  sha256: string;
}

export interface TipRewardsTable {
  tip_id: string;
  region_id: number;
  amount_cents: number;
  /** proposed | approved | rejected | paid */
  status: RewardStatus;
  proposed_at: string;
  proposed_by: string | null;
  decided_at: string | null;
  decided_by: string | null;
  decision_note: string | null;
  paid_at: string | null;
  paid_by: string | null;
  pay_reference: string | null;
}
export type TipRewardRow = Selectable<TipRewardsTable>;

import type { Selectable } from 'kysely';
import type { HandoverStatus } from '../../../shared/handovers.ts';

// Hand-overs of people between grids (migration 0030).
export interface HandoversTable {
  id: string;
  /** Short human number, e.g. YJ-20261206-0003 (platform/record-numbers.ts). */
  number: string;
  person_id: string;
  /** The person's region when it was proposed: the sender. */
  from_region_id: number;
  /** The receiving grid. */
  to_region_id: number;
  reason: string;
  status: HandoverStatus;
  due_at: string;
  proposed_by: string | null;
  proposed_at: string;
  decided_by: string | null;
  decided_at: string | null;
  refuse_reason: string | null;
  /** The receiver's household the person joined on acceptance. */
  household_id: string | null;
  /** 0 while with the receiving grid; each step of an overdue climb up the receiver's tree adds one. */
  escalation_level: number;
  escalated_to_region_id: number | null;
  escalated_at: string | null;
  updated_at: string;
}
export type HandoverRow = Selectable<HandoversTable>;

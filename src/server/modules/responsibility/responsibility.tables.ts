import type { Selectable } from 'kysely';
import type { ResponsibleRole, VolunteerKind } from '../../../shared/responsibility.ts';

// Responsibility by name (migration 0029).
/** One responsible person of a person, over a span of time: `to_at` null while they are. */
export interface ResponsibleMembersTable {
  id: string;
  person_id: string;
  role: ResponsibleRole;
  /** An account, or null for a contact (name and phone). */
  user_id: string | null;
  name: string | null;
  phone_enc: string | null;
  phone_hash: string | null;
  phone_masked: string | null;
  from_at: string;
  to_at: string | null;
  set_by: string | null;
  ended_by: string | null;
  /** Why the member ended: 'replaced' (an edit), 'region_moved', 'handover'. */
  end_reason: string | null;
}
export type ResponsibleMemberRow = Selectable<ResponsibleMembersTable>;

/** A named person of a grid or micro-grid, with or without a light account. */
export interface RegionVolunteersTable {
  id: string;
  region_id: number;
  kind: VolunteerKind;
  name: string;
  phone_enc: string | null;
  phone_hash: string | null;
  phone_masked: string | null;
  duties: string | null;
  user_id: string | null;
  created_by: string | null;
  created_at: string;
  ended_at: string | null;
}
export type RegionVolunteerRow = Selectable<RegionVolunteersTable>;

export interface ResponsibleMessagesTable {
  id: string;
  alert_id: string;
  person_id: string;
  member_id: string;
  user_id: string | null;
  alert_kind: string;
  audience: 'health' | 'check_on';
  created_at: string;
  read_at: string | null;
}

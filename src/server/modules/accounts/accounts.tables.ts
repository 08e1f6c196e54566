import type { ColumnType, Insertable, Selectable } from 'kysely';
import type { Role } from '../../../shared/accounts.ts';
import type { RegionLevelColumns } from '../../platform/region-levels.ts';

/** Level columns (migration 0035): the list of a county's or town's accounts is one index range. */
export interface UsersTable extends RegionLevelColumns {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  region_id: number;
  password_hash: string;
  /** Work phone (migration 0006): how a supervisor reaches the person responsible. */
  phone: string | null;
  active: number;
  created_at: string;
  updated_at: string;
  /** Who created the account (migration 0018); null for the first admin and the demo's accounts. */
  created_by: ColumnType<string | null, string | null | undefined, string | null>;
  /**
   * Who last changed what the account can do or how it signs in: its creation, role, region,
   * status or a password set for it. Names and phones leave it; so does the owner's own change.
   */
  granted_by: ColumnType<string | null, string | null | undefined, string | null>;
  /** 1 after a manager set its password: it must choose its own before anything else. */
  must_change_password: ColumnType<number, number | undefined, number>;
}
/** An account as the code reads it: the level columns are the database's own (its triggers fill them). */
export type UserRow = Omit<Selectable<UsersTable>, keyof RegionLevelColumns>;
export type NewUserRow = Insertable<UsersTable>;

/** Browser sessions and script tokens alike; only a SHA-256 of the secret is stored. */
export interface AuthSessionsTable {
  id: string;
  token_hash: string;
  user_id: string;
  kind: string;
  name: string | null;
  csrf_token: string | null;
  created_at: string;
  expires_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}
export type AuthSessionRow = Selectable<AuthSessionsTable>;

/**
 * Sign-in attempt counters (migration 0017), taken atomically before a password is checked.
 * Times are epoch milliseconds.
 */
export interface LoginAttemptsTable {
  key: string;
  attempts: number;
  blocked_until: number;
  expires_at: number;
}

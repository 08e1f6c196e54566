// Staff accounts: list (by region subtree and text), create, edit/disable/reset password.
import { type Role, User } from '../../../shared/accounts.ts';
import { pageOf } from '../../../shared/paging.ts';
import { request } from '../../lib/api.ts';

export const userKeys = {
  all: ['users'] as const,
  list: (regionId: number | undefined, q: string) => ['users', 'list', regionId ?? 0, q] as const,
};

export const listUsers = (query: { regionId?: number; q?: string; cursor?: string; limit?: number }) =>
  request('/users', pageOf(User), { query });

export interface UserCreateInput {
  username: string;
  displayName: string;
  role: Role;
  regionId: number;
  password: string;
  /** Work phone (optional): how a supervisor reaches them about a missing report. */
  phone?: string;
}
export type UserPatchInput = Partial<Omit<UserCreateInput, 'username' | 'phone'>> & { active?: boolean; phone?: string | null };

export const createUser = (input: UserCreateInput, idempotencyKey: string) =>
  request('/users', User, { method: 'POST', body: input, idempotencyKey });

export const patchUser = (id: string, patch: UserPatchInput, idempotencyKey: string) =>
  request(`/users/${encodeURIComponent(id)}`, User, { method: 'PATCH', body: patch, idempotencyKey });


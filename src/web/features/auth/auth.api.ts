// Sign-in, the current session, the public meta, and the user's API tokens.
import { z } from 'zod';
import { Me, TokenCreated } from '../../../shared/accounts.ts';
import { pageOf } from '../../../shared/paging.ts';
import { request } from '../../lib/api.ts';

export const PublicMeta = z.object({ countyName: z.string(), timeZone: z.string() });
export type PublicMeta = z.infer<typeof PublicMeta>;

export const ApiToken = z.object({ id: z.string(), name: z.string(), createdAt: z.string(), expiresAt: z.string(), revoked: z.boolean() });
export type ApiToken = z.infer<typeof ApiToken>;

export const fetchPublicMeta = () => request('/public/meta', PublicMeta);

export const fetchMe = () => request('/auth/me', Me, { quiet401: true });

export const login = (username: string, password: string) =>
  request('/auth/login', Me, { method: 'POST', body: { username, password }, quiet401: true });

export const changePassword = (input: { currentPassword: string; newPassword: string }, idempotencyKey: string) =>
  request('/auth/password', Me, { method: 'POST', body: input, idempotencyKey });

export const logout = () => request('/auth/logout', z.object({ ok: z.boolean() }), { method: 'POST', quiet401: true });

export const listTokens = () => request('/auth/tokens', pageOf(ApiToken));

export const createToken = (input: { name: string; expiresInDays: number }, idempotencyKey: string) =>
  request('/auth/tokens', TokenCreated, { method: 'POST', body: input, idempotencyKey });

export const revokeToken = (id: string) =>
  request(`/auth/tokens/${encodeURIComponent(id)}`, z.object({ id: z.string(), revoked: z.boolean() }), { method: 'DELETE' });

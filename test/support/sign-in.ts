// Sign-in attempts for the throttle tests: who tried, from where, with which browser's cookies,
// and how many passwords the server actually checked (each check that fails is an audit entry).
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

export interface Attempt {
  username: string;
  password: string;
  ip?: string;
  /** Cookies the browser sends ("name=value; …"). */
  cookie?: string;
  headers?: Record<string, string>;
}

export const attemptSignIn = (app: FastifyInstance, a: Attempt): Promise<LightMyRequestResponse> =>
  app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    remoteAddress: a.ip ?? '127.0.0.1',
    headers: { ...a.headers, ...(a.cookie ? { cookie: a.cookie } : {}) },
    payload: { username: a.username, password: a.password },
  });

/** The device cookie a successful sign-in set, as "name=value" to send back. */
export function deviceCookieOf(res: LightMyRequestResponse): string {
  const cookie = res.cookies.find((c) => c.name.startsWith('gg_dev_'));
  if (!cookie) throw new Error(`no device cookie in the answer (status ${res.statusCode})`);
  return `${cookie.name}=${cookie.value}`;
}

/** How many of the account's passwords were checked and found wrong, and how many sign-ins succeeded. */
export async function checkedAttempts(app: FastifyInstance, userId: string): Promise<{ failed: number; succeeded: number }> {
  const rows = await app.db
    .selectFrom('audit_log')
    .select(['action'])
    .where('entity', '=', 'user')
    .where('entity_id', '=', userId)
    .where('action', 'in', ['login_failed', 'login'])
    .execute();
  return { failed: rows.filter((r) => r.action === 'login_failed').length, succeeded: rows.filter((r) => r.action === 'login').length };
}

/** The address the last audit entry of `action` for this user recorded. */
export async function auditedAddress(app: FastifyInstance, userId: string, action: 'login' | 'login_failed'): Promise<string | null> {
  const row = await app.db
    .selectFrom('audit_log')
    .select('ip')
    .where('entity', '=', 'user')
    .where('entity_id', '=', userId)
    .where('action', '=', action)
    .orderBy('id', 'desc')
    .executeTakeFirst();
  return row?.ip ?? null;
}

export const statusesOf = (answers: LightMyRequestResponse[]) => answers.map((r) => r.statusCode);
export const countOf = (statuses: number[], status: number) => statuses.filter((s) => s === status).length;

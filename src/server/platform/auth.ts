// Who is calling: a browser session cookie (with a CSRF token for writes) or a bearer token.
import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Actor } from './access.ts';
import { AppError } from './errors.ts';

export const SESSION_COOKIE = 'gg_session';
export const CSRF_HEADER = 'x-csrf-token';

export const newSecret = (prefix: string): string => `${prefix}_${randomBytes(32).toString('base64url')}`;
export const hashSecret = (secret: string): string => createHash('sha256').update(secret).digest('base64url');

export type ResolveSession = (db: Kysely<DB>, tokenHash: string, kind: 'session' | 'token') => Promise<Actor | null>;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function credentialOf(request: FastifyRequest): { secret: string; kind: 'session' | 'token' } | null {
  const header = request.headers.authorization;
  if (header) {
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    if (!m?.[1]) throw new AppError('UNAUTHENTICATED', 'Authorization header must be "Bearer <token>"');
    return { secret: m[1], kind: 'token' };
  }
  const cookie = request.cookies[SESSION_COOKIE];
  return cookie ? { secret: cookie, kind: 'session' } : null;
}

export function installAuth(app: FastifyInstance, resolveSession: ResolveSession): void {
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/') && request.url.split('?')[0] !== '/metrics') return;
    const credential = credentialOf(request);
    if (!credential) return;
    const actor = await resolveSession(app.db, hashSecret(credential.secret), credential.kind);
    if (!actor) {
      // A stale cookie on a public page is not an error; a bad bearer token is.
      if (credential.kind === 'token') throw new AppError('UNAUTHENTICATED', 'The token is unknown, expired or revoked');
      return;
    }
    // Cookies ride along on cross-site requests; a write must also show the session's CSRF
    // token, which only our own pages can read (from /auth/me or the login answer).
    if (actor.authKind === 'session' && !SAFE_METHODS.has(request.method)) {
      const sent = request.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || sent !== actor.csrfToken) {
        throw new AppError('CSRF_MISMATCH', `Send the session's CSRF token in the ${CSRF_HEADER} header`);
      }
    }
    request.actor = actor;
  });
}

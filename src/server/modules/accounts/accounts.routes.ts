// Sign-in (browser session cookie + CSRF token), script tokens, and staff accounts.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { RecordId } from '../../../shared/ids.ts';
import { ACCOUNT_MANAGERS, LoginBody, Me, TokenCreate, TokenCreated, User, UserCreate, UserListQuery, UserPatch } from '../../../shared/accounts.ts';
import { ErrorBody } from '../../../shared/errors.ts';
import { pageOf } from '../../../shared/paging.ts';
import { auditContextOf } from '../../platform/audit.ts';
import { SESSION_COOKIE } from '../../platform/auth.ts';
import { actorOf, registerEntityScope, scopeOf } from '../../platform/scope.ts';
import { write } from '../../platform/transaction.ts';
import * as service from './accounts.service.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 429: ErrorBody };
const UserId = z.object({ id: RecordId });

export async function accountsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  registerEntityScope('user', { label: 'user', private: false, resolve: service.userRegionForScope });
  const cookieOptions = {
    path: '/',
    httpOnly: true,
    sameSite: 'strict' as const,
    secure: app.config.secureCookies,
  };

  app.post('/api/v1/auth/login', {
    config: { access: { public: true } },
    schema: { tags: ['auth'], summary: 'Sign in; sets an httpOnly session cookie', body: LoginBody, response: { 200: Me, ...errors } },
    handler: async (request, reply) => {
      const { secret, csrf, user } = await service.login(app.db, request.ip, request.body.username, request.body.password);
      reply.setCookie(SESSION_COOKIE, secret, { ...cookieOptions, maxAge: service.SESSION_TTL_MS / 1000 });
      const region = await app.db.selectFrom('regions').select(['id', 'name', 'level', 'code']).where('id', '=', user.region_id).executeTakeFirstOrThrow();
      return { user: service.toUser(user), region, csrfToken: csrf, authKind: 'session' as const };
    },
  });

  app.post('/api/v1/auth/logout', {
    config: { access: { self: true } },
    schema: { tags: ['auth'], response: { 200: z.object({ ok: z.boolean() }), ...errors } },
    handler: async (request, reply) => {
      await write(request, reply, 200, (tx) => service.revokeSession(tx, auditContextOf(request), actorOf(request)));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true };
    },
  });

  app.get('/api/v1/auth/me', {
    config: { access: { self: true } },
    schema: { tags: ['auth'], summary: 'Who is signed in, their region, and the CSRF token for writes', response: { 200: Me, ...errors } },
    handler: (request) => service.me(app.db, actorOf(request)),
  });

  app.post('/api/v1/auth/tokens', {
    config: { access: { self: true } },
    schema: { tags: ['auth'], summary: 'A bearer token for scripts; shown once', body: TokenCreate, response: { 201: TokenCreated, ...errors } },
    handler: (request, reply) => write(request, reply, 201, (tx) => service.createToken(tx, auditContextOf(request), actorOf(request), request.body)),
  });

  app.get('/api/v1/auth/tokens', {
    config: { access: { self: true } },
    schema: {
      tags: ['auth'],
      response: {
        200: pageOf(z.object({ id: z.string(), name: z.string(), createdAt: z.string(), expiresAt: z.string(), revoked: z.boolean() })),
        ...errors,
      },
    },
    handler: (request) => service.listTokens(app.db, actorOf(request)),
  });

  app.delete('/api/v1/auth/tokens/:id', {
    config: { access: { self: true } },
    schema: { tags: ['auth'], params: UserId, response: { 200: z.object({ id: z.string(), revoked: z.boolean() }), ...errors } },
    handler: (request, reply) =>
      write(request, reply, 200, (tx) => service.revokeToken(tx, auditContextOf(request), actorOf(request), request.params.id)),
  });

  app.get('/api/v1/users', {
    config: { access: { roles: [...ACCOUNT_MANAGERS, 'auditor'], scope: [{ query: 'regionId' }] } },
    schema: { tags: ['users'], querystring: UserListQuery, response: { 200: pageOf(User), ...errors } },
    handler: (request) => service.listUsers(app.db, scopeOf(request), request.query),
  });

  app.get('/api/v1/users/:id', {
    config: { access: { roles: [...ACCOUNT_MANAGERS, 'auditor'], scope: [{ param: 'id', entity: 'user' }] } },
    schema: { tags: ['users'], params: UserId, response: { 200: User, ...errors } },
    handler: (request) => service.getUser(app.db, request.params.id),
  });

  app.post('/api/v1/users', {
    config: { access: { roles: ACCOUNT_MANAGERS, scope: [{ body: 'regionId' }] } },
    schema: { tags: ['users'], body: UserCreate, response: { 201: User, ...errors } },
    handler: (request, reply) =>
      write(request, reply, 201, (tx) => service.createUser(tx, auditContextOf(request), actorOf(request), request.body)),
  });

  app.patch('/api/v1/users/:id', {
    config: { access: { roles: ACCOUNT_MANAGERS, scope: [{ param: 'id', entity: 'user' }, { body: 'regionId' }] } },
    schema: { tags: ['users'], summary: 'Edit, move, disable, or reset the password of an account', params: UserId, body: UserPatch, response: { 200: User, ...errors } },
    handler: (request, reply) =>
      write(request, reply, 200, (tx) => service.patchUser(tx, auditContextOf(request), actorOf(request), request.params.id, request.body)),
  });
}

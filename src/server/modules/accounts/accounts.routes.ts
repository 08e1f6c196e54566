// Sign-in (browser session cookie + CSRF token), script tokens, and staff accounts.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { RecordId } from '../../../shared/ids.ts';
import { ACCOUNT_MANAGERS, LoginBody, Me, PasswordChange, TokenCreate, TokenCreated, User, UserCreate, UserListQuery, UserPatch } from '../../../shared/accounts.ts';
import { ErrorBody } from '../../../shared/errors.ts';
import { pageOf } from '../../../shared/paging.ts';
import { auditContextOf } from '../../platform/audit.ts';
import { SESSION_COOKIE } from '../../platform/auth.ts';
import { actorOf, scopeOf } from '../../platform/scope.ts';
import { write } from '../../platform/transaction.ts';
import * as service from './accounts.service.ts';
import { DEVICE_COOKIE_MAX_AGE_S, DEVICE_COOKIE_PATH, deviceCookieName, newDeviceCookie, trustedDevice } from './device-cookie.ts';
import { loginThrottleOf } from './login-throttle.ts';
import * as passwords from './password-change.service.ts';
import * as users from './users.service.ts';
import { regionFields } from '../regions/regions.queries.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody, 429: ErrorBody };
const UserId = z.object({ id: RecordId });

export async function accountsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const cookieOptions = {
    path: '/',
    httpOnly: true,
    sameSite: 'strict' as const,
    secure: app.config.secureCookies,
  };
  const throttle = loginThrottleOf(app);

  app.post('/api/v1/auth/login', {
    config: { access: { public: true } },
    schema: { tags: ['auth'], summary: 'Sign in; sets an httpOnly session cookie', body: LoginBody, response: { 200: Me, ...errors } },
    handler: async (request, reply) => {
      const { username, password } = request.body;
      const deviceCookie = deviceCookieName(app.fieldCrypto, username);
      const device = trustedDevice(app.fieldCrypto, username, request.cookies[deviceCookie]);
      const { secret, csrf, user } = await service.login(app.db, throttle, { ip: request.ip, device }, username, password);
      // The session cookie goes first: scripts and benchmarks read the first Set-Cookie.
      reply.setCookie(SESSION_COOKIE, secret, { ...cookieOptions, maxAge: service.SESSION_TTL_MS / 1000 });
      // This browser is now trusted for this account (login-throttle.ts); a fresh id each time.
      reply.setCookie(deviceCookie, newDeviceCookie(app.fieldCrypto, username), { ...cookieOptions, path: DEVICE_COOKIE_PATH, maxAge: DEVICE_COOKIE_MAX_AGE_S });
      const region = await regionFields(app.db, user.region_id, ['id', 'name', 'level', 'code']);
      if (!region) throw new Error(`the account's region ${user.region_id} is missing`);
      return { user: service.toUser(user), region, csrfToken: csrf, authKind: 'session' as const };
    },
  });

  app.post('/api/v1/auth/logout', {
    config: { access: { self: true, beforePasswordChange: true } },
    schema: { tags: ['auth'], response: { 200: z.object({ ok: z.boolean() }), ...errors } },
    handler: async (request, reply) => {
      await write(request, reply, 200, (tx) => service.revokeSession(tx, auditContextOf(request), actorOf(request)));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true };
    },
  });

  app.get('/api/v1/auth/me', {
    config: { access: { self: true, beforePasswordChange: true } },
    schema: { tags: ['auth'], summary: 'Who is signed in, their region, and the CSRF token for writes', response: { 200: Me, ...errors } },
    handler: (request) => service.me(app.db, actorOf(request)),
  });

  app.post('/api/v1/auth/password', {
    config: { access: { self: true, beforePasswordChange: true } },
    schema: {
      tags: ['auth'],
      summary: "Change one's own password with the current one; ends the account's other sessions and tokens",
      body: PasswordChange,
      response: { 200: Me, ...errors },
    },
    handler: async (request, reply) => {
      const ctx = auditContextOf(request);
      const actor = actorOf(request);
      try {
        return await write(request, reply, 200, (tx) => passwords.changePassword(tx, ctx, actor, request.body));
      } catch (err) {
        // Recorded after the rollback, so the refusal itself cannot erase its trace.
        if (err instanceof passwords.WrongCurrentPassword) await passwords.recordWrongCurrentPassword(app.db, ctx, actor);
        throw err;
      }
    },
  });

  app.post('/api/v1/auth/tokens', {
    config: { access: { self: true } },
    schema: { tags: ['auth'], summary: 'A bearer token for scripts, from a signed-in browser session only; shown once', body: TokenCreate, response: { 201: TokenCreated, ...errors } },
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
    handler: (request) => users.listUsers(app.readDb, scopeOf(request), request.query),
  });

  app.get('/api/v1/users/:id', {
    config: { access: { roles: [...ACCOUNT_MANAGERS, 'auditor'], scope: [{ param: 'id', entity: 'user' }] } },
    schema: { tags: ['users'], params: UserId, response: { 200: User, ...errors } },
    handler: (request) => users.getUser(app.db, request.params.id),
  });

  app.post('/api/v1/users', {
    config: { access: { roles: ACCOUNT_MANAGERS, scope: [{ body: 'regionId' }] } },
    schema: { tags: ['users'], body: UserCreate, response: { 201: User, ...errors } },
    handler: (request, reply) =>
      write(request, reply, 201, (tx) => users.createUser(tx, auditContextOf(request), actorOf(request), request.body)),
  });

  app.patch('/api/v1/users/:id', {
    config: { access: { roles: ACCOUNT_MANAGERS, scope: [{ param: 'id', entity: 'user' }, { body: 'regionId' }] } },
    schema: { tags: ['users'], summary: 'Edit, move, disable, or reset the password of an account', params: UserId, body: UserPatch, response: { 200: User, ...errors } },
    handler: (request, reply) =>
      write(request, reply, 200, (tx) => users.patchUser(tx, auditContextOf(request), actorOf(request), request.params.id, request.body)),
  });
}

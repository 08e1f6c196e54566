// Accounts: sign-in, sessions, script tokens, and staff management within one's subtree.
import type { Kysely } from 'kysely';
import { ADMIN_GRANTED, type Me, type Role, type User } from '../../../shared/accounts.ts';
import type { DB, Db } from '../../db/schema.ts';
import { fromBool, isUniqueViolation, toBool } from '../../db/dialect.ts';
import type { Actor, ScopedRegion } from '../../platform/access.ts';
import { type AuditContext, audit } from '../../platform/audit.ts';
import { hashSecret, newSecret } from '../../platform/auth.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { UUID_RE, newId, nowIso } from '../../platform/ids.ts';
import { decodeCursor, page } from '../../platform/paging.ts';
import { DUMMY_HASH_PROMISE, hashPassword, verifyPassword } from '../../platform/passwords.ts';
import { afterCommit } from '../../platform/transaction.ts';
import { TtlCache, invalidateCaches } from '../../platform/ttl-cache.ts';
import * as q from './accounts.queries.ts';
import type { UserRow } from './accounts.tables.ts';
import type { LoginThrottle } from './login-throttle.ts';

export const SESSION_TTL_MS = 12 * 3600_000;

export const toUser = (row: UserRow): User => ({
  id: row.id,
  username: row.username,
  displayName: row.display_name,
  role: row.role as Role,
  regionId: row.region_id,
  phone: row.phone,
  active: toBool(row.active),
  createdAt: row.created_at,
});

// Every request resolves its session; a few seconds of caching saves a join per request.
// Revocations in this process clear it at once; other instances see them within SESSION_CACHE_MS.
export const SESSION_CACHE_MS = 5_000;
const sessionCache = new TtlCache<string, Actor | null>(SESSION_CACHE_MS);

export async function resolveSession(db: Kysely<DB>, tokenHash: string, kind: 'session' | 'token'): Promise<Actor | null> {
  const key = `${kind}:${tokenHash}`;
  const cached = sessionCache.get(key);
  if (cached !== undefined) return cached;
  const actor = await lookupSession(db, tokenHash, kind);
  sessionCache.set(key, actor);
  return actor;
}

async function lookupSession(db: Kysely<DB>, tokenHash: string, kind: 'session' | 'token'): Promise<Actor | null> {
  const row = await q.findActiveSession(db, tokenHash, kind, nowIso());
  if (!row) return null;
  return {
    userId: row.user_id,
    username: row.username,
    displayName: row.display_name,
    role: row.role as Role,
    regionId: row.region_id,
    regionPath: row.region_path,
    regionLevel: row.region_level,
    authKind: kind,
    sessionId: row.session_id,
    csrfToken: row.csrf_token,
  };
}

export async function me(db: Db, actor: Actor): Promise<Me> {
  const user = await q.findUserById(db, actor.userId);
  const region = await db.selectFrom('regions').select(['id', 'name', 'level', 'code']).where('id', '=', actor.regionId).executeTakeFirst();
  if (!user || !region) throw new AppError('UNAUTHENTICATED', 'Sign in first');
  return { user: toUser(user), region, csrfToken: actor.csrfToken, authKind: actor.authKind };
}

/**
 * Checks the password and opens a browser session. The attempt is taken from the sign-in
 * counters first (login-throttle.ts): refused there, no password is checked at all.
 */
export async function login(db: Kysely<DB>, throttle: LoginThrottle, from: { ip: string; device: string | null }, username: string, password: string) {
  const user = await q.findUserByName(db, username);
  const admission = await throttle.admit({ username, ip: from.ip, device: from.device, accountExists: user !== undefined });
  // An unknown username costs a hash too, so the time taken tells nothing.
  const ok = await verifyPassword(password, user?.password_hash ?? (await DUMMY_HASH_PROMISE));
  if (!user || !ok || !toBool(user.active)) {
    await db.transaction().execute((tx) =>
      audit(tx, { userId: user?.id ?? null, ip: from.ip }, { action: 'login_failed', entity: 'user', entityId: user?.id ?? null, regionId: user?.region_id ?? null }),
    );
    throw new AppError('UNAUTHENTICATED', 'Wrong username or password, or the account is disabled');
  }
  await admission.succeeded();
  const secret = newSecret('ggs');
  const csrf = newSecret('csrf');
  const now = nowIso();
  await db.transaction().execute(async (tx) => {
    await tx
      .insertInto('auth_sessions')
      .values({ id: newId(), token_hash: hashSecret(secret), user_id: user.id, kind: 'session', name: null, csrf_token: csrf, created_at: now, expires_at: new Date(Date.now() + SESSION_TTL_MS).toISOString(), last_used_at: now, revoked_at: null })
      .execute();
    await audit(tx, { userId: user.id, ip: from.ip }, { action: 'login', entity: 'user', entityId: user.id, regionId: user.region_id });
  });
  return { secret, csrf, user };
}

export async function revokeSession(tx: Db, ctx: AuditContext, actor: Actor) {
  await tx.updateTable('auth_sessions').set({ revoked_at: nowIso() }).where('id', '=', actor.sessionId).execute();
  afterCommit(tx, invalidateCaches);
  await audit(tx, ctx, { action: 'logout', entity: 'user', entityId: actor.userId, regionId: actor.regionId });
}

export async function createToken(tx: Db, ctx: AuditContext, actor: Actor, input: { name: string; expiresInDays: number }) {
  const secret = newSecret('ggt');
  const id = newId();
  const now = nowIso();
  const expiresAt = new Date(Date.now() + input.expiresInDays * 86_400_000).toISOString();
  await tx
    .insertInto('auth_sessions')
    .values({ id, token_hash: hashSecret(secret), user_id: actor.userId, kind: 'token', name: input.name, csrf_token: null, created_at: now, expires_at: expiresAt, last_used_at: null, revoked_at: null })
    .execute();
  await audit(tx, ctx, { action: 'create_token', entity: 'user', entityId: actor.userId, regionId: actor.regionId, details: { tokenId: id, name: input.name } });
  return { id, name: input.name, token: secret, expiresAt };
}

export async function listTokens(db: Db, actor: Actor) {
  const rows = await db
    .selectFrom('auth_sessions')
    .select(['id', 'name', 'created_at', 'expires_at', 'revoked_at'])
    .where('user_id', '=', actor.userId)
    .where('kind', '=', 'token')
    .orderBy('id', 'desc')
    .limit(100)
    .execute();
  return { items: rows.map((r) => ({ id: r.id, name: r.name ?? '', createdAt: r.created_at, expiresAt: r.expires_at, revoked: r.revoked_at !== null })), nextCursor: null };
}

export async function revokeToken(tx: Db, ctx: AuditContext, actor: Actor, tokenId: string) {
  const res = await tx
    .updateTable('auth_sessions')
    .set({ revoked_at: nowIso() })
    .where('id', '=', tokenId)
    .where('user_id', '=', actor.userId)
    .where('kind', '=', 'token')
    .executeTakeFirst();
  if (!res.numUpdatedRows) throw notFound('token');
  afterCommit(tx, invalidateCaches);
  await audit(tx, ctx, { action: 'revoke_token', entity: 'user', entityId: actor.userId, regionId: actor.regionId, details: { tokenId } });
  return { id: tokenId, revoked: true };
}

export async function listUsers(db: Db, scope: ScopedRegion, query: { q?: string; limit: number; cursor?: string }) {
  const after = decodeCursor(query.cursor);
  const rows = await q.listUsersInSubtree(db, scope.path, { q: query.q, afterId: after === undefined ? undefined : String(after), limit: query.limit });
  return page(rows, query.limit, (r) => r.id, toUser);
}

function assertMayGrant(actor: Actor, role: Role) {
  if (ADMIN_GRANTED.includes(role) && actor.role !== 'admin') {
    throw new AppError('FORBIDDEN', `role: only an admin may grant the role ${role}`, [{ path: 'role', message: 'admin only' }]);
  }
}

export async function createUser(
  tx: Db,
  ctx: AuditContext,
  actor: Actor,
  input: { username: string; displayName: string; role: Role; regionId: number; password: string; phone?: string },
): Promise<User> {
  assertMayGrant(actor, input.role);
  const now = nowIso();
  const row: UserRow = {
    id: newId(),
    username: input.username,
    display_name: input.displayName,
    role: input.role,
    region_id: input.regionId,
    password_hash: await hashPassword(input.password),
    phone: input.phone ?? null,
    active: 1,
    created_at: now,
    updated_at: now,
  };
  try {
    await tx.insertInto('users').values(row).execute();
  } catch (err) {
    if (isUniqueViolation(err)) {
      throw new AppError('DUPLICATE', 'username: already taken', [{ path: 'username', message: 'already taken' }]);
    }
    throw err;
  }
  await audit(tx, ctx, { action: 'create', entity: 'user', entityId: row.id, regionId: row.region_id, details: { username: row.username, role: row.role } });
  return toUser(row);
}

export async function getUser(db: Db, id: string): Promise<User> {
  const row = await q.findUserById(db, id);
  if (!row) throw notFound('user');
  return toUser(row);
}

export async function patchUser(
  tx: Db,
  ctx: AuditContext,
  actor: Actor,
  id: string,
  patch: { displayName?: string; role?: Role; regionId?: number; active?: boolean; password?: string; phone?: string | null },
): Promise<User> {
  const row = await q.findUserById(tx, id);
  if (!row) throw notFound('user');
  if (id === actor.userId && (patch.role !== undefined || patch.active === false || patch.regionId !== undefined)) {
    throw new AppError('FORBIDDEN', 'You cannot change your own role, region or disable yourself');
  }
  if (ADMIN_GRANTED.includes(row.role as Role) && actor.role !== 'admin') {
    throw new AppError('FORBIDDEN', `Only an admin may change an account with the role ${row.role}`);
  }
  if (patch.role) assertMayGrant(actor, patch.role);
  const now = nowIso();
  const set: Partial<UserRow> = { updated_at: now };
  const changed: string[] = [];
  if (patch.displayName !== undefined) (set.display_name = patch.displayName), changed.push('displayName');
  if (patch.role !== undefined) (set.role = patch.role), changed.push('role');
  if (patch.regionId !== undefined) (set.region_id = patch.regionId), changed.push('regionId');
  if (patch.active !== undefined) (set.active = fromBool(patch.active)), changed.push('active');
  if (patch.phone !== undefined) (set.phone = patch.phone), changed.push('phone');
  if (patch.password !== undefined) (set.password_hash = await hashPassword(patch.password)), changed.push('password');
  await tx.updateTable('users').set(set).where('id', '=', id).execute();
  afterCommit(tx, invalidateCaches); // role, region or status may have changed for a cached session
  // A reset password or a disabled account ends every open session and token of that user.
  if (patch.password !== undefined || patch.active === false) await q.revokeSessionsOf(tx, id, now);
  const action = patch.password !== undefined ? 'reset_password' : patch.active === false ? 'disable' : 'update';
  await audit(tx, ctx, { action, entity: 'user', entityId: id, regionId: patch.regionId ?? row.region_id, details: { fields: changed } });
  const updated = await q.findUserById(tx, id);
  if (!updated) throw notFound('user');
  return toUser(updated);
}

/** First start: the admin account at the root region; a random password unless one is set. */
export async function ensureAdmin(db: Kysely<DB>, rootRegionId: number, password: string): Promise<boolean> {
  if (await q.findUserByName(db, 'admin')) return false;
  const now = nowIso();
  await db
    .insertInto('users')
    .values({ id: newId(), username: 'admin', display_name: '系统管理员', role: 'admin', region_id: rootRegionId, password_hash: await hashPassword(password), phone: null, active: 1, created_at: now, updated_at: now })
    .execute();
  return true;
}

export async function userRegionForScope(db: Db, id: string): Promise<ScopedRegion | null> {
  if (!UUID_RE.test(id)) return null;
  const row = await db
    .selectFrom('users as u')
    .innerJoin('regions as r', 'r.id', 'u.region_id')
    .select(['r.id', 'r.path', 'r.level'])
    .where('u.id', '=', id)
    .executeTakeFirst();
  return row ?? null;
}

/**
 * For long-lived answers (the live event stream): is this session still good — not signed out,
 * not expired, its account active and still bound to the same region?
 */
export async function sessionStillValid(db: Db, actor: { sessionId: string; userId: string; regionId: number }): Promise<boolean> {
  const row = await db
    .selectFrom('auth_sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select(['u.region_id'])
    .where('s.id', '=', actor.sessionId)
    .where('s.user_id', '=', actor.userId)
    .where('s.revoked_at', 'is', null)
    .where('s.expires_at', '>', nowIso())
    .where('u.active', '=', 1)
    .executeTakeFirst();
  return row?.region_id === actor.regionId;
}

// Staff accounts managed within one's subtree: a manager creates, edits, moves, disables and
// resets only accounts it could have granted (shared/account-grants.ts), each role bound to a
// region of its level; who created and who last granted each account is kept for four-eyes.
import { totalOnFirstPage } from '../../platform/list-total.ts';
import type { Role, User } from '../../../shared/accounts.ts';
import { grantRefusal, mayGrantRole } from '../../../shared/account-grants.ts';
import type { Db } from '../../db/schema.ts';
import { DB_TRUE, fromBool, isUniqueViolation, toBool } from '../../db/dialect.ts';
import type { Actor, ScopedRegion } from '../../platform/access.ts';
import { type AuditContext, audit } from '../../platform/audit.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { UUID_RE, newId, nowIso } from '../../platform/ids.ts';
import { decodeCursor, page } from '../../platform/paging.ts';
import { hashPassword } from '../../platform/passwords.ts';
import { afterCommit } from '../../platform/transaction.ts';
import { invalidateCaches } from '../../platform/ttl-cache.ts';
import { toUser } from './accounts.service.ts';
import * as q from './accounts.queries.ts';
import type { UserRow } from './accounts.tables.ts';
import { assertAcceptablePassword } from './password-change.service.ts';
import { regionFields } from '../regions/regions.queries.ts';

export async function listUsers(db: Db, scope: ScopedRegion, query: { q?: string; limit: number; cursor?: string }) {
  const after = decodeCursor(query.cursor);
  const [rows, total] = await Promise.all([
    q.listUsersInSubtree(db, scope.path, { q: query.q, afterId: after === undefined ? undefined : String(after), limit: query.limit }),
    totalOnFirstPage(db, query.cursor, q.usersFiltered(db, scope.path, query)),
  ]);
  return { ...page(rows, query.limit, (r) => r.id, toUser), total };
}

export async function getUser(db: Db, id: string): Promise<User> {
  const row = await q.findUserById(db, id);
  if (!row) throw notFound('user');
  return toUser(row);
}

/** Refuses binding an account with `role` to region `regionId` unless `actor` may grant exactly that. */
async function assertMayGrant(tx: Db, actor: Actor, role: Role, regionId: number): Promise<void> {
  const region = await regionFields(tx, regionId, ['path', 'level', 'active']);
  if (!region) throw new AppError('NOT_FOUND', `regionId: no region ${regionId}`, [{ path: 'regionId', message: 'no such region' }]);
  const refusal = grantRefusal(actor, { role, region: { path: region.path, level: region.level, active: toBool(region.active) } });
  if (!refusal) return;
  const code = refusal.kind === 'forbidden' ? (refusal.path === 'regionId' ? 'OUT_OF_SCOPE' : 'FORBIDDEN') : 'UNPROCESSABLE';
  throw new AppError(code, `${refusal.path}: ${refusal.message}`, [{ path: refusal.path, message: refusal.message }]);
}

export async function createUser(
  tx: Db,
  ctx: AuditContext,
  actor: Actor,
  input: { username: string; displayName: string; role: Role; regionId: number; password: string; phone?: string },
): Promise<User> {
  await assertMayGrant(tx, actor, input.role, input.regionId);
  assertAcceptablePassword(input.password, { username: input.username, displayName: input.displayName }, 'password');
  const now = nowIso();
  const row: UserRow = {
    id: newId(),
    username: input.username,
    display_name: input.displayName,
    role: input.role,
    region_id: input.regionId,
    password_hash: await hashPassword(input.password),
    phone: input.phone ?? null,
    active: DB_TRUE,
    // The manager knows this first password: the account chooses its own at first sign-in.
    must_change_password: DB_TRUE,
    created_by: actor.userId,
    granted_by: actor.userId,
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
  await audit(tx, ctx, { action: 'create', entity: 'user', entityId: row.id, regionId: row.region_id, details: { username: row.username, role: row.role, regionId: row.region_id } });
  return toUser(row);
}

type UserPatch = { displayName?: string; role?: Role; regionId?: number; active?: boolean; password?: string; phone?: string | null };

/** One's own account: a name or a phone; role, region and status are someone else's to grant. */
function assertSelfEdit(patch: UserPatch): void {
  for (const field of ['role', 'regionId', 'active'] as const) {
    if (patch[field] !== undefined) throw new AppError('FORBIDDEN', `${field}: you cannot change your own role, region or status`, [{ path: field, message: 'not on your own account' }]);
  }
  if (patch.password !== undefined) {
    throw new AppError('FORBIDDEN', 'password: change your own password with POST /api/v1/auth/password and your current password', [{ path: 'password', message: 'use the change-password page' }]);
  }
}

export async function patchUser(tx: Db, ctx: AuditContext, actor: Actor, id: string, patch: UserPatch): Promise<User> {
  const row = await q.findUserById(tx, id);
  if (!row) throw notFound('user');
  if (id === actor.userId) assertSelfEdit(patch);
  else if (!mayGrantRole(actor.role, row.role as Role)) {
    // An account at or above one's own level (or of a role one may not grant) is not one's to change.
    throw new AppError('FORBIDDEN', `id: you may not change an account with the role ${row.role}`, [{ path: 'id', message: 'not an account you manage' }]);
  }
  const role = patch.role ?? (row.role as Role);
  const regionId = patch.regionId ?? row.region_id;
  const moved = role !== row.role || regionId !== row.region_id;
  const reEnabled = patch.active === true && !toBool(row.active);
  if (moved || reEnabled) await assertMayGrant(tx, actor, role, regionId);
  if (patch.password !== undefined) {
    assertAcceptablePassword(patch.password, { username: row.username, displayName: patch.displayName ?? row.display_name }, 'password');
  }

  const now = nowIso();
  const set: Partial<UserRow> = { updated_at: now };
  const changed: string[] = [];
  if (patch.displayName !== undefined) (set.display_name = patch.displayName), changed.push('displayName');
  if (moved) (set.role = role), (set.region_id = regionId);
  if (patch.active !== undefined) (set.active = fromBool(patch.active)), changed.push('active');
  if (patch.phone !== undefined) (set.phone = patch.phone), changed.push('phone');
  if (patch.password !== undefined) {
    set.password_hash = await hashPassword(patch.password);
    set.must_change_password = DB_TRUE;
    changed.push('password');
  }
  // What the account may do or how it signs in changed: this manager now answers for it.
  if (moved || patch.active !== undefined || patch.password !== undefined) set.granted_by = actor.userId;
  await tx.updateTable('users').set(set).where('id', '=', id).execute();
  afterCommit(tx, invalidateCaches); // role, region or status may have changed for a cached session
  // A reset password or a disabled account ends every open session and token of that user.
  if (patch.password !== undefined || patch.active === false) await q.revokeSessionsOf(tx, id, now);

  if (moved) {
    await audit(tx, ctx, {
      action: 'change_role',
      entity: 'user',
      entityId: id,
      regionId,
      details: { before: { role: row.role, regionId: row.region_id }, after: { role, regionId } },
    });
  }
  if (changed.length) {
    const action = patch.password !== undefined ? 'reset_password' : patch.active === false ? 'disable' : 'update';
    await audit(tx, ctx, { action, entity: 'user', entityId: id, regionId, details: { fields: changed } });
  }
  const updated = await q.findUserById(tx, id);
  if (!updated) throw notFound('user');
  return toUser(updated);
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

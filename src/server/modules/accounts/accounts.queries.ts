import { sql } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../../db/schema.ts';
import { subtreeRange } from '../../platform/access.ts';
import type { UsersTable } from './accounts.tables.ts';
import { inLevelledSubtree } from '../regions/regions.queries.ts';
import { DB_TRUE } from '../../db/dialect.ts';

export function findActiveSession(db: Db, tokenHash: string, kind: string, now: string) {
  return db
    .selectFrom('auth_sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .innerJoin('regions as r', 'r.id', 'u.region_id')
    .select([
      's.id as session_id',
      's.csrf_token',
      'u.id as user_id',
      'u.username',
      'u.display_name',
      'u.role',
      'u.region_id',
      'u.must_change_password',
      'r.path as region_path',
      'r.level as region_level',
    ])
    .where('s.token_hash', '=', tokenHash)
    .where('s.kind', '=', kind)
    .where('s.revoked_at', 'is', null)
    .where('s.expires_at', '>', now)
    .where('u.active', '=', DB_TRUE)
    .executeTakeFirst();
}

export const findUserById = (db: Db, id: string) => db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
export const findUserByName = (db: Db, username: string) =>
  db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();

/** The accounts of a subtree matching a list's search, before paging (the list and its total): the level's (level id, id) index range. */
export function usersFiltered(db: Db, path: string, opts: { q?: string }) {
  let q = db.selectFrom('users as u').selectAll('u').where(inLevelledSubtree(db, path, 'u'));
  if (opts.q) {
    const like = `%${opts.q.replace(/[\\%_]/g, '')}%`;
    q = q.where((eb) => eb.or([eb('u.username', 'like', like), eb('u.display_name', 'like', like)]));
  }
  return q;
}

/** A page of accounts in id order, with each one's region name. */
export function pageOfUsers(db: Db, path: string, opts: { q?: string; afterId?: string; limit: number }) {
  let q = usersFiltered(db, path, opts);
  if (opts.afterId) q = q.where('u.id', '>', opts.afterId);
  return q.innerJoin('regions as r', 'r.id', 'u.region_id').select('r.name as region_name').orderBy('u.id').limit(opts.limit + 1);
}

export const listUsersInSubtree = (...args: Parameters<typeof pageOfUsers>) => pageOfUsers(...args).execute();

export const revokeSessionsOf = (db: Db, userId: string, now: string, exceptId?: string) => {
  let q = db.updateTable('auth_sessions').set({ revoked_at: now }).where('user_id', '=', userId).where('revoked_at', 'is', null);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return q.execute();
};

/**
 * Did either account create the other, or last change what the other can do or sign in with?
 * Then whoever holds the one could have acted as the other: not two pairs of eyes.
 */
export async function accountsLinked(db: Db, a: string, b: string): Promise<boolean> {
  const rows = await db.selectFrom('users').select(['id', 'created_by', 'granted_by']).where('id', 'in', [a, b]).execute();
  return rows.some((row) => {
    const other = row.id === a ? b : a;
    return row.created_by === other || row.granted_by === other;
  });
}

/** Wrong current passwords given by this account since `sinceMs` (each is audited). */
export async function passwordChangeFailuresSince(db: Db, userId: string, sinceMs: number): Promise<number> {
  // Audit ids are UUIDv7: the smallest id of that millisecond bounds the (user_id, id) index
  // range, so an account with years of audited reads is not scanned whole.
  const firstId = uuidv7({ msecs: sinceMs, random: new Uint8Array(16), seq: 0 });
  const row = await db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('user_id', '=', userId)
    .where('id', '>=', firstId)
    .where('action', '=', 'change_password_failed')
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Accounts named as the audit log shows them: display name and username. */
export async function userEntityNames(db: Db, ids: readonly string[]) {
  const rows = await db.selectFrom('users').select(['id', 'display_name', 'username']).where('id', 'in', ids as string[]).execute();
  return rows.map((u) => ({ id: u.id, name: `${u.display_name}（${u.username}）` }));
}

/** Usernames by account id (the audit log shows who acted). */
export async function usernamesById(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'username']).where('id', 'in', unique).execute();
  return new Map(rows.map((u) => [u.id, u.username]));
}

// ---------------------------------------------------------------- staff names for other modules
// Other modules show who did something (a check, a decision, an edit) and pick accounts (a
// monitor, a task's owner); they read the users table through these, so its shape stays here.

/** A user's display name as a scalar subquery on the column holding the user's id ('e.user_id'). */
export const displayNameOf = (userIdColumn: string) =>
  sql<string | null>`(select acct.display_name from users acct where acct.id = ${sql.ref(userIdColumn)})`;

/** Display names by account id. */
export async function displayNamesById(db: Db, userIds: readonly (string | null)[]): Promise<Map<string, string>> {
  const ids = [...new Set(userIds.filter((x): x is string => x !== null))];
  if (!ids.length) return new Map();
  const rows = await displayNamesQuery(db, ids)!.execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

/** The statement of displayNamesById (null for no ids), for a request that sends it with other reads. */
export const displayNamesQuery = (db: Db, userIds: readonly string[]) =>
  userIds.length === 0 ? null : db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', userIds);

/** Display names and roles by account id. */
export async function accountsById(db: Db, userIds: readonly (string | null)[]): Promise<Map<string, { name: string; role: string }>> {
  const ids = [...new Set(userIds.filter((x): x is string => x !== null))];
  if (!ids.length) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'display_name', 'role']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, { name: r.display_name, role: r.role }]));
}

/** One account's display name, or null. */
export async function displayNameById(db: Db, userId: string | null): Promise<string | null> {
  if (!userId) return null;
  const row = await db.selectFrom('users').select('display_name').where('id', '=', userId).executeTakeFirst();
  return row?.display_name ?? null;
}

/** An account with its region's path: whether it may own or do something somewhere. */
export const accountWithRegion = (db: Db, id: string) =>
  db
    .selectFrom('users as u')
    .innerJoin('regions as r', 'r.id', 'u.region_id')
    .select(['u.id', 'u.display_name', 'u.role', 'u.active', 'r.path as region_path'])
    .where('u.id', '=', id)
    .executeTakeFirst();

/** Whether `userId` is an active account of one of `roles` inside the subtree at `path`. */
export async function isActiveAccountIn(db: Db, userId: string, path: string, roles: readonly string[]): Promise<boolean> {
  const [lo, hi] = subtreeRange(path);
  const row = await db
    .selectFrom('users as u')
    .innerJoin('regions as r', 'r.id', 'u.region_id')
    .select(['u.id'])
    .where('u.id', '=', userId)
    .where('u.active', '=', DB_TRUE)
    .where('u.role', 'in', roles as UsersTable['role'][])
    .where('r.path', '>=', lo)
    .where('r.path', '<', hi)
    .executeTakeFirst();
  return row !== undefined;
}

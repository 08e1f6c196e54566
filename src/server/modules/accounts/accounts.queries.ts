import type { Db } from '../../db/schema.ts';
import { subtreeRange } from '../../platform/access.ts';

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
      'r.path as region_path',
      'r.level as region_level',
    ])
    .where('s.token_hash', '=', tokenHash)
    .where('s.kind', '=', kind)
    .where('s.revoked_at', 'is', null)
    .where('s.expires_at', '>', now)
    .where('u.active', '=', 1)
    .executeTakeFirst();
}

export const findUserById = (db: Db, id: string) => db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
export const findUserByName = (db: Db, username: string) =>
  db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();

export function listUsersInSubtree(db: Db, path: string, opts: { q?: string; afterId?: string; limit: number }) {
  const [lo, hi] = subtreeRange(path);
  let q = db
    .selectFrom('users as u')
    .innerJoin('regions as r', 'r.id', 'u.region_id')
    .selectAll('u')
    .select('r.name as region_name')
    .where('r.path', '>=', lo)
    .where('r.path', '<', hi);
  if (opts.q) {
    const like = `%${opts.q.replace(/[\\%_]/g, '')}%`;
    q = q.where((eb) => eb.or([eb('u.username', 'like', like), eb('u.display_name', 'like', like)]));
  }
  if (opts.afterId) q = q.where('u.id', '>', opts.afterId);
  return q.orderBy('u.id').limit(opts.limit + 1).execute();
}

export const revokeSessionsOf = (db: Db, userId: string, now: string, exceptId?: string) => {
  let q = db.updateTable('auth_sessions').set({ revoked_at: now }).where('user_id', '=', userId).where('revoked_at', 'is', null);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return q.execute();
};

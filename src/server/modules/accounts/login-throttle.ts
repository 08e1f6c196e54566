// Failed sign-ins are counted per account and per address in the database, so the limits
// hold across instances and restarts. A success clears the account's count.
import type { Db } from '../../db/schema.ts';
import { AppError } from '../../platform/errors.ts';

export const THROTTLE = {
  windowMs: 15 * 60_000,
  lockMs: 15 * 60_000,
  perAccount: 5,
  perAddress: 30,
} as const;

function lockedError(until: string, what: 'account' | 'address'): AppError {
  const seconds = Math.max(1, Math.ceil((Date.parse(until) - Date.now()) / 1000));
  const minutes = Math.ceil(seconds / 60);
  const who = what === 'account' ? 'this account' : 'this network address';
  return new AppError(
    'TOO_MANY_REQUESTS',
    `Too many failed sign-ins for ${who}; try again in ${minutes} minute${minutes === 1 ? '' : 's'}`,
    undefined,
    { 'retry-after': String(seconds) },
  );
}

export async function assertNotLocked(db: Db, username: string, ip: string): Promise<void> {
  const now = new Date().toISOString();
  const rows = await db
    .selectFrom('login_throttle')
    .selectAll()
    .where('key', 'in', [`user:${username}`, `ip:${ip}`])
    .execute();
  for (const row of rows) {
    if (row.locked_until && row.locked_until > now) throw lockedError(row.locked_until, row.key.startsWith('user:') ? 'account' : 'address');
  }
}

export async function recordFailure(db: Db, username: string, ip: string): Promise<void> {
  const now = Date.now();
  for (const [key, limit] of [
    [`user:${username}`, THROTTLE.perAccount],
    [`ip:${ip}`, THROTTLE.perAddress],
  ] as const) {
    const row = await db.selectFrom('login_throttle').selectAll().where('key', '=', key).executeTakeFirst();
    const fresh = !row || Date.parse(row.window_start) < now - THROTTLE.windowMs;
    const failures = fresh ? 1 : row.failures + 1;
    const values = {
      failures,
      window_start: fresh ? new Date(now).toISOString() : row.window_start,
      locked_until: failures >= limit ? new Date(now + THROTTLE.lockMs).toISOString() : null,
    };
    if (row) await db.updateTable('login_throttle').set(values).where('key', '=', key).execute();
    else await db.insertInto('login_throttle').values({ key, ...values }).onConflict((oc) => oc.column('key').doUpdateSet(values)).execute();
  }
}

export const clearFailures = (db: Db, username: string) =>
  db.deleteFrom('login_throttle').where('key', '=', `user:${username}`).execute();

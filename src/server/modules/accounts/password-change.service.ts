// Passwords: the strength rule every new password meets, and every account changing its own
// with its current one (which ends its other sessions and tokens, and lifts the must-change flag).
import type { Kysely } from 'kysely';
import type { Me } from '../../../shared/accounts.ts';
import { PASSWORD_PROBLEM_MESSAGES, type PasswordOwner, passwordProblem } from '../../../shared/password-strength.ts';
import type { DB, Db } from '../../db/schema.ts';
import type { Actor } from '../../platform/access.ts';
import { type AuditContext, audit } from '../../platform/audit.ts';
import { AppError, invalid } from '../../platform/errors.ts';
import { nowIso } from '../../platform/ids.ts';
import { hashPassword, verifyPassword } from '../../platform/passwords.ts';
import { afterCommit } from '../../platform/transaction.ts';
import { invalidateCaches } from '../../platform/ttl-cache.ts';
import { me } from './accounts.service.ts';
import * as q from './accounts.queries.ts';
import { DB_FALSE } from '../../db/dialect.ts';

/** Refuses a password that is short, names its account, or that zxcvbn rates easy to guess (400, on `path`). */
export function assertAcceptablePassword(password: string, owner: PasswordOwner, path: string): void {
  const problem = passwordProblem(password, owner);
  if (problem) throw invalid(path, PASSWORD_PROBLEM_MESSAGES[problem]);
}

/** Wrong current passwords allowed per account in a window, so a borrowed session cannot guess it. */
export const PASSWORD_CHANGE_LIMIT = { failures: 5, windowMs: 15 * 60_000 } as const;

/** A wrong current password: the route audits it after the change's transaction rolled back. */
export class WrongCurrentPassword extends AppError {
  constructor() {
    super('UNPROCESSABLE', 'currentPassword: this is not your current password', [{ path: 'currentPassword', message: 'not your current password' }]);
  }
}

/** Audits a wrong current password in its own transaction (it counts towards the limit). */
export async function recordWrongCurrentPassword(db: Kysely<DB>, ctx: AuditContext, actor: Actor): Promise<void> {
  await db.transaction().execute((tx) =>
    audit(tx, ctx, { action: 'change_password_failed', entity: 'user', entityId: actor.userId, regionId: actor.regionId }),
  );
}

async function assertUnderLimit(tx: Db, actor: Actor): Promise<void> {
  const since = Date.now() - PASSWORD_CHANGE_LIMIT.windowMs;
  if ((await q.passwordChangeFailuresSince(tx, actor.userId, since)) < PASSWORD_CHANGE_LIMIT.failures) return;
  const minutes = Math.ceil(PASSWORD_CHANGE_LIMIT.windowMs / 60_000);
  throw new AppError('TOO_MANY_REQUESTS', `Too many wrong current passwords; try again in ${minutes} minutes`, undefined, { 'retry-after': String(minutes * 60) });
}

/**
 * Sets the account's own new password once the current one is right; its other sessions and
 * tokens end. A wrong current password throws WrongCurrentPassword for the route to record.
 */
export async function changePassword(tx: Db, ctx: AuditContext, actor: Actor, input: { currentPassword: string; newPassword: string }): Promise<Me> {
  await assertUnderLimit(tx, actor);
  const user = await q.findUserById(tx, actor.userId);
  if (!user) throw new AppError('UNAUTHENTICATED', 'Sign in first');
  if (!(await verifyPassword(input.currentPassword, user.password_hash))) throw new WrongCurrentPassword();
  if (input.newPassword === input.currentPassword) throw invalid('newPassword', 'must differ from the current password');
  assertAcceptablePassword(input.newPassword, { username: user.username, displayName: user.display_name }, 'newPassword');
  const now = nowIso();
  // granted_by stays: the owner's own change does not undo who last granted the account.
  await tx
    .updateTable('users')
    .set({ password_hash: await hashPassword(input.newPassword), must_change_password: DB_FALSE, updated_at: now })
    .where('id', '=', actor.userId)
    .execute();
  // Whoever knew the old password may hold a session or token made with it: this one stays.
  await q.revokeSessionsOf(tx, actor.userId, now, actor.sessionId);
  afterCommit(tx, invalidateCaches);
  await audit(tx, ctx, { action: 'change_password', entity: 'user', entityId: actor.userId, regionId: actor.regionId });
  return me(tx, actor);
}

// Answers that tell an account a record exists outside its region are kept, not only the reads
// of records it may see. "Already registered in another region" is how a grid worker learns to
// ask for a transfer, so the answer stays; but an account that asks about many other regions'
// people is walking a list of ID numbers to learn who lives where. Each such answer is an audit
// entry, and when one account's answers name more than ENUMERATION_ALERT.people distinct records
// within ENUMERATION_ALERT.minutes, one alert entry is written for the auditors. Counted in the
// audit log (its user index, by time-ordered id), so the count holds across instances.
import type { Kysely } from 'kysely';
import { ENUMERATION_ALERT, ENUMERATION_SUSPECTED, OUT_OF_REGION_ANSWER } from '../../shared/audit.ts';
import { bulkInsert } from '../db/fast-insert.ts';
import type { DB } from '../db/schema.ts';
import { type AuditContext, audit } from './audit.ts';
import { firstIdAt, newId, nowIso } from './ids.ts';

export interface OutOfRegionAnswer {
  entity: string;
  entityId: string;
  /** The region of the record the answer named. */
  regionId: number;
}

/**
 * Records the answers an account was given (in a transaction of its own: the request that gave
 * them may have rolled back) and raises the alert when they cross the limit. At most one alert
 * per account and window: the account's row is held while counting, so two answers at once
 * cannot both raise it.
 */
export async function recordOutOfRegionAnswers(db: Kysely<DB>, ctx: AuditContext, answers: readonly OutOfRegionAnswer[]): Promise<void> {
  const userId = ctx.userId;
  if (!userId || answers.length === 0) return;
  await db.transaction().execute(async (tx) => {
    // A no-op update: PostgreSQL holds the row until commit; SQLite has one writer anyway.
    await tx.updateTable('users').set((eb) => ({ id: eb.ref('id') })).where('id', '=', userId).execute();
    const at = nowIso();
    await bulkInsert(
      tx,
      'audit_log',
      answers.map((a) => ({ id: newId(), at, user_id: userId, action: OUT_OF_REGION_ANSWER, entity: a.entity, entity_id: a.entityId, region_id: a.regionId, ip: ctx.ip, purpose: null, details: null })),
    );
    const since = firstIdAt(new Date(Date.now() - ENUMERATION_ALERT.minutes * 60_000));
    const recent = tx.selectFrom('audit_log').where('user_id', '=', userId).where('id', '>=', since);
    const counted = await recent
      .select((eb) => eb.fn.count<number>('entity_id').distinct().as('n'))
      .where('action', '=', OUT_OF_REGION_ANSWER)
      .executeTakeFirstOrThrow();
    const people = Number(counted.n);
    if (people <= ENUMERATION_ALERT.people) return;
    if (await recent.select('id').where('action', '=', ENUMERATION_SUSPECTED).executeTakeFirst()) return;
    const account = await tx.selectFrom('users').select('region_id').where('id', '=', userId).executeTakeFirst();
    await audit(tx, ctx, {
      action: ENUMERATION_SUSPECTED,
      entity: 'user',
      entityId: userId,
      regionId: account?.region_id ?? null,
      details: { people, minutes: ENUMERATION_ALERT.minutes, limit: ENUMERATION_ALERT.people },
    });
  });
}

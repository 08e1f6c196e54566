// Sign-in attempt counters. Every attempt is taken from its counters in one atomic step
// *before* its password is checked, so however many guesses arrive at once, no more than the
// limit are ever checked. Two kinds:
// - a series (an account with one address, or with one trusted browser): `free` attempts, then
//   a pause before each further one, growing (1, 2, 4 … minutes); forgotten after a quiet spell;
// - a window (an account across addresses, an address's unknown usernames): at most `bound`
//   attempts in a fixed window.
// Kept in the database (this file: both dialects, shared by every instance) or in Redis
// (login-attempts.redis.ts) when REDIS_URL is set.
import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../db/schema.ts';

export interface SeriesRule {
  /** Attempts checked before the first pause. */
  free: number;
  /** The pause after the attempt that reaches `free`, and after each one since; the last repeats. */
  pausesMs: readonly number[];
  /** A series left alone this long after its pause is forgotten. */
  quietMs: number;
}

export interface WindowRule {
  bound: number;
  windowMs: number;
}

/** Taken: the attempt may be checked (its number in the counter); else how long to wait. */
export type Taken = { ok: true; attempts: number } | { ok: false; retryAfterMs: number };

export interface AttemptCounters {
  takeInSeries(key: string, rule: SeriesRule, now: number): Promise<Taken>;
  takeInWindow(key: string, rule: WindowRule, now: number): Promise<Taken>;
  /** Would takeInWindow refuse? Reads only. */
  windowFull(key: string, rule: WindowRule, now: number): Promise<Taken>;
  /** Returns one attempt taken from a window (refused further on, or it succeeded). */
  giveBack(key: string): Promise<void>;
  /** Forgets a counter: a success ends its series. */
  forget(key: string): Promise<void>;
}

/** The pause that starts with the `attempts`-th attempt of a series (0: none yet). */
export function pauseAfter(rule: SeriesRule, attempts: number): number {
  if (attempts < rule.free) return 0;
  return rule.pausesMs[Math.min(attempts - rule.free, rule.pausesMs.length - 1)] ?? 0;
}

const refusedUntil = (until: number, now: number): Taken => ({ ok: false, retryAfterMs: Math.max(1_000, until - now) });

// Milliseconds since the epoch overflow PostgreSQL's integer: every bound time is cast.
const millis = (value: number): RawBuilder<number> => sql<number>`cast(${value} as bigint)`;
const attemptsCol = sql.ref('login_attempts.attempts');
const blockedCol = sql.ref('login_attempts.blocked_until');
const expiresCol = sql.ref('login_attempts.expires_at');

/** The pause as SQL over an attempt-number expression; the rule's numbers are ours, inlined. */
function pauseSql(rule: SeriesRule, attempts: RawBuilder<number>): RawBuilder<number> {
  const steps = rule.pausesMs.slice(0, -1).map((ms, i) => sql`when ${attempts} = ${sql.lit(rule.free + i)} then ${sql.lit(ms)}`);
  const last = sql.lit(rule.pausesMs[rule.pausesMs.length - 1] ?? 0);
  return sql<number>`(case when ${attempts} < ${sql.lit(rule.free)} then 0 ${sql.join(steps, sql` `)} else ${last} end)`;
}

export function databaseCounters(db: Db): AttemptCounters {
  const until = async (key: string, column: 'blocked_until' | 'expires_at', now: number): Promise<Taken> => {
    const row = await db.selectFrom('login_attempts').select(column).where('key', '=', key).executeTakeFirst();
    return refusedUntil(Number(row?.[column] ?? now), now);
  };
  return {
    async takeInSeries(key, rule, now) {
      const first = pauseAfter(rule, 1);
      const next = sql<number>`(case when ${expiresCol} <= ${millis(now)} then 1 else ${attemptsCol} + 1 end)`;
      const pause = pauseSql(rule, next);
      // One statement: a paused series updates nothing and returns no row.
      const row = await db
        .insertInto('login_attempts')
        .values({ key, attempts: 1, blocked_until: now + first, expires_at: now + first + rule.quietMs })
        .onConflict((oc) =>
          oc
            .column('key')
            .doUpdateSet({
              attempts: next,
              blocked_until: sql<number>`${millis(now)} + ${pause}`,
              expires_at: sql<number>`${millis(now)} + ${pause} + ${sql.lit(rule.quietMs)}`,
            })
            .where(blockedCol, '<=', millis(now)),
        )
        .returning('attempts')
        .executeTakeFirst();
      return row ? { ok: true, attempts: row.attempts } : until(key, 'blocked_until', now);
    },

    async takeInWindow(key, rule, now) {
      const expired = sql<boolean>`${expiresCol} <= ${millis(now)}`;
      const row = await db
        .insertInto('login_attempts')
        .values({ key, attempts: 1, blocked_until: 0, expires_at: now + rule.windowMs })
        .onConflict((oc) =>
          oc
            .column('key')
            .doUpdateSet({
              attempts: sql<number>`case when ${expired} then 1 else ${attemptsCol} + 1 end`,
              expires_at: sql<number>`case when ${expired} then ${millis(now + rule.windowMs)} else ${expiresCol} end`,
            })
            .where((eb) => eb.or([eb(expiresCol, '<=', millis(now)), eb(attemptsCol, '<', rule.bound)])),
        )
        .returning('attempts')
        .executeTakeFirst();
      return row ? { ok: true, attempts: row.attempts } : until(key, 'expires_at', now);
    },

    async windowFull(key, rule, now) {
      const row = await db.selectFrom('login_attempts').select(['attempts', 'expires_at']).where('key', '=', key).executeTakeFirst();
      const expiresAt = Number(row?.expires_at ?? 0);
      if (!row || expiresAt <= now || row.attempts < rule.bound) return { ok: true, attempts: row?.attempts ?? 0 };
      return refusedUntil(expiresAt, now);
    },

    async giveBack(key) {
      await db.updateTable('login_attempts').set({ attempts: sql`attempts - 1` }).where('key', '=', key).where('attempts', '>', 0).execute();
    },

    async forget(key) {
      await db.deleteFrom('login_attempts').where('key', '=', key).execute();
    },
  };
}

/** Drops the counters nobody needs any more (the hourly job). */
export async function sweepLoginAttempts(db: Db, now: number): Promise<void> {
  await db.deleteFrom('login_attempts').where('expires_at', '<=', now).execute();
}

// The nightly purge: once per county day at or after 02:00 (before the 03:00 recount, when nobody
// files), claimed in job_runs like every scheduled job and then in purge_runs like a purge
// started by hand — so it never runs beside one, and a run a dead instance left is resumed.
import { AppError } from '../../platform/errors.ts';
import type { ScheduledJob } from '../../platform/jobs.ts';
import { dayIn } from '../../platform/time.ts';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { claimPurge, runPurge } from './purge.service.ts';

export const PURGE_JOB = 'retention-purge';

/** `find`: where the due records are found (purgeFinder); the scheduler's `db` when not given. */
export function purgeJob(deps: { timeZone: string; dataDir: string; find?: Kysely<DB>; hour?: number }): ScheduledJob {
  const hour = deps.hour ?? 2;
  const hourOf = new Intl.DateTimeFormat('en-GB', { timeZone: deps.timeZone, hour: '2-digit', hourCycle: 'h23' });
  return {
    name: PURGE_JOB,
    runKeyAt: (now) => (Number(hourOf.format(now)) >= hour ? dayIn(deps.timeZone, now) : null),
    async run(db, _runKey, now = new Date()) {
      let claimed: Awaited<ReturnType<typeof claimPurge>>;
      try {
        claimed = await db.transaction().execute((tx) => claimPurge(tx, { userId: null, ip: null }, now));
      } catch (err) {
        // One started by hand is running: tonight's purge is its work.
        if (err instanceof AppError && err.code === 'CONFLICT') return;
        throw err;
      }
      await runPurge({ db, find: deps.find, dataDir: deps.dataDir, timeZone: deps.timeZone }, claimed.run);
    },
  };
}

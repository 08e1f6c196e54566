// Nightly: recount the counters of every county from the records — every module's recount
// (their definitions provide them) but those a module's own daily job already runs. Counters are
// kept with each write, so this normally changes nothing; it repairs drift from a write path
// that forgot to count (or a hand edit of the database) before it can mislead the dashboard.
import type { ScheduledJob } from '../../platform/jobs.ts';
import { dayIn } from '../../platform/time.ts';
import type { CounterRecount } from './recounts.ts';
import { countyRoots } from '../regions/regions.queries.ts';

/** Runs once per county day, at or after `hour` (default 03:00, when nobody files). */
export function reconcileCountersJob(deps: { timeZone: string; recounts: readonly CounterRecount[]; hour?: number }): ScheduledJob {
  const hour = deps.hour ?? 3;
  const hourOf = new Intl.DateTimeFormat('en-GB', { timeZone: deps.timeZone, hour: '2-digit', hourCycle: 'h23' });
  const nightly = deps.recounts.filter((r) => r.nightly);
  return {
    name: 'reconcile-counters',
    runKeyAt: (now) => (Number(hourOf.format(now)) >= hour ? dayIn(deps.timeZone, now) : null),
    async run(db) {
      const counties = await countyRoots(db);
      for (const c of counties) {
        for (const recount of nightly) await recount.rebuild(db, c.path);
      }
    },
  };
}

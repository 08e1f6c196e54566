// Nightly: recount the people, checkpoint, quarantine, family-event and inspection counters of every county from the records. Counters are kept
// with each write, so this normally changes nothing; it repairs drift from a write path that
// forgot to count (or a hand edit of the database) before it can mislead the dashboard.
import type { DialectName } from '../../db/connect.ts';
import type { ScheduledJob } from '../../platform/jobs.ts';
import { dayIn } from '../../platform/time.ts';
import { rebuildCheckpointCounters } from '../checkpoints/checkpoint-counters.ts';
import { rebuildFamilyEventCounters } from '../family-events/family-event-counters.ts';
import { rebuildPeopleCounters } from '../households/people-counters.ts';
import { rebuildInspectionCounters } from '../inspections/inspection-counters.ts';
import { rebuildQuarantineCounters } from '../quarantine/quarantine-counters.ts';
import { rebuildTipCounters } from '../tips/tip-counters.ts';

/** Runs once per county day, at or after `hour` (default 03:00, when nobody files). */
export function reconcileCountersJob(deps: { timeZone: string; dialect: DialectName; hour?: number }): ScheduledJob {
  const hour = deps.hour ?? 3;
  const hourOf = new Intl.DateTimeFormat('en-GB', { timeZone: deps.timeZone, hour: '2-digit', hourCycle: 'h23' });
  return {
    name: 'reconcile-counters',
    runKeyAt: (now) => (Number(hourOf.format(now)) >= hour ? dayIn(deps.timeZone, now) : null),
    async run(db) {
      const counties = await db.selectFrom('regions').select('path').where('parent_id', 'is', null).execute();
      for (const c of counties) {
        await rebuildPeopleCounters(db, deps.dialect, c.path);
        await rebuildCheckpointCounters(db, deps.dialect, c.path);
        await rebuildQuarantineCounters(db, deps.dialect, c.path);
        await rebuildFamilyEventCounters(db, deps.dialect, c.path);
        await rebuildInspectionCounters(db, deps.dialect, c.path);
        await rebuildTipCounters(db, deps.dialect, c.path);
      }
    },
  };
}

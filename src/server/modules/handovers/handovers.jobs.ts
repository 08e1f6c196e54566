// A hand-over the receiving grid left unanswered past the county's deadline becomes overdue and
// climbs the receiver's tree as an overdue rectification task does (platform/escalation.ts):
// first to the grid's village, then one level higher every ESCALATE_EVERY_DAYS, each step a
// live event for the region it reaches. Run hourly, claimed per hour in job_runs; each step is a
// compare-and-set on the level it read, so a retried or overlapping run changes nothing more.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { escalateAgainBefore, escalationTarget } from '../../platform/escalation.ts';
import type { LiveEvent } from '../../platform/events.ts';
import type { ScheduledJob } from '../../platform/jobs.ts';
import { regionFields } from '../regions/regions.queries.ts';
import * as q from './handovers.queries.ts';

export const HANDOVERS_JOB = 'handovers-hourly';

export async function escalateOverdueHandovers(db: Kysely<DB>, now: Date, publish: (e: LiveEvent) => void): Promise<number> {
  const nowText = now.toISOString();
  const due = await q.dueToEscalate(db, nowText, escalateAgainBefore(now));
  let escalated = 0;
  for (const handover of due) {
    const grid = await regionFields(db, handover.to_region_id, ['path']);
    if (!grid) continue;
    const level = Number(handover.escalation_level) + 1;
    const regionId = escalationTarget(grid.path, level);
    if (regionId === null) continue; // already at the top of the tree
    const set = { status: 'overdue' as const, escalation_level: level, escalated_to_region_id: regionId, escalated_at: nowText, updated_at: nowText };
    if (!(await q.updateIfPending(db, handover.id, set, level - 1))) continue;
    escalated += 1;
    const target = await regionFields(db, regionId, ['path']);
    publish({ type: 'handover.escalated', regionPath: target?.path ?? grid.path, data: { id: handover.id, level, regionId } });
  }
  return escalated;
}

/** Due every hour: the run key is the UTC hour, so each hour runs once across instances. */
export function handoversHourlyJob(deps: { publish: (e: LiveEvent) => void; clock?: () => Date }): ScheduledJob {
  return {
    name: HANDOVERS_JOB,
    runKeyAt: (now) => now.toISOString().slice(0, 13),
    async run(db) {
      await escalateOverdueHandovers(db, deps.clock?.() ?? new Date(), deps.publish);
    },
  };
}

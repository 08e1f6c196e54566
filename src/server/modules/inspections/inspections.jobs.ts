// Scheduled work of the inspections module, run hourly and claimed per hour in job_runs
// (platform/jobs.ts): of several instances one runs each hour, and a restart finds it done.
// Both steps are also safe to run twice on their own: each update is a compare-and-set on the
// state it read (status still 'scheduled'; escalation_level still the level it saw), so a
// retried or overlapping run changes nothing more.
// - a scheduled visit more than MISSED_AFTER_HOURS past its time becomes 'missed';
// - an open task past its deadline climbs one level (village → town → county), and one more
//   for every further ESCALATE_EVERY_DAYS it stays open, until it reaches the county.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { LiveEvent } from '../../platform/events.ts';
import { nowIso } from '../../platform/ids.ts';
import type { ScheduledJob } from '../../platform/jobs.ts';
import { ESCALATE_EVERY_DAYS, escalateAgainBefore, escalationTarget } from '../../platform/escalation.ts';
import { regionFields } from '../regions/regions.queries.ts';

export const INSPECTIONS_JOB = 'inspections-hourly';
export const MISSED_AFTER_HOURS = 24;
const HOUR = 3_600_000;

export async function markMissedVisits(db: Kysely<DB>, now: Date, publish: (e: LiveEvent) => void): Promise<number> {
  const before = new Date(now.getTime() - MISSED_AFTER_HOURS * HOUR).toISOString();
  const due = await db
    .selectFrom('inspections as i')
    .innerJoin('regions as r', 'r.id', 'i.region_id')
    .select(['i.id', 'r.path'])
    .where('i.status', '=', 'scheduled')
    .where('i.scheduled_at', '<', before)
    .execute();
  let marked = 0;
  for (const visit of due) {
    const res = await db.updateTable('inspections').set({ status: 'missed', updated_at: nowIso() }).where('id', '=', visit.id).where('status', '=', 'scheduled').executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) continue;
    marked += 1;
    // Once missed, the visit is no secret any more: the village's live view may hear of it.
    publish({ type: 'inspection.missed', regionPath: visit.path, data: { id: visit.id } });
  }
  return marked;
}

// The climb itself (village → town → county) is the platform's rule, shared with hand-overs.
export { ESCALATE_EVERY_DAYS, escalationTarget };

export async function escalateOverdue(db: Kysely<DB>, now: Date, publish: (e: LiveEvent) => void): Promise<number> {
  const nowText = now.toISOString();
  const again = escalateAgainBefore(now);
  const due = await db
    .selectFrom('rectifications as k')
    .innerJoin('regions as r', 'r.id', 'k.region_id')
    .select(['k.id', 'k.escalation_level', 'r.path'])
    .where('k.status', '=', 'open')
    .where('k.due_at', '<', nowText)
    .where((eb) => eb.or([eb('k.escalation_level', '=', 0), eb('k.escalated_at', '<', again)]))
    .execute();
  let escalated = 0;
  for (const task of due) {
    const level = Number(task.escalation_level) + 1;
    const regionId = escalationTarget(task.path, level);
    if (regionId === null) continue; // already at the top of the tree
    const res = await db
      .updateTable('rectifications')
      .set({ escalation_level: level, escalated_to_region_id: regionId, escalated_at: nowText, updated_at: nowText })
      .where('id', '=', task.id)
      .where('status', '=', 'open')
      .where('escalation_level', '=', level - 1)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) continue;
    escalated += 1;
    const target = await regionFields(db, regionId, ['path']);
    publish({ type: 'rectification.escalated', regionPath: target?.path ?? task.path, data: { id: task.id, level, regionId } });
  }
  return escalated;
}

/** Due every hour: the run key is the UTC hour, so each hour runs once across instances. */
export function inspectionsHourlyJob(deps: { publish: (e: LiveEvent) => void; clock?: () => Date }): ScheduledJob {
  return {
    name: INSPECTIONS_JOB,
    runKeyAt: (now) => now.toISOString().slice(0, 13),
    async run(db) {
      const now = deps.clock?.() ?? new Date();
      await markMissedVisits(db, now, deps.publish);
      await escalateOverdue(db, now, deps.publish);
    },
  };
}

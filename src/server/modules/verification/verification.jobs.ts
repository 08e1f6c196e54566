// Overdue verification tasks escalate as rectification tasks do (inspections.jobs.ts): hourly,
// claimed once per hour across instances in job_runs; a task still open past its deadline climbs
// one level above its region, and one more for every further ESCALATE_EVERY_DAYS it stays open,
// until the county. Each update is a compare-and-set on the level it read, so an overlapping or
// retried run changes nothing more.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { LiveEvent } from '../../platform/events.ts';
import type { ScheduledJob } from '../../platform/jobs.ts';
import { ESCALATE_EVERY_DAYS, escalationTarget } from '../inspections/inspections.jobs.ts';
import { regionFields, regionsFields } from '../regions/regions.queries.ts';
import * as q from './verification.queries.ts';

export const VERIFICATION_JOB = 'verification-hourly';
const DAY = 24 * 3_600_000;

export async function escalateOverdueTasks(db: Kysely<DB>, now: Date, publish: (e: LiveEvent) => void): Promise<number> {
  const nowText = now.toISOString();
  const again = new Date(now.getTime() - ESCALATE_EVERY_DAYS * DAY).toISOString();
  const due = await q.overdueToEscalate(db, nowText, again);
  if (due.length === 0) return 0;
  const paths = new Map((await regionsFields(db, [...new Set(due.map((t) => t.region_id))], ['id', 'path'])).map((r) => [r.id, r.path]));
  // A list's deadline passes for thousands of tasks at once: one update per (level, target region).
  const groups = new Map<string, { level: number; regionId: number; path: string; ids: string[] }>();
  for (const task of due) {
    const path = paths.get(task.region_id);
    if (!path) continue;
    const level = Number(task.escalation_level) + 1;
    const regionId = escalationTarget(path, level);
    if (regionId === null) continue; // the county itself: nowhere above
    const key = `${level}:${regionId}`;
    const group = groups.get(key) ?? { level, regionId, path, ids: [] };
    group.ids.push(task.id);
    groups.set(key, group);
  }
  let escalated = 0;
  for (const g of groups.values()) {
    const changed = await db.transaction().execute((tx) => q.escalateTasks(tx, g.ids, g.level, g.regionId, nowText));
    if (changed === 0) continue;
    escalated += changed;
    const target = await regionFields(db, g.regionId, ['path']);
    publish({ type: 'verification.escalated', regionPath: target?.path ?? g.path, data: { level: g.level, regionId: g.regionId, tasks: changed, ids: g.ids.slice(0, 50) } });
  }
  return escalated;
}

export function verificationHourlyJob(deps: { publish: (e: LiveEvent) => void; clock?: () => Date }): ScheduledJob {
  return {
    name: VERIFICATION_JOB,
    runKeyAt: (now) => now.toISOString().slice(0, 13),
    async run(db) {
      await escalateOverdueTasks(db, deps.clock?.() ?? new Date(), deps.publish);
    },
  };
}

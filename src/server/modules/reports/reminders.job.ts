// Each county day at the reminder time (county setting, default 16:00): snapshot the grids that
// have not filed yet, per county root, and tell the live views so the command can chase them.
// claimRun prevents a second run of the same day; the insert also skips a county already
// reminded that day, so a retried run adds nothing twice.
import type { Kysely } from 'kysely';
import { DEFAULT_SETTINGS } from '../../../shared/reports.ts';
import type { DB } from '../../db/schema.ts';
import type { LiveEvent } from '../../platform/events.ts';
import { newId, nowIso } from '../../platform/ids.ts';
import type { ScheduledJob } from '../../platform/jobs.ts';
import { dayIn } from '../../platform/time.ts';
import { gridBoard, missingOf } from './reports.status.ts';
import { lastKnownSettings, readSettings } from './settings.service.ts';
import { clockIn } from './zoned-time.ts';

export const REMINDER_JOB = 'report-reminder';
const REFRESH_MS = 60_000;

export function reportReminderJob(deps: {
  timeZone: string;
  publish: (e: LiveEvent) => void;
  /** With it, the job refreshes the reminder time from the database itself (once a minute). */
  db?: Kysely<DB>;
}): ScheduledJob {
  let refreshedAt = 0;
  let refreshing = false;
  const reminderTime = (): string | null => {
    if (deps.db && !refreshing && Date.now() - refreshedAt > REFRESH_MS) {
      refreshing = true;
      readSettings(deps.db)
        .then(() => (refreshedAt = Date.now()))
        .catch(() => undefined)
        .finally(() => (refreshing = false));
    }
    const known = lastKnownSettings();
    // With a database to read from, wait for the setting rather than guess the default.
    if (!known) return deps.db ? null : DEFAULT_SETTINGS.reminderTime;
    return known.reminderTime;
  };
  return {
    name: REMINDER_JOB,
    runKeyAt(now) {
      const at = reminderTime();
      return at !== null && clockIn(deps.timeZone, now) >= at ? dayIn(deps.timeZone, now) : null;
    },
    async run(db, day) {
      const counties = await db.selectFrom('regions').select(['id', 'path']).where('parent_id', 'is', null).execute();
      for (const county of counties) {
        const done = await db.selectFrom('report_reminders').select('id').where('region_id', '=', county.id).where('day', '=', day).executeTakeFirst();
        if (done) continue;
        const missing = missingOf(await gridBoard(db, county.path, day));
        const res = await db
          .insertInto('report_reminders')
          .values({ id: newId(), region_id: county.id, day, created_at: nowIso(), missing_count: missing.length, missing: JSON.stringify(missing) })
          .onConflict((oc) => oc.columns(['day', 'region_id']).doNothing())
          .executeTakeFirst();
        if (Number(res.numInsertedOrUpdatedRows ?? 0) !== 1) continue;
        deps.publish({ type: 'report.reminder', regionPath: county.path, data: { date: day, missing: missing.map((m) => ({ regionId: m.regionId, name: m.name, parentNames: m.parentNames, returned: m.returned })) } });
      }
    },
  };
}

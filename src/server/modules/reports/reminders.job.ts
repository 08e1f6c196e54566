// Each county day at the reminder time (county setting, default 16:00): snapshot the grids that
// have not filed yet, per county root, and tell the live views so the command can chase them.
// claimRun prevents a second run of the same day; the insert also skips a county already
// reminded that day, so a retried run adds nothing twice.
import type { LiveEvent } from '../../platform/events.ts';
import { newId, nowIso } from '../../platform/ids.ts';
import type { ScheduledJob } from '../../platform/jobs.ts';
import { dayIn } from '../../platform/time.ts';
import { gridBoard, missingOf } from './reports.status.ts';
import type { CountySettingsStore } from './settings.service.ts';
import { clockIn } from '../../platform/zoned-time.ts';
import { countyRoots } from '../regions/regions.queries.ts';

export const REMINDER_JOB = 'report-reminder';
const REFRESH_MS = 60_000;

export function reportReminderJob(deps: {
  timeZone: string;
  publish: (e: LiveEvent) => void;
  /** The county settings: the job refreshes the reminder time from them once a minute. */
  settings: Pick<CountySettingsStore, 'read' | 'lastKnown'>;
}): ScheduledJob {
  let refreshedAt = 0;
  let refreshing = false;
  const reminderTime = (): string | null => {
    if (!refreshing && Date.now() - refreshedAt > REFRESH_MS) {
      refreshing = true;
      deps.settings
        .read()
        .then(() => (refreshedAt = Date.now()))
        .catch(() => undefined)
        .finally(() => (refreshing = false));
    }
    // Until the setting is read, wait for it rather than guess the default.
    return deps.settings.lastKnown()?.reminderTime ?? null;
  };
  return {
    name: REMINDER_JOB,
    runKeyAt(now) {
      const at = reminderTime();
      return at !== null && clockIn(deps.timeZone, now) >= at ? dayIn(deps.timeZone, now) : null;
    },
    async run(db, day) {
      const counties = await countyRoots(db);
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

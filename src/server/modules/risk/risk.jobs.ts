// Once a county day (after 00:10 county time): every county recomputed, since "arrived within
// 14 days" and "fever in the last 7 days" expire with the calendar, not with a write. claimRun
// (platform/jobs.ts) keeps a second instance from running the same day; the run also recounts
// the risk counters, so it is the risk colours' nightly reconciliation too.
import type { ScheduledJob } from '../../platform/jobs.ts';
import { dayIn } from '../../platform/time.ts';
import { clockIn } from '../../platform/zoned-time.ts';
import { insertRiskJob, runRiskJob } from './risk.recompute.ts';
import { countyRoots } from '../regions/regions.queries.ts';

export const RISK_DAILY_JOB = 'risk-daily-recompute';
export const RISK_DAILY_AT = '00:10';

export function riskDailyJob(deps: { timeZone: string; at?: string }): ScheduledJob {
  const at = deps.at ?? RISK_DAILY_AT;
  return {
    name: RISK_DAILY_JOB,
    runKeyAt: (now) => (clockIn(deps.timeZone, now) >= at ? dayIn(deps.timeZone, now) : null),
    async run(db) {
      const counties = await countyRoots(db);
      for (const c of counties) {
        const jobId = await insertRiskJob(db, c.id, null);
        await runRiskJob({ db, today: dayIn(deps.timeZone) }, jobId);
      }
    },
  };
}

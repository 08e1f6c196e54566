// The scheduled work of one server process. Every instance runs the scheduler; each run is
// claimed in the database (platform/jobs.ts), so N instances on one database run it once, and
// a restart finds what already ran.
import type { FastifyInstance } from 'fastify';
import { startScheduler } from './platform/jobs.ts';
import type { ScheduledJob } from './platform/jobs.ts';
import { reportReminderJob } from './modules/reports/reminders.job.ts';
import { reconcileCountersJob } from './modules/stats/reconcile.job.ts';
import { quarantineMissedCheckJob } from './modules/quarantine/missed-check.job.ts';
import { riskJobs } from './modules/risk/risk.jobs.ts';
import { inspectionJobs } from './modules/inspections/inspections.jobs.ts';
import { loginAttemptsSweepJob } from './modules/accounts/login-attempts.job.ts';

export function scheduledJobs(app: FastifyInstance): ScheduledJob[] {
  return [
    reconcileCountersJob({ timeZone: app.config.timeZone, dialect: app.database.dialect }),
    reportReminderJob({ timeZone: app.config.timeZone, publish: (event) => app.events.publish(event), db: app.db }),
    quarantineMissedCheckJob({ timeZone: app.config.timeZone, publish: (event) => app.events.publish(event) }),
    ...riskJobs(app),
    ...inspectionJobs(app),
    loginAttemptsSweepJob(),
  ];
}

/** Starts ticking every 30 s; returns the stop function. */
export function startScheduledJobs(app: FastifyInstance): () => void {
  return startScheduler(app.db, scheduledJobs(app), app.log);
}

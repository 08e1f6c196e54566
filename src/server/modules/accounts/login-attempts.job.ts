// Hourly: drop the sign-in counters whose series or window is over, so the table holds only
// the last hour's attempts (Redis expires its own keys).
import type { ScheduledJob } from '../../platform/jobs.ts';
import { sweepLoginAttempts } from './login-attempts.ts';

export function loginAttemptsSweepJob(): ScheduledJob {
  return {
    name: 'sweep-login-attempts',
    runKeyAt: (now) => now.toISOString().slice(0, 13),
    run: (db) => sweepLoginAttempts(db, Date.now()),
  };
}

// Scheduled work (reminders, overdue checks) claims each run in the database before doing it:
// of several instances on one database exactly one wins the insert of (job, runKey), and a
// restart finds the run already claimed. Jobs themselves must be idempotent: a claimed run
// whose instance died is retried after `staleAfterMs` by whoever ticks next.
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import { isUniqueViolation } from '../db/dialect.ts';
import type { DB } from '../db/schema.ts';
import { nowIso } from './ids.ts';

export interface ScheduledJob {
  name: string;
  /** The run this moment belongs to (e.g. '2026-11-29' for a daily job), or null: not due. */
  runKeyAt(now: Date): string | null;
  /** `now`: the moment the tick that runs it belongs to (a job may say it ran late). */
  run(db: Kysely<DB>, runKey: string, now?: Date): Promise<void>;
}

export async function claimRun(db: Kysely<DB>, job: string, runKey: string, staleAfterMs = 15 * 60_000): Promise<boolean> {
  try {
    await db.insertInto('job_runs').values({ job, run_key: runKey, claimed_at: nowIso(), finished_at: null }).execute();
    return true;
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
  }
  // Taken: reclaim it only if it never finished and its claimer has been silent too long.
  const stale = new Date(Date.now() - staleAfterMs).toISOString();
  const res = await db
    .updateTable('job_runs')
    .set({ claimed_at: nowIso() })
    .where('job', '=', job)
    .where('run_key', '=', runKey)
    .where('finished_at', 'is', null)
    .where('claimed_at', '<', stale)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function finishRun(db: Kysely<DB>, job: string, runKey: string): Promise<void> {
  await db.updateTable('job_runs').set({ finished_at: nowIso() }).where('job', '=', job).where('run_key', '=', runKey).execute();
}

/** Runs each due job once per run key; returns the names of the jobs this call ran. */
export async function tick(db: Kysely<DB>, jobs: readonly ScheduledJob[], now: Date, log?: FastifyBaseLogger): Promise<string[]> {
  const ran: string[] = [];
  for (const job of jobs) {
    const runKey = job.runKeyAt(now);
    if (!runKey || !(await claimRun(db, job.name, runKey))) continue;
    try {
      await job.run(db, runKey, now);
      await finishRun(db, job.name, runKey);
      ran.push(job.name);
    } catch (err) {
      log?.error({ err, job: job.name, runKey }, 'scheduled job failed; it will be retried when its claim goes stale');
    }
  }
  return ran;
}

/** Ticks every `everyMs` until the returned stop function is called. */
export function startScheduler(db: Kysely<DB>, jobs: readonly ScheduledJob[], log: FastifyBaseLogger, everyMs = 30_000): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    tick(db, jobs, new Date(), log)
      .catch((err: unknown) => log.error({ err }, 'scheduler tick failed'))
      .finally(() => {
        running = false;
      });
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}

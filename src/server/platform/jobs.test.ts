import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDatabase, openTestDatabase } from '../../../test/support/db.ts';
import { type ScheduledJob, claimRun, tick } from './jobs.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.drop());

describe('scheduled jobs', () => {
  it('runs a job once per run key even when several instances tick at once', async () => {
    let runs = 0;
    const job: ScheduledJob = {
      name: 'daily-reminder',
      runKeyAt: (now) => now.toISOString().slice(0, 10),
      run: async () => {
        runs += 1;
      },
    };
    const now = new Date('2026-11-29T09:00:00Z');
    const results = await Promise.all([1, 2, 3, 4].map(() => tick(database.db, [job], now)));
    expect(runs).toBe(1);
    expect(results.flat()).toEqual(['daily-reminder']);
    // A restart later the same day does not run it again; the next day does.
    await tick(database.db, [job], new Date('2026-11-29T15:00:00Z'));
    expect(runs).toBe(1);
    await tick(database.db, [job], new Date('2026-11-30T09:00:00Z'));
    expect(runs).toBe(2);
  });

  it('retries a run whose claimer died without finishing, once the claim is stale', async () => {
    expect(await claimRun(database.db, 'overdue', 'k1')).toBe(true);
    expect(await claimRun(database.db, 'overdue', 'k1', 60_000)).toBe(false);
    expect(await claimRun(database.db, 'overdue', 'k1', -1)).toBe(true);
  });

  it('does not mark a failed run finished', async () => {
    let attempts = 0;
    const job: ScheduledJob = {
      name: 'flaky',
      runKeyAt: () => 'once',
      run: async () => {
        attempts += 1;
        throw new Error('boom');
      },
    };
    expect(await tick(database.db, [job], new Date())).toEqual([]);
    const row = await database.db.selectFrom('job_runs').selectAll().where('job', '=', 'flaky').executeTakeFirstOrThrow();
    expect(row.finished_at).toBeNull();
    expect(attempts).toBe(1);
  });
});

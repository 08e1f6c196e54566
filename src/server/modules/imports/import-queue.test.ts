// Imports run a few at a time per server (GRIDGUARD_IMPORT_CONCURRENCY, 1 by default): the rest
// wait `queued`, each job showing how many wait ahead of it, kept fresh while they wait, and
// failed (to be run again) if the server stops before their turn.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, buildTestApp, signIn } from '../../../../test/support/app.ts';
import { STALE_AFTER_MS, claimJob, finishJob, insertJob } from './import-jobs.ts';
import { STOPPED_BEFORE_START } from './import-queue.ts';
import { PERSON_IMPORT_KIND } from './persons-import.service.ts';

let t: TestApp;
let worker: { headers: Record<string, string>; user: { id: string } };
beforeAll(async () => {
  t = await buildTestApp();
  worker = await signIn(t.app, 'grid_worker', t.tree.gridA);
});
afterAll(() => t.close());

/** A job whose run claims it, then waits for `release()` before it finishes. */
async function gatedJob(app: TestApp['app'], owner = { userId: worker.user.id, regionId: t.tree.gridA }) {
  const id = crypto.randomUUID();
  await insertJob(app.db, { id, kind: PERSON_IMPORT_KIND, ...owner, mode: 'valid-rows', fileName: 'p.csv' });
  let release = () => undefined as void;
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  const run = async () => {
    await claimJob(app.db, id);
    await gate;
    await finishJob(app.db, id, { total: 0, imported: 0, rejected: [] });
  };
  return { id, run, release };
}

const view = async (id: string) => {
  const res = await t.app.inject({ method: 'GET', url: `/api/v1/imports/${id}`, headers: worker.headers });
  expect(res.statusCode).toBe(200);
  return res.json<{ status: string; queuePosition?: number; error?: string }>();
};

describe('import queue', () => {
  it('runs one import at a time by default, shows each waiting one its place, and moves them up', async () => {
    expect(t.app.importQueue.concurrency).toBe(1);
    const jobs = [await gatedJob(t.app), await gatedJob(t.app), await gatedJob(t.app)];
    const [first, second, third] = jobs as [(typeof jobs)[number], (typeof jobs)[number], (typeof jobs)[number]];
    for (const job of jobs) t.app.importQueue.add({ id: job.id, run: job.run });
    await expect.poll(async () => (await view(first.id)).status).toBe('running');
    await expect.poll(async () => (await view(third.id)).queuePosition).toBe(1);
    expect(await view(second.id)).toMatchObject({ status: 'queued', queuePosition: 0 });
    expect((await view(first.id)).queuePosition).toBeUndefined();

    // A long wait is not mistaken for a server that died: each move of the queue touches it.
    await t.app.db.updateTable('import_jobs').set({ updated_at: new Date(Date.now() - 2 * STALE_AFTER_MS).toISOString() }).where('id', '=', third.id).execute();
    first.release();
    await expect.poll(async () => (await view(second.id)).status).toBe('running');
    await expect.poll(async () => (await view(third.id)).queuePosition).toBe(0);
    expect((await view(third.id)).status).toBe('queued');

    second.release();
    third.release();
    await expect.poll(async () => (await view(third.id)).status).toBe('done');
    expect(t.app.importQueue.runningCount + t.app.importQueue.waitingCount).toBe(0);
  });

  it('lets the running imports finish when the server stops, and fails the waiting ones with a word to run them again', async () => {
    const other = await buildTestApp({ importConcurrency: 2 });
    try {
      const owner = { userId: (await signIn(other.app, 'grid_worker', other.tree.gridA)).user.id, regionId: other.tree.gridA };
      const jobs = [await gatedJob(other.app, owner), await gatedJob(other.app, owner), await gatedJob(other.app, owner)];
      for (const job of jobs) other.app.importQueue.add({ id: job.id, run: job.run });
      const status = async (id: string) => (await other.app.db.selectFrom('import_jobs').select(['status', 'error']).where('id', '=', id).executeTakeFirstOrThrow()).status;
      await expect.poll(() => status(jobs[1]?.id ?? '')).toBe('running');
      expect(await status(jobs[2]?.id ?? '')).toBe('queued');
      const closing = other.app.close();
      // The waiting one is failed at once; the running ones are awaited.
      await expect.poll(() => status(jobs[2]?.id ?? '')).toBe('failed');
      expect(await status(jobs[0]?.id ?? '')).toBe('running');
      for (const job of jobs) job.release();
      await closing;
      const rows = await other.database.db.selectFrom('import_jobs').select(['id', 'status', 'error']).where('id', 'in', jobs.map((j) => j.id)).execute();
      const byId = new Map(rows.map((r) => [r.id, r]));
      expect(byId.get(jobs[0]?.id ?? '')?.status).toBe('done');
      expect(byId.get(jobs[1]?.id ?? '')?.status).toBe('done');
      expect(byId.get(jobs[2]?.id ?? '')).toMatchObject({ status: 'failed', error: STOPPED_BEFORE_START });
    } finally {
      await other.close();
    }
  });
});

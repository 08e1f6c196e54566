// 核查任务 on the phone: the grid's tasks pulled page by page into the phone's database, an
// outcome queued in the outbox (after a person registered on the phone, when it names them), and
// the server's answer replacing the cached task once the outcome is sent.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { VerificationTask } from '../../shared/verification.ts';
import { FieldDb } from './db.ts';
import { listOutbox } from './outbox.ts';
import { applySyncedTask, cachedTasks, OUTCOME_KIND, pullTasks, queuedOutcomes, queueOutcome } from './verification-tasks.ts';

let db: FieldDb;
beforeEach(() => {
  db = new FieldDb(`tasks-test-${Math.random()}`);
});
afterEach(async () => {
  await db.delete();
});

const task = (id: string, status: VerificationTask['status'] = 'open'): VerificationTask => ({
  id, number: `HC-20261207-${id.slice(-4)}`, listId: 'l', regionId: 7, regionName: '东村第一网格', name: '陈核查', idNumber: '339901********4715', phone: '139****4711',
  address: null, origin: '外地某市', arrivedOn: null, flags: [], status, outcome: null, outcomeNote: null, dueAt: '2026-12-08T00:00:00.000Z', overdue: false,
  routedBy: 'manual', routeReason: 'assigned by hand to 东村第一网格', routeScore: null, personId: null, recordedBy: null, checkedAt: null, reviewNote: null, escalationLevel: 0, escalatedToRegionId: null, version: 1,
});

describe('verification tasks on the phone', () => {
  it('pulls every page into the phone and reads them back with no network', async () => {
    const pages: Record<string, { items: VerificationTask[]; nextCursor: string | null }> = {
      first: { items: [task('0001'), task('0002')], nextCursor: 'c2' },
      c2: { items: [task('0003')], nextCursor: null },
    };
    await pullTasks(db, async (cursor) => pages[cursor ?? 'first'] as (typeof pages)['first']);
    expect((await cachedTasks(db))?.items.map((x) => x.id)).toEqual(['0001', '0002', '0003']);
  });

  it('queues an outcome with the task’s number as its only label, after the person it names', async () => {
    await queueOutcome(db, task('0001'), { outcome: 'present_uncontrolled', personId: '0190f0a0-0000-7000-8000-00000000abcd', startQuarantine: true }, ['0190f0a0-0000-7000-8000-00000000abcd']);
    const [entry] = await listOutbox(db);
    expect(entry).toMatchObject({ method: 'POST', path: '/verification-tasks/0001/outcome', kind: OUTCOME_KIND, summary: 'HC-20261207-0001', entityId: '0001', dependsOn: ['0190f0a0-0000-7000-8000-00000000abcd'] });
    expect(entry?.summary).not.toContain('陈核查');
    expect((await queuedOutcomes(db)).has('0001')).toBe(true);
  });

  it('takes the server’s answer into the copy once the outcome is sent', async () => {
    await pullTasks(db, async () => ({ items: [task('0001'), task('0002')], nextCursor: null }));
    const entry = await queueOutcome(db, task('0001'), { outcome: 'not_found' });
    await applySyncedTask(db, entry, { ...task('0001', 'checked'), outcome: 'not_found', version: 2 });
    const items = (await cachedTasks(db))?.items ?? [];
    expect(items.find((x) => x.id === '0001')).toMatchObject({ status: 'checked', outcome: 'not_found', version: 2 });
    expect(items.find((x) => x.id === '0002')?.status).toBe('open');
    // A proxy's page instead of the task changes nothing.
    await applySyncedTask(db, entry, '<html>');
    expect((await cachedTasks(db))?.items).toHaveLength(2);
  });
});

// Live events reach every subscriber of this process; on PostgreSQL they also reach the other
// instances on the same database (LISTEN/NOTIFY), exactly once, and never echo back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDatabase, openTestDatabase } from '../../../test/support/db.ts';
import { type Database, openDatabase } from '../db/connect.ts';
import { type EventBus, type LiveEvent, createEventBus } from './events.ts';

let database: TestDatabase;
let other: Database | null = null;
beforeAll(async () => {
  database = await openTestDatabase();
  // A second instance: its own pool and listening connection on the same database.
  if (database.dialect === 'postgres') other = openDatabase(database.describe, { poolSize: 2 });
});
afterAll(async () => {
  await other?.close();
  await database.drop();
});

/** Resolves with what the list holds once `count` events have arrived in it. */
function arrivals(list: LiveEvent[], bus: EventBus, count: number): Promise<LiveEvent[]> {
  return new Promise((resolve) => {
    const off = bus.subscribe(() => {
      if (list.length < count) return;
      off();
      resolve([...list]);
    });
  });
}

describe('live events', () => {
  it('reach every subscriber of the process, and stop after unsubscribing', async () => {
    const bus = createEventBus(database);
    const got: LiveEvent[] = [];
    const unsubscribe = bus.subscribe((e) => got.push(e));
    bus.publish({ type: 'report.changed', regionPath: '/1/2/', data: { regionId: 2 } });
    expect(got).toEqual([{ type: 'report.changed', regionPath: '/1/2/', data: { regionId: 2 } }]);
    unsubscribe();
    bus.publish({ type: 'report.changed', regionPath: '/1/3/' });
    expect(got).toHaveLength(1);
    await bus.close();
  });

  it('cross to another instance on the same PostgreSQL database, once, without echo (SQLite: one process, no channel)', async () => {
    if (database.dialect === 'sqlite') {
      // SQLite is one process's file: there is no other instance to reach.
      expect(database.listen).toBeNull();
      expect(database.notify).toBeNull();
      return;
    }
    const a = createEventBus(database);
    const b = createEventBus(other as Database);
    const atA: LiveEvent[] = [];
    const atB: LiveEvent[] = [];
    a.subscribe((e) => atA.push(e));
    b.subscribe((e) => atB.push(e));
    // Both have to be listening before the first NOTIFY.
    await Promise.all([a.ready, b.ready]);
    const twoAtB = arrivals(atB, b, 2);
    a.publish({ type: 'checkpoint.changed', regionPath: '/1/7/', data: { id: 'x', status: 'removed' } });
    // A huge event (a county's reminder list) travels without its data.
    a.publish({ type: 'report.reminder', regionPath: '/1/', data: { missing: 'x'.repeat(20_000) } });
    expect(await twoAtB).toEqual([
      { type: 'checkpoint.changed', regionPath: '/1/7/', data: { id: 'x', status: 'removed' } },
      { type: 'report.reminder', regionPath: '/1/', data: { truncated: true } },
    ]);
    // B answers once it has both. PostgreSQL delivers notifications in commit order, so an echo of
    // A's own two would reach A before B's answer: when the answer is there, no echo came.
    const answerAtA = arrivals(atA, a, 3);
    b.publish({ type: 'report.changed', regionPath: '/1/2/' });
    expect((await answerAtA).map((e) => e.type)).toEqual(['checkpoint.changed', 'report.reminder', 'report.changed']);
    expect(atB.map((e) => e.type)).toEqual(['checkpoint.changed', 'report.reminder', 'report.changed']);
    await a.close();
    await b.close();
  });
});

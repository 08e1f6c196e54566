// One sync loop at a time: the lease in the phone's database used where the Web Locks API is missing.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FieldDb } from './db.ts';
import { LEASE_MS, withSyncLock } from './lock.ts';

let db: FieldDb;
beforeEach(() => {
  db = new FieldDb(`lock-test-${Math.random()}`);
});
afterEach(async () => {
  await db.delete();
});

describe('sync lock (database lease)', () => {
  it('lets one loop run and turns a second one away while the first holds the lease', async () => {
    let release: () => void = () => undefined;
    let holding: () => void = () => undefined;
    const held = new Promise<void>((r) => (holding = r));
    const first = withSyncLock(
      db,
      () =>
        new Promise<string>((r) => {
          release = () => r('first');
          holding();
        }),
      { useWebLocks: false },
    );
    // The loop runs only once the lease is taken.
    await held;
    // A second tab: its own connection to the same database.
    const other = new FieldDb(db.name);
    expect(await withSyncLock(other, async () => 'second', { useWebLocks: false })).toEqual({ ran: false });
    release();
    expect(await first).toEqual({ ran: true, result: 'first' });
    expect(await withSyncLock(other, async () => 'second', { useWebLocks: false })).toEqual({ ran: true, result: 'second' });
    other.close();
  });

  it('takes over a lease left by a closed tab once it has lapsed', async () => {
    await db.meta.put({ key: 'sync-lease', value: { owner: 'dead-tab', expiresAt: Date.now() + LEASE_MS } });
    expect((await withSyncLock(db, async () => 1, { useWebLocks: false })).ran).toBe(false);
    const later = () => Date.now() + LEASE_MS + 1;
    expect(await withSyncLock(db, async () => 1, { useWebLocks: false, now: later })).toEqual({ ran: true, result: 1 });
  });
});

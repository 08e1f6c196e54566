// The phone's database without Dexie: a database Dexie made on a phone before (its layout at
// native version 10) opens with every queued change, which then syncs; a transaction that fails
// halfway leaves nothing behind; writes tell the live queries.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { FieldDb, onAnyChange } from './db.ts';
import { listOutbox } from './outbox.ts';
import { syncOnce } from './sync.ts';

const names: string[] = [];
const fresh = (name: string) => {
  names.push(name);
  return name;
};
afterEach(async () => {
  for (const name of names.splice(0)) await new FieldDb(name).delete();
});

/** What Dexie 4's `version(1).stores({...})` of the old db.ts created, by hand. */
function dexieMadeDatabase(name: string, entry: object): Promise<void> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(name, 10);
    open.onupgradeneeded = () => {
      const db = open.result;
      const outbox = db.createObjectStore('outbox', { keyPath: 'seq', autoIncrement: true });
      outbox.createIndex('id', 'id', { unique: true });
      for (const i of ['status', 'entityId', 'recordId']) outbox.createIndex(i, i);
      db.createObjectStore('households', { keyPath: 'id' }).createIndex('address', 'address');
      db.createObjectStore('persons', { keyPath: 'id' }).createIndex('householdId', 'householdId');
      db.createObjectStore('meta', { keyPath: 'key' });
    };
    open.onsuccess = () => {
      const tx = open.result.transaction('outbox', 'readwrite');
      tx.objectStore('outbox').add(entry);
      tx.oncomplete = () => {
        open.result.close();
        resolve();
      };
      tx.onerror = () => reject(tx.error);
    };
    open.onerror = () => reject(open.error);
  });
}

describe('the phone database', () => {
  it('opens a database Dexie made and sends the change queued in it, with its key', async () => {
    const name = fresh('made-by-dexie');
    const queued = {
      id: 'e1', createdAt: '2026-11-20T08:00:00.000Z', method: 'POST', path: '/households', body: { id: 'h1', address: '城南路 1 号' }, idempotencyKey: 'key-from-before',
      kind: 'household', summary: '城南路 1 号', status: 'pending', attempts: 0, lastError: null, refusedReason: null, syncedAt: null, nextAttemptAt: null, recordId: 'h1', entityId: 'h1',
    };
    await dexieMadeDatabase(name, queued);
    const db = new FieldDb(name);
    expect(await listOutbox(db)).toMatchObject([{ seq: 1, id: 'e1', status: 'pending' }]);
    const keys: (string | null)[] = [];
    const fetch = async (input: string, init: RequestInit = {}) => {
      if (input.endsWith('/auth/me')) return new Response(JSON.stringify({ csrfToken: 't' }), { status: 200 });
      keys.push((init.headers as Record<string, string>)['idempotency-key'] ?? null);
      return new Response(JSON.stringify({ id: 'h1', version: 1 }), { status: 201 });
    };
    expect(await syncOnce(db, { fetch, useWebLocks: false })).toMatchObject({ sent: 1, stop: 'empty' });
    expect(keys).toEqual(['key-from-before']);
    expect((await listOutbox(db))[0]?.status).toBe('synced');
    db.close();
  });

  it('leaves nothing of a transaction that fails halfway, and tells live queries only of writes that happened', async () => {
    const db = new FieldDb(fresh('atomic'));
    let notices = 0;
    const stop = onAnyChange(() => (notices += 1));
    await expect(
      db.transaction('rw', ['households', 'meta'], async (tx) => {
        await tx.households.put({ id: 'h1', address: 'x' } as never);
        await tx.meta.put({ key: 'k', value: 1 });
        throw new Error('the form was wrong');
      }),
    ).rejects.toThrow('the form was wrong');
    expect(await db.households.toArray()).toEqual([]);
    expect(await db.meta.get('k')).toBeUndefined();
    expect(notices).toBe(0);
    await db.meta.put({ key: 'k', value: 2 });
    expect(notices).toBe(1);
    stop();
    db.close();
  });
});

// The home page's copy of the grid: one read of households, people, unsynced rows and the last
// pull; on a reopen of the home page that read begins at the script's start for the account last
// seen on the phone, and is not used once the database was written after it began.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CachedHousehold, CachedPerson } from '../client/offline/db.ts';
import { fieldDbFor } from '../client/offline/db.ts';

const ME = { user: { id: 'u-early', username: 'gw', displayName: '网格员', role: 'grid_worker', regionId: 7, mustChangePassword: false }, region: { id: 7, name: '东河网格', level: 'grid' }, authKind: 'session', csrfToken: null };

/** A phone at `path` with `me` remembered; the module loaded afresh (it holds one early read per page). */
async function phoneAt(path: string, me: object | null) {
  const stored = new Map<string, string>(me ? [['gridguard.lastMe', JSON.stringify(me)]] : []);
  vi.stubGlobal('location', { pathname: path });
  vi.stubGlobal('localStorage', { getItem: (k: string) => stored.get(k) ?? null, setItem: (k: string, v: string) => stored.set(k, v), removeItem: (k: string) => stored.delete(k) });
  vi.resetModules();
  return { ...(await import('./grid-copy.ts')), db: (await import('../client/offline/db.ts')).fieldDbFor(ME.user.id) };
}

afterEach(async () => {
  vi.unstubAllGlobals();
  await fieldDbFor(ME.user.id).delete();
});

async function seed(): Promise<void> {
  const db = fieldDbFor(ME.user.id);
  await db.households.bulkPut([{ id: 'h1', address: '东河村 1 号' } as CachedHousehold, { id: 'h2', address: '东河村 2 号', local: 1 } as CachedHousehold]);
  await db.persons.put({ id: 'p1', householdId: 'h1', name: '张三' } as CachedPerson);
  await db.outbox.add({ id: 'e1', createdAt: '2026-12-07T08:00:00Z', method: 'POST', path: '/households', body: {}, idempotencyKey: 'k1', kind: 'household', summary: '东河村 2 号', status: 'pending', attempts: 0, lastError: null, refusedReason: null, syncedAt: null, nextAttemptAt: null, entityId: 'h2' });
  await db.meta.put({ key: 'last-pull', value: { at: '2026-12-07T07:30:00.000Z', households: 1, persons: 1 } });
  db.close();
}

describe('readGridCopy', () => {
  it('reads households, people, the rows with queued changes and the last pull together', async () => {
    await seed();
    const { readGridCopy, db } = await phoneAt('/field', ME);
    const copy = await readGridCopy(db);
    expect(copy.households.map((h) => h.id).sort()).toEqual(['h1', 'h2']);
    expect(copy.persons.map((p) => p.name)).toEqual(['张三']);
    expect([...copy.unsynced]).toEqual(['h2']);
    expect(copy.pulled).toEqual({ at: '2026-12-07T07:30:00.000Z', households: 1, persons: 1 });
  });
});

describe('the early read', () => {
  it("begins on the home page for the remembered account, and answers that account's database only", async () => {
    await seed();
    const { beginGridRead, earlyGridRead, db } = await phoneAt('/field/', ME);
    beginGridRead();
    const read = earlyGridRead(db);
    expect(read).not.toBeNull();
    expect((await read?.promise)?.households).toHaveLength(2);
    expect(read?.answer?.value.pulled?.households).toBe(1);
    const { fieldDbFor: dbFor } = await import('../client/offline/db.ts');
    expect(earlyGridRead(dbFor('someone-else'))).toBeNull();
  });

  it('does not begin on another page, with no remembered account, or for a role that keeps no copy', async () => {
    for (const [path, me] of [['/field/sync', ME], ['/field', null], ['/field', { ...ME, user: { ...ME.user, role: 'patrol_member' } }]] as const) {
      const { beginGridRead, earlyGridRead, db } = await phoneAt(path, me);
      beginGridRead();
      expect(earlyGridRead(db)).toBeNull();
    }
  });

  it('is marked stale by a write made after it began', async () => {
    await seed();
    const { beginGridRead, earlyGridRead, db } = await phoneAt('/field', ME);
    beginGridRead();
    const read = earlyGridRead(db);
    await read?.promise;
    // The page's own instance of the database module (loaded afresh with grid-copy.ts).
    const { changesSoFar } = await import('../client/offline/db.ts');
    expect(read?.since).toBe(changesSoFar());
    await db.households.put({ id: 'h3', address: '东河村 3 号' } as CachedHousehold);
    expect(read?.since).toBeLessThan(changesSoFar());
  });

  it('lets the first render wait for its answer, and no longer than the wait given', async () => {
    await seed();
    const { beginGridRead, earlyGridRead, gridReadSettled, db } = await phoneAt('/field', ME);
    beginGridRead();
    // Long enough for the read: when it settles, the page's first render has the rows.
    await gridReadSettled(10_000);
    expect(earlyGridRead(db)?.answer?.value.households).toHaveLength(2);
    // No read begun (another page): nothing to wait for.
    const other = await phoneAt('/field/sync', ME);
    other.beginGridRead();
    vi.useFakeTimers();
    try {
      let settled = false;
      void other.gridReadSettled(400).then(() => (settled = true));
      await vi.advanceTimersByTimeAsync(0);
      expect(settled).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });
});

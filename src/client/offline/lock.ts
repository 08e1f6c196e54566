// One sync loop at a time across every tab of the app: two loops would send the same entry
// twice in parallel. The Web Locks API where the browser has it; elsewhere a lease row in the
// phone's database, renewed while the loop runs and taken over once it lapses (a closed tab).
import { v7 } from 'uuid';
import type { FieldDb } from './db.ts';

const LEASE_KEY = 'sync-lease';
export const LEASE_MS = 30_000;

interface Lease {
  owner: string;
  expiresAt: number;
}

interface LockManagerLike {
  request<T>(name: string, options: { ifAvailable: boolean }, callback: (lock: unknown) => Promise<T>): Promise<T>;
}

function webLocks(): LockManagerLike | null {
  const nav = (globalThis as { navigator?: { locks?: LockManagerLike } }).navigator;
  return nav?.locks && typeof nav.locks.request === 'function' ? nav.locks : null;
}

export type Locked<T> = { ran: true; result: T } | { ran: false };

/** Runs `work` if no other loop (this tab or another) holds the sync lock; otherwise not at all. */
export async function withSyncLock<T>(db: FieldDb, work: () => Promise<T>, opts: { useWebLocks?: boolean; now?: () => number } = {}): Promise<Locked<T>> {
  const locks = opts.useWebLocks === false ? null : webLocks();
  if (locks) {
    return locks.request(`${db.name}:sync`, { ifAvailable: true }, async (lock): Promise<Locked<T>> => {
      if (!lock) return { ran: false };
      return { ran: true, result: await work() };
    });
  }
  return withLease(db, work, opts.now ?? Date.now);
}

async function withLease<T>(db: FieldDb, work: () => Promise<T>, now: () => number): Promise<Locked<T>> {
  const owner = v7();
  const take = () =>
    db.transaction('rw', ['meta'], async (tx) => {
      const row = await tx.meta.get(LEASE_KEY);
      const lease = row?.value as Lease | undefined;
      if (lease && lease.owner !== owner && lease.expiresAt > now()) return false;
      await tx.meta.put({ key: LEASE_KEY, value: { owner, expiresAt: now() + LEASE_MS } satisfies Lease });
      return true;
    });
  if (!(await take())) return { ran: false };
  const renew = setInterval(() => void take(), LEASE_MS / 3);
  try {
    return { ran: true, result: await work() };
  } finally {
    clearInterval(renew);
    await db.transaction('rw', ['meta'], async (tx) => {
      const row = await tx.meta.get(LEASE_KEY);
      if ((row?.value as Lease | undefined)?.owner === owner) await tx.meta.delete(LEASE_KEY);
    });
  }
}

// The outbox: every change made on the phone is queued here first and sent later, in order, by
// the sync loop (sync.ts). Refused changes wait in 需处理 until the worker edits and retries or
// discards them: nothing is ever deleted silently.
import { v7 } from 'uuid';
import type { FieldDb, OutboxEntry, Tables } from './db.ts';

export interface NewChange {
  method: OutboxEntry['method'];
  path: string;
  body: unknown;
  kind: string;
  summary: string;
  recordId?: string;
  entityId?: string;
  dependsOn?: string[];
}

export const UNSYNCED = ['pending', 'sending', 'refused'] as const;

/** Queues a change (in `db`'s transaction, when given one); the answer is the entry, its Idempotency-Key fixed from now on. */
export async function enqueue(db: Tables, change: NewChange, now: Date = new Date()): Promise<OutboxEntry> {
  const entry: OutboxEntry = {
    id: v7(),
    createdAt: now.toISOString(),
    method: change.method,
    path: change.path,
    body: change.body,
    idempotencyKey: v7(),
    kind: change.kind,
    summary: change.summary,
    status: 'pending',
    attempts: 0,
    lastError: null,
    refusedReason: null,
    syncedAt: null,
    nextAttemptAt: null,
    ...(change.recordId ? { recordId: change.recordId } : {}),
    ...(change.entityId ?? change.recordId ? { entityId: change.entityId ?? change.recordId } : {}),
    ...(change.dependsOn?.length ? { dependsOn: change.dependsOn } : {}),
  };
  entry.seq = await db.outbox.add(entry);
  return entry;
}

export interface OutboxCounts {
  pending: number;
  synced: number;
  refused: number;
}

export async function outboxCounts(db: FieldDb): Promise<OutboxCounts> {
  const [pending, sending, synced, refused] = await Promise.all(
    (['pending', 'sending', 'synced', 'refused'] as const).map((s) => db.outbox.where('status').equals(s).count()),
  );
  return { pending: (pending ?? 0) + (sending ?? 0), synced: synced ?? 0, refused: refused ?? 0 };
}

/** All entries in the order they were made. */
export const listOutbox = (db: FieldDb): Promise<OutboxEntry[]> => db.outbox.toArray();

export const findEntry = (db: Tables, id: string): Promise<OutboxEntry | undefined> => db.outbox.where('id').equals(id).first();

/** Ids of cached rows with changes not yet on the server (a pull leaves them alone). */
export async function unsyncedEntityIds(db: Tables): Promise<Set<string>> {
  const entries = await db.outbox.where('status').anyOf([...UNSYNCED]).toArray();
  return new Set(entries.flatMap((e) => (e.entityId ? [e.entityId] : [])));
}

/**
 * 修改后重试: a refused entry gets its corrected body and goes back into the queue at its old place
 * (before anything that depends on it). A new Idempotency-Key: the server refused the old one
 * without storing anything, and the same key with another body would be a 409.
 */
export async function editAndRetry(db: Tables, id: string, body: unknown, summary?: string): Promise<void> {
  await db.transaction('rw', ['outbox'], async (tx) => {
    const entry = await findEntry(tx, id);
    if (!entry || entry.seq === undefined) throw new Error('outbox entry not found');
    if (entry.status !== 'refused') throw new Error('only a refused entry can be edited');
    await tx.outbox.update(entry.seq, {
      body,
      ...(summary ? { summary } : {}),
      status: 'pending',
      idempotencyKey: v7(),
      attempts: 0,
      lastError: null,
      refusedReason: null,
      nextAttemptAt: null,
    });
  });
}

/** 重试 without changes: for a refusal whose cause was fixed elsewhere (e.g. a missing household). */
export const retryUnchanged = async (db: FieldDb, id: string): Promise<void> => {
  const entry = await findEntry(db, id);
  if (!entry) throw new Error('outbox entry not found');
  await editAndRetry(db, id, entry.body);
};

/**
 * 放弃: the worker explicitly drops a refused change. A record that was only ever on this phone
 * leaves the read cache with it.
 */
export async function discard(db: FieldDb, id: string): Promise<void> {
  await db.transaction('rw', ['outbox', 'households', 'persons'], async (tx) => {
    const entry = await findEntry(tx, id);
    if (!entry || entry.seq === undefined) return;
    if (entry.status !== 'refused') throw new Error('only a refused entry can be discarded');
    await tx.outbox.delete(entry.seq);
    if (entry.recordId) {
      const household = await tx.households.get(entry.recordId);
      if (household?.local) await tx.households.delete(entry.recordId);
      const person = await tx.persons.get(entry.recordId);
      if (person?.local) await tx.persons.delete(entry.recordId);
    }
  });
}

/** Synced entries are history only: keep the latest few for the sync page. */
export async function pruneSynced(db: FieldDb, keep = 200): Promise<void> {
  const synced = (await db.outbox.where('status').equals('synced').primaryKeys()) as number[];
  if (synced.length <= keep) return;
  const sorted = [...synced].sort((a, b) => a - b);
  await db.outbox.bulkDelete(sorted.slice(0, sorted.length - keep));
}

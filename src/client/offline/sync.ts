// The sync loop: sends queued changes one at a time, in the order they were made, each with its
// own Idempotency-Key, so a resend after a lost answer or a closed page gets the server's first
// answer instead of a second record. Network errors, 5xx, 408 and 429 leave the entry queued
// with a growing delay; a 401 keeps everything queued until the worker signs in again; any other
// 4xx moves the entry to the refused list (需处理) with the server's reason.
import { errorPartsOf, jsonOrNull, retryAfterSeconds } from '../../shared/error-body.ts';
import type { FieldDb, OutboxEntry, RefusedReason } from './db.ts';
import { withSyncLock } from './lock.ts';

export const API_BASE = '/api/v1';
const BACKOFF_BASE_MS = 2_000;
const BACKOFF_MAX_MS = 5 * 60_000;

export type SyncStop =
  /** Nothing left to send (or only entries held behind a refused one). */
  | 'empty'
  /** The server could not be reached. */
  | 'network'
  /** 5xx, 408 or 429: the server will take it later. */
  | 'server'
  /** The next entry waits out its backoff. */
  | 'backoff'
  /** The session is gone (401): sign in again, then sync. */
  | 'auth'
  /** Another tab's loop is running. */
  | 'busy';

export interface SyncReport {
  sent: number;
  refused: number;
  stop: SyncStop;
  /** When the next timed attempt makes sense (backoff, Retry-After). */
  retryAt: string | null;
}

export interface SyncDeps {
  fetch: (input: string, init?: RequestInit) => Promise<Response>;
  now?: () => Date;
  /** Ignore backoff delays: a tap on 立即同步, the `online` event, a fresh start. */
  force?: boolean;
  /** /auth/me's answer, fetched before the first send on this page (after a reload the CSRF token lives nowhere else) and after a 401 or a stale token. */
  onSession?: (me: unknown) => void;
  /** After the server accepted a change: the app puts its answer into the read cache. */
  onSynced?: (entry: OutboxEntry, answer: unknown) => Promise<void>;
  /** For tests: force the database lease instead of the Web Locks API. */
  useWebLocks?: boolean;
}

/** Delay before the n-th retry (n ≥ 1): 2 s, 4 s, 8 s … at most 5 min. */
export function backoffMs(attempts: number): number {
  return Math.min(BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1), BACKOFF_MAX_MS);
}

const RETRYABLE = (status: number) => status >= 500 || status === 408 || status === 429;

/** An entry whose prerequisite record was refused waits until that one is fixed or discarded. */
export function isBlocked(entry: OutboxEntry, refusedRecordIds: ReadonlySet<string>): boolean {
  return (entry.dependsOn ?? []).some((id) => refusedRecordIds.has(id));
}

async function errorBodyOf(response: Response): Promise<Omit<RefusedReason, 'status'>> {
  return errorPartsOf(jsonOrNull(await response.text().catch(() => '')), response.status, response.statusText);
}

type SessionResult = { ok: true; csrfToken: string | null } | { ok: false; stop: SyncStop };

async function fetchSession(deps: SyncDeps): Promise<SessionResult> {
  let response: Response;
  try {
    response = await deps.fetch(`${API_BASE}/auth/me`, { headers: { accept: 'application/json' }, credentials: 'same-origin' });
  } catch {
    return { ok: false, stop: 'network' };
  }
  if (response.status === 401) return { ok: false, stop: 'auth' };
  if (!response.ok) return { ok: false, stop: RETRYABLE(response.status) ? 'server' : 'auth' };
  const me = (await response.json()) as { csrfToken?: string | null };
  deps.onSession?.(me);
  return { ok: true, csrfToken: me.csrfToken ?? null };
}

/**
 * The session's CSRF token as /auth/me last gave it, per phone database (so per account): asked
 * once per page, not before every run — on a bad network each ask is one more request that can
 * be lost, and a run ends at the first loss. A 401 forgets it; a CSRF_MISMATCH asks again.
 */
const knownCsrfToken = new WeakMap<FieldDb, string | null>();

/** Entries left 'sending' by a page that closed mid-request go back to the queue, key unchanged. */
async function recoverInterrupted(db: FieldDb): Promise<void> {
  await db.outbox.where('status').equals('sending').modify({ status: 'pending' });
}

/**
 * The oldest pending entry not held behind a refused one. With nothing refused (the usual case)
 * only that one entry is read: reading the whole queue for every try made draining 1,000 queued
 * changes quadratic (tens of ms per try on a phone's IndexedDB).
 */
async function nextToSend(db: FieldDb): Promise<OutboxEntry | undefined> {
  const refused = await db.outbox.where('status').equals('refused').toArray();
  const refusedRecords = new Set(refused.flatMap((e) => (e.recordId ? [e.recordId] : [])));
  const pending = db.outbox.where('status').equals('pending');
  if (!refusedRecords.size) return (await pending.limit(1))[0];
  return (await pending.sortBy('seq')).find((e) => !isBlocked(e, refusedRecords));
}

async function update(db: FieldDb, entry: OutboxEntry, changes: Partial<OutboxEntry>): Promise<void> {
  if (entry.seq === undefined) throw new Error('outbox entry without seq');
  await db.outbox.update(entry.seq, changes);
}

/** One run of the loop under the cross-tab lock. */
export async function syncOnce(db: FieldDb, deps: SyncDeps): Promise<SyncReport> {
  const locked = await withSyncLock(db, () => runLoop(db, deps), { useWebLocks: deps.useWebLocks });
  return locked.ran ? locked.result : { sent: 0, refused: 0, stop: 'busy', retryAt: null };
}

async function runLoop(db: FieldDb, deps: SyncDeps): Promise<SyncReport> {
  const now = deps.now ?? (() => new Date());
  const report: SyncReport = { sent: 0, refused: 0, stop: 'empty', retryAt: null };
  await recoverInterrupted(db);
  let csrfToken: string | null | undefined = knownCsrfToken.has(db) ? knownCsrfToken.get(db) : undefined;
  let csrfRetried = false;

  for (;;) {
    const entry = await nextToSend(db);
    if (!entry) return report;
    if (!deps.force && entry.nextAttemptAt && entry.nextAttemptAt > now().toISOString()) {
      return { ...report, stop: 'backoff', retryAt: entry.nextAttemptAt };
    }
    if (csrfToken === undefined) {
      const session = await fetchSession(deps);
      if (!session.ok) return { ...report, stop: session.stop };
      csrfToken = session.csrfToken;
      knownCsrfToken.set(db, csrfToken);
    }

    const attempts = entry.attempts + 1;
    await update(db, entry, { status: 'sending', attempts });
    const headers: Record<string, string> = { accept: 'application/json', 'idempotency-key': entry.idempotencyKey };
    if (csrfToken) headers['x-csrf-token'] = csrfToken;
    let body: string | undefined;
    if (entry.body !== undefined && entry.body !== null) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(entry.body);
    }

    let response: Response;
    try {
      response = await deps.fetch(API_BASE + entry.path, { method: entry.method, headers, body, credentials: 'same-origin' });
    } catch {
      const retryAt = new Date(now().getTime() + backoffMs(attempts)).toISOString();
      await update(db, entry, { status: 'pending', lastError: 'NETWORK_ERROR', nextAttemptAt: retryAt });
      return { ...report, stop: 'network', retryAt };
    }

    if (response.ok) {
      let answer: unknown = null;
      try {
        answer = await response.json();
      } catch {
        // An empty answer (204): nothing to cache.
      }
      await update(db, entry, { status: 'synced', syncedAt: now().toISOString(), body: null, lastError: null, refusedReason: null, nextAttemptAt: null });
      report.sent += 1;
      csrfRetried = false;
      await deps.onSynced?.(entry, answer);
      continue;
    }

    const error = await errorBodyOf(response);
    // Not the entry's fault: it stays queued, untouched, until the worker signs in again (or, when
    // a manager set their password, until they have chosen their own).
    if (response.status === 401 || (response.status === 403 && error.code === 'PASSWORD_CHANGE_REQUIRED')) {
      await update(db, entry, { status: 'pending', attempts: entry.attempts, lastError: error.code });
      knownCsrfToken.delete(db);
      return { ...report, stop: 'auth' };
    }
    if (response.status === 403 && error.code === 'CSRF_MISMATCH') {
      await update(db, entry, { status: 'pending', attempts: entry.attempts, lastError: error.code });
      knownCsrfToken.delete(db);
      if (csrfRetried) return { ...report, stop: 'auth' };
      // A token from before a reload or a new sign-in: ask /auth/me again, once.
      csrfRetried = true;
      csrfToken = undefined;
      continue;
    }
    if (RETRYABLE(response.status)) {
      const retryAfter = retryAfterSeconds(response.headers.get('retry-after'));
      const delay = retryAfter !== null ? retryAfter * 1000 : backoffMs(attempts);
      const retryAt = new Date(now().getTime() + delay).toISOString();
      await update(db, entry, { status: 'pending', lastError: error.code, nextAttemptAt: retryAt });
      return { ...report, stop: 'server', retryAt };
    }
    await update(db, entry, {
      status: 'refused',
      lastError: error.code,
      refusedReason: { status: response.status, ...error },
      nextAttemptAt: null,
    });
    report.refused += 1;
  }
}

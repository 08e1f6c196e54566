// The outbox against fake IndexedDB and a fake server: order, retries that keep their key,
// refusals, interrupted sends, replays and reloads (a new connection to the same database).
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FieldDb, type OutboxEntry } from './db.ts';
import { discard, editAndRetry, enqueue, listOutbox, outboxCounts } from './outbox.ts';
import { backoffMs, syncOnce } from './sync.ts';

interface Call {
  method: string;
  path: string;
  key: string | null;
  csrf: string | null;
  body: unknown;
}

/** A server that stores one answer per Idempotency-Key, like platform/transaction.ts. */
function fakeServer() {
  const calls: Call[] = [];
  const answers = new Map<string, unknown>();
  const records: unknown[] = [];
  let csrfToken = 'token-1';
  let next: ((call: Call) => Response | 'network' | 'commit-then-network' | null) | null = null;
  const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
  const fetch = async (input: string, init: RequestInit = {}): Promise<Response> => {
    const headers = (init.headers ?? {}) as Record<string, string>;
    const call: Call = {
      method: init.method ?? 'GET',
      path: input,
      key: headers['idempotency-key'] ?? null,
      csrf: headers['x-csrf-token'] ?? null,
      body: typeof init.body === 'string' ? JSON.parse(init.body) : null,
    };
    calls.push(call);
    if (call.path === '/api/v1/auth/me') return json(200, { user: { id: 'u1' }, csrfToken });
    const scripted = next?.(call) ?? null;
    if (scripted === 'network') throw new TypeError('Failed to fetch');
    if (scripted instanceof Response) return scripted;
    if (call.csrf !== csrfToken) return json(403, { error: { code: 'CSRF_MISMATCH', message: 'csrf' } });
    if (call.key && answers.has(call.key)) return json(201, answers.get(call.key), { 'idempotency-replayed': 'true' });
    const answer = { ...(call.body as object), version: 1 };
    records.push(answer);
    if (call.key) answers.set(call.key, answer);
    if (scripted === 'commit-then-network') throw new TypeError('Failed to fetch');
    return json(201, answer);
  };
  return {
    fetch,
    calls,
    records,
    script: (fn: typeof next) => (next = fn),
    rotateCsrf: (token: string) => (csrfToken = token),
    writes: () => calls.filter((c) => c.method !== 'GET'),
  };
}

let name: string;
let db: FieldDb;
let counter = 0;
beforeEach(() => {
  name = `outbox-test-${++counter}`;
  db = new FieldDb(name);
});
afterEach(async () => {
  db.close();
  await new FieldDb(name).delete();
});

const change = (n: number) => ({ method: 'POST' as const, path: '/households', body: { id: `h${n}`, address: `路 ${n} 号` }, kind: 'household', summary: `路 ${n} 号`, recordId: `h${n}` });
const statuses = async (d: FieldDb = db) => (await listOutbox(d)).map((e) => e.status);

describe('outbox', () => {
  it('sends queued changes in the order they were made, each with its own key and the session CSRF token', async () => {
    const server = fakeServer();
    for (const n of [1, 2, 3]) await enqueue(db, change(n));
    const report = await syncOnce(db, { fetch: server.fetch, useWebLocks: false });
    expect(report).toMatchObject({ sent: 3, refused: 0, stop: 'empty' });
    const writes = server.writes();
    expect(writes.map((c) => (c.body as { id: string }).id)).toEqual(['h1', 'h2', 'h3']);
    expect(new Set(writes.map((c) => c.key)).size).toBe(3);
    expect(writes.every((c) => c.csrf === 'token-1')).toBe(true);
    // /auth/me came first: after a reload the token lives nowhere else.
    expect(server.calls[0]?.path).toBe('/api/v1/auth/me');
    expect(await statuses()).toEqual(['synced', 'synced', 'synced']);
    expect(await outboxCounts(db)).toEqual({ pending: 0, synced: 3, refused: 0 });
  });

  it('keeps an entry pending after a network error and resends it with the same key', async () => {
    const server = fakeServer();
    await enqueue(db, change(1));
    await enqueue(db, change(2));
    server.script(() => 'network');
    const now = new Date('2026-11-29T08:00:00Z');
    const first = await syncOnce(db, { fetch: server.fetch, now: () => now, useWebLocks: false });
    expect(first.stop).toBe('network');
    expect(first.retryAt).toBe(new Date(now.getTime() + backoffMs(1)).toISOString());
    expect(await statuses()).toEqual(['pending', 'pending']);
    const [entry] = await listOutbox(db);
    expect(entry).toMatchObject({ attempts: 1, lastError: 'NETWORK_ERROR' });

    // Before the backoff ends a timed run waits; then it sends, with the key of the first try.
    server.script(null);
    expect((await syncOnce(db, { fetch: server.fetch, now: () => now, useWebLocks: false })).stop).toBe('backoff');
    const later = new Date(now.getTime() + backoffMs(1) + 1);
    expect((await syncOnce(db, { fetch: server.fetch, now: () => later, useWebLocks: false })).sent).toBe(2);
    const keys = server.writes().filter((c) => (c.body as { id: string }).id === 'h1').map((c) => c.key);
    expect(keys).toHaveLength(2);
    expect(keys[0]).toBe(keys[1]);
    expect(keys[0]).toBe(entry?.idempotencyKey);
  });

  it('treats 5xx, 408 and 429 as retryable, honouring Retry-After', async () => {
    const server = fakeServer();
    await enqueue(db, change(1));
    const now = new Date('2026-11-29T08:00:00Z');
    for (const status of [503, 408, 429]) {
      server.script(() => new Response(JSON.stringify({ error: { code: 'X', message: 'busy' } }), { status, headers: { 'retry-after': '7' } }));
      const report = await syncOnce(db, { fetch: server.fetch, now: () => now, force: true, useWebLocks: false });
      expect(report.stop).toBe('server');
      expect(report.retryAt).toBe(new Date(now.getTime() + 7000).toISOString());
      expect(await statuses()).toEqual(['pending']);
    }
    expect(server.records).toHaveLength(0);
  });

  it('moves a refused change to the refused list with the server reason, and goes on with the rest', async () => {
    const server = fakeServer();
    await enqueue(db, change(1));
    await enqueue(db, change(2));
    server.script((call) =>
      (call.body as { id: string }).id === 'h1'
        ? new Response(JSON.stringify({ error: { code: 'VALIDATION_ERROR', message: 'Invalid body: address', details: [{ path: 'address', message: 'too long' }] } }), { status: 400 })
        : null,
    );
    const report = await syncOnce(db, { fetch: server.fetch, useWebLocks: false });
    expect(report).toMatchObject({ sent: 1, refused: 1, stop: 'empty' });
    const [refused, sent] = await listOutbox(db);
    expect(refused).toMatchObject({
      status: 'refused',
      refusedReason: { status: 400, code: 'VALIDATION_ERROR', message: 'Invalid body: address', details: [{ path: 'address', message: 'too long' }] },
    });
    expect(sent?.status).toBe('synced');
    expect(await outboxCounts(db)).toEqual({ pending: 0, synced: 1, refused: 1 });

    // A run later never deletes it; 修改后重试 sends the corrected body under a new key.
    server.script(null);
    await syncOnce(db, { fetch: server.fetch, useWebLocks: false });
    expect((await listOutbox(db))[0]?.status).toBe('refused');
    await editAndRetry(db, refused?.id ?? '', { id: 'h1', address: '短地址' });
    const retried = (await listOutbox(db))[0];
    expect(retried?.idempotencyKey).not.toBe(refused?.idempotencyKey);
    await syncOnce(db, { fetch: server.fetch, useWebLocks: false });
    expect(await statuses()).toEqual(['synced', 'synced']);
    expect(server.records.map((r) => (r as { address: string }).address)).toEqual(['路 2 号', '短地址']);
  });

  it('holds a change whose household was refused, and discards only on request', async () => {
    const server = fakeServer();
    await enqueue(db, change(1));
    await enqueue(db, { method: 'POST', path: '/persons', body: { id: 'p1', householdId: 'h1' }, kind: 'person', summary: '路 1 号', recordId: 'p1', dependsOn: ['h1'] });
    await enqueue(db, change(3));
    server.script((call) => (call.path.endsWith('/households') && (call.body as { id: string }).id === 'h1' ? new Response(JSON.stringify({ error: { code: 'UNPROCESSABLE', message: 'no' } }), { status: 422 }) : null));
    await syncOnce(db, { fetch: server.fetch, useWebLocks: false });
    expect(await statuses()).toEqual(['refused', 'pending', 'synced']);
    expect(server.writes().some((c) => c.path.endsWith('/persons'))).toBe(false);

    const refused = (await listOutbox(db))[0];
    await discard(db, refused?.id ?? '');
    expect(await statuses()).toEqual(['pending', 'synced']);
    // Refused-only rule: a pending entry cannot be discarded.
    const pending = (await listOutbox(db))[0];
    await expect(discard(db, pending?.id ?? '')).rejects.toThrow();
  });

  it('resends an entry left "sending" by a closed page with the same key', async () => {
    const server = fakeServer();
    const entry = await enqueue(db, change(1));
    // The page closed mid-request: the entry is still marked as being sent.
    await db.outbox.update(entry.seq ?? 0, { status: 'sending', attempts: 1 });
    db.close();
    const reopened = new FieldDb(name);
    const report = await syncOnce(reopened, { fetch: server.fetch, useWebLocks: false });
    expect(report.sent).toBe(1);
    expect(server.writes()[0]?.key).toBe(entry.idempotencyKey);
    expect(await statuses(reopened)).toEqual(['synced']);
    reopened.close();
  });

  it('marks a change synced when the server replays its first answer (committed, answer lost)', async () => {
    const server = fakeServer();
    await enqueue(db, change(1));
    server.script(() => 'commit-then-network');
    expect((await syncOnce(db, { fetch: server.fetch, useWebLocks: false })).stop).toBe('network');
    expect(server.records).toHaveLength(1);
    server.script(null);
    const synced: OutboxEntry[] = [];
    await syncOnce(db, { fetch: server.fetch, force: true, useWebLocks: false, onSynced: async (e) => void synced.push(e) });
    expect(await statuses()).toEqual(['synced']);
    expect(server.records).toHaveLength(1);
    expect(synced).toHaveLength(1);
    const keys = server.writes().map((c) => c.key);
    expect(keys[0]).toBe(keys[1]);
  });

  it('asks /auth/me once across runs that end at lost requests, and again after a 401', async () => {
    const server = fakeServer();
    for (const n of [1, 2, 3]) await enqueue(db, change(n));
    let lose = 2;
    server.script(() => (lose-- > 0 ? 'network' : null));
    const sessionAsks = () => server.calls.filter((c) => c.path === '/api/v1/auth/me').length;
    expect((await syncOnce(db, { fetch: server.fetch, force: true, useWebLocks: false })).stop).toBe('network');
    expect((await syncOnce(db, { fetch: server.fetch, force: true, useWebLocks: false })).stop).toBe('network');
    expect((await syncOnce(db, { fetch: server.fetch, force: true, useWebLocks: false })).sent).toBe(3);
    expect(sessionAsks()).toBe(1);
    expect(server.writes().every((c) => c.csrf === 'token-1')).toBe(true);

    await enqueue(db, change(4));
    server.script(() => new Response(JSON.stringify({ error: { code: 'UNAUTHENTICATED', message: 'sign in' } }), { status: 401 }));
    expect((await syncOnce(db, { fetch: server.fetch, useWebLocks: false })).stop).toBe('auth');
    server.script(null);
    server.rotateCsrf('token-2');
    expect((await syncOnce(db, { fetch: server.fetch, useWebLocks: false })).sent).toBe(1);
    expect(sessionAsks()).toBe(2);
    expect(server.writes().at(-1)?.csrf).toBe('token-2');
  });

  it('keeps everything pending on a 401 and on a CSRF token that stays wrong', async () => {
    const server = fakeServer();
    await enqueue(db, change(1));
    server.script(() => new Response(JSON.stringify({ error: { code: 'UNAUTHENTICATED', message: 'sign in' } }), { status: 401 }));
    expect((await syncOnce(db, { fetch: server.fetch, useWebLocks: false })).stop).toBe('auth');
    expect(await listOutbox(db)).toMatchObject([{ status: 'pending', attempts: 0 }]);

    // A stale token is fetched again once from /auth/me, then the write goes through.
    let stale = true;
    server.script((call) => {
      if (stale) {
        stale = false;
        return new Response(JSON.stringify({ error: { code: 'CSRF_MISMATCH', message: 'csrf' } }), { status: 403 });
      }
      return null;
    });
    expect((await syncOnce(db, { fetch: server.fetch, useWebLocks: false })).sent).toBe(1);
    expect(server.calls.filter((c) => c.path === '/api/v1/auth/me').length).toBeGreaterThanOrEqual(3);
  });

  it('keeps everything pending while the account must first change a password a manager set', async () => {
    const server = fakeServer();
    await enqueue(db, change(1));
    // /auth/me answers such an account (the fake server always does); its writes are refused.
    server.script(() => new Response(JSON.stringify({ error: { code: 'PASSWORD_CHANGE_REQUIRED', message: 'change it' } }), { status: 403 }));
    expect((await syncOnce(db, { fetch: server.fetch, useWebLocks: false })).stop).toBe('auth');
    expect(await listOutbox(db)).toMatchObject([{ status: 'pending', attempts: 0 }]);
    server.script(null);
    expect((await syncOnce(db, { fetch: server.fetch, force: true, useWebLocks: false })).sent).toBe(1);
  });

  it('loses nothing across a reload: a new connection to the same database sees every entry', async () => {
    const server = fakeServer();
    for (const n of [1, 2, 3]) await enqueue(db, change(n));
    server.script((call) => ((call.body as { id: string }).id === 'h2' ? 'network' : null));
    await syncOnce(db, { fetch: server.fetch, useWebLocks: false });
    expect(await statuses()).toEqual(['synced', 'pending', 'pending']);
    const before = await listOutbox(db);
    db.close();

    const reloaded = new FieldDb(name);
    const after = await listOutbox(reloaded);
    expect(after.map((e) => [e.id, e.idempotencyKey, e.status])).toEqual(before.map((e) => [e.id, e.idempotencyKey, e.status]));
    server.script(null);
    await syncOnce(reloaded, { fetch: server.fetch, force: true, useWebLocks: false });
    expect(await statuses(reloaded)).toEqual(['synced', 'synced', 'synced']);
    expect(server.records.map((r) => (r as { id: string }).id)).toEqual(['h1', 'h2', 'h3']);
    reloaded.close();
  });

  it('drops the body of a synced change: personal data does not stay on the phone', async () => {
    const server = fakeServer();
    await enqueue(db, { method: 'POST', path: '/persons', body: { id: 'p1', name: '李小梅', idNumber: '339901198503120014' }, kind: 'person', summary: '路 1 号' });
    await syncOnce(db, { fetch: server.fetch, useWebLocks: false });
    expect((await listOutbox(db))[0]).toMatchObject({ status: 'synced', body: null });
  });
});

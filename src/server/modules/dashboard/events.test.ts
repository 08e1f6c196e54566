// Server-sent events need a real socket (inject cannot stream): the app listens on a free port.
// Each test waits on what it expects (the greeting, a message, the end of the stream, the
// unsubscribe), never on the clock.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type TestApp, buildTestApp, signIn } from '../../../../test/support/app.ts';
import { regionPathOf } from '../stats/counters.ts';

let t: TestApp;
let base: string;
beforeAll(async () => {
  t = await buildTestApp({ liveHeartbeatMs: 300 });
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(() => t.close());
afterEach(() => {
  vi.restoreAllMocks();
});

interface Message {
  type: string;
  regionId: number;
  regionName?: string;
  data?: Record<string, unknown>;
}

/** The stream block by block, as it arrives. */
function streamOf(body: ReadableStream<Uint8Array>) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  const nextBlock = async (): Promise<string | null> => {
    for (;;) {
      const end = text.indexOf('\n\n');
      if (end !== -1) {
        const block = text.slice(0, end);
        text = text.slice(end + 2);
        return block;
      }
      const chunk = await reader.read();
      if (chunk.done) return null;
      text += decoder.decode(chunk.value, { stream: true });
    }
  };
  return {
    /** Until the greeting: the server subscribes in the same step that writes it. */
    async connected(): Promise<void> {
      for (let block = await nextBlock(); !block?.includes(': connected'); block = await nextBlock()) {
        if (block === null) throw new Error('the stream ended before its greeting');
      }
    },
    /** The next `data:` message (heartbeats skipped), or null once the server ends the stream. */
    async next(): Promise<Message | null> {
      for (;;) {
        const block = await nextBlock();
        if (block === null) return null;
        const data = block.split('\n').find((l) => l.startsWith('data: '));
        if (data) return JSON.parse(data.slice(6)) as Message;
      }
    },
    close: () => reader.cancel(),
  };
}

describe('GET /events', () => {
  it('streams the events of the caller’s subtree only, uncompressed', async () => {
    const { headers } = await signIn(t.app, 'village_secretary', t.tree.villageA);
    const res = await fetch(`${base}/api/v1/events`, { headers: { ...headers, 'accept-encoding': 'gzip, br' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    expect(res.headers.get('content-encoding')).toBeNull();
    expect(res.headers.get('x-accel-buffering')).toBe('no');
    const stream = streamOf(res.body as ReadableStream<Uint8Array>);
    await stream.connected();
    t.app.events.publish({ type: 'report.changed', regionPath: await regionPathOf(t.app.db, t.tree.gridB), data: {} });
    t.app.events.publish({ type: 'checkpoint.changed', regionPath: await regionPathOf(t.app.db, t.tree.townA), data: {} });
    t.app.events.publish({ type: 'report.changed', regionPath: await regionPathOf(t.app.db, t.tree.gridA), data: { name: '东村第一网格' } });
    expect(await stream.next()).toMatchObject({ type: 'report.changed', regionId: t.tree.gridA, regionName: '东村第一网格', data: { name: '东村第一网格' } });
    // One more of the caller's own: a sibling's or an ancestor's event sent by mistake would come before it.
    t.app.events.publish({ type: 'checkpoint.changed', regionPath: await regionPathOf(t.app.db, t.tree.gridA), data: { last: true } });
    expect(await stream.next()).toMatchObject({ type: 'checkpoint.changed', regionId: t.tree.gridA, data: { last: true } });
    await stream.close();
  });

  it('refuses a stream of another region and an anonymous caller', async () => {
    const { headers } = await signIn(t.app, 'village_secretary', t.tree.villageA);
    expect((await fetch(`${base}/api/v1/events?regionId=${t.tree.villageB}`, { headers })).status).toBe(403);
    expect((await fetch(`${base}/api/v1/events`)).status).toBe(401);
  });

  it('ends the stream once its session is signed out', async () => {
    const { headers } = await signIn(t.app, 'village_secretary', t.tree.villageA);
    const res = await fetch(`${base}/api/v1/events`, { headers });
    expect(res.status).toBe(200);
    const stream = streamOf(res.body as ReadableStream<Uint8Array>);
    await stream.connected();
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers })).statusCode).toBe(200);
    // At its next heartbeat the server finds the session gone and closes the stream.
    expect(await stream.next()).toBeNull();
  });

  it('unsubscribes when the client goes away', async () => {
    const subscribe = t.app.events.subscribe.bind(t.app.events);
    const unsubscribed = new Promise<void>((resolve) => {
      vi.spyOn(t.app.events, 'subscribe').mockImplementationOnce((listener) => {
        const off = subscribe(listener);
        return () => {
          off();
          resolve();
        };
      });
    });
    const { headers } = await signIn(t.app, 'commander', t.tree.county);
    const controller = new AbortController();
    const res = await fetch(`${base}/api/v1/events`, { headers, signal: controller.signal });
    expect(res.status).toBe(200);
    await streamOf(res.body as ReadableStream<Uint8Array>).connected();
    controller.abort();
    await unsubscribed;
    // Publishing after the close must not throw (no write to a closed socket).
    expect(() => t.app.events.publish({ type: 'report.changed', regionPath: '/1/' })).not.toThrow();
  });
});

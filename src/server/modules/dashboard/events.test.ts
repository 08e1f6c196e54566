// Server-sent events need a real socket (inject cannot stream): the app listens on a free port.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, buildTestApp, signIn } from '../../../../test/support/app.ts';
import { regionPathOf } from '../stats/counters.ts';

let t: TestApp;
let base: string;
beforeAll(async () => {
  t = await buildTestApp({ liveHeartbeatMs: 300 });
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(() => t.close());

/** Reads `data:` messages from the stream until `count` arrived or `ms` passed. */
async function readMessages(body: ReadableStream<Uint8Array>, count: number, ms: number): Promise<{ type: string; regionId: number }[]> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const out: { type: string; regionId: number }[] = [];
  let text = '';
  const deadline = Date.now() + ms;
  while (out.length < count && Date.now() < deadline) {
    const chunk = await Promise.race([reader.read(), new Promise<null>((r) => setTimeout(() => r(null), deadline - Date.now()))]);
    if (!chunk || chunk.done) break;
    text += decoder.decode(chunk.value, { stream: true });
    let end = text.indexOf('\n\n');
    while (end !== -1) {
      const block = text.slice(0, end);
      text = text.slice(end + 2);
      const data = block.split('\n').find((l) => l.startsWith('data: '));
      if (data) out.push(JSON.parse(data.slice(6)));
      end = text.indexOf('\n\n');
    }
  }
  await reader.cancel();
  return out;
}

describe('GET /events', () => {
  it('streams the events of the caller’s subtree only, uncompressed', async () => {
    const { headers } = await signIn(t.app, 'village_secretary', t.tree.villageA);
    const res = await fetch(`${base}/api/v1/events`, { headers: { ...headers, 'accept-encoding': 'gzip, br' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    expect(res.headers.get('content-encoding')).toBeNull();
    expect(res.headers.get('x-accel-buffering')).toBe('no');
    const reading = readMessages(res.body as ReadableStream<Uint8Array>, 2, 1_500);
    await new Promise((r) => setTimeout(r, 100));
    t.app.events.publish({ type: 'report.changed', regionPath: await regionPathOf(t.app.db, t.tree.gridB), data: {} });
    t.app.events.publish({ type: 'checkpoint.changed', regionPath: await regionPathOf(t.app.db, t.tree.townA), data: {} });
    t.app.events.publish({ type: 'report.changed', regionPath: await regionPathOf(t.app.db, t.tree.gridA), data: { name: '东村第一网格' } });
    const messages = await reading;
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ type: 'report.changed', regionId: t.tree.gridA, regionName: '东村第一网格', data: { name: '东村第一网格' } });
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
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    await reader.read(); // the greeting
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers })).statusCode).toBe(200);
    // Within a heartbeat or two the server closes it: reads drain and then report done.
    const closed = (async () => {
      for (;;) if ((await reader.read()).done) return true;
    })();
    expect(await Promise.race([closed, new Promise((r) => setTimeout(() => r(false), 3_000))])).toBe(true);
  });

  it('unsubscribes when the client goes away', async () => {
    const { headers } = await signIn(t.app, 'commander', t.tree.county);
    const controller = new AbortController();
    const res = await fetch(`${base}/api/v1/events`, { headers, signal: controller.signal });
    expect(res.status).toBe(200);
    controller.abort();
    await new Promise((r) => setTimeout(r, 200));
    // Publishing after the close must not throw (no write to a closed socket).
    expect(() => t.app.events.publish({ type: 'report.changed', regionPath: '/1/' })).not.toThrow();
  });
});

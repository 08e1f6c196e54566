// The bulk lane (bulk-lane.ts): exports run flat out while no one else is served, pause a few
// times their own work while others are, resume as soon as the others are answered, and the
// app counts its requests in progress leaving out the background routes (exports, streams).
import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import '../platform/fastify-types.ts';
import { BulkLane, GIVE_WAY, installBulkLane } from './bulk-lane.ts';
import { XlsxSheetStream } from './xlsx-stream.ts';

const elapsed = async (work: Promise<unknown>): Promise<number> => {
  const t0 = performance.now();
  await work;
  return performance.now() - t0;
};

describe('BulkLane', () => {
  it('gives the next turn at once while no other request is in progress', async () => {
    const lane = new BulkLane();
    expect(lane.others).toBe(0);
    expect(await elapsed(lane.turn(30))).toBeLessThan((30 * GIVE_WAY) / 2);
  });

  it('pauses GIVE_WAY times the piece while others are served, and resumes when the last is answered', async () => {
    const lane = new BulkLane();
    const leave = lane.enter();
    expect(lane.others).toBe(1);
    const paused = await elapsed(lane.turn(10));
    expect(paused).toBeGreaterThanOrEqual(10 * GIVE_WAY - 2);
    // A long pause that ends early: the other request is answered after ~10 ms.
    setTimeout(leave, 10);
    expect(await elapsed(lane.turn(25))).toBeLessThan(25 * GIVE_WAY - 40);
    expect(lane.others).toBe(0);
    leave(); // twice: counted once
    expect(lane.others).toBe(0);
  });

  it('paces an xlsx sheet between its slices of rows', async () => {
    const lane = new BulkLane();
    const turns: number[] = [];
    const sheet = new XlsxSheetStream({
      sheetName: 's',
      columns: [{ header: 'a', width: 8 }],
      pace: (ms) => {
        turns.push(ms);
        return lane.turn(ms);
      },
    });
    sheet.stream.resume();
    await sheet.writeRows(Array.from({ length: 1_000 }, (_, i) => i), (i) => [i]);
    await sheet.finish();
    // 1,000 rows in slices of 250: a turn between each two, timed by the slice before it.
    expect(turns).toHaveLength(3);
    for (const ms of turns) expect(ms).toBeGreaterThanOrEqual(0);
  });
});

describe('installBulkLane', () => {
  let close: (() => Promise<void>) | null = null;
  afterEach(async () => {
    await close?.();
    close = null;
  });

  it('counts requests in progress, not the background routes, and forgets each when it ends', async () => {
    const lane = new BulkLane();
    const app = Fastify();
    installBulkLane(app, lane);
    const seen: Record<string, number> = {};
    app.get('/list', async () => {
      seen.list = lane.others;
      return { ok: true };
    });
    app.get('/export', { config: { background: true } }, async () => {
      seen.export = lane.others;
      return { ok: true };
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    close = () => app.close();
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    await (await fetch(`${base}/list`)).json();
    await (await fetch(`${base}/export`)).json();
    await (await fetch(`${base}/nowhere`)).text();
    expect(seen).toEqual({ list: 1, export: 0 });
    // Each answered request has left: the count is back to zero.
    await new Promise((r) => setTimeout(r, 20));
    expect(lane.others).toBe(0);
  });
});

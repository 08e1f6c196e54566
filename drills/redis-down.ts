// Drill redis-down: Redis stopped. The public endpoints' rate limits fail open (answers, no
// 429s, no 5xx, no wait on a dead Redis), and live events still go from one instance to another
// through PostgreSQL LISTEN/NOTIFY: an SSE client on instance 1 hears a checkpoint opened
// through instance 2. Redis is started again afterwards.
import { adminSession, call, drillGrid, printTable } from './client.ts';
import { openLiveStream } from './live-stream.ts';
import type { Topology } from './topology.ts';

export interface RedisDownFigures {
  publicRequests: number;
  publicOk: number;
  publicRateLimited: number;
  publicServerErrors: number;
  publicSlowestMs: number;
  /** From the write's acknowledgement to the event on the other instance; null: never came. */
  eventAcrossInstancesMs: number | null;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function redisDownDrill(topology: Topology, opts: { publicRequests?: number } = {}): Promise<RedisDownFigures> {
  const [listener, writer] = topology.instances;
  if (!listener || !writer) throw new Error('redis-down needs two instances');
  const session = await adminSession(topology.url);
  const grid = await drillGrid(session);

  await topology.redis.stop();
  try {
    await sleep(1_000);
    // More than the per-address limit of public reads (120 a minute), all to one instance: all
    // must still be answered.
    const count = opts.publicRequests ?? 150;
    const statuses: number[] = [];
    let slowest = 0;
    for (let i = 0; i < count; i++) {
      const started = Date.now();
      const res = await call(listener.url, 'GET', '/api/v1/public/meta').catch(() => ({ status: 0 }));
      slowest = Math.max(slowest, Date.now() - started);
      statuses.push(res.status);
    }

    const stream = await openLiveStream(listener.url, session);
    let eventMs: number | null = null;
    try {
      // The listener's LISTEN connection may still be coming back from an earlier drill.
      await sleep(500);
      const made = await call(writer.url, 'POST', '/api/v1/checkpoints', { regionId: grid, name: '演练卡口', place: '演练路口' }, session.headers);
      if (made.status !== 201) throw new Error(`checkpoint: ${made.status} ${JSON.stringify(made.json)}`);
      const ackAt = Date.now();
      const id = String(made.json?.id);
      const heard = await stream.waitFor((m) => m.data.includes(id), 15_000);
      eventMs = heard ? heard.at - ackAt : null;
    } finally {
      stream.close();
    }

    const figures: RedisDownFigures = {
      publicRequests: count,
      publicOk: statuses.filter((s) => s === 200).length,
      publicRateLimited: statuses.filter((s) => s === 429).length,
      publicServerErrors: statuses.filter((s) => s >= 500 || s === 0).length,
      publicSlowestMs: slowest,
      eventAcrossInstancesMs: eventMs,
    };
    printTable('redis-down: Redis stopped', [
      [`public reads to ${listener.name} (limit 120/min)`, figures.publicRequests],
      ['answered 200', figures.publicOk],
      ['refused 429', figures.publicRateLimited],
      ['5xx or no answer', figures.publicServerErrors],
      ['slowest public read (ms)', figures.publicSlowestMs],
      [`live event ${writer.name} → SSE on ${listener.name} (ms)`, eventMs === null ? 'never' : eventMs],
    ]);
    return figures;
  } finally {
    await topology.redis.start();
  }
}

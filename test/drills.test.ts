// The quick fault drills (drills/), run on a real topology: a private PostgreSQL cluster on
// 5452, a private Redis on 6391, three instances and the balancer (drills/topology.ts). They are
// PostgreSQL drills (several instances on one database), so the topology runs in the postgres
// project; the sqlite project checks the drills' own tools (balancer, lossy proxy), which the
// drills' figures rest on. Order saves restarts: the drills that stop an instance come last.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBalancer } from '../drills/balancer.ts';
import { kill9Drill } from '../drills/kill9.ts';
import { startLossyProxy } from '../drills/lossy-proxy.ts';
import { phoneLossyDrill } from '../drills/phone-lossy.ts';
import { redisDownDrill } from '../drills/redis-down.ts';
import { sigtermDrill } from '../drills/sigterm.ts';
import { type Topology, ownTopology } from '../drills/topology.ts';
import { TEST_DIALECT } from './support/db.ts';

const MINUTE = 60_000;

if (TEST_DIALECT === 'postgres') {
  describe('fault drills (quick)', () => {
    let topology: Topology;
    beforeAll(async () => {
      topology = await ownTopology();
    }, 4 * MINUTE);
    afterAll(async () => {
      await topology?.close();
    }, 2 * MINUTE);

    it('redis-down: rate limits fail open and live events still cross instances through PostgreSQL', async () => {
      const f = await redisDownDrill(topology);
      expect(f.publicServerErrors).toBe(0);
      expect(f.publicRateLimited).toBe(0);
      expect(f.publicOk).toBe(f.publicRequests);
      expect(f.eventAcrossInstancesMs).not.toBeNull();
    }, 2 * MINUTE);

    it('phone-lossy: 100 offline changes through 30% lost requests and 30% lost answers land exactly once, in order', async () => {
      const f = await phoneLossyDrill(topology, { changes: 100, maxLatencyMs: 20 });
      expect(f.changes).toBe(100);
      expect(f.refused).toBe(0);
      expect(f.appliedOnce).toBe(f.changes);
      expect(f.inOrder).toBe(true);
      // The network really was lossy: both kinds of loss happened.
      expect(f.droppedRequests).toBeGreaterThan(10);
      expect(f.droppedAnswers).toBeGreaterThan(10);
    }, 5 * MINUTE);

    it('kill9: no acknowledged write lost and no duplicate from retried keys', async () => {
      const f = await kill9Drill(topology, { seconds: 8, clients: 4, restart: false });
      expect(f.acknowledged).toBeGreaterThan(0);
      expect(f.lost).toBe(0);
      expect(f.duplicates).toBe(0);
      expect(f.gaveUp).toBe(0);
    }, 3 * MINUTE);

    it('sigterm: requests in flight finish, the SSE client is told to reconnect, nothing lost', async () => {
      const f = await sigtermDrill(topology, { restart: false });
      expect(f.inFlightFailed).toBe(0);
      expect(f.inFlightOk + f.inFlightRefused503 + f.notStarted).toBe(f.inFlight);
      expect(f.inFlightOk).toBeGreaterThan(0);
      expect(f.sseToldToReconnect).toBe(true);
      expect(f.exitCode).toBe(0);
      expect(f.lost).toBe(0);
      expect(f.duplicates).toBe(0);
    }, 3 * MINUTE);
  });
} else {
  describe('drill tools', () => {
    const servers: http.Server[] = [];
    const upstream = async (name: string, handler?: http.RequestListener) => {
      const server = http.createServer(handler ?? ((req, res) => res.end(JSON.stringify({ name, method: req.method }))));
      servers.push(server);
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
      return { host: '127.0.0.1', port: (server.address() as AddressInfo).port, server };
    };
    afterAll(async () => {
      for (const s of servers) {
        s.closeAllConnections();
        await new Promise((r) => s.close(r));
      }
    });
    const post = (url: string) => fetch(url, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });

    it('the balancer takes turns, sends a refused request on whatever its method, and retries GETs on a 503', async () => {
      const a = await upstream('a');
      const b = await upstream('b');
      const closing = await upstream('closing', (_req, res) => res.writeHead(503).end());
      const dead = await upstream('dead');
      await new Promise((r) => dead.server.close(r));
      const balancer = await startBalancer([a, b, dead, closing]);
      try {
        const names: string[] = [];
        for (let i = 0; i < 8; i++) names.push(((await (await fetch(balancer.url)).json()) as { name: string }).name);
        // Every GET answered by a or b: the dead one's refusal and the closing one's 503 were retried.
        expect(new Set(names)).toEqual(new Set(['a', 'b']));
        // A POST reaching the dead instance (refused: nothing was sent) goes on too.
        const posts = await Promise.all(Array.from({ length: 8 }, () => post(balancer.url).then((r) => r.status)));
        expect(posts.filter((s) => s === 200 || s === 503).length).toBe(8);
        expect(balancer.stats.retries).toBeGreaterThan(0);
      } finally {
        await balancer.close();
      }
    });

    it('the balancer never re-sends a POST an instance may have received', async () => {
      let received = 0;
      const dropping = await upstream('dropping', (req) => {
        received += 1;
        req.socket.destroy();
      });
      const other = await upstream('other');
      const balancer = await startBalancer([dropping, other]);
      try {
        const statuses: (number | 'network')[] = [];
        for (let i = 0; i < 4; i++) statuses.push(await post(balancer.url).then((r) => r.status, () => 'network' as const));
        // Half went to the dropping instance: each reached it once and the client saw the failure.
        expect(received).toBeGreaterThan(0);
        expect(statuses.filter((s) => s === 'network').length).toBe(received);
      } finally {
        await balancer.close();
      }
    });

    it('the lossy proxy drops requests before the server and answers after it, at about the shares asked', async () => {
      let served = 0;
      const target = await upstream('target', (_req, res) => {
        served += 1;
        res.end('ok');
      });
      const lossy = await startLossyProxy({ target: `http://127.0.0.1:${target.port}`, dropRequest: 0.3, dropAnswer: 0.3, maxLatencyMs: 2, seed: 7 });
      try {
        let answered = 0;
        for (let i = 0; i < 300; i++) answered += await fetch(lossy.url).then(() => 1, () => 0);
        expect(lossy.stats.droppedRequests + served).toBe(300);
        expect(lossy.stats.droppedAnswers + answered).toBe(served);
        expect(lossy.stats.droppedRequests / 300).toBeGreaterThan(0.2);
        expect(lossy.stats.droppedRequests / 300).toBeLessThan(0.4);
        expect(lossy.stats.droppedAnswers / served).toBeGreaterThan(0.2);
        expect(lossy.stats.droppedAnswers / served).toBeLessThan(0.4);
      } finally {
        await lossy.close();
      }
    });
  });
}

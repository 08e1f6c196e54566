// What an operator's tools ask of an instance (API.md "Operating it"): /readyz for the load
// balancer, /metrics for Prometheus, and the request id that ties an answer to its log lines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, buildLoggingTestApp, buildTestApp, signIn } from '../../../../test/support/app.ts';
import { type Database, openDatabase } from '../../db/connect.ts';
import { createEventBus } from '../../platform/events.ts';
import { tick } from '../../platform/jobs.ts';
import { startMetricsServer } from '../../platform/metrics.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

/** The value of one series in Prometheus text ('name{labels} value'), or null when absent. */
function seriesValue(text: string, series: string): number | null {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? null : Number(line.slice(series.length + 1));
}

async function adminMetrics(app: TestApp): Promise<string> {
  const { headers } = await signIn(app.app, 'admin', app.tree.county);
  const res = await app.app.inject({ method: 'GET', url: '/metrics', headers });
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
  return res.body;
}

describe('/readyz', () => {
  it('is 200 while the database answers and every migration has run', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/readyz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ready' });
  });

  it('is 503 naming the migrations the database has not run', async () => {
    const other = await buildTestApp();
    try {
      const [last] = await other.app.db.selectFrom('kysely_migration' as never).select('name' as never).orderBy('name' as never, 'desc').limit(1).execute() as { name: string }[];
      expect(last).toBeDefined();
      await other.app.db.deleteFrom('kysely_migration' as never).where('name' as never, '=', last?.name as never).execute();
      const res = await other.app.inject({ method: 'GET', url: '/readyz' });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toEqual({ status: 'unavailable', reason: 'migrations_pending', pending: [last?.name] });
      // /healthz is liveness: the process and its database are fine, a restart would not help.
      expect((await other.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    } finally {
      await other.close();
    }
  });

  it('is 503 with the reason when the database does not answer', async () => {
    const other = await buildTestApp();
    // The app's own connection closed under it, as when the database goes away.
    await other.app.database.close();
    const res = await other.app.inject({ method: 'GET', url: '/readyz' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({ status: 'unavailable', reason: 'database_unreachable' });
    // Liveness stays 200 (a restart would not bring the database back), saying why it is degraded.
    const health = await other.app.inject({ method: 'GET', url: '/healthz' });
    expect(health.statusCode).toBe(200);
    expect(health.json()).toEqual({ status: 'degraded', reason: 'database_unreachable' });
    await other.close().catch(() => undefined);
  });
});

describe('/metrics', () => {
  it('is for signed-in admins only on the app port', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(401);
    const { headers } = await signIn(t.app, 'commander', t.tree.county);
    expect((await t.app.inject({ method: 'GET', url: '/metrics', headers })).statusCode).toBe(403);
  });

  it('times requests by route pattern (never the raw path), and counts database queries', async () => {
    const { headers } = await signIn(t.app, 'admin', t.tree.county);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/regions/${t.tree.gridA}`, headers })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/no/such/place-110101199003070012' })).statusCode).toBe(404);
    const text = await adminMetrics(t);
    expect(seriesValue(text, 'gridguard_http_request_duration_seconds_count{method="GET",route="/api/v1/regions/:id",status="200"}')).toBeGreaterThanOrEqual(1);
    expect(seriesValue(text, 'gridguard_http_request_duration_seconds_count{method="GET",route="unmatched",status="404"}')).toBeGreaterThanOrEqual(1);
    expect(text).not.toContain(`/api/v1/regions/${t.tree.gridA}"`);
    expect(text).not.toContain('110101199003070012');
    expect(seriesValue(text, 'gridguard_db_query_duration_seconds_count{outcome="ok"}')).toBeGreaterThan(0);
    expect(seriesValue(text, 'gridguard_import_queue{state="running"}')).toBe(0);
    expect(seriesValue(text, 'gridguard_import_queue{state="waiting"}')).toBe(0);
    if (t.database.dialect === 'postgres') expect(seriesValue(text, 'gridguard_db_pool_connections{state="open"}')).toBeGreaterThanOrEqual(1);
    else expect(text).not.toContain('gridguard_db_pool_connections{');
    expect(text).toContain('gridguard_process_resident_memory_bytes');
  });

  it('counts scheduled job runs by outcome', async () => {
    const ok = t.app.metrics.observeJob({ name: 'metrics_test_ok', runKeyAt: () => 'run-1', run: async () => undefined });
    const failing = t.app.metrics.observeJob({
      name: 'metrics_test_failing',
      runKeyAt: () => 'run-1',
      run: async () => {
        throw new Error('the job failed');
      },
    });
    expect(await tick(t.app.db, [ok, failing], new Date())).toEqual(['metrics_test_ok']);
    const text = await adminMetrics(t);
    expect(seriesValue(text, 'gridguard_job_runs_total{job="metrics_test_ok",outcome="ok"}')).toBe(1);
    expect(seriesValue(text, 'gridguard_job_runs_total{job="metrics_test_failing",outcome="failed"}')).toBe(1);
    expect(seriesValue(text, 'gridguard_job_duration_seconds_count{job="metrics_test_ok"}')).toBe(1);
  });

  it('measures the lag of live events from another instance (PostgreSQL LISTEN/NOTIFY)', async () => {
    if (t.database.dialect === 'sqlite') {
      // One process on one file: events never cross instances, so there is no lag to measure.
      expect(t.database.listen).toBeNull();
      return;
    }
    const otherDb: Database = openDatabase(t.database.describe, { poolSize: 2 });
    const otherBus = createEventBus(otherDb);
    try {
      await Promise.all([t.app.events.ready, otherBus.ready]);
      const arrived = new Promise<void>((resolve) => {
        const off = t.app.events.subscribe((e) => {
          if (e.type !== 'metrics.test') return;
          off();
          resolve();
        });
      });
      otherBus.publish({ type: 'metrics.test', regionPath: '/1/' });
      await arrived;
      const text = await adminMetrics(t);
      expect(seriesValue(text, 'gridguard_live_event_lag_seconds_count')).toBeGreaterThanOrEqual(1);
    } finally {
      await otherBus.close();
      await otherDb.close();
    }
  });

  it('moves to its own port without sign-in when GRIDGUARD_METRICS_PORT is set', async () => {
    const other = await buildTestApp({ metricsPort: 9464 });
    const server = await startMetricsServer(other.app.metrics.registry, { port: 0, host: '127.0.0.1' });
    try {
      const { headers } = await signIn(other.app, 'admin', other.tree.county);
      const onApp = await other.app.inject({ method: 'GET', url: '/metrics', headers });
      expect(onApp.statusCode).toBe(404);
      const res = await fetch(`http://127.0.0.1:${server.port}/metrics`);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('gridguard_http_request_duration_seconds');
      expect((await fetch(`http://127.0.0.1:${server.port}/api/v1/regions`)).status).toBe(404);
    } finally {
      await server.close();
      await other.close();
    }
  });
});

describe('request id', () => {
  it('is in the answer header, the error body and every log line of the request', async () => {
    const lines: Record<string, unknown>[] = [];
    const logged = await buildLoggingTestApp((text) => {
      for (const line of text.split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
    });
    try {
      const res = await logged.app.inject({ method: 'GET', url: '/api/v1/regions' });
      expect(res.statusCode).toBe(401);
      const id = res.headers['x-request-id'];
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      expect(res.json().error.requestId).toBe(id);
      const ofRequest = lines.filter((l) => l.requestId === id);
      // Fastify's incoming/completed lines are off; ours: the debug line of each answer.
      expect(ofRequest.some((l) => l.msg === 'request' && l.status === 401)).toBe(true);
      // No line about this request's path lacks its id.
      expect(lines.filter((l) => l.path === '/api/v1/regions' && l.requestId !== id)).toEqual([]);

      const second = await logged.app.inject({ method: 'GET', url: '/healthz' });
      expect(second.headers['x-request-id']).not.toBe(id);
    } finally {
      await logged.close();
    }
  });

  it("keeps a proxy's id that looks like one and replaces one that could forge a log field", async () => {
    const given = await t.app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'nginx-5f2c9a0e7b31d4c8' } });
    expect(given.headers['x-request-id']).toBe('nginx-5f2c9a0e7b31d4c8');
    for (const bad of ['short', 'a"b\\nlevel:60 fake-id-123', 'x'.repeat(65)]) {
      const res = await t.app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': bad } });
      expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    }
  });
});

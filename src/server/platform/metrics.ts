// Prometheus metrics of one app instance (prom-client, a registry per app so tests' apps do not
// share counters). Labels never carry a raw URL, an id or anything typed by a user: requests are
// labelled by their route's pattern (/api/v1/people/:id), so no personal data and a bounded
// number of series. The README's "Metrics" table says what an alert on each would mean.
import http from 'node:http';
import type { FastifyInstance } from 'fastify';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Database } from '../db/connect.ts';
import type { EventBus } from './events.ts';
import type { ScheduledJob } from './jobs.ts';

/** What the metrics read their gauges from when scraped. */
export interface MetricSources {
  database: Database;
  events: EventBus;
  importQueue: { runningCount: number; waitingCount: number };
}

export interface AppMetrics {
  registry: Registry;
  /** The job, timed and counted by outcome each time the scheduler runs it. */
  observeJob(job: ScheduledJob): ScheduledJob;
}

// Requests: most answer in a few ms; exports and roll-ups take seconds.
const REQUEST_BUCKETS = [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const QUERY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5];
const LAG_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];
const JOB_BUCKETS = [0.01, 0.1, 1, 10, 60, 300];

export function createMetrics(app: FastifyInstance, sources: MetricSources): AppMetrics {
  const registry = new Registry();
  // Node's own: memory, CPU, event-loop delay, GC (gridguard_process_*, gridguard_nodejs_*).
  collectDefaultMetrics({ register: registry, prefix: 'gridguard_' });

  const requests = new Histogram({
    name: 'gridguard_http_request_duration_seconds',
    help: 'Time to answer a request, by route pattern, method and status code',
    labelNames: ['method', 'route', 'status'],
    buckets: REQUEST_BUCKETS,
    registers: [registry],
  });
  app.addHook('onResponse', async (request, reply) => {
    // Unmatched paths (404s, scanners) share one label: their URLs are whatever a client typed.
    const route = request.routeOptions.url ?? 'unmatched';
    requests.observe({ method: request.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });

  const queries = new Histogram({
    name: 'gridguard_db_query_duration_seconds',
    help: 'Time of each database query, by outcome',
    labelNames: ['outcome'],
    buckets: QUERY_BUCKETS,
    registers: [registry],
  });
  const stopObserving = sources.database.observeQueries((seconds, failed) => queries.observe({ outcome: failed ? 'error' : 'ok' }, seconds));
  app.addHook('onClose', async () => stopObserving());

  const pool = new Gauge({
    name: 'gridguard_db_pool_connections',
    help: 'PostgreSQL pool connections by state (open, idle, waiting = callers queued for a connection); absent on SQLite',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      const stats = sources.database.poolStats();
      if (!stats) return;
      pool.set({ state: 'open' }, stats.total);
      pool.set({ state: 'idle' }, stats.idle);
      pool.set({ state: 'waiting' }, stats.waiting);
    },
  });

  observeReplica(registry, sources.database);

  const jobRuns = new Counter({
    name: 'gridguard_job_runs_total',
    help: 'Scheduled job runs this instance claimed, by job and outcome',
    labelNames: ['job', 'outcome'],
    registers: [registry],
  });
  const jobSeconds = new Histogram({
    name: 'gridguard_job_duration_seconds',
    help: 'Time of each scheduled job run, by job',
    labelNames: ['job'],
    buckets: JOB_BUCKETS,
    registers: [registry],
  });

  const importQueue = new Gauge({
    name: 'gridguard_import_queue',
    help: "Spreadsheet imports in this instance's queue, by state (running, waiting)",
    labelNames: ['state'],
    registers: [registry],
    collect() {
      importQueue.set({ state: 'running' }, sources.importQueue.runningCount);
      importQueue.set({ state: 'waiting' }, sources.importQueue.waitingCount);
    },
  });

  const lag = new Histogram({
    name: 'gridguard_live_event_lag_seconds',
    help: 'Time from another instance publishing a live event to this instance receiving it (PostgreSQL LISTEN/NOTIFY)',
    buckets: LAG_BUCKETS,
    registers: [registry],
  });
  sources.events.observeLag((seconds) => lag.observe(seconds));

  return {
    registry,
    observeJob(job) {
      return {
        name: job.name,
        runKeyAt: (now) => job.runKeyAt(now),
        async run(db, runKey, now) {
          const end = jobSeconds.startTimer({ job: job.name });
          try {
            await job.run(db, runKey, now);
            jobRuns.inc({ job: job.name, outcome: 'ok' });
          } catch (err) {
            jobRuns.inc({ job: job.name, outcome: 'failed' });
            throw err;
          } finally {
            end();
          }
        },
      };
    },
  };
}

/**
 * GRIDGUARD_METRICS_PORT: /metrics on its own port, without signing in, for a Prometheus that
 * reaches the instance on a network the public cannot (bound to HOST like the app). Anything
 * else on that port is a 404.
 */
export async function startMetricsServer(registry: Registry, opts: { port: number; host: string }): Promise<{ port: number; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    if (req.method !== 'GET' || req.url?.split('?')[0] !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    registry.metrics().then(
      (text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text),
      () => res.writeHead(500, { 'content-type': 'text/plain' }).end('metrics failed\n'),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, resolve);
  });
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : opts.port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** PostgreSQL with a read replica: whether it is used, its lag, and where reads went (and why). */
function observeReplica(registry: Registry, database: Database): void {
  const replica = database.replica;
  if (!replica) return;
  const up = new Gauge({
    name: 'gridguard_db_replica_up',
    help: 'Read replica in use (1) or reads sent to the primary because it is unreachable or lagging (0)',
    registers: [registry],
    collect() {
      up.set(replica.status().up ? 1 : 0);
    },
  });
  const lag = new Gauge({
    name: 'gridguard_db_replica_lag_seconds',
    help: "Read replica's replay lag behind the primary at the last check (absent before the replica first answered)",
    registers: [registry],
    collect() {
      if (replica.lastLagSeconds !== null) lag.set(replica.lastLagSeconds);
    },
  });
  const counted = { replica: 0, primary_after_write: 0, primary_replica_down: 0 };
  const reads = new Counter({
    name: 'gridguard_db_reads_total',
    help: 'Heavy reads (lists, exports, roll-ups, dashboards) by where they went: replica, primary_after_write (the account just wrote), primary_replica_down (fallback)',
    labelNames: ['target'],
    registers: [registry],
    collect() {
      const now = replica.readCounts();
      for (const target of Object.keys(counted) as (keyof typeof counted)[]) {
        const delta = now[target] - counted[target];
        if (delta > 0) reads.inc({ target }, delta);
        counted[target] = now[target];
      }
    },
  });
}

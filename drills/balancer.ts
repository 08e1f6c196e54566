// A small round-robin reverse proxy standing in for nginx in the drills, with the same retry
// rules as nginx's `proxy_next_upstream error timeout http_502 http_503` (non_idempotent off):
// - a request that never reached an instance (connection refused or reset before any byte
//   was sent) goes to the next instance, whatever its method;
// - an idempotent request (GET, HEAD, PUT, DELETE, OPTIONS) is also retried when the instance
//   fails mid-way or answers 502/503 (503 is what a closing Fastify answers);
// - a POST that may have reached an instance is never re-sent: its client decides (with its
//   Idempotency-Key), as behind nginx.
// An instance that refused a connection is skipped for FAIL_TIMEOUT_MS (nginx's passive
// health check: max_fails=1 fail_timeout=…). Responses stream through unbuffered (SSE).
import http from 'node:http';
import type { AddressInfo } from 'node:net';

const IDEMPOTENT = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);
const FAIL_TIMEOUT_MS = 3_000;
const RETRY_STATUSES = new Set([502, 503]);

export interface Upstream {
  host: string;
  port: number;
}

export interface BalancerStats {
  requests: number;
  /** Attempts sent on to another instance after a failure. */
  retries: number;
  /** Answers the balancer made itself (502): every instance failed. */
  gaveUp: number;
}

export interface Balancer {
  url: string;
  port: number;
  stats: BalancerStats;
  close(): Promise<void>;
}

interface Attempt {
  status: 'answered' | 'refused' | 'failed';
  retryable: boolean;
}

export async function startBalancer(upstreams: Upstream[], opts: { port?: number; host?: string } = {}): Promise<Balancer> {
  const host = opts.host ?? '127.0.0.1';
  const downUntil = new Map<number, number>();
  const stats: BalancerStats = { requests: 0, retries: 0, gaveUp: 0 };
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  let next = 0;

  const order = (): number[] => {
    const start = next++ % upstreams.length;
    const all = upstreams.map((_, i) => (start + i) % upstreams.length);
    const now = Date.now();
    const healthy = all.filter((i) => (downUntil.get(i) ?? 0) <= now);
    // Every instance marked down: try them all anyway (nginx does the same).
    return healthy.length ? healthy : all;
  };

  const server = http.createServer((req, res) => {
    stats.requests += 1;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('error', () => res.destroy());
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const idempotent = IDEMPOTENT.has(req.method ?? 'GET');
      const candidates = order();
      const tryAt = (k: number): void => {
        const index = candidates[k];
        if (index === undefined) {
          stats.gaveUp += 1;
          if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json', 'retry-after': '1' });
          res.end(JSON.stringify({ error: { code: 'BAD_GATEWAY', message: 'No instance answered' } }));
          return;
        }
        const last = k === candidates.length - 1;
        forward(index, body, last).then((attempt) => {
          if (attempt.status !== 'answered') downUntil.set(index, Date.now() + FAIL_TIMEOUT_MS);
          if (attempt.status !== 'answered' && (attempt.status === 'refused' || idempotent) && attempt.retryable) {
            stats.retries += 1;
            tryAt(k + 1);
          } else if (attempt.status !== 'answered') {
            res.destroy();
          }
        });
      };
      tryAt(0);
    });

    const forward = (index: number, body: Buffer, last: boolean) =>
      new Promise<Attempt>((resolve) => {
        const target = upstreams[index] as Upstream;
        const headers = { ...req.headers, 'x-forwarded-for': req.socket.remoteAddress ?? '127.0.0.1', 'content-length': String(body.length) };
        delete headers['transfer-encoding'];
        const upstream = http.request({ host: target.host, port: target.port, method: req.method, path: req.url, headers, agent }, (answer) => {
          const status = answer.statusCode ?? 502;
          if (!last && IDEMPOTENT.has(req.method ?? 'GET') && RETRY_STATUSES.has(status)) {
            answer.resume();
            resolve({ status: 'failed', retryable: true });
            return;
          }
          res.writeHead(status, answer.headers);
          res.flushHeaders();
          answer.pipe(res);
          answer.on('error', () => res.destroy());
          res.on('close', () => answer.destroy());
          resolve({ status: 'answered', retryable: false });
        });
        upstream.on('error', (err: NodeJS.ErrnoException) => {
          // Refused: nothing reached the instance. Anything else (a reset mid-way) may have.
          resolve({ status: err.code === 'ECONNREFUSED' ? 'refused' : 'failed', retryable: true });
        });
        upstream.end(body);
      });
  });
  server.keepAliveTimeout = 5_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    port,
    stats,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
        agent.destroy();
      }),
  };
}

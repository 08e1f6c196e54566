// A bad mobile network on loopback: an HTTP proxy that drops a share of requests before they
// reach the server, drops a share of answers after the server has committed (the phone never
// hears back), and adds random latency each way. Drops are a connection torn down, as a
// phone losing signal sees it. Seeded, so a run can be repeated.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LossyOptions {
  target: string;
  dropRequest: number;
  dropAnswer: number;
  maxLatencyMs: number;
  seed?: number;
  port?: number;
}

export interface LossyStats {
  requests: number;
  droppedRequests: number;
  droppedAnswers: number;
  delivered: number;
}

export interface LossyProxy {
  url: string;
  stats: LossyStats;
  close(): Promise<void>;
}

/** mulberry32: a small seeded generator, so the drops of a run can be replayed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function startLossyProxy(opts: LossyOptions): Promise<LossyProxy> {
  const random = seededRandom(opts.seed ?? 20);
  const target = new URL(opts.target);
  const stats: LossyStats = { requests: 0, droppedRequests: 0, droppedAnswers: 0, delivered: 0 };
  const latency = () => new Promise((r) => setTimeout(r, Math.floor(random() * opts.maxLatencyMs)));
  // Every request on its own connection to the server: a torn-down answer must not take a
  // pooled connection another request is using with it.
  const server = http.createServer((req, res) => {
    stats.requests += 1;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const dropRequest = random() < opts.dropRequest;
        const dropAnswer = random() < opts.dropAnswer;
        await latency();
        if (dropRequest) {
          stats.droppedRequests += 1;
          req.socket.destroy();
          return;
        }
        const body = Buffer.concat(chunks);
        const headers = { ...req.headers, host: target.host, 'content-length': String(body.length), connection: 'close' };
        const upstream = http.request({ host: target.hostname, port: Number(target.port), method: req.method, path: req.url, headers }, (answer) => {
          const parts: Buffer[] = [];
          answer.on('data', (c: Buffer) => parts.push(c));
          answer.on('end', () => {
            void latency().then(() => {
              if (dropAnswer) {
                // The server has answered (and committed): the phone never hears it.
                stats.droppedAnswers += 1;
                req.socket.destroy();
                return;
              }
              stats.delivered += 1;
              res.writeHead(answer.statusCode ?? 502, answer.headers);
              res.end(Buffer.concat(parts));
            });
          });
        });
        upstream.on('error', () => req.socket.destroy());
        upstream.end(body);
      })();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stats,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// Helpers of the import tests: a multipart body streamed from pieces (a 250 MB file is never
// one buffer), and waiting for a job to end.
import type { FastifyInstance } from 'fastify';
import { Readable } from 'node:stream';

const BOUNDARY = '----gridguard-stream-boundary';

/** A multipart/form-data body for inject(): the fields, then the file's pieces as they come. */
export function streamingMultipart(fields: Record<string, string>, fileName: string, pieces: AsyncIterable<Buffer>) {
  async function* body(): AsyncGenerator<Buffer> {
    for (const [name, value] of Object.entries(fields)) yield Buffer.from(`--${BOUNDARY}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`);
    yield Buffer.from(`--${BOUNDARY}\r\ncontent-disposition: form-data; name="file"; filename="${fileName}"\r\ncontent-type: application/octet-stream\r\n\r\n`);
    for await (const piece of pieces) yield piece;
    yield Buffer.from(`\r\n--${BOUNDARY}--\r\n`);
  }
  return { payload: Readable.from(body()), headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` } };
}

export interface EndedJob {
  status: string;
  total: number;
  imported: number;
  error?: string;
  errorCode?: string;
  errorParams?: Record<string, string | number>;
  queuePosition?: number;
}

/** Polls the job at `url` until it is done or failed. */
export async function jobEnded(app: FastifyInstance, url: string, headers: Record<string, string>, timeoutMs = 90_000): Promise<EndedJob> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const res = await app.inject({ method: 'GET', url, headers });
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    const job = res.json<EndedJob>();
    if (job.status === 'done' || job.status === 'failed') return job;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${url} did not end in ${timeoutMs} ms`);
}

// Verification lists for tests: a list taken in through the API (multipart upload, then the
// job followed until it ends), as a list manager bound to the list's region.
import type { FastifyInstance } from 'fastify';
import { multipart } from './multipart.ts';
import { signIn } from './app.ts';

export const csvOf = (rows: readonly (readonly string[])[]) => Buffer.from(`${rows.map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\n')}\n`);

/** Polls the list until its job is done or failed, and answers the list. */
export async function settledList(app: FastifyInstance, headers: Record<string, string>, id: string): Promise<any> {
  for (let i = 0; i < 400; i++) {
    const res = await app.inject({ method: 'GET', url: `/api/v1/verification-lists/${id}`, headers });
    const list = res.json();
    if (list.status === 'done' || list.status === 'failed') return list;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('the list did not settle');
}

/** Uploads `file` as a list of `regionId` and waits for its job; answers the list and the uploader's headers. */
export async function takeInList(app: FastifyInstance, regionId: number, file: Buffer, fields: Record<string, string> = {}, uploader?: { headers: Record<string, string> }, fileName = 'list.csv') {
  const who = uploader ?? (await signIn(app, 'admin', regionId));
  const body = multipart(file, { name: '测试名单', kind: 'arrival', regionId: String(regionId), ...fields }, fileName);
  const res = await app.inject({ method: 'POST', url: '/api/v1/verification-lists', headers: { ...who.headers, ...body.headers }, payload: body.payload });
  if (res.statusCode !== 202) throw new Error(`list upload: ${res.statusCode} ${res.body}`);
  const list = await settledList(app, who.headers, res.json().id);
  return { list, headers: who.headers };
}

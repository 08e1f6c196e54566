// The insider's attack of issue 13 on a real server process, and what it does to the server:
// spreadsheet bombs uploaded by a grid worker (one at a time and eight at once) while /healthz
// is timed every 100 ms and the process's memory is read from /proc. Shared by
// bench/upload-bombs.ts (prints the figures) and test/upload-bombs-server.test.ts (asserts them).
import fs from 'node:fs';
import { Readable } from 'node:stream';
import { longLineCsv, sharedStringsBomb } from './bombs.ts';

export interface Session {
  headers: Record<string, string>;
}

async function signIn(base: string, username: string, password: string): Promise<Session> {
  const login = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (!login.ok) throw new Error(`sign-in of ${username}: ${login.status} ${await login.text()}`);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  return { headers: { cookie, 'x-csrf-token': csrfToken } };
}

async function post<T>(base: string, session: Session, path: string, body: unknown): Promise<T> {
  const res = await fetch(`${base}/api/v1${path}`, { method: 'POST', headers: { ...session.headers, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** A town, village and grid under the admin's county, and a grid worker signed in there. */
export async function gridWorker(base: string, adminPassword: string): Promise<{ worker: Session; admin: Session; gridId: number }> {
  const admin = await signIn(base, 'admin', adminPassword);
  const me = (await (await fetch(`${base}/api/v1/auth/me`, { headers: admin.headers })).json()) as { region: { id: number } };
  const town = await post<{ id: number }>(base, admin, '/regions', { parentId: me.region.id, level: 'town', code: '339901901', name: '炸弹镇' });
  const village = await post<{ id: number }>(base, admin, '/regions', { parentId: town.id, level: 'village', code: '339901901001', name: '炸弹村' });
  const grid = await post<{ id: number }>(base, admin, '/regions', { parentId: village.id, level: 'grid', code: '33990190100101', name: '炸弹村第一网格' });
  // A password an admin set must be replaced at the first sign-in before anything else.
  await post(base, admin, '/users', { username: 'insider', password: 'harbour-kettle-first-1', displayName: '内部人员', role: 'grid_worker', regionId: grid.id });
  const firstDay = await signIn(base, 'insider', 'harbour-kettle-first-1');
  await post(base, firstDay, '/auth/password', { currentPassword: 'harbour-kettle-first-1', newPassword: 'lantern-orchard-second-2' });
  return { worker: await signIn(base, 'insider', 'lantern-orchard-second-2'), admin, gridId: grid.id };
}

// ---------------------------------------------------------------- what the server goes through
export interface Watch {
  /** What is going on from now on: the slowest /healthz is also kept per phase. */
  phase(name: string): void;
  stop(): Promise<{ maxHealthzMs: number; healthzFailures: number; peakRssMb: number; rssNowMb: number; slowestByPhase: Record<string, number> }>;
}

const statusMb = (pid: number, field: 'VmRSS' | 'VmHWM') => {
  const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : 0;
};

/** /healthz timed every 100 ms (each answer awaited, so a stall shows as one long answer), and the process's peak RSS. */
export function watch(base: string, pid: number): Watch {
  let running = true;
  let maxHealthzMs = 0;
  let healthzFailures = 0;
  let current = 'start';
  const slowestByPhase: Record<string, number> = {};
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      const ok = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(10_000) })
        .then((r) => r.ok)
        .catch(() => false);
      const ms = performance.now() - started;
      maxHealthzMs = Math.max(maxHealthzMs, ms);
      slowestByPhase[current] = Math.max(slowestByPhase[current] ?? 0, Math.round(ms));
      if (!ok) healthzFailures += 1;
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  return {
    phase(name) {
      current = name;
    },
    async stop() {
      running = false;
      await loop;
      // VmHWM: the most the process ever held, however short the peak between two samples.
      return { maxHealthzMs: Math.round(maxHealthzMs), healthzFailures, peakRssMb: Math.round(statusMb(pid, 'VmHWM')), rssNowMb: Math.round(statusMb(pid, 'VmRSS')), slowestByPhase };
    },
  };
}

// ---------------------------------------------------------------- the uploads
const BOUNDARY = '----gridguard-bomb-boundary';

async function* multipartBody(fields: Record<string, string>, fileName: string, file: Buffer | AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  for (const [name, value] of Object.entries(fields)) yield Buffer.from(`--${BOUNDARY}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`);
  yield Buffer.from(`--${BOUNDARY}\r\ncontent-disposition: form-data; name="file"; filename="${fileName}"\r\ncontent-type: application/octet-stream\r\n\r\n`);
  if (Buffer.isBuffer(file)) yield file;
  else for await (const piece of file) yield piece;
  yield Buffer.from(`\r\n--${BOUNDARY}--\r\n`);
}

export interface Outcome {
  name: string;
  /** The upload's status, and for a job its end: failed with a code, or done. */
  status: number;
  code: string;
}

/** Uploads the file and, when a job was made, waits for its end. */
export async function attack(base: string, session: Session, target: { url: string; fields: Record<string, string>; jobUrl: string }, name: string, fileName: string, file: Buffer | AsyncIterable<Buffer>): Promise<Outcome> {
  const res = await fetch(`${base}${target.url}`, {
    method: 'POST',
    headers: { ...session.headers, 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
    body: Readable.from(multipartBody(target.fields, fileName, file)) as unknown as BodyInit,
    duplex: 'half',
  } as RequestInit);
  const body = (await res.json()) as { id?: string; error?: { code: string } };
  if (res.status !== 202 || !body.id) return { name, status: res.status, code: body.error?.code ?? '?' };
  for (const until = Date.now() + 300_000; Date.now() < until; ) {
    const job = (await (await fetch(`${base}${target.jobUrl}${body.id}`, { headers: session.headers })).json()) as { status: string; errorCode?: string };
    if (job.status === 'failed' || job.status === 'done') return { name, status: 202, code: job.errorCode ?? job.status };
    await new Promise((r) => setTimeout(r, 200));
  }
  return { name, status: 202, code: 'still running after 300 s' };
}

export const peopleTarget = (gridId: number) => ({ url: '/api/v1/imports/persons', fields: { regionId: String(gridId), mode: 'valid-rows' }, jobUrl: '/api/v1/imports/' });
export const territoryTarget = { url: '/api/v1/regions/import', fields: { mode: 'valid-rows' }, jobUrl: '/api/v1/regions/import/' };

/**
 * The two big bombs, as they were (honest sizes) and with a zip directory that lies.
 * The files are built first, so the watcher's process is idle while they go in: call the
 * returned function once the watch has started.
 */
export function bigBombs(base: string, worker: Session, gridId: number): () => Promise<Outcome[]> {
  const people = peopleTarget(gridId);
  const thirty = sharedStringsBomb(30, 100);
  const thirtyLying = sharedStringsBomb(30, 100, 50);
  const huge = sharedStringsBomb(1, 1_500);
  const hugeLying = sharedStringsBomb(1, 1_500, 900);
  const eight = (file: Buffer, lying: boolean) => Promise.all(Array.from({ length: 8 }, (_, i) => attack(base, worker, people, `1.5 GB string #${i + 1}${lying ? ', lying' : ''}`, 'bomb.xlsx', file)));
  return async () => [
    await attack(base, worker, people, '30 × 100 MB shared strings', 'bomb.xlsx', thirty),
    await attack(base, worker, people, '30 × 100 MB shared strings, directory lying (50 MB)', 'bomb.xlsx', thirtyLying),
    ...(await eight(huge, false)),
    ...(await eight(hugeLying, true)),
  ];
}

/** A 250 MB CSV line: the upload streams (a quarter gigabyte through the server), the job refuses the line. */
export const csvLineBomb = (base: string, worker: Session, gridId: number) =>
  attack(base, worker, peopleTarget(gridId), 'CSV with a 250 MB line', 'people.csv', longLineCsv('地址,姓名,身份证号,人员类别', 250));

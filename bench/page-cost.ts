// What one list page costs the server, request by request: the app built in this process on a
// county's database (no listener, no scheduled jobs), each page asked one request at a time
// through Fastify's inject. Per page: the median time of a request (main thread + reader thread
// + the hop between them, nothing queued behind others) and the main thread's busy time per
// request (event-loop utilisation over the run: what caps req/s on the main thread), beside
// GET /auth/me (a request that reads nothing) in the same run. Quieter than a 32-connection run
// on a shared machine: nothing of the load is counted but the requests themselves.
//
//   npx tsx bench/page-cost.ts --database sqlite:///copy/c.db --data-dir /copy [--requests 300]
//        [--pages households,persons,tips] [--level county|town|village|grid] [--cpu-prof-s 0]
// --cpu-prof-s N: profile the main thread for N s of requests (node:inspector), written to
// page-cost.cpuprofile (summarise with bench/lib/profile-top.ts).
import fs from 'node:fs';
import { Session } from 'node:inspector/promises';
import { performance } from 'node:perf_hooks';
import { buildApp } from '../src/server/app.ts';
import { loadConfig } from '../src/server/config.ts';
import { openDatabase } from '../src/server/db/connect.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';
import { loadFieldCrypto } from '../src/server/platform/crypto.ts';
import { DEMO_PASSWORD } from '../src/server/demo/load-demo.ts';
import SQLite from 'better-sqlite3';
import { SqliteReadPool, type ReadStatement } from '../src/server/db/sqlite-read-pool.ts';
import { argValue, median } from './lib/harness.ts';

/** CPU time (ms) of each thread of this process by name, from /proc (Linux): the main thread is the one whose id is the pid. */
function threadCpu(): Map<string, number> {
  const out = new Map<string, number>();
  const tick = 10; // USER_HZ = 100
  for (const tid of fs.readdirSync('/proc/self/task')) {
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    } catch {
      continue;
    }
    const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ms = (Number(fields[11]) + Number(fields[12])) * tick;
    const name = Number(tid) === process.pid ? 'main' : comm;
    out.set(name, (out.get(name) ?? 0) + ms);
  }
  return out;
}
const cpuDelta = (a: Map<string, number>, b: Map<string, number>) => new Map([...b].map(([k, v]) => [k, v - (a.get(k) ?? 0)]));

const argv = process.argv.slice(2);
const databaseUrl = argValue(argv, '--database');
const dataDir = argValue(argv, '--data-dir');
if (!databaseUrl || !dataDir) throw new Error('usage: page-cost.ts --database URL --data-dir DIR [--requests N] [--pages a,b] [--level county]');
const requests = Number(argValue(argv, '--requests') ?? 300);
const level = argValue(argv, '--level') ?? 'county';
const profileSeconds = Number(argValue(argv, '--cpu-prof-s') ?? 0);
const wanted = argValue(argv, '--pages')?.split(',');
const showSql = argv.includes('--sql');

// --sql: every statement of one request of each page (reader threads and the main connection),
// each then timed alone on a connection of this thread (CPU ms, median of 30 runs).
type Traced = ReadStatement & { where: 'reader' | 'main' };
let traced: Traced[] | null = null;
const poolRead = SqliteReadPool.prototype.read;
SqliteReadPool.prototype.read = function (sql, parameters) {
  traced?.push({ sql, parameters, where: 'reader' });
  return poolRead.call(this, sql, parameters);
};
const poolBatch = SqliteReadPool.prototype.readBatch;
SqliteReadPool.prototype.readBatch = function (counts, alternatives) {
  for (const s of [...counts, ...alternatives.flat()]) traced?.push({ ...s, where: 'reader' });
  return poolBatch.call(this, counts, alternatives);
};

const config = loadConfig({ ...process.env, DATABASE_URL: databaseUrl, DATA_DIR: dataDir, GRIDGUARD_DEMO: 'off', LOG_LEVEL: 'warn', NODE_ENV: 'production' });
const database = openDatabase(config.databaseUrl, { sqliteReaders: config.sqliteReaders });
const fieldCrypto = loadFieldCrypto({ envValue: config.dataKey, dataDir: config.dataDir });
await migrateToLatest(database, { fieldCrypto });
const app = await buildApp({ config, database, fieldCrypto });
await app.ready();
await database.readPool?.warm();
const mainPrepare = database.sqlite?.prepare;
if (database.sqlite && mainPrepare) {
  const main = database.sqlite;
  // The writer connection caches its statements (connect.ts): the text is seen once per statement, when first prepared.
  main.prepare = ((text: string) => {
    traced?.push({ sql: text, parameters: [], where: 'main' });
    return mainPrepare.call(main, text);
  }) as typeof main.prepare;
}
const timer = showSql && database.dialect === 'sqlite' ? new SQLite(config.databaseUrl.slice('sqlite://'.length), { readonly: true }) : null;
function timeStatement(s: Traced): string {
  if (!timer) return '';
  try {
    const stmt = timer.prepare(s.sql);
    const runs: number[] = [];
    let rows = 0;
    for (let i = 0; i < 35; i++) {
      const c0 = process.cpuUsage();
      rows = stmt.reader ? stmt.all(...(s.parameters as unknown[])).length : 0;
      const c = process.cpuUsage(c0);
      if (i >= 5) runs.push((c.user + c.system) / 1000);
    }
    return `${median(runs).toFixed(3)} ms, ${rows} rows`;
  } catch (err) {
    return `not timed (${(err as Error).message.slice(0, 60)})`;
  }
}

const accounts = { county: 'commander', town: 'town01', village: 'v001', grid: 'g0001' } as Record<string, string>;
async function bearer(username: string) {
  const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: DEMO_PASSWORD } });
  if (login.statusCode !== 200) throw new Error(`login ${username}: ${login.statusCode}`);
  const cookie = String(login.headers['set-cookie'] ?? '').split(';')[0] ?? '';
  const token = await app.inject({ method: 'POST', url: '/api/v1/auth/tokens', payload: { name: 'page-cost', expiresInDays: 1 }, headers: { cookie, 'x-csrf-token': login.json().csrfToken } });
  return { headers: { authorization: `Bearer ${token.json().token as string}` }, regionId: login.json().user.regionId as number };
}
const who = await bearer(accounts[level] ?? 'commander');
const auditor = await bearer('auditor');

const PAGES: [string, string][] = [
  ['auth/me', '/api/v1/auth/me'],
  ['households', `/api/v1/households?regionId=${who.regionId}&limit=50`],
  ['persons', `/api/v1/persons?regionId=${who.regionId}&limit=50`],
  ['tips', `/api/v1/tips?regionId=${who.regionId}&limit=50`],
  ['alerts', `/api/v1/quarantines/alerts?regionId=${who.regionId}&limit=50`],
  ['quarantine orders', `/api/v1/quarantines?regionId=${who.regionId}&limit=50`],
  ['inspections', `/api/v1/inspections?regionId=${who.regionId}&limit=50`],
  ['rectifications', `/api/v1/rectifications?regionId=${who.regionId}&limit=50`],
  ['family events', `/api/v1/family-events?regionId=${who.regionId}&limit=50`],
  ['patrol logs', `/api/v1/patrol-logs?regionId=${who.regionId}&limit=50`],
  ['arrivals', `/api/v1/arrivals?regionId=${who.regionId}&limit=50`],
  ['users', `/api/v1/users?regionId=${who.regionId}&limit=50`],
  ['audit', `/api/v1/audit?regionId=${who.regionId}&limit=50`],
];

const perThread: string[] = [];
const sqlLines: string[] = [];
let session: Session | null = null;
if (profileSeconds > 0) {
  session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
}

console.log(`${database.dialect}, ${level}, ${requests} requests per page one at a time\n`);
console.log('| page | median ms (1 at a time) | p90 ms | CPU ms / request, all threads (32 at a time) | main thread busy ms / request (32 at a time) | bytes |');
console.log('|---|---|---|---|---|---|');
for (const [name, url] of PAGES) {
  if (wanted && name !== 'auth/me' && !wanted.some((w) => name.includes(w))) continue;
  const headers = name === 'audit' ? auditor.headers : who.headers;
  if (showSql) traced = [];
  const first = await app.inject({ method: 'GET', url, headers });
  const statements = traced ?? [];
  traced = null;
  if (first.statusCode !== 200) {
    console.log(`| ${name} | ${first.statusCode} ${first.body.slice(0, 80)} |`);
    continue;
  }
  for (let i = 0; i < 30; i++) await app.inject({ method: 'GET', url, headers });
  if (session && name !== 'auth/me') await session.post('Profiler.start');
  const times: number[] = [];
  const t0 = performance.now();
  for (let i = 0; i < requests; i++) {
    const s = performance.now();
    await app.inject({ method: 'GET', url, headers });
    times.push(performance.now() - s);
    if (session && performance.now() - t0 > profileSeconds * 1000) break;
  }
  if (session && name !== 'auth/me') {
    const { profile } = await session.post('Profiler.stop');
    fs.writeFileSync(`page-cost-${name.replace(/\W+/g, '-')}.cpuprofile`, JSON.stringify(profile));
  }
  times.sort((a, b) => a - b);
  // The same number of requests, 32 in flight: the process's CPU (main and reader threads) and the main thread's busy time per request.
  let left = times.length;
  const cpu0 = process.cpuUsage();
  const threads0 = threadCpu();
  const elu0 = performance.eventLoopUtilization();
  await Promise.all(
    Array.from({ length: 32 }, async () => {
      while (left-- > 0) await app.inject({ method: 'GET', url, headers });
    }),
  );
  const cpu = process.cpuUsage(cpu0);
  const elu = performance.eventLoopUtilization(elu0);
  const n = times.length;
  const threads = [...cpuDelta(threads0, threadCpu())].filter(([, ms]) => ms > 0).sort((a, b) => b[1] - a[1]);
  perThread.push(`${name}: ${threads.map(([k, ms]) => `${k} ${(ms / n).toFixed(2)}`).join(', ')}`);
  for (const st of statements) sqlLines.push(`${name} · ${st.where} · ${timeStatement(st)}${st.where === 'main' ? ' (first prepare only)' : ''}\n    ${st.sql.slice(0, 400)}`);
  console.log(`| ${name} | ${median(times).toFixed(2)} | ${times[Math.floor(n * 0.9)]!.toFixed(2)} | ${((cpu.user + cpu.system) / 1000 / n).toFixed(2)} | ${(elu.active / n).toFixed(2)} | ${first.body.length.toLocaleString()} |`);
}
if (sqlLines.length) console.log(`\nstatements of one request (CPU of the statement alone on a connection of this thread):\n${sqlLines.join('\n')}`);
console.log(`\nCPU ms per request by thread (32 at a time; /proc, 10-ms ticks):\n${perThread.join('\n')}`);
await app.close();
await database.close();
process.exit(0);

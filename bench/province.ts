// Province scale on PostgreSQL (issue 4): 10,000,000 people across 40 demo counties, then
//   - the county roll-up and summary through the platform (HTTP, a county commander's token);
//   - the province roll-up: the 40 counties' totals summed, read the way the roll-up service
//     reads a region (counters, day counters, grid counts), in this process — the region tree
//     has no province level, so no account can ask for it over HTTP yet;
// each against a raw GROUP BY over the same data in the same run. Target: p50 < 200 ms.
//
//   npx tsx bench/province.ts                       # builds gg_bench_province (≈15 min), keeps it
//   npx tsx bench/province.ts --reuse               # measures the database built before
//   options: --counties 40 --people 250000 (per county) --duration 10 --runs 3
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { openDatabase } from '../src/server/db/connect.ts';
import { DEMO_PASSWORD } from '../src/server/demo/load-demo.ts';
import { readCounters, readDayCounters } from '../src/server/modules/stats/counters.ts';
import { gridCounts } from '../src/server/modules/stats/grids.ts';
import { argValue, countyTimeZone, deadline, emitResult, freePort, HOST, load, median, startChild, waitHealthy } from './lib/harness.ts';

export const bench = { name: 'province', target: 200 };

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const NAME = 'gg_bench_province';
const PG_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const URL = `postgres://postgres@127.0.0.1:5432/${NAME}`;
const argv = process.argv.slice(2);
const num = (name: string, dflt: number) => Number(argValue(argv, name) ?? dflt);
const opts = { counties: num('--counties', 40), people: num('--people', 250_000), durationSec: num('--duration', 10), runs: num('--runs', 3), reuse: argv.includes('--reuse') };
deadline(60 * 60_000, 'the province benchmark');

// The data key must be the one the data was encrypted with: keep it next to the database.
const dataDir = path.join(ROOT, 'data', 'bench-province');
if (!opts.reuse) {
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`drop database if exists ${NAME} with (force)`);
  await admin.query(`create database ${NAME}`);
  await admin.end();
  console.log(`building ${opts.counties} demo counties × ${opts.people.toLocaleString()} people into ${NAME}…`);
  const t0 = Date.now();
  execFileSync(TSX, ['scripts/demo-county.ts', '--people', String(opts.people), '--counties', String(opts.counties), '--database', URL], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  console.log(`  built in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
}

const database = openDatabase(URL);
const db = database.db;
const people = Number((await db.selectFrom('persons').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
const roots = await db.selectFrom('regions').select(['id', 'path']).where('parent_id', 'is', null).orderBy('id').execute();
const today = new Intl.DateTimeFormat('en-CA', { timeZone: countyTimeZone() }).format(new Date());
const yesterday = new Date(Date.parse(`${today}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
console.log(`${people.toLocaleString()} people in ${roots.length} counties`);

// ---------------------------------------------------------------- province: counters vs raw
async function provinceFromCounters() {
  const ids = roots.map((r) => r.id);
  const [counters, days] = await Promise.all([readCounters(db, ids), readDayCounters(db, ids, yesterday, yesterday)]);
  const totals: Record<string, number> = {};
  let grids = 0;
  for (const root of roots) {
    grids += (await gridCounts(db, root.path, [root])).get(root.id) ?? 0;
    for (const bag of [counters.get(root.id) ?? {}, days.get(root.id)?.get(yesterday) ?? {}]) {
      for (const [m, v] of Object.entries(bag)) totals[m] = (totals[m] ?? 0) + v;
    }
  }
  return { grids, totals };
}
const raw = new pg.Client({ connectionString: URL });
await raw.connect();
async function provinceRaw() {
  const p = await raw.query(`select category, count(*) as n from persons where left_on is null group by category`);
  const r = await raw.query(`select on_time, count(*) as n from daily_reports where day = $1 and status = 'filed' group by on_time`, [yesterday]);
  const g = await raw.query(`select count(*) as n from regions where level = 'grid'`);
  return { p: p.rows, r: r.rows, g: g.rows };
}
async function timed(fn: () => Promise<unknown>, n: number) {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return median(times.slice(Math.min(2, n - 1)));
}
const provinceP50 = await timed(provinceFromCounters, 30);
const provinceRawP50 = await timed(provinceRaw, 5);
const check = await provinceFromCounters();
console.log(`province roll-up from counters: p50 ${provinceP50.toFixed(1)} ms (${check.totals.persons?.toLocaleString()} people, ${check.grids} grids); raw GROUP BY: p50 ${provinceRawP50.toFixed(0)} ms — ${(provinceRawP50 / provinceP50).toFixed(0)}× `);
if (check.totals.persons !== people) throw new Error(`counters say ${check.totals.persons} people, the table holds ${people}`);
emitResult({ bench: bench.name, variant: 'postgres/rollup-province', p50Ms: Number(provinceP50.toFixed(1)), rawGroupByMs: Math.round(provinceRawP50), speedup: Math.round(provinceRawP50 / provinceP50), people, target: `p50 < ${bench.target} ms` });
await raw.end();
await database.close();

// ---------------------------------------------------------------- county: through the platform
const port = await freePort();
const child = startChild('platform', TSX, ['src/server/main.ts'], {
  cwd: ROOT,
  env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'production', PORT: String(port), HOST, DATA_DIR: dataDir, DATABASE_URL: URL, GRIDGUARD_DEMO: 'off', GRIDGUARD_ADMIN_PASSWORD: 'bench-county-keeper-1', LOG_LEVEL: 'warn' },
});
const base = `http://${HOST}:${port}`;
await waitHealthy(child, `${base}/healthz`, 120_000);
const login = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'commander', password: DEMO_PASSWORD }) });
const me = (await login.json()) as { csrfToken: string; user: { regionId: number } };
const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
const tokenRes = await fetch(`${base}/api/v1/auth/tokens`, { method: 'POST', headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': me.csrfToken }, body: JSON.stringify({ name: 'bench', expiresInDays: 1 }) });
const auth = { authorization: `Bearer ${((await tokenRes.json()) as { token: string }).token}` };
const county = me.user.regionId;
for (const [name, url] of [
  ['rollup-county', `/api/v1/daily-reports/rollup?regionId=${county}&date=${yesterday}`],
  ['summary-county', `/api/v1/stats/summary?regionId=${county}`],
] as const) {
  const runs = [];
  for (let i = 0; i < opts.runs; i++) {
    const r = await load({ url: base, path: url, method: 'GET', connections: 10, durationSec: opts.durationSec, headers: auth, next: () => ({ headers: {} }) });
    if (r.non2xx || r.errors) throw new Error(`${name}: ${r.non2xx} non-2xx, ${r.errors} errors ${JSON.stringify(r.statusCodes)}`);
    runs.push(r);
  }
  const p50 = median(runs.map((r) => r.p50));
  const p99 = median(runs.map((r) => r.p99));
  const rps = median(runs.map((r) => r.rps));
  console.log(`${name} (PostgreSQL, 10M people in the database): p50 ${p50} ms, p99 ${p99} ms, ${Math.round(rps)} req/s`);
  emitResult({ bench: bench.name, variant: `postgres/${name}`, p50Ms: p50, p99Ms: p99, rps: Math.round(rps), target: `p50 < ${bench.target} ms` });
}
await child.stop();
process.exit(0);

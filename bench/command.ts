// The command side under load (issue 4):
//   1. roll-ups — GET /daily-reports/rollup and GET /stats/summary for the county, through the
//      whole platform (auth, scope, counters) — against a raw GROUP BY over the same data in the
//      same run (what a roll-up costs without counters): target p50 < 20 ms;
//   2. the filing rush — every grid files its daily report in the last half hour before the
//      deadline: throughput and p99 of POST /daily-reports, and the headroom over the rate
//      that rush needs (grids / 1,800 s).
//
//   npx tsx bench/command.ts                            # SQLite, demo county 250,000 people, 5,000 grids
//   npx tsx bench/command.ts --postgres                 # the same on PostgreSQL
//   options: --people 250000 --grids 5000 --duration 10 --runs 3 --connections 10
//            --database URL (reuse a database built by `npm run demo`; nothing is generated)
//
// The server is a child process; autocannon runs here, on loopback. Figures are medians.
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { argValue, countyTimeZone, deadline, emitResult, load, median, serverRss } from './lib/harness.ts';
import { startDemoServer } from './lib/demo-server.ts';

export const bench = { name: 'command', target: 20 };

const argv = process.argv.slice(2);
const num = (name: string, dflt: number) => Number(argValue(argv, name) ?? dflt);
const opts = {
  postgres: argv.includes('--postgres'),
  people: num('--people', 250_000),
  grids: num('--grids', 5_000),
  durationSec: num('--duration', 10),
  runs: num('--runs', 3),
  connections: num('--connections', 10),
  database: argValue(argv, '--database'),
};
deadline(30 * 60_000, 'the command benchmark');

const server = await startDemoServer({ name: 'command', postgres: opts.postgres, people: opts.people, grids: opts.grids, database: opts.database });
const { base, api, child, dialect, databaseUrl } = server;
// The county commander reads; filing is for grid staff or, for any grid of the county, the admin.
const commander = await server.bearer('commander');
const auth = commander.headers;
const filer = (await server.bearer('admin')).headers;
const county = commander.user.regionId;
const today = new Intl.DateTimeFormat('en-CA', { timeZone: countyTimeZone() }).format(new Date());
const yesterday = new Date(Date.parse(`${today}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

// ---------------------------------------------------------------- raw baseline
// What a roll-up costs without counters: people by category and yesterday's reports by
// timeliness for the county's subtree, straight from the tables (per grid first, then summed).
const RAW_PEOPLE = `select p.category, count(*) as n from persons p join regions r on r.id = p.region_id
  where r.path >= $1 and r.path < $2 and p.left_on is null group by p.category`;
const RAW_REPORTS = `select d.on_time, count(*) as n from daily_reports d join regions r on r.id = d.region_id
  where r.path >= $1 and r.path < $2 and d.day = $3 and d.status = 'filed' group by d.on_time`;
const RAW_GRIDS = `select count(*) as n from regions where path >= $1 and path < $2 and level = 'grid'`;
const rawTimes: number[] = [];
{
  const lo = `/${county}/`;
  const hi = `/${county}0`;
  if (dialect === 'sqlite') {
    const db = new SQLite(databaseUrl.slice('sqlite://'.length), { readonly: true });
    const q = (s: string) => db.prepare(s.replace(/\$\d/g, '?'));
    const [people, reports, grids] = [q(RAW_PEOPLE), q(RAW_REPORTS), q(RAW_GRIDS)];
    for (let i = 0; i < 7; i++) {
      const t0 = performance.now();
      people.all(lo, hi);
      reports.all(lo, hi, yesterday);
      grids.get(lo, hi);
      rawTimes.push(performance.now() - t0);
    }
    db.close();
  } else {
    const c = new pg.Client({ connectionString: databaseUrl });
    await c.connect();
    for (let i = 0; i < 7; i++) {
      const t0 = performance.now();
      await c.query(RAW_PEOPLE, [lo, hi]);
      await c.query(RAW_REPORTS, [lo, hi, yesterday]);
      await c.query(RAW_GRIDS, [lo, hi]);
      rawTimes.push(performance.now() - t0);
    }
    await c.end();
  }
}
const rawP50 = median(rawTimes.slice(2)); // the first runs warm the cache
console.log(`raw GROUP BY over the county (people by category, yesterday's reports, grids): p50 ${rawP50.toFixed(1)} ms`);

// ---------------------------------------------------------------- roll-ups under load
async function getLoad(name: string, url: string, connections = opts.connections) {
  const runs = [];
  for (let i = 0; i < opts.runs; i++) {
    const r = await load({ url: base, path: url, method: 'GET', connections, durationSec: opts.durationSec, headers: auth, next: () => ({ headers: {} }) });
    if (r.non2xx || r.errors) throw new Error(`${name}: ${r.non2xx} non-2xx, ${r.errors} errors ${JSON.stringify(r.statusCodes)}`);
    runs.push(r);
  }
  const p50 = median(runs.map((r) => r.p50));
  const p99 = median(runs.map((r) => r.p99));
  const rps = median(runs.map((r) => r.rps));
  console.log(`${name}: p50 ${p50} ms, p99 ${p99} ms, ${Math.round(rps)} req/s (${connections} connections, median of ${opts.runs} × ${opts.durationSec} s)`);
  return { p50, p99, rps };
}
const rollup = await getLoad('GET /daily-reports/rollup (county)', `/api/v1/daily-reports/rollup?regionId=${county}&date=${yesterday}`);
const rollupOne = await getLoad('GET /daily-reports/rollup (county), 1 connection', `/api/v1/daily-reports/rollup?regionId=${county}&date=${yesterday}`, 1);
const summary = await getLoad('GET /stats/summary (county)', `/api/v1/stats/summary?regionId=${county}`);
// Each autocannon request is timed from its own connection, so the single-request latency of a
// quiet server is the fairer comparison with the raw query's single run: one connection.
const quiet = [];
for (let i = 0; i < 30; i++) {
  const t0 = performance.now();
  await api('GET', `/api/v1/daily-reports/rollup?regionId=${county}&date=${yesterday}`, undefined, auth);
  quiet.push(performance.now() - t0);
}
const quietP50 = median(quiet.slice(5));
console.log(`  one request at a time: rollup p50 ${quietP50.toFixed(1)} ms — ${(rawP50 / quietP50).toFixed(1)}× faster than the raw GROUP BY`);
emitResult({ bench: bench.name, variant: `${dialect}/rollup-county`, p50OneConnectionMs: rollupOne.p50, p50Ms: rollup.p50, p99Ms: rollup.p99, rps: Math.round(rollup.rps), quietP50Ms: Number(quietP50.toFixed(1)), rawGroupByMs: Number(rawP50.toFixed(1)), speedup: Number((rawP50 / quietP50).toFixed(1)), target: `p50 < ${bench.target} ms` });
emitResult({ bench: bench.name, variant: `${dialect}/summary-county`, p50Ms: summary.p50, p99Ms: summary.p99, rps: Math.round(summary.rps) });

// ---------------------------------------------------------------- the filing rush
const grids: number[] = [];
for (let cursor: string | null = null; ; ) {
  const page = await api('GET', `/api/v1/regions?level=grid&limit=500${cursor ? `&cursor=${cursor}` : ''}`, undefined, auth);
  for (const r of page.json.items as { id: number; level: string }[]) if (r.level === 'grid') grids.push(r.id);
  cursor = page.json.nextCursor;
  if (!cursor) break;
}
if (grids.length === 0) throw new Error('no grids listed by GET /regions?level=grid');
let n = 0;
const seed = Date.now().toString(36);
const filing = () => {
  const regionId = grids[n % grids.length] as number;
  n += 1;
  const v = n % 7;
  return {
    body: JSON.stringify({ regionId, date: today, figures: { householdsVisited: v + 3, newArrivals: v % 3, departures: 0, underQuarantine: v % 2, abnormalHealth: 0, tipsReceived: v % 4 }, note: '今日排查正常' }),
    headers: { 'idempotency-key': `bench-${seed}-${n}` },
  };
};
const rushConnections = 50;
const rush = await load({ url: base, path: '/api/v1/daily-reports', connections: rushConnections, durationSec: opts.durationSec * 2, headers: filer, next: filing });
if (rush.errors || rush.timeouts || rush.non2xx) throw new Error(`filing: ${rush.errors} errors, ${rush.timeouts} timeouts, statuses ${JSON.stringify(rush.statusCodes)}`);
const firstFilings = Math.min(n, grids.length);
const needed = grids.length / 1800;
const mem = serverRss(child.pid, 'src/server/main.ts');
console.log(
  `filing rush: ${rush.requests} filings (${firstFilings} first filings, the rest corrections) at ${Math.round(rush.rps)} req/s, p50 ${rush.p50} ms, p99 ${rush.p99} ms with ${rushConnections} connections; ` +
    `${grids.length} grids in 30 minutes need ${needed.toFixed(1)} req/s: headroom ${(rush.rps / needed).toFixed(0)}×; statuses ${JSON.stringify(rush.statusCodes)}; server RSS ${mem.serverMb} MB`,
);
// The counters must agree with the reports after the rush.
const after = await api('GET', `/api/v1/daily-reports/rollup?regionId=${county}&date=${today}`, undefined, auth);
console.log(`  after the rush the county roll-up says ${after.json.region.filed} of ${after.json.region.grids} grids filed`);
await child.stop();
emitResult({ bench: bench.name, variant: `${dialect}/filing-rush`, rps: Math.round(rush.rps), p50Ms: rush.p50, p99Ms: rush.p99, neededRps: Number(needed.toFixed(1)), headroom: Math.round(rush.rps / needed), serverRssMb: mem.serverMb });
process.exit(0);

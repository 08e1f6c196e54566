// A county's day (issue 17 item 3): 5,000 staff accounts of the demo county in a realistic mix —
// grid workers pulling their lists and recording visits, grid leaders reviewing, village and town
// officers in their inboxes and alert lists, the HQ's dashboard with live event streams, and the
// 16:30 daily-report rush — from separate load processes (bench/lib/staff-load.ts), each member
// acting on average every --think seconds. Steps of more and more staff give per-route
// p50/p95/p99 and the largest number of staff one instance serves at p95 < 200 ms; beside it the
// CPU share the load processes took of this machine (they share its cores with the server).
// Baseline of the same run: after each step, the same staff at the same rate asking only
// GET /auth/me (the cheapest signed-in request): what this machine's load alone costs.
//
//   npx tsx bench/staff-day.ts                  # SQLite, demo county of 250,000 people
//   npx tsx bench/staff-day.ts --postgres
//   options: --people 250000 --staff 5000 --steps 500,1000,2000,5000 --think 10 --duration 10
//            --processes 2 --streams 20 --database URL --data-dir DIR (reuse a county built by `npm run demo`)
//
// Setup's fast path: the demo has ~2,700 accounts; the rest are grid workers added straight into
// the users table (the demo's password hash), and every account gets a bearer token row
// (sha-256 of a fresh secret, as accounts.service.ts makes them) — 5,000 scrypt sign-ins would take minutes.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { hashSecret, newSecret } from '../src/server/platform/auth.ts';
import { newId } from '../src/server/platform/ids.ts';
import { ROOT, TSX, startDemoServer } from './lib/demo-server.ts';
import { argValue, countyTimeZone, cpuUs, deadline, emitResult, serverRss, startChild } from './lib/harness.ts';
import type { LoadSpecFile, StaffMember } from './lib/staff-load.ts';

export const bench = { name: 'staff-day', target: 200 };

const argv = process.argv.slice(2);
const num = (name: string, dflt: number) => Number(argValue(argv, name) ?? dflt);
const opts = {
  postgres: argv.includes('--postgres'),
  people: num('--people', 250_000),
  staff: num('--staff', 5000),
  steps: (argValue(argv, '--steps') ?? '500,1000,2000,5000').split(',').map(Number),
  thinkSec: num('--think', 10),
  durationSec: num('--duration', 10),
  processes: num('--processes', 2),
  streams: num('--streams', 20),
  database: argValue(argv, '--database'),
  dataDir: argValue(argv, '--data-dir'),
};
deadline(45 * 60_000, 'the staff-day benchmark');

type Query = (sql: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;
async function withDatabase<T>(url: string, work: (q: Query) => Promise<T>): Promise<T> {
  if (url.startsWith('sqlite://')) {
    const db = new SQLite(url.slice('sqlite://'.length));
    db.pragma('busy_timeout = 5000');
    try {
      return await work(async (sql, params = []) => {
        const stmt = db.prepare(sql.replace(/\$\d+/g, '?'));
        return stmt.reader ? (stmt.all(...params) as Record<string, unknown>[]) : (stmt.run(...params), []);
      });
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(async (sql, params = []) => (await client.query(sql, params)).rows);
  } finally {
    await client.end();
  }
}

/** Tops the staff up to --staff accounts (grid workers) and gives every account a bearer token. */
async function prepareStaff(url: string): Promise<StaffMember[]> {
  return withDatabase(url, async (q) => {
    const [{ n } = { n: 0 }] = (await q('select count(*) as n from users where active = 1')) as { n: number }[];
    const [template] = await q(`select password_hash from users where username = 'gw0001'`);
    const grids = (await q(`select id from regions where level = 'grid' order by id`)).map((r) => Number(r.id));
    const now = new Date().toISOString();
    await q('begin');
    for (let i = Number(n); i < opts.staff; i++) {
      const grid = grids[i % grids.length];
      await q(
        `insert into users (id, username, display_name, role, region_id, password_hash, phone, active, created_at, updated_at) values ($1, $2, $3, 'grid_worker', $4, $5, null, 1, $6, $7)`,
        [newId(), `sd${String(i).padStart(5, '0')}`, `网格员${i}`, grid, template?.password_hash, now, now],
      );
    }
    const users = await q(`select u.id, u.role, u.region_id, r.path from users u join regions r on r.id = u.region_id where u.active = 1 order by u.username limit ${opts.staff}`);
    // The demo keeps its households in micro-grids under the grids: a grid worker visits those of
    // the grid's subtree, so each region gets one household of every region below it (a few per grid).
    const below = new Map<number, string[]>();
    const paths = new Map((await q('select id, path from regions')).map((r) => [Number(r.id), String(r.path)]));
    for (const h of await q('select region_id, min(id) as id from households group by region_id')) {
      for (const ancestor of (paths.get(Number(h.region_id)) ?? '').split('/').filter(Boolean).map(Number)) {
        const list = below.get(ancestor) ?? [];
        if (list.length < 16) below.set(ancestor, [...list, String(h.id)]);
      }
    }
    const householdOf = (regionId: number, k: number) => {
      const list = below.get(regionId);
      return list?.length ? (list[k % list.length] as string) : null;
    };
    const expires = new Date(Date.now() + 86_400_000).toISOString();
    const staff: StaffMember[] = [];
    for (const [k, u] of users.entries()) {
      const token = newSecret('ggt');
      await q(
        `insert into auth_sessions (id, token_hash, user_id, kind, name, csrf_token, created_at, expires_at, last_used_at, revoked_at) values ($1, $2, $3, 'token', 'staff-day', null, $4, $5, null, null)`,
        [newId(), hashSecret(token), u.id, now, expires],
      );
      const countyId = Number(String(u.path).split('/').filter(Boolean)[0]);
      staff.push({ token, role: String(u.role), regionId: Number(u.region_id), countyId, householdId: householdOf(Number(u.region_id), k) });
    }
    await q('commit');
    return staff;
  });
}

let staff: StaffMember[] = [];
const server = await startDemoServer({
  name: 'staff-day',
  postgres: opts.postgres,
  people: opts.people,
  database: opts.database,
  dataDir: opts.dataDir,
  prepare: async (url) => {
    const t0 = Date.now();
    staff = await prepareStaff(url);
    console.log(`${staff.length.toLocaleString()} staff accounts with tokens, set up in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  },
});
const serverPid = serverRss(server.child.pid, 'src/server/main.ts').serverPid;
const day = new Intl.DateTimeFormat('en-CA', { timeZone: countyTimeZone() }).format(new Date());
const specDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gg-staff-day-'));
const shuffled = [...staff].sort(() => Math.random() - 0.5);
// The HQ and the town officers are always on; grid staff fill the rest of a step.
const byPriority = [...shuffled.filter((s) => !s.role.startsWith('grid')), ...shuffled.filter((s) => s.role.startsWith('grid'))];

interface RouteFigure { route: string; count: number; p50: number; p95: number; p99: number; failures: Record<string, number>; all: number[] }
async function step(active: number, rush: boolean, baseline = false) {
  const members = byPriority.slice(0, active);
  const files: string[] = [];
  const loaders = Array.from({ length: opts.processes }, (_, k) => {
    const spec: LoadSpecFile = { base: server.base, staff: members.filter((_, i) => i % opts.processes === k), thinkSec: opts.thinkSec, durationSec: opts.durationSec, rush, day, streams: Math.ceil(opts.streams / opts.processes), baseline };
    const file = path.join(specDir, `spec-${active}-${k}${baseline ? '-baseline' : ''}.json`);
    fs.writeFileSync(file, JSON.stringify(spec));
    files.push(file);
    return startChild(`load${k}`, TSX, ['bench/lib/staff-load.ts'], { cwd: ROOT, env: { PATH: process.env.PATH, HOME: process.env.HOME, SPEC: file } });
  });
  const cpu0 = cpuUs(serverPid);
  const t0 = performance.now();
  await Promise.all(loaders.map((l) => l.exited));
  const wall = (performance.now() - t0) * 1000;
  const serverShare = (cpuUs(serverPid) - cpu0) / wall;
  const outputs = files.map((file, k) => {
    if (!fs.existsSync(`${file}.out.json`)) throw new Error(`load process ${k} left no figures:\n${loaders[k]?.output()}`);
    return JSON.parse(fs.readFileSync(`${file}.out.json`, 'utf8')) as { routes: RouteFigure[]; cpuShare: number };
  });
  // Each load process reports its own CPU time over its run (in core-seconds per second).
  const loadShare = outputs.reduce((s, o) => s + (o.cpuShare ?? 0), 0);
  const merged = new Map<string, RouteFigure>();
  for (const o of outputs) {
    for (const r of o.routes ?? []) {
      const m = merged.get(r.route) ?? { ...r, all: [], failures: {}, count: 0 };
      m.all.push(...r.all);
      for (const [k, v] of Object.entries(r.failures)) m.failures[k] = (m.failures[k] ?? 0) + v;
      merged.set(r.route, m);
    }
  }
  const pct = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? 0;
  const routes = [...merged.values()].map((r) => {
    const all = r.all.sort((a, b) => a - b);
    return { route: r.route, count: all.length, p50: pct(all, 0.5), p95: pct(all, 0.95), p99: pct(all, 0.99), failed: Object.values(r.failures).reduce((a, b) => a + b, 0), failures: r.failures };
  });
  const every = [...merged.values()].flatMap((r) => r.all).sort((a, b) => a - b);
  const failed = routes.reduce((s, r) => s + r.failed, 0);
  return { active, rush, rps: Math.round(every.length / opts.durationSec), p50: pct(every, 0.5), p95: pct(every, 0.95), p99: pct(every, 0.99), failed, serverCpu: serverShare, loadCpu: loadShare, routes };
}

console.log(`${server.dialect}, ${opts.people.toLocaleString()} people; each member acts every ${opts.thinkSec} s on average; ${opts.processes} load processes; ${opts.durationSec} s a step; ${os.cpus().length} cores; load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}\n`);
console.log('| staff | req/s | p50 ms | p95 ms | p99 ms | failed | server CPU | load processes CPU | baseline GET /auth/me p50 / p95 / p99 ms (req/s) |');
console.log('|---|---|---|---|---|---|---|---|---|');
const results = [];
for (const active of opts.steps) {
  const r = await step(Math.min(active, staff.length), false);
  const b = await step(Math.min(active, staff.length), false, true);
  results.push({ ...r, baseline: b });
  console.log(`| ${r.active.toLocaleString()} | ${r.rps} | ${r.p50} | ${r.p95} | ${r.p99} | ${r.failed} | ${Math.round(r.serverCpu * 100)}% | ${Math.round(r.loadCpu * 100)}% | ${b.p50} / ${b.p95} / ${b.p99} (${b.rps})${b.failed ? `, ${b.failed} failed` : ''} |`);
  emitResult({ bench: bench.name, variant: `${server.dialect}/${r.active}`, p50Ms: r.p50, p95Ms: r.p95, p99Ms: r.p99, rps: r.rps, failed: r.failed, serverCpuPct: Math.round(r.serverCpu * 100), loadCpuPct: Math.round(r.loadCpu * 100), baselineAuthMeP95Ms: b.p95 });
}
const rush = await step(Math.min(opts.staff, staff.length), true);
console.log(`| ${rush.active.toLocaleString()} + 16:30 rush | ${rush.rps} | ${rush.p50} | ${rush.p95} | ${rush.p99} | ${rush.failed} | ${Math.round(rush.serverCpu * 100)}% | ${Math.round(rush.loadCpu * 100)}% |`);

console.log(`\nper route, ${rush.active.toLocaleString()} staff with the 16:30 rush:\n`);
console.log('| route | requests | p50 ms | p95 ms | p99 ms | failed |');
console.log('|---|---|---|---|---|---|');
for (const r of rush.routes.sort((a, b) => b.p95 - a.p95)) console.log(`| ${r.route} | ${r.count} | ${r.p50} | ${r.p95} | ${r.p99} | ${r.failed ? JSON.stringify(r.failures) : 0} |`);

const served = results.filter((r) => r.p95 < bench.target && r.failed === 0).reduce((m, r) => Math.max(m, r.active), 0);
const at = results.find((r) => r.active === served);
console.log(`\nlargest staff served at p95 < ${bench.target} ms: ${served ? served.toLocaleString() : `fewer than ${opts.steps[0]}`}${at ? ` (load processes took ${Math.round(at.loadCpu * 100)}% of one core's time, the server ${Math.round(at.serverCpu * 100)}%; GET /auth/me alone at that rate: p95 ${at.baseline.p95} ms)` : ''}`);
const servedBaseline = results.filter((r) => r.baseline.p95 < bench.target && r.baseline.failed === 0).reduce((m, r) => Math.max(m, r.active), 0);
console.log(`baseline: the largest step whose GET /auth/me alone kept p95 < ${bench.target} ms: ${servedBaseline ? servedBaseline.toLocaleString() : `fewer than ${opts.steps[0]}`}; load average now ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
emitResult({ bench: bench.name, variant: `${server.dialect}/served`, staffAtP95Under200: served });
fs.rmSync(specDir, { recursive: true, force: true });
process.exit(0);

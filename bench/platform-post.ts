// What the platform costs on a write: an authenticated POST of a small record — a household by
// default (the module adds one insert, so the difference is the platform's), or a region
// (--record region: the module also reads the parent and writes the path) — through auth, scope check,
// zod validation, the write transaction with Idempotency-Key and audit entry) against a bare
// Fastify route inserting the same row with one prepared better-sqlite3 statement.
//
//   npx tsx bench/platform-post.ts                # SQLite (the default database)
//   npx tsx bench/platform-post.ts --record region  # POST /regions instead of /households
//   npx tsx bench/platform-post.ts --postgres     # platform on PostgreSQL (bare stays SQLite)
//   options: --duration 10 --warmup 2 --runs 3 --connections 10
//            --only platform|bare   --cpu-prof DIR (platform via node --cpu-prof; profile in DIR)
//   env BENCH_SERVER_NODE_OPTIONS: NODE_OPTIONS for the platform server only (instrumentation)
//
// Both servers are child processes; autocannon runs here (a second process, loopback only).
// Loads alternate platform, bare, platform, bare, …; figures are medians, the ratio is
// median(platform req/s) / median(bare req/s): on a shared 2-core machine absolute numbers drift.
import { execFileSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import {
  type Child,
  HOST,
  type LoadResult,
  argValue,
  cpuUs,
  deadline,
  emitResult,
  freePort,
  load,
  median,
  onCleanup,
  runCleanups,
  serverRss,
  startChild,
  tempDir,
  waitHealthy,
} from './lib/harness.ts';

/** Marker read by run-all.ts: this file is a benchmark. */
export const bench = { name: 'platform-post', target: 0.6 };

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const ADMIN_PASSWORD = 'bench-county-keeper-1';
const PG_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

interface Options {
  postgres: boolean;
  durationSec: number;
  warmupSec: number;
  runs: number;
  connections: number;
  only: 'platform' | 'bare' | null;
  cpuProfDir: string | null;
  record: 'household' | 'region' | 'visit';
}

function parseOptions(argv: string[]): Options {
  const num = (name: string, dflt: number) => {
    const v = argValue(argv, name);
    const n = v === undefined ? dflt : Number(v);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number`);
    return n;
  };
  const only = argValue(argv, '--only');
  if (only !== undefined && only !== 'platform' && only !== 'bare') throw new Error('--only platform|bare');
  return {
    postgres: argv.includes('--postgres'),
    durationSec: num('--duration', 10),
    warmupSec: num('--warmup', 2),
    runs: num('--runs', 3),
    connections: num('--connections', 10),
    only: only ?? null,
    cpuProfDir: argValue(argv, '--cpu-prof') ?? null,
    record: (['region', 'visit'] as const).find((r) => r === argValue(argv, '--record')) ?? 'household',
  };
}

// ---------------------------------------------------------------- request bodies
// Every request: a unique 18-digit code and a unique Idempotency-Key (both sides alike).
const seed = String(randomInt(100_000, 999_999));
let counter = 0;
function nextHousehold(regionId: number) {
  counter += 1;
  return {
    body: JSON.stringify({ regionId, address: `压测路${counter}号`, building: '1', room: '101' }),
    headers: { 'idempotency-key': `bench:${seed}:${counter}` },
  };
}
function nextVisit(householdId: string) {
  counter += 1;
  return {
    body: JSON.stringify({ householdId, outcome: 'verified', checked: ['people_present', 'health'], presentCount: 2, note: `压测走访 ${counter}` }),
    headers: { 'idempotency-key': `bench:${seed}:${counter}` },
  };
}
/** The parent a record goes under: a region id, or (visits) a household id. */
type ParentId = number | string;
const nextRecord = (record: Options['record'], parent: ParentId) =>
  record === 'region' ? nextGrid(Number(parent)) : record === 'visit' ? nextVisit(String(parent)) : nextHousehold(Number(parent));
const recordPath = (record: Options['record'], side: 'platform' | 'bare') =>
  `${side === 'platform' ? '/api/v1' : ''}${{ region: '/regions', household: '/households', visit: '/visits' }[record]}`;

function nextGrid(parentId: number) {
  counter += 1;
  const code = `8${seed}${String(counter).padStart(11, '0')}`;
  return {
    body: JSON.stringify({ parentId, level: 'grid', code, name: `网格 ${counter}` }),
    headers: { 'idempotency-key': `bench:${seed}:${counter}` },
  };
}

// ---------------------------------------------------------------- the platform server
async function api(base: string, method: string, url: string, init: { body?: unknown; headers?: Record<string, string> } = {}) {
  const res = await fetch(`${base}${url}`, {
    method,
    headers: { ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}), ...init.headers },
    body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
    signal: AbortSignal.timeout(10_000),
  });
  const text = await res.text();
  const json = text ? (JSON.parse(text) as Record<string, unknown>) : null;
  return { status: res.status, json, headers: res.headers };
}

function expectStatus(r: { status: number; json: unknown }, status: number, what: string) {
  if (r.status !== status) throw new Error(`${what}: expected ${status}, got ${r.status} ${JSON.stringify(r.json)}`);
}

async function startPlatform(opts: Options, databaseUrl: string | null) {
  const dataDir = tempDir('gg-bench-platform-');
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'production',
    PORT: String(port),
    HOST,
    DATA_DIR: dataDir,
    GRIDGUARD_DEMO: 'off',
    GRIDGUARD_ADMIN_PASSWORD: ADMIN_PASSWORD,
    LOG_LEVEL: 'warn',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    // For instrumenting the server (e.g. --import a preload that counts SQL statements).
    ...(process.env.BENCH_SERVER_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_SERVER_NODE_OPTIONS } : {}),
  };
  const child = opts.cpuProfDir
    ? startChild('platform', process.execPath, ['--import', 'tsx', '--cpu-prof', '--cpu-prof-dir', path.resolve(opts.cpuProfDir), 'src/server/main.ts'], { cwd: ROOT, env })
    : startChild('platform', TSX, ['src/server/main.ts'], { cwd: ROOT, env });
  const base = `http://${HOST}:${port}`;
  await waitHealthy(child, `${base}/healthz`, 60_000);

  // Sign in, make a bearer token (bearer writes need no CSRF header), build town → village.
  const login = await api(base, 'POST', '/api/v1/auth/login', { body: { username: 'admin', password: ADMIN_PASSWORD } });
  expectStatus(login, 200, 'login');
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const csrf = String(login.json?.csrfToken ?? '');
  const tok = await api(base, 'POST', '/api/v1/auth/tokens', {
    body: { name: 'bench', expiresInDays: 1 },
    headers: { cookie, 'x-csrf-token': csrf },
  });
  expectStatus(tok, 201, 'create token');
  const auth = { authorization: `Bearer ${String(tok.json?.token)}` };
  const list = await api(base, 'GET', '/api/v1/regions', { headers: auth });
  expectStatus(list, 200, 'list regions');
  const items = (list.json?.items ?? []) as { id: number; parentId: number | null }[];
  const root = items.find((r) => r.parentId === null);
  if (!root) throw new Error('no root region in GET /api/v1/regions');
  const town = await api(base, 'POST', '/api/v1/regions', { body: { parentId: root.id, level: 'town', code: '339901901', name: '压测镇' }, headers: auth });
  expectStatus(town, 201, 'create town');
  const village = await api(base, 'POST', '/api/v1/regions', {
    body: { parentId: town.json?.id, level: 'village', code: '339901901901', name: '压测村' },
    headers: auth,
  });
  expectStatus(village, 201, 'create village');
  const villageId = Number(village.json?.id);
  const grid = await api(base, 'POST', '/api/v1/regions', { body: { parentId: villageId, level: 'grid', code: '339901901901001', name: '压测网格' }, headers: auth });
  expectStatus(grid, 201, 'create grid');
  const gridId = Number(grid.json?.id);
  let parentId: ParentId = opts.record === 'region' ? villageId : gridId;
  if (opts.record === 'visit') {
    const household = await api(base, 'POST', '/api/v1/households', { body: { regionId: gridId, address: '压测路1号' }, headers: auth });
    expectStatus(household, 201, 'create household');
    parentId = String(household.json?.id);
  }

  // One request by hand: the shape of the answer, and that the key is really stored (a replay).
  const probe = nextRecord(opts.record, parentId);
  const url = recordPath(opts.record, 'platform');
  const first = await api(base, 'POST', url, { body: JSON.parse(probe.body), headers: { ...auth, ...probe.headers } });
  expectStatus(first, 201, 'probe record');
  const again = await api(base, 'POST', url, { body: JSON.parse(probe.body), headers: { ...auth, ...probe.headers } });
  if (again.status !== 201 || again.headers.get('idempotency-replayed') !== 'true' || again.json?.id !== first.json?.id) {
    throw new Error(`idempotent replay did not answer the first response: ${again.status} ${JSON.stringify(again.json)}`);
  }
  return { child, base, auth, parentId, dataDir };
}

async function startBare(record: Options['record']) {
  const dir = tempDir('gg-bench-bare-');
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'production', PORT: String(port), HOST, DB_FILE: path.join(dir, 'bare.db') };
  const child = startChild('bare', TSX, ['bench/bare-server.ts'], { cwd: ROOT, env });
  const base = `http://${HOST}:${port}`;
  await waitHealthy(child, `${base}/healthz`, 30_000);
  const probe = nextRecord(record, record === 'visit' ? '01932f6e-1c2a-7def-8a00-000000000001' : 1);
  const r = await api(base, 'POST', recordPath(record, 'bare'), { body: JSON.parse(probe.body) });
  expectStatus(r, 201, 'bare probe');
  return { child, base, dbFile: path.join(dir, 'bare.db') };
}

// ---------------------------------------------------------------- PostgreSQL database
async function createPgDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `gridguard_bench_${seed}_${process.pid}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  let dropped = false;
  const dropSql = `drop database if exists ${name} with (force)`;
  // On a signal or a crash there is no time for async work: psql drops it synchronously.
  const unregister = onCleanup(`drop database ${name}`, () => {
    if (dropped) return;
    execFileSync('psql', ['-q', '-h', '127.0.0.1', '-U', 'postgres', '-d', 'postgres', '-c', dropSql], { stdio: 'ignore', timeout: 10_000 });
  });
  return {
    url: `postgres://postgres@127.0.0.1:5432/${name}`,
    async drop() {
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      await c.query(dropSql);
      await c.end();
      dropped = true;
      unregister();
    },
  };
}

// ---------------------------------------------------------------- counting what was written
async function countPlatformRows(dataDir: string, databaseUrl: string | null, record: Options['record'], parentId: ParentId) {
  const sqlText = {
    grids: {
      region: `select count(*) as n from regions where parent_id = ${parentId} and code like '8${seed}%'`,
      household: `select count(*) as n from households where region_id = ${parentId}`,
      visit: `select count(*) as n from visits where household_id = '${parentId}'`,
    }[record],
    keys: `select count(*) as n from idempotency_keys where status_code = 201 and key like 'bench:%'`,
    audits: record === 'visit' ? `select count(*) as n from audit_log where action = 'visit'` : `select count(*) as n from audit_log where entity = '${record}' and action = 'create'`,
  };
  const out: Record<string, number> = {};
  if (databaseUrl) {
    const c = new pg.Client({ connectionString: databaseUrl });
    await c.connect();
    for (const [k, q] of Object.entries(sqlText)) out[k] = Number((await c.query(q)).rows[0].n);
    await c.end();
  } else {
    const db = new SQLite(path.join(dataDir, 'gridguard.db'), { readonly: true });
    for (const [k, q] of Object.entries(sqlText)) out[k] = Number((db.prepare(q).get() as { n: number }).n);
    db.close();
  }
  return out as { grids: number; keys: number; audits: number };
}

// ---------------------------------------------------------------- main
const fmt = (n: number, d = 0) => n.toFixed(d);
const describe = (r: LoadResult) =>
  `${fmt(r.rps).padStart(6)} req/s  p50 ${fmt(r.p50, 1).padStart(5)} ms  p99 ${fmt(r.p99, 1).padStart(6)} ms  CPU ${fmt(r.cpuUsPerReq ?? 0).padStart(5)} µs/req  (${r.requests} req, non-2xx ${r.non2xx}, errors ${r.errors}, timeouts ${r.timeouts})`;

async function main(argv: string[]) {
  const opts = parseOptions(argv);
  const dbName = opts.postgres ? 'postgres' : 'sqlite';
  const sides = opts.only ? [opts.only] : (['platform', 'bare'] as const);
  deadline((sides.length * opts.runs * (opts.durationSec + opts.warmupSec) + 180) * 1000, 'platform-post');

  console.log(`platform-post (${dbName}, POST ${opts.record}): ${opts.runs} × ${opts.durationSec} s per side after ${opts.warmupSec} s warm-up, ${opts.connections} connections, loopback`);
  if (opts.postgres) console.log('  platform on PostgreSQL; the bare baseline stays on SQLite (one prepared better-sqlite3 insert)');

  const pgDb = opts.postgres ? await createPgDatabase() : null;
  let platform: Awaited<ReturnType<typeof startPlatform>> | null = null;
  let bare: Awaited<ReturnType<typeof startBare>> | null = null;
  const children: Child[] = [];
  let failed = false;
  try {
    if (sides.includes('platform')) {
      platform = await startPlatform(opts, pgDb?.url ?? null);
      children.push(platform.child);
    }
    if (sides.includes('bare')) {
      bare = await startBare(opts.record);
      children.push(bare.child);
    }
    const idleRss = {
      platform: platform ? serverRss(platform.child.pid, 'src/server/main.ts') : null,
      bare: bare ? serverRss(bare.child.pid, 'bench/bare-server.ts') : null,
    };
    const results: Record<'platform' | 'bare', LoadResult[]> = { platform: [], bare: [] };
    const peakRss: Record<'platform' | 'bare', number> = { platform: 0, bare: 0 };
    let sent2xx = 0;

    const serverPid = {
      platform: platform ? serverRss(platform.child.pid, 'src/server/main.ts').serverPid : 0,
      bare: bare ? serverRss(bare.child.pid, 'bench/bare-server.ts').serverPid : 0,
    };
    const cpuPerReq: Record<'platform' | 'bare', number[]> = { platform: [], bare: [] };
    const loadSide = async (side: 'platform' | 'bare', durationSec: number) => {
      const target = side === 'platform' ? platform : bare;
      if (!target) throw new Error(side);
      const parentId: ParentId = side === 'platform' && platform ? platform.parentId : opts.record === 'visit' ? '01932f6e-1c2a-7def-8a00-000000000001' : 1;
      const auth = platform?.auth ?? { authorization: 'Bearer none' };
      const r = await load({
        url: target.base,
        path: recordPath(opts.record, side),
        connections: opts.connections,
        durationSec,
        headers: auth, // the bare side gets the same header bytes and ignores them
        next: () => nextRecord(opts.record, parentId),
      });
      if (side === 'platform') sent2xx += r.statusCodes['201'] ?? 0;
      if (r.non2xx || r.errors || r.timeouts) {
        throw new Error(`${side}: ${r.non2xx} non-2xx answers, ${r.errors} errors, ${r.timeouts} timeouts — status codes ${JSON.stringify(r.statusCodes)}`);
      }
      return r;
    };

    for (let run = 1; run <= opts.runs; run += 1) {
      for (const side of sides) {
        await loadSide(side, opts.warmupSec);
        const cpu0 = cpuUs(serverPid[side]);
        const r = await loadSide(side, opts.durationSec);
        // Server CPU per answered request: steadier than req/s on a shared machine.
        r.cpuUsPerReq = (cpuUs(serverPid[side]) - cpu0) / Math.max(1, r.requests);
        cpuPerReq[side].push(r.cpuUsPerReq);
        const target = side === 'platform' ? platform : bare;
        if (target) peakRss[side] = Math.max(peakRss[side], serverRss(target.child.pid, side === 'platform' ? 'src/server/main.ts' : 'bench/bare-server.ts').serverMb);
        results[side].push(r);
        console.log(`  run ${run} ${side.padEnd(8)} ${describe(r)}`);
      }
    }

    const summary = (side: 'platform' | 'bare') => {
      const rs = results[side];
      return rs.length
        ? {
            rps: median(rs.map((r) => r.rps)),
            p50: median(rs.map((r) => r.p50)),
            p99: median(rs.map((r) => r.p99)),
            cpu: median(cpuPerReq[side]),
            non2xx: rs.reduce((s, r) => s + r.non2xx, 0),
          }
        : null;
    };
    const p = summary('platform');
    const b = summary('bare');

    for (const c of children) await c.stop();
    if (platform) {
      const rows = await countPlatformRows(platform.dataDir, pgDb?.url ?? null, opts.record, platform.parentId);
      // Requests still in flight when a load stops may commit without being counted: rows ≥ 201s.
      const expectedMin = sent2xx + 1; // + the probe
      const ok = rows.grids >= expectedMin && rows.keys >= rows.grids && rows.audits >= rows.grids;
      console.log(`  written by the platform: ${rows.grids} ${opts.record}s, ${rows.keys} stored idempotency answers, ${rows.audits} audit entries (201s counted: ${expectedMin})${ok ? '' : '  <-- MISMATCH'}`);
      if (!ok) throw new Error('the platform did not write a record, an idempotency answer and an audit entry for every 201');
    }

    const ratio = p && b ? p.rps / b.rps : null;
    const rssLine = (side: 'platform' | 'bare') => {
      const idle = idleRss[side];
      return idle ? `${side} server RSS ${idle.serverMb} MB idle, ${peakRss[side]} MB under load (pid ${idle.serverPid}; whole tree with tsx CLI and esbuild: ${idle.treeMb} MB idle)` : null;
    };
    console.log('');
    console.log(`  median of ${opts.runs}:`);
    if (p) console.log(`    platform (${dbName}) ${fmt(p.rps)} req/s, p50 ${fmt(p.p50, 1)} ms, p99 ${fmt(p.p99, 1)} ms, server CPU ${fmt(p.cpu)} µs/req, non-2xx ${p.non2xx}`);
    if (b) console.log(`    bare (sqlite)       ${fmt(b.rps)} req/s, p50 ${fmt(b.p50, 1)} ms, p99 ${fmt(b.p99, 1)} ms, server CPU ${fmt(b.cpu)} µs/req, non-2xx ${b.non2xx}`);
    for (const s of sides) {
      const l = rssLine(s);
      if (l) console.log(`    ${l}`);
    }
    console.log('');
    if (ratio !== null && p && b) {
      const verdict = ratio >= bench.target ? 'OK' : 'BELOW TARGET';
      console.log(
        `platform-post ${dbName} (${opts.record}): platform ${fmt(p.rps)} req/s, bare ${fmt(b.rps)} req/s${opts.postgres ? ' (bare on sqlite)' : ''}, ratio ${fmt(ratio, 2)} (target ≥ ${bench.target}) ${verdict}`,
      );
      console.log(
        `platform-post ${dbName} (${opts.record}): p99 platform ${fmt(p.p99, 1)} ms, bare ${fmt(b.p99, 1)} ms; server CPU platform ${fmt(p.cpu)} µs/req, bare ${fmt(b.cpu)} µs/req; RSS platform ${peakRss.platform} MB, bare ${peakRss.bare} MB`,
      );
    }
    emitResult({
      bench: bench.name,
      variant: `${dbName}/${opts.record}`,
      platformRps: p?.rps ?? null,
      bareRps: b?.rps ?? null,
      ratio,
      target: bench.target,
      platformP99: p?.p99 ?? null,
      bareP99: b?.p99 ?? null,
      platformCpuUsPerReq: p?.cpu ?? null,
      bareCpuUsPerReq: b?.cpu ?? null,
      platformRssMb: peakRss.platform || null,
      bareRssMb: peakRss.bare || null,
      non2xx: (p?.non2xx ?? 0) + (b?.non2xx ?? 0),
    });
    if (opts.cpuProfDir) {
      const files = fs.readdirSync(opts.cpuProfDir).filter((f) => f.endsWith('.cpuprofile'));
      console.log(`cpu profile(s) in ${opts.cpuProfDir}: ${files.join(', ')}  (summarise: npx tsx bench/lib/profile-top.ts <file>)`);
    }
  } catch (err) {
    failed = true;
    console.error(`\nFAIL platform-post ${dbName}: ${err instanceof Error ? err.message : String(err)}`);
    for (const c of children) {
      const tail = c.output().trim().split('\n').slice(-15).join('\n');
      if (tail) console.error(`--- last output of ${c.name}:\n${tail}`);
    }
  } finally {
    for (const c of children) await c.stop();
    if (pgDb) await pgDb.drop().catch((e: unknown) => console.error(`could not drop the bench database: ${String(e)}`));
    runCleanups();
  }
  process.exit(failed ? 1 : 0);
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (isMain) await main(process.argv.slice(2));

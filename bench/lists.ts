// Every list page at every level (issue 17 item 3): households, persons, the person searches,
// tips, alerts, quarantine orders, inspections, rectifications, family events, patrol logs,
// arrivals, forms, users, audit, verification tasks and the dashboard's summary, for the county, a town, a village and a grid of the demo
// county, 32 connections, each for a few seconds. Baseline in the same run: a raw indexed query
// of the same page (the page's 50 rows of the subtree by id, on its own connection in this
// process, one at a time) — what the database alone costs. Then the first level's lists again,
// each alone and then while the whole county's people export (GET /exports/persons.xlsx) runs in
// a load process of its own, round after round: no page's p99 should rise by 50% or more.
//
//   npx tsx bench/lists.ts                       # SQLite, demo county of 250,000 people
//   npx tsx bench/lists.ts --postgres            # the same on PostgreSQL
//   options: --people 250000 --duration 5 --connections 32 --levels county,town,village,grid
//            --pages households,persons,…  --readers N (GRIDGUARD_SQLITE_READERS; 0 = before issue 17)
//            --database URL --data-dir DIR (reuse a county built by `npm run demo` with DATA_DIR=DIR)
//            --no-export (skip the second half)  --export-only (only the second half)
//            --export-rounds 2 (alone / beside pairs per page)  --export-list persons|households
//            --server-root DIR (the server of another tree, e.g. `git archive` of an older commit)
//            --json FILE (write the figures)  --cpu-prof DIR (the server under node --cpu-prof, profiles in DIR;
//            summarise them with bench/lib/profile-top.ts)
//
// The server is a child process; autocannon runs here, the export in a third process.
import fs from 'node:fs';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { idNumberCheckDigit } from '../src/shared/id-number.ts';
import { ROOT, TSX, startDemoServer } from './lib/demo-server.ts';
import { argValue, deadline, emitResult, load, median, startChild } from './lib/harness.ts';

export const bench = { name: 'lists', target: 200 };

const argv = process.argv.slice(2);
const num = (name: string, dflt: number) => Number(argValue(argv, name) ?? dflt);
const list = (name: string) => argValue(argv, name)?.split(',').map((s) => s.trim()).filter(Boolean);
const opts = {
  postgres: argv.includes('--postgres'),
  people: num('--people', 250_000),
  durationSec: num('--duration', 5),
  connections: num('--connections', 32),
  levels: list('--levels') ?? ['county', 'town', 'village', 'grid'],
  pages: list('--pages'),
  readers: argValue(argv, '--readers'),
  database: argValue(argv, '--database'),
  dataDir: argValue(argv, '--data-dir'),
  exportPhase: !argv.includes('--no-export'),
  /** Only the export phase: the lists of the first level alone and beside the export, nothing else. */
  exportOnly: argv.includes('--export-only'),
  exportRounds: num('--export-rounds', 2),
  exportList: (argValue(argv, '--export-list') ?? 'persons') as 'persons' | 'households',
  /** Start the server from another tree (e.g. a `git archive` of an older commit), for a before/after in one run. */
  serverRoot: argValue(argv, '--server-root'),
  json: argValue(argv, '--json'),
  cpuProfDir: argValue(argv, '--cpu-prof'),
};
deadline(60 * 60_000, 'the lists benchmark');

const server = await startDemoServer({
  name: 'lists',
  postgres: opts.postgres,
  people: opts.people,
  database: opts.database,
  dataDir: opts.dataDir,
  env: opts.readers === undefined ? {} : { GRIDGUARD_SQLITE_READERS: opts.readers },
  serverRoot: opts.serverRoot,
  cpuProfDir: opts.cpuProfDir,
});
const { base, api, dialect, databaseUrl } = server;

// ---------------------------------------------------------------- raw queries, in this process
type Raw = (sql: string, params: unknown[]) => Promise<unknown[]>;
let raw: Raw;
let closeRaw: () => Promise<void>;
if (dialect === 'sqlite') {
  const db = new SQLite(databaseUrl.slice('sqlite://'.length), { readonly: true });
  const statements = new Map<string, SQLite.Statement>();
  raw = async (sql, params) => {
    const text = sql.replace(/\$\d+/g, '?');
    let stmt = statements.get(text);
    if (!stmt) statements.set(text, (stmt = db.prepare(text)));
    return stmt.all(...params);
  };
  closeRaw = async () => void db.close();
} else {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  raw = async (sql, params) => (await client.query(sql, params)).rows;
  closeRaw = () => client.end();
}

// ---------------------------------------------------------------- who and where
const accounts = { commander: await server.bearer('commander'), auditor: await server.bearer('auditor'), admin: await server.bearer('admin') };
const levelAccounts = { county: 'commander', town: 'town01', village: 'v001', grid: 'g0001' } as const;
const regions: Record<string, { id: number; path: string }> = {};
for (const level of new Set(['county', ...opts.levels])) {
  const username = levelAccounts[level as keyof typeof levelAccounts];
  if (!username) throw new Error(`--levels: no such level ${level} (county, town, village, grid)`);
  const id = (await server.bearer(username)).user.regionId;
  const [row] = (await raw('select path from regions where id = $1', [id])) as { path: string }[];
  regions[level] = { id, path: row?.path ?? '' };
}

// A person whose ID and phone numbers the bench knows (the demo's are encrypted), registered by the admin.
const admin = accounts.admin.headers;
const [household] = (await raw(`select h.id from households h join regions r on r.id = h.region_id where r.level in ('grid', 'microgrid') order by h.id limit 1`, [])) as { id: string }[];
const first17 = `33990119860412${String(process.pid % 1000).padStart(3, '0')}`;
const idNumber = `${first17}${idNumberCheckDigit(first17)}`;
const phone = `138${String(10_000_000 + (process.pid % 90_000_000)).slice(-8)}`;
await api('POST', '/api/v1/persons', { householdId: household?.id, name: '列表基准', category: 'visitor', idNumber, phone }, admin);
const names = ((await raw('select name from persons order by id limit 200', [])) as { name: string }[]).map((r) => r.name);
const addresses = ((await raw('select address from households order by id limit 200', [])) as { address: string }[]).map((r) => r.address);
const pick = <T>(xs: T[], i: number): T => xs[i % xs.length] as T;

// ---------------------------------------------------------------- the pages
const SUBTREE = 'region_id in (select id from regions where path >= $1 and path < $2)';
const rawPage = (table: string) => `select * from ${table} where ${SUBTREE} order by id desc limit 50`;
interface Page {
  name: string;
  /** GET path for a region, or a POST body (the person search). */
  path: (regionId: number) => string;
  search?: (i: number, regionId: number) => Record<string, unknown>;
  rawSql: string;
  rawExtra?: () => unknown[];
}
const get = (name: string, url: string, table: string): Page => ({ name, path: (r) => `${url}?regionId=${r}&limit=50`, rawSql: rawPage(table) });
const search = (name: string, body: (i: number) => Record<string, unknown>, rawSql: string, rawExtra?: () => unknown[]): Page => ({
  name,
  path: () => '/api/v1/persons/search',
  search: (i, regionId) => ({ ...body(i), regionId, limit: 50 }),
  rawSql,
  rawExtra,
});
const PAGES: Page[] = [
  get('households', '/api/v1/households', 'households'),
  get('persons', '/api/v1/persons', 'persons'),
  search('search · surname', (i) => ({ q: [...pick(names, i)][0] ?? '王' }), `select * from persons where ${SUBTREE} and name >= $3 and name < $4 order by name, id limit 50`, () => ['王', '王\uffff']),
  search('search · whole name', (i) => ({ q: pick(names, i) }), `select * from persons where ${SUBTREE} and name = $3 limit 50`, () => [names[0]]),
  search('search · ID number', () => ({ q: idNumber }), rawPage('persons')),
  search('search · phone', () => ({ q: phone }), rawPage('persons')),
  search('search · address', (i) => ({ q: [...pick(addresses, i)].slice(-6).join(''), by: 'address' }), rawPage('households')),
  get('tips', '/api/v1/tips', 'tips'),
  get('alerts', '/api/v1/quarantines/alerts', 'quarantine_alerts'),
  get('quarantine orders', '/api/v1/quarantines', 'quarantine_orders'),
  get('inspections', '/api/v1/inspections', 'inspections'),
  get('rectifications', '/api/v1/rectifications', 'rectifications'),
  get('family events', '/api/v1/family-events', 'family_events'),
  get('patrol logs', '/api/v1/patrol-logs', 'patrol_logs'),
  get('arrivals', '/api/v1/arrivals', 'arrival_entries'),
  { ...get('forms', '/api/v1/forms', 'forms'), rawSql: `select f.* from forms f join households h on h.id = f.household_id where h.${SUBTREE} order by f.id desc limit 50` },
  get('users', '/api/v1/users', 'users'),
  get('audit', '/api/v1/audit', 'audit_log'),
  { ...get('verification tasks', '/api/v1/verification-tasks', 'verification_tasks'), rawSql: `select * from verification_tasks where ${SUBTREE} order by due_at, id limit 50` },
  // The dashboard's figures: its baseline is the counter rows of the region (what the page reads).
  { name: 'stats summary', path: (r: number) => `/api/v1/stats/summary?regionId=${r}`, rawSql: 'select * from region_counters where region_id = (select id from regions where path = $1) and $2 <> \'\'' },
].filter((p) => !opts.pages || opts.pages.some((name) => p.name.includes(name)));

/** The first account and spelling of the page that answers 200 (some pages take no `limit`, audit wants an auditor, the arrivals queue its verifiers or the admin). */
async function probe(page: Page, regionId: number): Promise<{ headers: Record<string, string>; path: string } | null> {
  for (const who of [accounts.commander, accounts.auditor, accounts.admin]) {
    for (const path of page.search ? [page.path(regionId)] : [page.path(regionId), page.path(regionId).replace('&limit=50', '')]) {
      const send = () =>
        fetch(`${base}${path}`, {
          method: page.search ? 'POST' : 'GET',
          headers: { ...who.headers, ...(page.search ? { 'content-type': 'application/json' } : {}) },
          body: page.search ? JSON.stringify(page.search(0, regionId)) : undefined,
        });
      // Once more on a dropped socket: a keep-alive connection left idle through a slow raw-query
      // phase (a cold file under load: 40 × 1.7 s) may be closed by the server as it is reused.
      const res = await send().catch(send);
      await res.arrayBuffer();
      if (res.ok) return { headers: who.headers, path };
    }
  }
  return null;
}

interface Figure {
  page: string;
  level: string;
  p50: number;
  p99: number;
  rps: number;
  bad: number;
  rawP50: number;
  rawP99: number;
}

/** One page under load; `withRaw` adds the raw query's baseline (40 runs: long for a county list on a loaded machine). */
async function measurePage(page: Page, level: string, withRaw = true): Promise<Figure | null> {
  const region = regions[level];
  if (!region) return null;
  const how = await probe(page, region.id);
  if (!how) {
    console.log(`${page.name} · ${level}: no account of the bench gets 200 — left out`);
    return null;
  }
  let i = 0;
  const r = await load({
    url: base,
    path: how.path,
    method: page.search ? 'POST' : 'GET',
    connections: opts.connections,
    durationSec: opts.durationSec,
    headers: how.headers,
    next: () => (page.search ? { body: JSON.stringify(page.search(i++, region.id)), headers: {} } : { headers: {} }),
  });
  const times: number[] = [];
  const params = [region.path, `${region.path}~`, ...(page.rawExtra?.() ?? [])];
  for (let k = 0; k < (withRaw ? 40 : 0); k++) {
    const t0 = performance.now();
    await raw(page.rawSql, params);
    times.push(performance.now() - t0);
  }
  const sorted = times.slice(5).sort((a, b) => a - b);
  return {
    page: page.name,
    level,
    p50: r.p50,
    p99: r.p99,
    rps: Math.round(r.rps),
    bad: r.non2xx + r.errors + r.timeouts,
    rawP50: Number((median(sorted) || 0).toFixed(2)),
    rawP99: Number((sorted[Math.floor(sorted.length * 0.99)] ?? sorted.at(-1) ?? 0).toFixed(2)),
  };
}

const row = (f: Figure) =>
  `| ${f.page} | ${f.level} | ${f.p50} | ${f.p99} | ${f.rps.toLocaleString()} | ${f.rawP50} / ${f.rawP99} |${f.bad ? ` ${f.bad} failed` : ''}`;
const readers = dialect === 'sqlite' ? ` · reader threads: ${opts.readers ?? 'default (min(4, cores))'}` : '';
console.log(`\n${dialect}, ${opts.people.toLocaleString()} people, ${opts.connections} connections × ${opts.durationSec} s per page${readers}\n`);
console.log('| page | level | p50 ms | p99 ms | req/s | raw indexed query p50 / p99 ms (1 connection) |');
console.log('|---|---|---|---|---|---|');
const figures: Figure[] = [];
for (const level of opts.exportOnly ? [] : opts.levels) {
  for (const page of PAGES) {
    const f = await measurePage(page, level);
    if (!f) continue;
    figures.push(f);
    console.log(row(f));
    emitResult({ bench: bench.name, variant: `${dialect}/${level}/${f.page}`, p50Ms: f.p50, p99Ms: f.p99, rps: f.rps, rawP50Ms: f.rawP50, target: `p99 < ${bench.target} ms` });
  }
}

// ---------------------------------------------------------------- the same lists beside an export
// Each page of the first level alone, then beside the export, --export-rounds times, one after
// the other: the p99 alone is the baseline of the same minute, not of a first half that ran
// long before on this shared, noisy machine. The export runs in a load process of its own that
// starts for the "beside" measurement and is stopped after it (the server stops that export).
interface During extends Figure {
  alone: number;
  aloneRuns: number[];
  duringRuns: number[];
  rise: number;
}
const during: During[] = [];
const exportRates: number[] = [];
if (opts.exportPhase) {
  const level = opts.levels[0] ?? 'county';
  const exportUrl = `${base}/api/v1/${opts.exportList === 'persons' ? 'exports/persons.xlsx' : `${opts.exportList}/export.xlsx`}?regionId=${regions.county?.id}`;
  console.log(`\nthe ${level}'s lists alone and while GET ${new URL(exportUrl).pathname}?regionId=<county> runs in its own process, ${opts.exportRounds} round(s) each; p99s are medians of the rounds\n`);
  console.log('| page | p99 alone ms (rounds) | p50 / p99 beside the export ms (rounds) | req/s beside | p99 rise |');
  console.log('|---|---|---|---|---|');
  for (const page of PAGES) {
    const alone: Figure[] = [];
    const beside: Figure[] = [];
    for (let round = 0; round < opts.exportRounds; round++) {
      const a = await measurePage(page, level, false);
      if (!a) break;
      alone.push(a);
      const exporter = startChild('export', TSX, ['bench/lib/fetch-loop.ts'], {
        cwd: ROOT,
        env: { PATH: process.env.PATH, HOME: process.env.HOME, URL: exportUrl, AUTH: accounts.commander.headers.authorization },
      });
      // Let the export get going (its first pages) before measuring beside it.
      await new Promise((r) => setTimeout(r, 2000));
      const t0 = performance.now();
      const b = await measurePage(page, level, false);
      const ms = performance.now() - t0;
      await exporter.stop();
      if (b) beside.push(b);
      // Bytes of the export per second while the page was measured beside it (what the export gave way).
      const lines = exporter.output().trim().split('\n').filter(Boolean).map((l) => l.split(' '));
      const bytes = lines.reduce((sum, l) => sum + Number(l[1] ?? 0), 0);
      exportRates.push(bytes / ((ms + 2000) / 1000));
    }
    if (!alone.length || !beside.length) continue;
    const aloneP99 = median(alone.map((f) => f.p99));
    const besideP99 = median(beside.map((f) => f.p99));
    const rise = Math.round(((besideP99 - aloneP99) / Math.max(aloneP99, 1)) * 100);
    const f: During = {
      ...beside[0]!,
      p50: median(beside.map((x) => x.p50)),
      p99: besideP99,
      rps: Math.round(median(beside.map((x) => x.rps))),
      alone: aloneP99,
      aloneRuns: alone.map((x) => x.p99),
      duringRuns: beside.map((x) => x.p99),
      rise,
    };
    during.push(f);
    console.log(`| ${f.page} | ${aloneP99} (${f.aloneRuns.join(', ')}) | ${f.p50} / ${f.p99} (${f.duringRuns.join(', ')}) | ${f.rps.toLocaleString()} | ${rise >= 0 ? '+' : ''}${rise}%${rise >= 50 ? ' ✗' : ''} |`);
    emitResult({ bench: bench.name, variant: `${dialect}/${level}/${f.page}/during-export`, p50Ms: f.p50, p99Ms: f.p99, aloneP99Ms: aloneP99, risePct: rise, target: 'p99 rise < 50%' });
  }
  const worst = during.reduce((m, f) => Math.max(m, f.rise), Number.NEGATIVE_INFINITY);
  console.log(`\nthe export beside the lists: median ${(median(exportRates) / 1e6).toFixed(2)} MB/s of workbook (range ${(Math.min(...exportRates) / 1e6).toFixed(2)}–${(Math.max(...exportRates) / 1e6).toFixed(2)})`);
  console.log(`worst p99 rise beside the export: ${worst}% (target < 50%); pages at +50% or more: ${during.filter((f) => f.rise >= 50).map((f) => f.page).join(', ') || 'none'}`);
}

const slowest = figures.reduce((m, f) => (f.p99 > m.p99 ? f : m), figures[0] ?? ({ p99: 0, page: '-', level: '-' } as Figure));
console.log(`\nslowest p99: ${slowest.page} · ${slowest.level} ${slowest.p99} ms (target < ${bench.target} ms)`);
if (opts.json) fs.writeFileSync(opts.json, JSON.stringify({ dialect, people: opts.people, readers: opts.readers ?? null, connections: opts.connections, durationSec: opts.durationSec, figures, during, exportRates }, null, 2));
await closeRaw();
// A profiled server writes its profiles as it exits: stopped here rather than killed at exit.
if (opts.cpuProfDir) await server.child.stop();
process.exit(0);

// 人员查询 under load (issue 15 item 1): POST /api/v1/persons/search on the demo county, the
// kinds of search staff type — a surname (one character), a given name's pair, a whole name, a
// part of an address, a whole ID number, a whole mobile number — as the county's commander, a
// town officer and a grid worker, 10 connections each, and the people list's q= (GET /persons)
// by address and phone at county level. Target: p99 < 100 ms at county level. Baselines in the
// same run: GET /auth/me (the cheapest signed-in request) and, per level, the raw indexed query
// of the subtree's first 50 people on one connection in this process.
//
//   npx tsx bench/person-search.ts                 # SQLite, demo county of 250,000 people
//   npx tsx bench/person-search.ts --postgres      # the same on PostgreSQL
//   options: --people 250000 --duration 5 --runs 3 --connections 10
//            --database URL --data-dir DIR (reuse a county built by `npm run demo` with DATA_DIR=DIR)
//
// The server is a child process; autocannon runs here, in a second process. Figures are medians.
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { deadline, demoCountyArgs, emitResult, load, median } from './lib/harness.ts';
import { startDemoServer } from './lib/demo-server.ts';
import { idNumberCheckDigit } from '../src/shared/id-number.ts';

export const bench = { name: 'person-search', target: 100 };

const argv = process.argv.slice(2);
const opts = demoCountyArgs(argv, { connections: 10 });
deadline(30 * 60_000, 'the person-search benchmark');

const server = await startDemoServer({ name: 'person-search', postgres: opts.postgres, people: opts.people, database: opts.database, dataDir: opts.dataDir });
const { base, api, dialect, databaseUrl } = server;

// ---------------------------------------------------------------- what staff type
// Real names and addresses of the county, sampled straight from the tables; the same connection
// times the raw baseline below, in this process.
const SAMPLE_NAMES = 'select name from persons order by id limit 400';
const SAMPLE_ADDRESSES = 'select address from households order by id limit 400';
const A_HOUSEHOLD = `select h.id, h.region_id from households h join regions r on r.id = h.region_id where r.level in ('grid', 'microgrid') order by h.id limit 1`;
type Raw = (text: string, params: unknown[]) => Promise<unknown[]>;
let raw: Raw;
if (dialect === 'sqlite') {
  const db = new SQLite(databaseUrl.slice('sqlite://'.length), { readonly: true });
  raw = async (text, params) => db.prepare(text.replace(/\$\d+/g, '?')).all(...params);
} else {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  raw = async (text, params) => (await client.query(text, params)).rows;
}
const names = ((await raw(SAMPLE_NAMES, [])) as { name: string }[]).map((r) => r.name);
const addresses = ((await raw(SAMPLE_ADDRESSES, [])) as { address: string }[]).map((r) => r.address);
const [household] = (await raw(A_HOUSEHOLD, [])) as { id: string; region_id: number }[];
if (!household) throw new Error('the demo county has no household in a grid');

/**
 * The raw baseline of a level, in the same run: the naive indexed query of its people — the
 * subtree's first 50 people in (region, id) order, the walk of persons_region a search page is
 * at best — on one connection, one at a time, 40 times (p50 / p99 of the last 35).
 */
async function rawBaseline(regionId: number): Promise<{ p50: number; p99: number }> {
  const [region] = (await raw('select path from regions where id = $1', [regionId])) as { path: string }[];
  const params = [region?.path ?? '', `${region?.path ?? ''}~`];
  const text = 'select * from persons where region_id in (select id from regions where path >= $1 and path < $2) order by region_id, id limit 50';
  const times: number[] = [];
  for (let k = 0; k < 40; k++) {
    const t0 = performance.now();
    await raw(text, params);
    times.push(performance.now() - t0);
  }
  const sorted = times.slice(5).sort((a, b) => a - b);
  return { p50: Number(median(sorted).toFixed(2)), p99: Number((sorted.at(-1) ?? 0).toFixed(2)) };
}

// A person whose numbers the bench knows (the demo's are encrypted), registered by the admin.
const admin = (await server.bearer('admin')).headers;
const first17 = `33990119850312${String(process.pid % 1000).padStart(3, '0')}`;
const idNumber = `${first17}${idNumberCheckDigit(first17)}`;
const phone = `139${String(10_000_000 + (process.pid % 90_000_000)).slice(-8)}`;
await api('POST', '/api/v1/persons', { householdId: household.id, name: '基准测试', category: 'visitor', idNumber, phone }, admin);

const pick = <T>(xs: T[], i: number): T => xs[i % xs.length] as T;
/** Each kind of search: the texts it cycles through. */
const KINDS: Record<string, (i: number) => { q: string; by?: string }> = {
  surname: (i) => ({ q: [...pick(names, i)][0] ?? '王' }),
  'name pair': (i) => ({ q: [...pick(names, i)].slice(-2).join('') }),
  'whole name': (i) => ({ q: pick(names, i) }),
  address: (i) => {
    const chars = [...pick(addresses, i)];
    return { q: chars.slice(Math.max(0, chars.length - 6)).join(''), by: 'address' };
  },
  'ID number': () => ({ q: idNumber }),
  phone: () => ({ q: phone }),
};

/** The people list's q= (GET /persons) reads text as the search does: its address and phone kinds are measured too. */
const LIST_KINDS = ['address', 'phone'];

async function measure(label: string, headers: Record<string, string>, kind: (i: number) => { q: string; by?: string }, via: 'search' | 'list' = 'search') {
  const runs = [];
  for (let r = 0; r < opts.runs; r++) {
    let i = 0;
    runs.push(
      await load({
        url: base,
        path: '/api/v1/persons/search',
        ...(via === 'list' ? { method: 'GET' as const } : {}),
        connections: opts.connections,
        durationSec: opts.durationSec,
        headers,
        next: () =>
          via === 'list'
            ? { path: `/api/v1/persons?limit=50&q=${encodeURIComponent(kind(i++).q)}`, headers: {} }
            : { body: JSON.stringify({ ...kind(i++), limit: 50 }), headers: {} },
      }),
    );
  }
  const bad = runs.reduce((n, r) => n + r.non2xx + r.errors, 0);
  const result = { p50: median(runs.map((r) => r.p50)), p99: median(runs.map((r) => r.p99)), rps: Math.round(median(runs.map((r) => r.rps))), bad };
  console.log(`${label.padEnd(28)} p50 ${String(result.p50).padStart(4)} ms  p99 ${String(result.p99).padStart(4)} ms  ${String(result.rps).padStart(5)} req/s${bad ? `  (${bad} failed!)` : ''}`);
  return result;
}

console.log(`${dialect}, ${opts.people.toLocaleString()} people, ${opts.connections} connections, median of ${opts.runs} × ${opts.durationSec} s`);
const accounts = [
  { level: 'county', username: 'commander' },
  { level: 'town', username: 'town01' },
  { level: 'grid', username: 'gw0001' },
];
// The floor on this machine in the same run: the cheapest signed-in request there is.
{
  const headers = (await server.bearer('commander')).headers;
  const runs = [];
  for (let r = 0; r < opts.runs; r++) {
    runs.push(await load({ url: base, path: '/api/v1/auth/me', method: 'GET', connections: opts.connections, durationSec: opts.durationSec, headers, next: () => ({ headers: {} }) }));
  }
  const p50 = median(runs.map((r) => r.p50));
  const p99 = median(runs.map((r) => r.p99));
  console.log(`${'baseline · GET /auth/me'.padEnd(28)} p50 ${String(p50).padStart(4)} ms  p99 ${String(p99).padStart(4)} ms  ${String(Math.round(median(runs.map((r) => r.rps)))).padStart(5)} req/s`);
  emitResult({ bench: bench.name, variant: `${dialect}/baseline`, p50Ms: p50, p99Ms: p99 });
}
let worstCountyP99 = 0;
for (const { level, username } of accounts) {
  const { headers, user } = await server.bearer(username);
  const base50 = await rawBaseline(user.regionId);
  console.log(`${`${level} · raw indexed query`.padEnd(28)} p50 ${base50.p50} ms  p99 ${base50.p99} ms  (1 connection, in this process)`);
  emitResult({ bench: bench.name, variant: `${dialect}/${level}/raw`, p50Ms: base50.p50, p99Ms: base50.p99 });
  const kinds = level === 'county' ? Object.entries(KINDS) : Object.entries(KINDS).filter(([k]) => k === 'surname' || k === 'address');
  const runs = [
    ...kinds.map(([name, kind]) => ({ name, kind, via: 'search' as const })),
    ...(level === 'county' ? kinds.filter(([k]) => LIST_KINDS.includes(k)).map(([name, kind]) => ({ name: `list q= ${name}`, kind, via: 'list' as const })) : []),
  ];
  for (const { name, kind, via } of runs) {
    const r = await measure(`${level} · ${name}`, headers, kind, via);
    if (r.bad) throw new Error(`${level} ${name}: ${r.bad} requests failed`);
    if (level === 'county') worstCountyP99 = Math.max(worstCountyP99, r.p99);
    emitResult({ bench: bench.name, variant: `${dialect}/${level}/${name}`, p50Ms: r.p50, p99Ms: r.p99, rps: r.rps, rawP50Ms: base50.p50, target: `p99 < ${bench.target} ms` });
  }
}
console.log(`worst county p99: ${worstCountyP99} ms (target < ${bench.target} ms)`);
process.exit(0);

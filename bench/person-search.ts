// 人员查询 under load (issue 15 item 1): POST /api/v1/persons/search on the demo county, the
// kinds of search staff type — a surname (one character), a given name's pair, a whole name, a
// part of an address, a whole ID number, a whole mobile number — as the county's commander, a
// town officer and a grid worker, 10 connections each. Target: p99 < 100 ms at county level.
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
// Real names and addresses of the county, sampled straight from the tables.
const SAMPLE_NAMES = 'select name from persons order by id limit 400';
const SAMPLE_ADDRESSES = 'select address from households order by id limit 400';
const A_HOUSEHOLD = `select h.id, h.region_id from households h join regions r on r.id = h.region_id where r.level in ('grid', 'microgrid') order by h.id limit 1`;
let names: string[];
let addresses: string[];
let household: { id: string; region_id: number };
if (dialect === 'sqlite') {
  const db = new SQLite(databaseUrl.slice('sqlite://'.length), { readonly: true });
  names = db.prepare(SAMPLE_NAMES).all().map((r) => (r as { name: string }).name);
  addresses = db.prepare(SAMPLE_ADDRESSES).all().map((r) => (r as { address: string }).address);
  household = db.prepare(A_HOUSEHOLD).get() as typeof household;
  db.close();
} else {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  names = (await client.query(SAMPLE_NAMES)).rows.map((r) => r.name);
  addresses = (await client.query(SAMPLE_ADDRESSES)).rows.map((r) => r.address);
  household = (await client.query(A_HOUSEHOLD)).rows[0];
  await client.end();
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

async function measure(label: string, headers: Record<string, string>, kind: (i: number) => { q: string; by?: string }) {
  const runs = [];
  for (let r = 0; r < opts.runs; r++) {
    let i = 0;
    runs.push(
      await load({
        url: base,
        path: '/api/v1/persons/search',
        connections: opts.connections,
        durationSec: opts.durationSec,
        headers,
        next: () => ({ body: JSON.stringify({ ...kind(i++), limit: 50 }), headers: {} }),
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
  const headers = (await server.bearer(username)).headers;
  const kinds = level === 'county' ? Object.entries(KINDS) : Object.entries(KINDS).filter(([k]) => k === 'surname' || k === 'address');
  for (const [name, kind] of kinds) {
    const r = await measure(`${level} · ${name}`, headers, kind);
    if (r.bad) throw new Error(`${level} ${name}: ${r.bad} requests failed`);
    if (level === 'county') worstCountyP99 = Math.max(worstCountyP99, r.p99);
    emitResult({ bench: bench.name, variant: `${dialect}/${level}/${name}`, p50Ms: r.p50, p99Ms: r.p99, rps: r.rps, target: `p99 < ${bench.target} ms` });
  }
}
console.log(`worst county p99: ${worstCountyP99} ms (target < ${bench.target} ms)`);
process.exit(0);

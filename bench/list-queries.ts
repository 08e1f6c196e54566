// The list pages' queries under load (issue 17 items 1 and 4): each list at the county, a town,
// a village and a grid of the demo county, 32 connections, as the account of that level; the
// cheapest signed-in request (GET /auth/me) measured in the same run is the baseline. A quick
// before/after check of the list queries; bench/lists.ts is the full benchmark.
//
//   npx tsx bench/list-queries.ts --database URL --data-dir DIR     # a county built by `npm run demo`
//   npx tsx bench/list-queries.ts [--postgres] [--people 250000]    # or build one first
//   options: --duration 5 --runs 3 --connections 32 --only households,persons
//
// The server is a child process; autocannon runs here, in a second process. Figures are medians.
import os from 'node:os';
import { argValue, deadline, demoCountyArgs, emitResult, load, median } from './lib/harness.ts';
import { startDemoServer } from './lib/demo-server.ts';

export const bench = { name: 'list-queries', target: 200 };

const argv = process.argv.slice(2);
const opts = {
  ...demoCountyArgs(argv, { connections: 32 }),
  only: argValue(argv, '--only')?.split(','),
};
deadline(40 * 60_000, 'the list-queries benchmark');

const server = await startDemoServer({ name: 'list-queries', postgres: opts.postgres, people: opts.people, database: opts.database, dataDir: opts.dataDir });
const { base, dialect } = server;

/** The demo's account of each level (scripts/demo-county.ts names them). */
const LEVELS = [
  { level: 'county', username: 'commander' },
  { level: 'town', username: 'town01' },
  { level: 'village', username: 'v001' },
  { level: 'grid', username: 'g0001' },
];

/** Each list page, as a path for a region id. */
const PAGES: Record<string, (regionId: number) => string> = {
  households: (id) => `/api/v1/households?regionId=${id}&limit=50`,
  persons: (id) => `/api/v1/persons?regionId=${id}&limit=50`,
  'persons q=王': (id) => `/api/v1/persons?regionId=${id}&q=${encodeURIComponent('王')}&limit=50`,
  tips: (id) => `/api/v1/tips?regionId=${id}&limit=50`,
  'stats/summary': (id) => `/api/v1/stats/summary?regionId=${id}`,
};

async function measure(label: string, path: string, headers: Record<string, string>) {
  const runs = [];
  for (let r = 0; r < opts.runs; r++) {
    runs.push(await load({ url: base, path, method: 'GET', connections: opts.connections, durationSec: opts.durationSec, headers, next: () => ({ headers: {} }) }));
  }
  const bad = runs.reduce((n, r) => n + r.non2xx + r.errors, 0);
  const result = { p50: median(runs.map((r) => r.p50)), p99: median(runs.map((r) => r.p99)), rps: Math.round(median(runs.map((r) => r.rps))), bad };
  const load1 = os.loadavg()[0]!.toFixed(2);
  console.log(
    `${label.padEnd(30)} p50 ${String(result.p50).padStart(5)} ms  p99 ${String(result.p99).padStart(5)} ms  ${String(result.rps).padStart(5)} req/s  load ${load1}${bad ? `  (${bad} failed!)` : ''}`,
  );
  emitResult({ bench: bench.name, variant: `${dialect}/${label}`, p50Ms: result.p50, p99Ms: result.p99, rps: result.rps, load1 });
  return result;
}

console.log(`${dialect}, ${opts.connections} connections, median of ${opts.runs} × ${opts.durationSec} s, load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
const accounts = [];
for (const { level, username } of LEVELS) {
  const { headers, user } = await server.bearer(username);
  accounts.push({ level, headers, regionId: user.regionId });
}
await measure('baseline · GET /auth/me', '/api/v1/auth/me', accounts[0]!.headers);
for (const [page, pathOf] of Object.entries(PAGES)) {
  if (opts.only && !opts.only.includes(page)) continue;
  for (const { level, headers, regionId } of accounts) await measure(`${page} · ${level}`, pathOf(regionId), headers);
}
process.exit(0);

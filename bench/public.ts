// The public side under load (issue 6), on the demo county:
//  1. Tip filing throughput: POST /public/tips from a second process (this one), every request a
//     different tip (category, grid, text), with the rate limits lifted (GRIDGUARD_PUBLIC_LIMIT_SCALE)
//     to measure the filing itself. Baseline in the same run: GET /public/regions, the cheapest
//     public read, so the ratio says what filing costs on this (shared, noisy) machine.
//  2. Staff pages while the public endpoints are flooded: a town officer's tip inbox and the notices
//     list, alone and then while two more processes (autocannon's CLI, 20 connections each) flood
//     POST /public/tips and GET /public/notices from one address at normal limits. The limiter
//     must shed the flood (429 before any body is read), so the staff page's latency stays where
//     it was.
//
//   npx tsx bench/public.ts                 # SQLite
//   npx tsx bench/public.ts --postgres      # PostgreSQL
//   options: --people 50000 --duration 10 --runs 3 --connections 10 --flood 40
import { spawn } from 'node:child_process';
import nodePath from 'node:path';
import { ROOT, startDemoServer } from './lib/demo-server.ts';
import { argValue, deadline, emitResult, load, median } from './lib/harness.ts';

export const bench = { name: 'public', target: 1.5 };

const argv = process.argv.slice(2);
const num = (name: string, dflt: number) => Number(argValue(argv, name) ?? dflt);
const opts = {
  postgres: argv.includes('--postgres'),
  people: num('--people', 50_000),
  durationSec: num('--duration', 10),
  runs: num('--runs', 3),
  connections: num('--connections', 10),
  flood: num('--flood', 40),
};
deadline(30 * 60_000, 'the public-side benchmark');

const CATEGORIES = ['gathering', 'no_mask', 'unregistered_arrival', 'quarantine_breach', 'banquet', 'other'];
const PLACES = ['村口小卖部', '文化礼堂', '菜市场东门', '老年活动室', '祠堂前广场', '桥头棋牌室'];
type Summary = { p50: number; p99: number; rps: number; codes: Record<string, number> };

function summarise(name: string, runs: Awaited<ReturnType<typeof load>>[]): Summary {
  const codes: Record<string, number> = {};
  for (const r of runs) for (const [k, v] of Object.entries(r.statusCodes)) codes[k] = (codes[k] ?? 0) + v;
  const s = { p50: median(runs.map((r) => r.p50)), p99: median(runs.map((r) => r.p99)), rps: median(runs.map((r) => r.rps)), codes };
  console.log(`${name}: p50 ${s.p50} ms, p99 ${s.p99} ms, ${Math.round(s.rps)} req/s ${JSON.stringify(codes)}`);
  return s;
}

// ---------------------------------------------------------------- 1. filing throughput
const lifted = await startDemoServer({ name: 'public', postgres: opts.postgres, people: opts.people, env: { GRIDGUARD_PUBLIC_LIMIT_SCALE: '1000000' } });
async function gridsOf(base: typeof lifted): Promise<number[]> {
  const children = async (id?: number) => (await base.api('GET', `/api/v1/public/regions${id ? `?parentId=${id}` : ''}`)).json.items as { id: number; level: string }[];
  const [county] = await children();
  const grids: number[] = [];
  for (const town of await children(county?.id)) {
    for (const village of (await children(town.id)).slice(0, 4)) grids.push(...(await children(village.id)).map((g) => g.id));
  }
  return grids;
}
const grids = await gridsOf(lifted);
if (!grids.length) throw new Error('the demo county has no grids');
let n = 0;
const nextTip = () => {
  n += 1;
  const body = {
    category: CATEGORIES[n % CATEGORIES.length],
    regionId: grids[(n * 7919) % grids.length],
    place: PLACES[n % PLACES.length],
    description: `第${n}号举报：${PLACES[(n >> 3) % PLACES.length]}附近有${(n % 20) + 5}人聚集，未戴口罩，请尽快处理。`,
    anonymous: true,
  };
  return { body: JSON.stringify(body), headers: {} };
};

const runsOf = async (name: string, spec: Parameters<typeof load>[0]) => {
  const runs = [];
  for (let i = 0; i < opts.runs; i++) runs.push(await load(spec));
  return summarise(name, runs);
};
const baseline = await runsOf('baseline GET /public/regions', { url: lifted.base, path: '/api/v1/public/regions', method: 'GET', connections: opts.connections, durationSec: opts.durationSec, headers: {}, next: () => ({ headers: {} }) });
const filing = await runsOf('POST /public/tips', { url: lifted.base, path: '/api/v1/public/tips', method: 'POST', connections: opts.connections, durationSec: opts.durationSec, headers: {}, next: nextTip });
const nonCreated = Object.entries(filing.codes).filter(([code]) => code !== '201');
if (nonCreated.length) throw new Error(`filing answered ${JSON.stringify(Object.fromEntries(nonCreated))}`);
const filingRatio = filing.rps / baseline.rps;
console.log(`  filing: ${Math.round(filing.rps)} tips/s, ${filingRatio.toFixed(2)} of a public read's rate`);
emitResult({ bench: bench.name, variant: `${lifted.dialect}/tip-filing`, p50Ms: filing.p50, p99Ms: filing.p99, tipsPerSecond: Math.round(filing.rps), baselineRps: Math.round(baseline.rps), ratioToBaseline: Number(filingRatio.toFixed(2)) });
const { databaseUrl, dataDir } = lifted;
await lifted.child.stop();

// ---------------------------------------------------------------- 2. staff pages during a flood
/** A flood from its own process (autocannon's CLI), so it does not share this process's CPU. */
function flood(url: string, method: 'GET' | 'POST', connections: number, durationSec: number, body?: string): Promise<{ rps: number; codes: Record<string, number> }> {
  const args = ['-j', '-c', String(connections), '-d', String(durationSec), '-m', method];
  if (body) args.push('-H', 'content-type=application/json', '-b', body);
  const child = spawn(nodePath.join(ROOT, 'node_modules/.bin/autocannon'), [...args, url], { stdio: ['ignore', 'pipe', 'ignore'] });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString('utf8');
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', () => {
      try {
        const r = JSON.parse(out) as { requests: { average: number }; '2xx': number; non2xx: number; statusCodeStats?: Record<string, { count: number }> };
        const codes = Object.fromEntries(Object.entries(r.statusCodeStats ?? {}).map(([k, v]) => [k, v.count]));
        resolve({ rps: r.requests.average, codes });
      } catch (err) {
        reject(new Error(`flood: no result (${(err as Error).message}): ${out.slice(0, 200)}`));
      }
    });
  });
}

const server = await startDemoServer({ name: 'public', postgres: opts.postgres, people: opts.people, database: databaseUrl, dataDir });
const officer = await server.bearer('town01');
const town = officer.user.regionId;
const staffPages = {
  'tip inbox': `/api/v1/tips?regionId=${town}`,
  'notices list': `/api/v1/notices?regionId=${town}`,
};
for (const [name, path] of Object.entries(staffPages)) {
  const staffLoad = () => load({ url: server.base, path, method: 'GET', connections: opts.connections, durationSec: opts.durationSec, headers: officer.headers, next: () => ({ headers: {} }) });
  const calmRuns = [];
  const floodedRuns = [];
  const floods: { rps: number; codes: Record<string, number> }[] = [];
  for (let i = 0; i < opts.runs; i++) {
    calmRuns.push(await staffLoad());
    // Half the flood files tips, half reads notices: every public endpoint kind at once.
    const [staff, tips, reads] = await Promise.all([
      staffLoad(),
      flood(`${server.base}/api/v1/public/tips`, 'POST', opts.flood / 2, opts.durationSec, nextTip().body),
      flood(`${server.base}/api/v1/public/notices`, 'GET', opts.flood / 2, opts.durationSec),
    ]);
    floodedRuns.push(staff);
    floods.push(tips, reads);
  }
  for (const r of [...calmRuns, ...floodedRuns]) if (r.non2xx || r.errors) throw new Error(`${name}: ${r.non2xx} non-2xx, ${r.errors} errors ${JSON.stringify(r.statusCodes)}`);
  const calm = summarise(`${name}, calm`, calmRuns);
  const flooded = summarise(`${name}, flooded`, floodedRuns);
  const floodCodes: Record<string, number> = {};
  for (const f of floods) for (const [k, v] of Object.entries(f.codes)) floodCodes[k] = (floodCodes[k] ?? 0) + v;
  const floodRps = median(floods.filter((_, i) => i % 2 === 0).map((f, i) => f.rps + (floods[2 * i + 1]?.rps ?? 0)));
  console.log(`  the flood (tips + notices from one address, 2 processes): ${Math.round(floodRps)} req/s ${JSON.stringify(floodCodes)}`);
  const shed = (floodCodes['429'] ?? 0) / Object.values(floodCodes).reduce((a, b) => a + b, 0);
  const p50Ratio = flooded.p50 / Math.max(calm.p50, 1);
  console.log(`  ${name}: p50 ${calm.p50} → ${flooded.p50} ms (×${p50Ratio.toFixed(2)}), p99 ${calm.p99} → ${flooded.p99} ms; ${(shed * 100).toFixed(1)}% of the flood shed with 429`);
  emitResult({
    bench: bench.name,
    variant: `${server.dialect}/${name.replace(/ /g, '-')}-under-flood`,
    calmP50Ms: calm.p50,
    floodedP50Ms: flooded.p50,
    calmP99Ms: calm.p99,
    floodedP99Ms: flooded.p99,
    p50Ratio: Number(p50Ratio.toFixed(2)),
    floodRps: Math.round(floodRps),
    floodShedShare: Number(shed.toFixed(3)),
    target: `flooded p50 within ${bench.target}× calm`,
  });
}
await server.child.stop();

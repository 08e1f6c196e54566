// Risk colours (风险赋码) after a rule change: the full recompute of the 250,000-person demo
// county — keyset pages of 5,000 people, facts in set queries, only changes written, counters
// recounted — timed, with the peak RSS and heap of this process (process.memoryUsage sampled
// every 20 ms while it runs). Each run changes a rule for real (a category rule on, off, on),
// so every run writes. Against a raw read of the same person columns in one statement (what
// any recompute must at least read). Medians of 3 runs.
//
//   npx tsx bench/risk.ts                     # SQLite, demo county of 250,000 people
//   npx tsx bench/risk.ts --postgres          # the same on PostgreSQL
//   options: --people 250000 --runs 3 --database URL (reuse a database built by `npm run demo`)
//
// The recompute runs in this process (no HTTP): what is measured is the job itself, as the
// server's background runner and the daily job call it.
import SQLite from 'better-sqlite3';
import pg from 'pg';
import type { RiskRule } from '../src/shared/risk.ts';
import { DEFAULT_RULES } from '../src/shared/risk.ts';
import { loadConfig } from '../src/server/config.ts';
import { openDatabase } from '../src/server/db/connect.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';
import { insertRiskJob, runRiskJob } from '../src/server/modules/risk/risk.recompute.ts';
import { saveRules } from '../src/server/modules/risk/risk.rules.ts';
import { dayIn } from '../src/server/platform/time.ts';
import { demoDatabase } from './lib/demo-server.ts';
import { argValue, deadline, emitResult, median, tempDir } from './lib/harness.ts';

export const bench = { name: 'risk', target: 60 };

const argv = process.argv.slice(2);
const opts = {
  postgres: argv.includes('--postgres'),
  people: Number(argValue(argv, '--people') ?? 250_000),
  runs: Number(argValue(argv, '--runs') ?? 3),
  database: argValue(argv, '--database'),
};
deadline(40 * 60_000, 'the risk benchmark');

const dataDir = tempDir('gg-bench-risk-');
const databaseUrl = await demoDatabase({ name: 'risk', postgres: opts.postgres, people: opts.people, database: opts.database }, dataDir);
const database = openDatabase(databaseUrl);
await migrateToLatest(database);
const { db, dialect } = database;
const county = await db.selectFrom('regions').select(['id', 'path']).where('parent_id', 'is', null).orderBy('id').executeTakeFirstOrThrow();
const people = Number((await db.selectFrom('persons').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
console.log(`${dialect}: ${people.toLocaleString()} people in the database; this process: RSS ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB before any recompute`);

// ---------------------------------------------------------------- the recompute
async function recompute(rules: RiskRule[]) {
  const jobId = await insertRiskJob(db, county.id, null);
  await saveRules(db, county.id, rules, jobId);
  global.gc?.();
  const start = process.memoryUsage();
  let peakRss = start.rss;
  let peakHeap = start.heapUsed;
  const sample = () => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  };
  const timer = setInterval(sample, 20);
  const t0 = performance.now();
  await runRiskJob({ db, today: dayIn(loadConfig().timeZone), onProgress: sample }, jobId);
  const ms = performance.now() - t0;
  clearInterval(timer);
  sample();
  const job = await db.selectFrom('risk_jobs').select(['status', 'processed', 'changed']).where('id', '=', jobId).executeTakeFirstOrThrow();
  if (job.status !== 'done') throw new Error(`job ended ${job.status}`);
  const coloured = await db.selectFrom('person_risk').select(['colour', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('colour').execute();
  return { ms, processed: Number(job.processed), changed: Number(job.changed), rssMb: peakRss / 2 ** 20, heapMb: peakHeap / 2 ** 20, startRssMb: start.rss / 2 ** 20, coloured: Object.fromEntries(coloured.map((c) => [c.colour, Number(c.n)])) };
}

const base = DEFAULT_RULES.map((r) => ({ ...r }));
const visitors: RiskRule = { id: 'visitors', kind: 'category', categories: ['visitor', 'floating'], colour: 'red', label: '外来人员', enabled: true };
const initial = await recompute(base);
console.log(`initial colouring (default rules): ${(initial.ms / 1000).toFixed(2)} s, changed ${initial.changed.toLocaleString()}, ${JSON.stringify(initial.coloured)}`);
const runs: Awaited<ReturnType<typeof recompute>>[] = [];
for (let i = 0; i < opts.runs; i++) {
  const rules = i % 2 === 0 ? [...base, visitors] : base;
  const r = await recompute(rules);
  runs.push(r);
  console.log(
    `run ${i + 1} (${i % 2 === 0 ? 'visitor rule on' : 'visitor rule off'}): ${(r.ms / 1000).toFixed(2)} s for ${r.processed.toLocaleString()} people, ${r.changed.toLocaleString()} changed; peak RSS ${r.rssMb.toFixed(0)} MB (start ${r.startRssMb.toFixed(0)} MB), peak heap ${r.heapMb.toFixed(0)} MB`,
  );
}
// ---------------------------------------------------------------- raw baseline (after the runs: its rows would inflate the RSS the runs start from)
const RAW = `select p.id, p.region_id, p.origin, p.arrived_on, p.category, p.key_person, p.left_on from persons p join regions r on r.id = p.region_id where r.path >= $1 and r.path < $2 order by p.id`;
async function rawRead(): Promise<number> {
const rawTimes: number[] = [];
const [lo, hi] = [county.path, `${county.path.slice(0, -1)}0`];
if (dialect === 'sqlite') {
  const raw = new SQLite(databaseUrl.slice('sqlite://'.length), { readonly: true });
  const stmt = raw.prepare(RAW.replace(/\$\d/g, '?'));
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    let n = 0;
    for (const _row of stmt.iterate(lo, hi)) n += 1;
    rawTimes.push(performance.now() - t0);
    if (n === 0) throw new Error('no people read');
  }
  raw.close();
} else {
  const c = new pg.Client({ connectionString: databaseUrl });
  await c.connect();
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    await c.query(RAW, [lo, hi]);
    rawTimes.push(performance.now() - t0);
  }
  await c.end();
}
return median(rawTimes);
}

const rawMs = await rawRead();
console.log(`raw read of the people's columns: ${rawMs.toFixed(0)} ms`);
const ms = median(runs.map((r) => r.ms));
const result = {
  bench: bench.name,
  variant: `${dialect}/recompute-${people}`,
  medianSeconds: Number((ms / 1000).toFixed(2)),
  peoplePerSecond: Math.round(people / (ms / 1000)),
  changedMedian: median(runs.map((r) => r.changed)),
  peakRssMb: Math.round(median(runs.map((r) => r.rssMb))),
  startRssMb: Math.round(median(runs.map((r) => r.startRssMb))),
  peakHeapMb: Math.round(median(runs.map((r) => r.heapMb))),
  rawReadMs: Math.round(rawMs),
  ratioToRawRead: Number((rawMs / ms).toFixed(3)),
  target: `< ${bench.target} s`,
};
console.log(`\nmedian of ${opts.runs}: ${result.medianSeconds} s (${result.peoplePerSecond.toLocaleString()} people/s), peak RSS ${result.peakRssMb} MB, peak heap ${result.peakHeapMb} MB; raw read ${result.rawReadMs} ms`);
emitResult(result);
await database.close();
process.exit(0);

// 导出 Excel at county scale (issue 15 item 3): GET /api/v1/households/export.xlsx for the whole
// demo county as its commander (about 100,000 households on the 250,000-person county), timed to
// the last byte from a second process, against a baseline in the same run: the raw query of the
// same rows straight from the database (no HTTP, no xlsx). Target: under 15 s. Beside each run:
// the server's peak RSS (sampled from /proc every 100 ms) and how long /healthz takes to answer
// meanwhile (asked every 50 ms: a blocked event loop shows there); then one more export read by
// a slow client (--slow-kbps, default 2000 KB/s): the server's RSS must stay flat, not grow with
// the county.
//
//   npx tsx bench/exports.ts                 # SQLite, demo county of 250,000 people
//   npx tsx bench/exports.ts --postgres      # the same on PostgreSQL
//   options: --people 250000 --runs 3 --list households|persons --region ID
//            --database URL --data-dir DIR (reuse a county built by `npm run demo` with DATA_DIR=DIR)
//            --slow-kbps N (0 = no slow-client run)
import os from 'node:os';
import SQLite from 'better-sqlite3';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { argValue, deadline, emitResult, median, serverRss } from './lib/harness.ts';
import { startDemoServer } from './lib/demo-server.ts';

export const bench = { name: 'exports', target: 15 };

const argv = process.argv.slice(2);
const opts = {
  postgres: argv.includes('--postgres'),
  people: Number(argValue(argv, '--people') ?? 250_000),
  runs: Number(argValue(argv, '--runs') ?? 3),
  list: (argValue(argv, '--list') ?? 'households') as 'households' | 'persons',
  region: argValue(argv, '--region'),
  database: argValue(argv, '--database'),
  dataDir: argValue(argv, '--data-dir'),
  slowKbps: Number(argValue(argv, '--slow-kbps') ?? 2000),
};
deadline(60 * 60_000, 'the exports benchmark');

const server = await startDemoServer({ name: 'exports', postgres: opts.postgres, people: opts.people, database: opts.database, dataDir: opts.dataDir });
const { base, dialect, databaseUrl } = server;
const headers = (await server.bearer('commander')).headers;
const url = `${base}/api/v1/${opts.list}/export.xlsx${opts.region ? `?regionId=${opts.region}` : ''}`;

// The same rows as the export, in the list's order, read raw: what the database alone costs.
const RAW = opts.list === 'households' ? 'select * from households order by sort_key, id' : 'select * from persons order by id';
async function rawQuery(): Promise<number> {
  if (dialect === 'sqlite') {
    const db = new SQLite(databaseUrl.slice('sqlite://'.length), { readonly: true });
    const n = db.prepare(RAW).all().length;
    db.close();
    return n;
  }
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const n = (await client.query(RAW)).rowCount ?? 0;
  await client.end();
  return n;
}

const serverMb = () => serverRss(server.child.pid, 'src/server/main.ts').serverMb;

/** While `work` runs: the server's peak RSS, and /healthz's answer times (one at a time, every 50 ms). */
async function watched<T>(work: Promise<T>): Promise<{ result: T; peakMb: number; healthz: number[] }> {
  let running = true;
  let peakMb = serverMb();
  const rss = setInterval(() => (peakMb = Math.max(peakMb, serverMb())), 100);
  const healthz: number[] = [];
  const probe = (async () => {
    while (running) {
      const t0 = performance.now();
      // A kept-alive socket the server closed between two probes is a failed probe, not a failed run.
      const ok = await fetch(`${base}/healthz`).then((res) => res.arrayBuffer()).then(() => true, () => false);
      if (ok) healthz.push(performance.now() - t0);
      else probeFailures++;
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  try {
    return { result: await work, peakMb, healthz };
  } finally {
    running = false;
    clearInterval(rss);
    await probe;
  }
}

let probeFailures = 0;
const p99 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.99))] ?? 0;

async function exportOnce(kbps = 0): Promise<{ ms: number; bytes: number; body: Buffer }> {
  const t0 = performance.now();
  const res = await fetch(url, { headers });
  if (!res.ok || !res.body) throw new Error(`export: ${res.status} ${await res.text()}`);
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  const reader = res.body.getReader();
  for (;;) {
    const { done, value } = await reader.read().catch((err: unknown) => {
      throw new Error(`export cut after ${bytes} bytes: ${String(err)}\nthe server said:\n${server.child.output()}`);
    });
    if (done) break;
    chunks.push(value);
    bytes += value.byteLength;
    // A slow client: no faster than kbps, so the server has to hold back.
    if (kbps) {
      const due = (bytes / 1024 / kbps) * 1000 - (performance.now() - t0);
      if (due > 0) await new Promise((r) => setTimeout(r, due));
    }
  }
  return { ms: performance.now() - t0, bytes, body: Buffer.concat(chunks) };
}

const baseline: number[] = [];
const exports: number[] = [];
const peaks: number[] = [];
const healthzDuring: number[] = [];
let rows = 0;
let rawRows = 0;
let bytes = 0;
const idleMb = serverMb();
const healthzIdle = (await watched(new Promise((r) => setTimeout(r, 3000)))).healthz;
for (let r = 0; r < opts.runs; r++) {
  const t0 = performance.now();
  rawRows = await rawQuery();
  baseline.push(performance.now() - t0);
  const { result: run, peakMb, healthz } = await watched(exportOnce());
  peaks.push(peakMb);
  healthzDuring.push(...healthz);
  exports.push(run.ms);
  bytes = run.bytes;
  if (r === 0) {
    // Read back once (outside the timing): the workbook holds every row.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(run.body as unknown as ArrayBuffer);
    rows = (wb.worksheets[0]?.actualRowCount ?? 1) - 1;
  }
}
const exportS = median(exports) / 1000;
const baselineS = median(baseline) / 1000;
const load = os.loadavg().map((x) => x.toFixed(2)).join(' ');
console.log(`${dialect}, ${opts.people.toLocaleString()} people, ${opts.list} of ${opts.region ? `region ${opts.region}` : 'the county'}: ${rows.toLocaleString()} rows in the workbook (${rawRows.toLocaleString()} in the table), ${(bytes / 1024 / 1024).toFixed(1)} MB`);
console.log(`baseline · raw query   median ${baselineS.toFixed(2)} s  (runs ${baseline.map((x) => (x / 1000).toFixed(2)).join(', ')})`);
console.log(`export · xlsx streamed median ${exportS.toFixed(2)} s  (runs ${exports.map((x) => (x / 1000).toFixed(2)).join(', ')})  ${Math.round(rows / exportS).toLocaleString()} rows/s  ratio ${(exportS / baselineS).toFixed(1)}× baseline  (target < ${bench.target} s)`);
const ms = (x: number) => x.toFixed(0);
console.log(`server RSS: ${idleMb} MB before, peak during the exports ${peaks.join(', ')} MB`);
console.log(`/healthz meanwhile: p50 / p99 / max ${ms(median(healthzDuring))} / ${ms(p99(healthzDuring))} / ${ms(Math.max(...healthzDuring))} ms (idle: ${ms(median(healthzIdle))} / ${ms(p99(healthzIdle))} / ${ms(Math.max(...healthzIdle))} ms); probes failed: ${probeFailures}`);
let slow: { s: number; peakMb: number; beforeMb: number } | null = null;
if (opts.slowKbps > 0) {
  const beforeMb = serverMb();
  const { result, peakMb } = await watched(exportOnce(opts.slowKbps));
  slow = { s: result.ms / 1000, peakMb, beforeMb };
  console.log(`slow client (${opts.slowKbps} KB/s): ${slow.s.toFixed(1)} s for ${(result.bytes / 1024 / 1024).toFixed(1)} MB; server RSS ${beforeMb} MB before, peak ${peakMb} MB`);
}
console.log(`load average ${load} (now ${os.loadavg().map((x) => x.toFixed(2)).join(' ')})`);
emitResult({
  bench: bench.name,
  variant: `${dialect}/${opts.list}`,
  rows,
  exportS: Number(exportS.toFixed(2)),
  baselineS: Number(baselineS.toFixed(2)),
  ratio: Number((exportS / baselineS).toFixed(1)),
  peakRssMb: Math.max(...peaks),
  healthzP99Ms: Number(p99(healthzDuring).toFixed(0)),
  slowClientPeakRssMb: slow?.peakMb ?? null,
  loadAverage: load,
  target: `< ${bench.target} s`,
});
if (rows !== rawRows && !opts.region) throw new Error(`the workbook has ${rows} rows, the table ${rawRows}`);
process.exit(exportS < bench.target ? 0 : 1);

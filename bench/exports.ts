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
//   npx tsx bench/exports.ts --list persons --rows 100000   # the target's 100,000 rows exactly
//   options: --people 250000 --runs 3 --list households|persons --region ID
//            --rows N (time to the N-th row of the sheet, unzipped as it arrives; the raw query
//            then reads the first N rows; the download is cut there)
//            --database URL --data-dir DIR (reuse a county built by `npm run demo` with DATA_DIR=DIR)
//            --slow-kbps N (0 = no slow-client run)
import os from 'node:os';
import zlib from 'node:zlib';
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
  rows: argValue(argv, '--rows') === undefined ? null : Number(argValue(argv, '--rows')),
};
if (opts.rows !== null && !(Number.isInteger(opts.rows) && opts.rows > 0)) throw new Error('--rows must be a whole number above 0');
deadline(60 * 60_000, 'the exports benchmark');

const server = await startDemoServer({ name: 'exports', postgres: opts.postgres, people: opts.people, database: opts.database, dataDir: opts.dataDir });
const { base, dialect, databaseUrl } = server;
const headers = (await server.bearer('commander')).headers;
const url = `${base}/api/v1/${opts.list}/export.xlsx${opts.region ? `?regionId=${opts.region}` : ''}`;

// The same rows as the export, in the list's order, read raw: what the database alone costs.
const RAW = `${opts.list === 'households' ? 'select * from households order by sort_key, id' : 'select * from persons order by id'}${opts.rows ? ` limit ${opts.rows}` : ''}`;
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

async function exportOnce(kbps = 0, upTo: number | null = null): Promise<{ ms: number; bytes: number; body: Buffer; rows: number | null }> {
  const t0 = performance.now();
  const abort = new AbortController();
  const res = await fetch(url, { headers, signal: abort.signal });
  if (!res.ok || !res.body) throw new Error(`export: ${res.status} ${await res.text()}`);
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  const reader = res.body.getReader();
  const counter = upTo ? new SheetRowCounter() : null;
  for (;;) {
    const { done, value } = await reader.read().catch((err: unknown) => {
      throw new Error(`export cut after ${bytes} bytes: ${String(err)}\nthe server said:\n${server.child.output()}`);
    });
    if (done) break;
    chunks.push(value);
    bytes += value.byteLength;
    if (counter && upTo && (await counter.push(value)) >= upTo) {
      // The N-th row is here: the clock stops, the rest of the download is not wanted.
      const ms = performance.now() - t0;
      abort.abort();
      return { ms, bytes, body: Buffer.alloc(0), rows: counter.rows };
    }
    // A slow client: no faster than kbps, so the server has to hold back.
    if (kbps) {
      const due = (bytes / 1024 / kbps) * 1000 - (performance.now() - t0);
      if (due > 0) await new Promise((r) => setTimeout(r, due));
    }
  }
  if (counter && upTo) throw new Error(`--rows ${upTo}: the export ended after ${counter.rows} rows`);
  return { ms: performance.now() - t0, bytes, body: Buffer.concat(chunks), rows: null };
}

/**
 * Counts the sheet's data rows as the workbook arrives: walks the zip's local entries (the small
 * parts carry their sizes; the sheet, streamed, comes last) and inflates the sheet's data as it
 * comes, counting `</row>` (the header row not counted). What the user would have once the
 * N-th row has been received, unzipped.
 */
class SheetRowCounter {
  rows = -1;
  #head = Buffer.alloc(0);
  #inflate: zlib.InflateRaw | null = null;
  #tail = '';

  async push(chunk: Uint8Array): Promise<number> {
    if (this.#inflate) return this.#feed(Buffer.from(chunk));
    this.#head = Buffer.concat([this.#head, chunk]);
    for (;;) {
      if (this.#head.length < 30) return this.rows;
      if (this.#head.readUInt32LE(0) !== 0x04034b50) throw new Error('not a zip local entry where one was expected');
      const flags = this.#head.readUInt16LE(6);
      const compressed = this.#head.readUInt32LE(18);
      const nameLength = this.#head.readUInt16LE(26);
      const extraLength = this.#head.readUInt16LE(28);
      const start = 30 + nameLength + extraLength;
      if (this.#head.length < start) return this.rows;
      const name = this.#head.subarray(30, 30 + nameLength).toString();
      if (name === 'xl/worksheets/sheet1.xml') {
        if (!(flags & 0x0008)) throw new Error('the sheet is not a streamed entry');
        this.#inflate = zlib.createInflateRaw();
        this.#inflate.on('data', (xml: Buffer) => this.#count(xml.toString('latin1')));
        const rest = this.#head.subarray(start);
        this.#head = Buffer.alloc(0);
        return this.#feed(rest);
      }
      if (this.#head.length < start + compressed) return this.rows;
      this.#head = this.#head.subarray(start + compressed);
    }
  }

  #count(text: string): void {
    const s = this.#tail + text;
    for (let at = s.indexOf('</row>'); at >= 0; at = s.indexOf('</row>', at + 6)) this.rows++;
    this.#tail = s.slice(-5);
  }

  async #feed(data: Buffer): Promise<number> {
    const inflate = this.#inflate!;
    await new Promise<void>((resolve, reject) => inflate.write(data, (err) => (err ? reject(err) : resolve())));
    // Let the inflated data's events run before the count is read.
    await new Promise((r) => setImmediate(r));
    return this.rows;
  }
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
  const { result: run, peakMb, healthz } = await watched(exportOnce(0, opts.rows));
  peaks.push(peakMb);
  healthzDuring.push(...healthz);
  exports.push(run.ms);
  bytes = run.bytes;
  if (run.rows !== null) {
    rows = run.rows;
  } else if (r === 0) {
    // Read back once (outside the timing): the workbook holds every row.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(run.body as unknown as ArrayBuffer);
    rows = (wb.worksheets[0]?.actualRowCount ?? 1) - 1;
  }
}
const exportS = median(exports) / 1000;
const baselineS = median(baseline) / 1000;
const load = os.loadavg().map((x) => x.toFixed(2)).join(' ');
console.log(
  `${dialect}, ${opts.people.toLocaleString()} people, ${opts.list} of ${opts.region ? `region ${opts.region}` : 'the county'}: ${rows.toLocaleString()} rows ${opts.rows ? 'received (timed to that row; the download cut there)' : 'in the workbook'} (${rawRows.toLocaleString()} read by the raw query), ${(bytes / 1024 / 1024).toFixed(1)} MB`,
);
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
if (opts.rows ? rows < opts.rows : rows !== rawRows && !opts.region) throw new Error(`the workbook has ${rows} rows, the raw query ${rawRows}`);
process.exit(exportS < bench.target ? 0 : 1);

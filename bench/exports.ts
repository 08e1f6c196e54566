// 导出 Excel at county scale (issue 15 item 3): GET /api/v1/households/export.xlsx for the whole
// demo county as its commander (about 100,000 households on the 250,000-person county), timed to
// the last byte from a second process, against a baseline in the same run: the raw query of the
// same rows straight from the database (no HTTP, no xlsx). Target: under 15 s.
//
//   npx tsx bench/exports.ts                 # SQLite, demo county of 250,000 people
//   npx tsx bench/exports.ts --postgres      # the same on PostgreSQL
//   options: --people 250000 --runs 3 --list households|persons --region ID
//            --database URL --data-dir DIR (reuse a county built by `npm run demo` with DATA_DIR=DIR)
import os from 'node:os';
import SQLite from 'better-sqlite3';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { argValue, deadline, emitResult, median } from './lib/harness.ts';
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

async function exportOnce(): Promise<{ ms: number; bytes: number; body: Buffer }> {
  const t0 = performance.now();
  const res = await fetch(url, { headers });
  if (!res.ok || !res.body) throw new Error(`export: ${res.status} ${await res.text()}`);
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  const reader = res.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    bytes += value.byteLength;
  }
  return { ms: performance.now() - t0, bytes, body: Buffer.concat(chunks) };
}

const baseline: number[] = [];
const exports: number[] = [];
let rows = 0;
let rawRows = 0;
let bytes = 0;
for (let r = 0; r < opts.runs; r++) {
  const t0 = performance.now();
  rawRows = await rawQuery();
  baseline.push(performance.now() - t0);
  const run = await exportOnce();
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
console.log(`load average ${load}`);
emitResult({ bench: bench.name, variant: `${dialect}/${opts.list}`, rows, exportS: Number(exportS.toFixed(2)), baselineS: Number(baselineS.toFixed(2)), ratio: Number((exportS / baselineS).toFixed(1)), loadAverage: load, target: `< ${bench.target} s` });
if (rows !== rawRows && !opts.region) throw new Error(`the workbook has ${rows} rows, the table ${rawRows}`);
process.exit(exportS < bench.target ? 0 : 1);

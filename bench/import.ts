// Import of people from spreadsheets: rows/s and peak RSS of the whole import (seal the upload,
// read, check, encrypt, stage, write) against a raw better-sqlite3 batch insert of the same rows
// in the same run, each in its own process. Targets (issue 3): ratio ≥ 0.3, peak RSS < 400 MB.
//   npx tsx bench/import.ts [--rows 1000000] [--formats csv,xlsx]
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { argValue, deadline, emitResult, tempDir } from './lib/harness.ts';
import { writeCsv, writeXlsx } from './lib/people-file.ts';

export const bench = { name: 'import', target: 0.3 };
const RSS_LIMIT_MB = 400;

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const argv = process.argv.slice(2);
const rows = Number(argValue(argv, '--rows') ?? 1_000_000);
const formats = (argValue(argv, '--formats') ?? 'csv,xlsx').split(',') as ('csv' | 'xlsx')[];
deadline(40 * 60_000, 'the import benchmark');

function child(script: string, args: string[], tag: string): Record<string, number | string | null> {
  const out = execFileSync(TSX, [path.join(ROOT, 'bench/lib', script), ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 16 << 20, stdio: ['ignore', 'pipe', 'inherit'] });
  const line = out.split('\n').find((l) => l.startsWith(`${tag} `));
  if (!line) throw new Error(`${script} printed no ${tag} line`);
  return JSON.parse(line.slice(tag.length + 1)) as Record<string, number | string | null>;
}

const work = tempDir('gg-bench-import-');
console.log(`raw better-sqlite3 insert of ${rows.toLocaleString()} people…`);
const raw = child('import-raw.ts', ['--rows', String(rows), '--data', tempDir('gg-bench-raw-')], 'IMPORT_RAW');
const rawRps = rows / Number(raw.seconds);
console.log(`  ${Math.round(rawRps).toLocaleString()} rows/s, peak RSS ${raw.peakMb} MB`);

let failed = false;
for (const format of formats) {
  const file = path.join(work, `people.${format}`);
  const t0 = Date.now();
  if (format === 'csv') await writeCsv(file, rows);
  else await writeXlsx(file, rows);
  console.log(`${format}: ${rows.toLocaleString()} rows written in ${((Date.now() - t0) / 1000).toFixed(1)} s; importing…`);
  const run = child('import-run.ts', ['--file', file, '--format', format, '--data', tempDir('gg-bench-run-')], 'IMPORT_RUN');
  const rps = Number(run.imported) / Number(run.seconds);
  const ratio = rps / rawRps;
  const ok = run.status === 'done' && run.imported === rows && Number(run.peakMb) < RSS_LIMIT_MB;
  failed ||= !ok;
  console.log(
    `  ${run.status}: ${Number(run.imported).toLocaleString()} imported, ${run.rejected} refused in ${Number(run.seconds).toFixed(1)} s = ${Math.round(rps).toLocaleString()} rows/s; ratio ${ratio.toFixed(2)} (target ≥ ${bench.target}); peak RSS ${run.peakMb} MB (limit ${RSS_LIMIT_MB})`,
  );
  emitResult({ bench: bench.name, variant: `sqlite/${format}`, platformRps: Math.round(rps), bareRps: Math.round(rawRps), ratio: Number(ratio.toFixed(3)), target: bench.target, rssMb: run.peakMb, seconds: run.seconds });
}
if (failed) process.exit(1);

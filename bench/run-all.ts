// Runs every benchmark in bench/ (a bench/*.ts file that declares `export const bench`), one
// after another, each in its own process, then prints one summary table.
//   npm run bench                       # every benchmark, default options (SQLite)
//   npm run bench -- --postgres         # options after `--` go to every benchmark
//   npm run bench -- --bench platform-post --duration 5
//   npm run bench -- --strict           # exit 1 when a ratio is below its target, too
// A benchmark prints `BENCH_RESULT {json}` lines (bench/lib/harness.ts emitResult) for this table.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(BENCH_DIR, '..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const PER_BENCH_LIMIT_MS = 15 * 60_000;

const argv = process.argv.slice(2);
const strict = argv.includes('--strict');
const only = (() => {
  const i = argv.indexOf('--bench');
  return i >= 0 ? argv[i + 1] : undefined;
})();
const passThrough = argv.filter((a, i) => a !== '--strict' && a !== '--bench' && argv[i - 1] !== '--bench');

const files = fs
  .readdirSync(BENCH_DIR)
  .filter((f) => f.endsWith('.ts') && f !== 'run-all.ts')
  .filter((f) => /^export const bench\b/m.test(fs.readFileSync(path.join(BENCH_DIR, f), 'utf8')))
  .filter((f) => !only || f.replace(/\.ts$/, '') === only)
  .sort();
if (!files.length) {
  console.error(only ? `no benchmark named ${only} in bench/` : 'no benchmarks in bench/');
  process.exit(1);
}

interface Row {
  file: string;
  status: 'ok' | 'below target' | 'failed';
  result: Record<string, unknown> | null;
  seconds: number;
}

let current: ReturnType<typeof spawn> | null = null;
const killCurrent = () => {
  // Each benchmark leads its own process group and cleans up its children on SIGTERM.
  if (current?.pid && current.exitCode === null) {
    try {
      process.kill(-current.pid, 'SIGTERM');
    } catch {
      /* gone */
    }
  }
};
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    killCurrent();
    process.exit(130);
  });
}

function runOne(file: string): Promise<Row> {
  const started = Date.now();
  return new Promise((resolve) => {
    console.log(`\n=== ${file} ${passThrough.join(' ')}`);
    const child = spawn(TSX, [path.join('bench', file), ...passThrough], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'], detached: true });
    current = child;
    const results: Record<string, unknown>[] = [];
    let buf = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      process.stdout.write(chunk);
      buf += chunk.toString();
      let nl = buf.indexOf('\n');
      while (nl >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        if (line.startsWith('BENCH_RESULT ')) {
          try {
            results.push(JSON.parse(line.slice('BENCH_RESULT '.length)) as Record<string, unknown>);
          } catch {
            /* ignore a malformed line */
          }
        }
        nl = buf.indexOf('\n');
      }
    });
    const timer = setTimeout(() => {
      console.error(`${file}: over ${PER_BENCH_LIMIT_MS / 60_000} min, stopping it`);
      killCurrent();
    }, PER_BENCH_LIMIT_MS);
    child.on('exit', (code) => {
      clearTimeout(timer);
      current = null;
      const seconds = (Date.now() - started) / 1000;
      const result = results.at(-1) ?? null;
      const ratio = typeof result?.ratio === 'number' ? result.ratio : null;
      const target = typeof result?.target === 'number' ? result.target : null;
      const status: Row['status'] = code !== 0 || !result ? 'failed' : ratio !== null && target !== null && ratio < target ? 'below target' : 'ok';
      resolve({ file, status, result, seconds });
    });
  });
}

const rows: Row[] = [];
for (const f of files) rows.push(await runOne(f));

const num = (v: unknown, digits = 0) => (typeof v === 'number' ? v.toFixed(digits) : '—');
const table = [
  ['benchmark', 'db', 'req/s', 'baseline req/s', 'ratio', 'target', 'p99 ms', 'base p99 ms', 'CPU µs/req', 'base CPU µs/req', 'RSS MB', 'status', 'time s'],
  ...rows.map((r) => [
    String(r.result?.bench ?? r.file.replace(/\.ts$/, '')),
    String(r.result?.variant ?? '—'),
    num(r.result?.platformRps),
    num(r.result?.bareRps),
    num(r.result?.ratio, 2),
    num(r.result?.target, 2),
    num(r.result?.platformP99, 1),
    num(r.result?.bareP99, 1),
    num(r.result?.platformCpuUsPerReq),
    num(r.result?.bareCpuUsPerReq),
    num(r.result?.platformRssMb, 1),
    r.status,
    num(r.seconds),
  ]),
];
const widths = table[0]?.map((_, c) => Math.max(...table.map((row) => (row[c] ?? '').length))) ?? [];
console.log('\n=== summary (medians; the ratio is what counts on a shared machine)');
for (const [i, row] of table.entries()) {
  console.log(row.map((cell, c) => (c < 2 || c === 11 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0))).join('  '));
  if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
}
const failed = rows.some((r) => r.status === 'failed');
const below = rows.some((r) => r.status === 'below target');
process.exit(failed || (strict && below) ? 1 : 0);

// Start time and idle memory of `npm start`: the compiled server (npm run build → dist/server,
// plain node) against the TypeScript sources run through tsx (what npm start ran before the
// production build, and still runs on a checkout without a current build).
//   tsx bench/server-start.ts [--runs 5] [--postgres]
// Each run starts a server on one database a first start migrated, times spawn → first 200 from /healthz, waits 5 s idle, then reads the
// RSS of the serving process and of its whole process tree (tsx's CLI adds a parent process and
// an esbuild service). Variants alternate run by run, so the machine's load hits both alike.
// ratio = sources' median start time / compiled median start time (above 1: the build starts faster).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BENCH_ADMIN_PASSWORD, freshDatabase } from './lib/demo-server.ts';
import { HOST, argValue, deadline, emitResult, freePort, median, serverRss, startChild, tempDir, waitHealthy } from './lib/harness.ts';

export const bench = { name: 'server-start', target: 1.0 };

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const COMPILED = path.join(ROOT, 'dist/server/server/main.js');
const argv = process.argv.slice(2);
const runs = Number(argValue(argv, '--runs') ?? 5);
const postgres = argv.includes('--postgres');

interface Variant {
  name: 'compiled' | 'sources';
  args: string[];
  /** What the serving process's command line contains. */
  script: string;
}
const VARIANTS: Variant[] = [
  { name: 'compiled', args: ['--enable-source-maps', COMPILED], script: 'dist/server/server/main.js' },
  { name: 'sources', args: [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), path.join(ROOT, 'src/server/main.ts')], script: 'src/server/main.ts' },
];

interface Sample {
  startMs: number;
  serverMb: number;
  treeMb: number;
}

async function once(variant: Variant, databaseUrl: string, dataDir: string): Promise<Sample> {
  const port = await freePort();
  const started = performance.now();
  const child = startChild(`server (${variant.name})`, process.execPath, variant.args, {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST,
      DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl,
      GRIDGUARD_DEMO: 'off',
      GRIDGUARD_ADMIN_PASSWORD: BENCH_ADMIN_PASSWORD,
      LOG_LEVEL: 'warn',
    },
  });
  try {
    await waitHealthy(child, `http://${HOST}:${port}/healthz`, 60_000);
    const startMs = performance.now() - started;
    await new Promise((r) => setTimeout(r, 5000));
    const { serverMb, treeMb } = serverRss(child.pid, variant.script);
    return { startMs, serverMb, treeMb };
  } finally {
    await child.stop();
  }
}

async function main() {
  if (!fs.existsSync(COMPILED)) throw new Error('no compiled server: run `npm run build:server` first');
  deadline(10 * 60_000, 'server-start');
  const dataDir = tempDir('gg-start-bench-');
  // One database, migrated by a first start: every measured start finds the same state.
  const databaseUrl = await freshDatabase({ name: 'i20_start', postgres }, dataDir);
  await once(VARIANTS[0] as Variant, databaseUrl, dataDir); // migrates, creates the admin
  const samples: Record<Variant['name'], Sample[]> = { compiled: [], sources: [] };
  for (let i = 0; i < runs; i++) {
    for (const variant of i % 2 ? [...VARIANTS].reverse() : VARIANTS) samples[variant.name].push(await once(variant, databaseUrl, dataDir));
  }
  const load = os.loadavg().map((l) => l.toFixed(2)).join(' ');
  const summary = (name: Variant['name']) => ({
    startMs: Math.round(median(samples[name].map((s) => s.startMs))),
    serverMb: median(samples[name].map((s) => s.serverMb)),
    treeMb: median(samples[name].map((s) => s.treeMb)),
  });
  const compiled = summary('compiled');
  const sources = summary('sources');
  const ratio = Math.round((sources.startMs / compiled.startMs) * 100) / 100;
  console.log(`medians of ${runs} runs each (${postgres ? 'PostgreSQL' : 'SQLite'}), load average ${load}`);
  console.log(`  compiled (node dist/server):  start ${compiled.startMs} ms, idle RSS ${compiled.serverMb} MB (tree ${compiled.treeMb} MB)`);
  console.log(`  sources  (tsx src/server):    start ${sources.startMs} ms, idle RSS ${sources.serverMb} MB (tree ${sources.treeMb} MB)`);
  console.log(`  start-time ratio sources/compiled: ${ratio}`);
  emitResult({ bench: bench.name, variant: postgres ? 'postgres' : 'sqlite', ratio, target: bench.target, compiled, sources, runs, load });
}

await main();

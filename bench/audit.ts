// Audit write throughput with and without the hash chain (issue 21 item 5): audited full-record
// reads a second — GET /api/v1/persons/:id?reveal=true&purpose=… by a town officer, each one an
// audit entry — against a server that seals the log into its chain every 3 s (as shipped) and
// the same server with the sealer off (GRIDGUARD_AUDIT_SEAL_EVERY_MS=0), on the same database,
// alternating the two runs by run. What "off" leaves out is the sealer's work (reading the new
// entries, hashing, writing each one's place in the chain and the head); the partial index on
// unsealed entries, and on PostgreSQL the monthly partitions, are there in both. Between runs the
// bench seals what an "off" run left, so each chained run seals only its own entries; at the end
// of a chained run it reports how many entries were still unsealed (the sealer keeping up).
//
//   npx tsx bench/audit.ts [--postgres]     # a demo county of 20,000 people
//   options: --people 20000 --duration 10 --runs 3 --connections 10
//            --database URL --data-dir DIR (reuse a county built by `npm run demo` and its data key)
import os from 'node:os';
import { openDatabase } from '../src/server/db/connect.ts';
import { sealAuditLog } from '../src/server/platform/audit-chain.ts';
import { startDemoServer } from './lib/demo-server.ts';
import { type LoadResult, argValue, deadline, demoCountyArgs, emitResult, load, median, tempDir } from './lib/harness.ts';

export const bench = { name: 'audit', target: 0 };

const argv = process.argv.slice(2);
// A smaller county than the other benches' (each run restarts the server on it).
const opts = { ...demoCountyArgs(argv, { connections: 10, durationSec: 10, runs: 3 }), people: Number(argValue(argv, '--people') ?? 20_000) };
deadline(45 * 60_000, 'the audit benchmark');

const VARIANTS = { chain: '3000', none: '0' } as const;
type Variant = keyof typeof VARIANTS;
const load1 = () => os.loadavg()[0]?.toFixed(1);
const dataDir = opts.dataDir ?? tempDir('gg-bench-audit-');
let databaseUrl = opts.database;

const unsealed = async (url: string) => {
  const { db, close } = openDatabase(url, { sqliteReaders: 0 });
  const row = await db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).where('chain_seq', 'is', null).executeTakeFirstOrThrow();
  await close();
  return Number(row.n);
};

async function measure(variant: Variant): Promise<LoadResult & { unsealedAfter: number }> {
  const server = await startDemoServer({ name: 'audit', postgres: opts.postgres, people: opts.people, database: databaseUrl, dataDir, env: { GRIDGUARD_AUDIT_SEAL_EVERY_MS: VARIANTS[variant] } });
  databaseUrl = server.databaseUrl;
  try {
    const officer = (await server.bearer('town01')).headers;
    const page = await server.api('GET', '/api/v1/persons?limit=200', undefined, officer);
    const ids = (page.json.items as { id: string }[]).map((p) => p.id);
    if (ids.length === 0) throw new Error('town01 sees no people');
    const purpose = encodeURIComponent('核对隔离人员身份信息（基准测试）');
    let i = 0;
    const result = await load({
      url: server.base,
      method: 'GET',
      path: `/api/v1/persons/${ids[0]}`,
      connections: opts.connections,
      durationSec: opts.durationSec,
      headers: officer,
      next: () => ({ headers: {}, path: `/api/v1/persons/${ids[i++ % ids.length]}?reveal=true&purpose=${purpose}` }),
    });
    if (result.non2xx || result.errors) throw new Error(`${variant}: ${result.non2xx} non-2xx, ${result.errors} errors ${JSON.stringify(result.statusCodes)}`);
    return { ...result, unsealedAfter: await unsealed(server.databaseUrl) };
  } finally {
    await server.child.stop();
  }
}

const results: Record<Variant, (LoadResult & { unsealedAfter: number })[]> = { chain: [], none: [] };
for (let run = 0; run < opts.runs; run++) {
  // Alternate which goes first: a drift in the machine's load falls on both alike.
  const order: Variant[] = run % 2 === 0 ? ['chain', 'none'] : ['none', 'chain'];
  for (const variant of order) {
    const r = await measure(variant);
    results[variant].push(r);
    console.log(`run ${run + 1} ${variant.padEnd(5)} ${Math.round(r.rps)} reads/s  p50 ${r.p50} ms  p99 ${r.p99} ms  unsealed at the end ${r.unsealedAfter}  (load average ${load1()})`);
    // Seal what the run left (all of it after an unchained run), outside the measured time.
    if (databaseUrl) {
      const { db, close } = openDatabase(databaseUrl, { sqliteReaders: 0 });
      await sealAuditLog(db);
      await close();
    }
  }
}

const med = (v: Variant, f: (r: LoadResult) => number) => median(results[v].map(f));
const chainRps = med('chain', (r) => r.rps);
const noneRps = med('none', (r) => r.rps);
const dialect = databaseUrl?.startsWith('postgres') ? 'postgres' : 'sqlite';
console.log(
  `${dialect}: audited reads/s, median of ${opts.runs}: chained ${Math.round(chainRps)} (p99 ${med('chain', (r) => r.p99)} ms), unchained ${Math.round(noneRps)} (p99 ${med('none', (r) => r.p99)} ms); chained / unchained ${(chainRps / noneRps).toFixed(2)}× (load average ${load1()})`,
);
emitResult({ bench: bench.name, variant: dialect, chainRps: Math.round(chainRps), noneRps: Math.round(noneRps), ratio: Number((chainRps / noneRps).toFixed(2)), chainP99: med('chain', (r) => r.p99), noneP99: med('none', (r) => r.p99) });
process.exit(0);

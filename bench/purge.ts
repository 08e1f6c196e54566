// The purge after a stand-down (解除) of the whole demo county whose county chose to purge the
// household register: every closed record of the epidemic-only kinds (arrivals, quarantine
// orders with their checks, tips' reporters, family events, …) and every household with its
// people, purged by the server's own job in its batches (time-boxed with a rest between them on
// SQLite, 500 records on PostgreSQL: purge-pace.ts), while a staff list is loaded.
//   - throughput: records a second, against a raw delete of the same rows in the same run: the
//     same purge functions over every due row in ONE transaction with no batches and no
//     bookkeeping, timed and rolled back (on the same database, before the real purge);
//   - the staff page's p99 (GET /api/v1/households, 50 a page, county admin) with autocannon in
//     this process (the server is a child process) while the purge runs, against the same load
//     before it.
//
//   npx tsx bench/purge.ts [--postgres]          # demo county of 250,000 people
//   options: --people 250000 --seconds 10 --connections 4
//            --database URL --data-dir DIR (reuse a county built by `npm run demo` and its data key;
//            the purge deletes from it: give it a copy)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../src/server/db/connect.ts';
import { planPurge } from '../src/server/modules/retention/purge-plan.ts';
import { addDays, dayIn } from '../src/server/platform/time.ts';
import { startDemoServer } from './lib/demo-server.ts';
import { argValue, countyTimeZone, deadline, emitResult, load, tempDir } from './lib/harness.ts';

export const bench = { name: 'purge', target: 0 };

const argv = process.argv.slice(2);
const opts = {
  people: Number(argValue(argv, '--people') ?? 250_000),
  seconds: Number(argValue(argv, '--seconds') ?? 10),
  connections: Number(argValue(argv, '--connections') ?? 4),
  postgres: argv.includes('--postgres'),
  database: argValue(argv, '--database'),
  dataDir: argValue(argv, '--data-dir'),
};
deadline(60 * 60_000, 'the purge benchmark');

const load1 = () => os.loadavg()[0]?.toFixed(1);
const server = await startDemoServer({ name: 'purge', postgres: opts.postgres, people: opts.people, database: opts.database, dataDir: opts.dataDir });
const admin = (await server.bearer('admin')).headers;
const me = await server.api('GET', '/api/v1/auth/me', undefined, admin);
const countyId = Number(me.json.user.regionId);
const today = dayIn(countyTimeZone());
// The server's nightly purge runs at its start when past 02:00 county time: let today's run end
// (the ordinary retention's records) before the stand-down, so the run measured is ours alone.
for (const start = Date.now(); ; ) {
  const run = (await server.api('GET', '/api/v1/retention/purge', undefined, admin)).json.run;
  if (run ? run.status !== 'running' : Date.now() - start > 60_000) break;
  await new Promise((r) => setTimeout(r, 500));
}
await server.api('POST', '/api/v1/stand-downs', { regionId: countyId, endedOn: addDays(today, -60), purgeAfterDays: 30, register: 'purge' }, admin);
const preview = (await server.api('GET', '/api/v1/retention/purge-preview', undefined, admin)).json as { total: number; rows: { kind: string; count: number }[] };
const byKind: Record<string, number> = {};
for (const r of preview.rows) byKind[r.kind] = (byKind[r.kind] ?? 0) + r.count;
console.log(`due after the stand-down: ${preview.total.toLocaleString()} records`, byKind);

const staffPage = () =>
  load({ url: server.base, path: '/api/v1/households?limit=50', method: 'GET', connections: opts.connections, durationSec: opts.seconds, headers: admin, next: () => ({ headers: {} }) });

console.log(`load average ${load1()} — staff page without a purge…`);
const without = await staffPage();
console.log(`  p50 ${without.p50} ms  p99 ${without.p99} ms  ${Math.round(without.rps)} req/s`);

// The raw delete: the same purge functions, every due row at once, one transaction, no
// bookkeeping — timed, then rolled back, so the real purge below finds the same rows. On SQLite
// it runs on a copy: its one long write transaction would hold the server's writes for minutes.
class RolledBack extends Error {}
const rawUrl = await rawDeleteTarget(server.databaseUrl);
const raw = openDatabase(rawUrl, { sqliteReaders: 0 });
let rawRows = 0;
let rawMs = 0;
const plans = await planPurge(raw.db, new Date(), countyTimeZone());
console.log(`load average ${load1()} — raw delete of the due rows (rolled back)…`);
await raw.db
  .transaction()
  .execute(async (tx) => {
    const rawStart = performance.now();
    for (const plan of plans) {
      for (const pass of plan.passes) {
        const records = await pass.handler.due(tx, pass, 10_000_000);
        // Statements of 1,000 records: a household takes its people's ids too, and SQLite's
        // statements hold at most 32,766 values.
        for (let i = 0; i < records.length; i += 1_000) await pass.handler.purge(tx, records.slice(i, i + 1_000));
        rawRows += records.length;
      }
    }
    rawMs = performance.now() - rawStart;
    throw new RolledBack();
  })
  .catch((err) => {
    if (!(err instanceof RolledBack)) throw err;
  });
await raw.close();
if (rawUrl !== server.databaseUrl) fs.rmSync(rawUrl.slice('sqlite://'.length).replace(/[^/]+$/, ''), { recursive: true, force: true });
console.log(`  ${rawRows.toLocaleString()} records in ${(rawMs / 1000).toFixed(1)} s (${Math.round(rawRows / (rawMs / 1000))} records/s)`);

const t0 = performance.now();
// Once more on a failed connection: the raw delete above held this process's thread for minutes
// (better-sqlite3 is synchronous), and the keep-alive socket the server closed meanwhile is only
// found closed when written to (EPIPE); nothing reached the server then.
await server.api('POST', '/api/v1/retention/purge', undefined, admin).catch(() => server.api('POST', '/api/v1/retention/purge', undefined, admin));
let purgeMs = 0;
const watch = (async () => {
  for (;;) {
    const run = (await server.api('GET', '/api/v1/retention/purge', undefined, admin)).json.run;
    if (run.status !== 'running') {
      purgeMs = performance.now() - t0;
      return run;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
})();
console.log(`load average ${load1()} — staff page while the purge runs…`);
const during = await staffPage();
const run = await watch;
console.log(`  p50 ${during.p50} ms  p99 ${during.p99} ms  ${Math.round(during.rps)} req/s`);
console.log(`purge: ${run.status}, ${run.total.toLocaleString()} records in ${(purgeMs / 1000).toFixed(1)} s (${Math.round(run.total / (purgeMs / 1000))} records/s)`);

const ratio = rawMs > 0 ? purgeMs / rawMs : 0;
console.log(`purge / raw time (${server.dialect}): ${ratio.toFixed(2)}×; staff p99 during / without: ${(during.p99 / Math.max(1, without.p99)).toFixed(2)}× (load average ${load1()})`);
emitResult({ bench: bench.name, variant: server.dialect, people: opts.people, records: run.total, purgeMs: Math.round(purgeMs), rawMs: Math.round(rawMs), ratio: Number(ratio.toFixed(2)), p99WithoutMs: without.p99, p99DuringMs: during.p99 });
process.exit(0);

/** Where the raw delete runs: PostgreSQL's own database; a consistent copy of a SQLite file. */
async function rawDeleteTarget(url: string): Promise<string> {
  if (!url.startsWith('sqlite://')) return url;
  const copy = path.join(tempDir('gg-bench-purge-raw-'), 'raw.db');
  const source = openDatabase(url, { sqliteReaders: 0 });
  await source.sqlite?.backup(copy);
  await source.close();
  return `sqlite://${copy}`;
}

// In-process timing of GET /responsibility/load for the county (issue 19): the whole view through
// the reader threads as the server runs it — one request alone, then ten at once — and each read
// alone on the main connection (its SQL time, no hop to a thread; with its CPU time, which a
// loaded machine inflates less than wall time), the answer's JSON size, and
// the hops: how many jobs the view sends to the reader threads. Reads only.
//   npx tsx bench/responsibility-profile.ts --database sqlite:///path/c.db [--limit 100] [--rounds 20] [--concurrency 10]
import { openDatabase } from '../src/server/db/connect.ts';
import { activeOrderPersonsQuery } from '../src/server/modules/quarantine/quarantine.queries.ts';
import { responsibilityLoad } from '../src/server/modules/responsibility/responsibility-load.ts';
import { PERSONS_PREFIX, roleMetric } from '../src/server/modules/responsibility/responsibility-counters.ts';
import { contactsByPhoneHash, memberRolesOf, underControlSummary } from '../src/server/modules/responsibility/responsibility.queries.ts';
import { redOrYellowPersonsQuery } from '../src/server/modules/risk/risk.queries.ts';
import { counterValuesQuery, topCounters } from '../src/server/modules/stats/counters.ts';
import { RESPONSIBLE_ROLES } from '../src/shared/responsibility.ts';
import { argValue, median } from './lib/harness.ts';

const argv = process.argv.slice(2);
const url = argValue(argv, '--database');
if (!url) throw new Error('--database URL is needed');
const limit = Number(argValue(argv, '--limit') ?? 100);
const rounds = Number(argValue(argv, '--rounds') ?? 20);
const concurrency = Number(argValue(argv, '--concurrency') ?? 10);
const database = openDatabase(url);
const { db, read } = database;
const county = await db.selectFrom('regions').select(['id', 'path', 'level']).where('level', '=', 'county').orderBy('id').executeTakeFirstOrThrow();
await database.readPool?.warm();

/** Wall time per call, and this process's CPU time per call: on a loaded machine the CPU time says what a read costs. */
async function time(name: string, fn: () => Promise<unknown>, parallel = 1) {
  const ms: number[] = [];
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < rounds; i++) {
    await Promise.all(
      Array.from({ length: parallel }, async () => {
        const t0 = performance.now();
        await fn();
        ms.push(performance.now() - t0);
      }),
    );
  }
  const { user, system } = process.cpuUsage(cpu0);
  const sorted = [...ms].sort((a, b) => a - b);
  const cpuMs = (user + system) / 1000 / ms.length;
  console.log(`${name}: median ${median(ms).toFixed(1)} ms, p99 ${sorted[Math.floor(sorted.length * 0.99)]!.toFixed(1)} ms, main thread CPU ${cpuMs.toFixed(2)} ms a call (${rounds} rounds${parallel > 1 ? ` of ${parallel} at once` : ''})`);
}

const pool = database.readPool;
let hops = 0;
if (pool) {
  for (const method of ['read', 'readBatch'] as const) {
    const original = pool[method].bind(pool) as (...args: unknown[]) => Promise<unknown>;
    (pool as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => ((hops += 1), original(...args));
  }
}
const view = await responsibilityLoad(read, county, limit);
console.log(`the view: ${view.carriers.length} carriers, ${view.underControl} under control, ${view.incompleteCount} incomplete; ${JSON.stringify(view).length.toLocaleString()} bytes of JSON; ${hops} jobs to the reader threads`);
await time('the whole view, reader threads, alone', () => responsibilityLoad(read, county, limit));
await time('the whole view, reader threads', () => responsibilityLoad(read, county, limit), concurrency);
await time('the whole view, main connection', () => responsibilityLoad(db, county, limit));
const top = await topCounters(db, county.id, PERSONS_PREFIX, limit, 'region_counters_resp_top');
await time('top carriers (counters)', () => topCounters(db, county.id, PERSONS_PREFIX, limit, 'region_counters_resp_top'));
const hashes = top.map((r) => r.metric.slice(PERSONS_PREFIX.length)).filter((k) => k.startsWith('c:')).map((k) => k.slice(2));
await time(`contact names of the top ${hashes.length}`, async () => db.executeQuery(contactsByPhoneHash(db, county.path, hashes)!.compile()));
const keys = top.map((r) => r.metric.slice(PERSONS_PREFIX.length));
await time(`roles of the top ${keys.length} (counters)`, async () => counterValuesQuery(db, county.id, keys.flatMap((k) => RESPONSIBLE_ROLES.map((role) => roleMetric(role, k))))?.execute());
const controlled = () => underControlSummary(db, activeOrderPersonsQuery(db, county.path).unionAll(redOrYellowPersonsQuery(db, county.path)), RESPONSIBLE_ROLES.length, limit).execute();
await time('the persons under control summed up (roles held, totals, the first with a role missing)', controlled);
const shown = view.incomplete.map((p) => p.personId);
await time(`member roles of the ${shown.length} shown`, async () => memberRolesOf(db, shown)?.execute());
await time('JSON of the answer', async () => JSON.stringify(view));
await database.close();

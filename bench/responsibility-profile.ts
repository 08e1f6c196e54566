// In-process timing of GET /responsibility/load's reads for one region (issue 19): the view
// itself, then each read alone, to tell what a request costs apart from the server's framing.
// Reads only.
//   npx tsx bench/responsibility-profile.ts --database sqlite:///path/c.db [--limit 100] [--rounds 20]
import { openDatabase } from '../src/server/db/connect.ts';
import { activeOrderPersonsQuery } from '../src/server/modules/quarantine/quarantine.queries.ts';
import { responsibilityLoad } from '../src/server/modules/responsibility/responsibility-load.ts';
import { PERSONS_PREFIX } from '../src/server/modules/responsibility/responsibility-counters.ts';
import { contactByPhoneHash, rolesHeldUnderControl } from '../src/server/modules/responsibility/responsibility.queries.ts';
import { redOrYellowPersonsQuery } from '../src/server/modules/risk/risk.queries.ts';
import { topCounters } from '../src/server/modules/stats/counters.ts';
import { argValue, median } from './lib/harness.ts';

const argv = process.argv.slice(2);
const url = argValue(argv, '--database');
if (!url) throw new Error('--database URL is needed');
const limit = Number(argValue(argv, '--limit') ?? 100);
const rounds = Number(argValue(argv, '--rounds') ?? 20);
const { db, close } = openDatabase(url, { sqliteReaders: 0 });
const county = await db.selectFrom('regions').select(['id', 'path', 'level']).where('level', '=', 'county').orderBy('id').executeTakeFirstOrThrow();

async function time(name: string, fn: () => Promise<unknown>) {
  const ms: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    await fn();
    ms.push(performance.now() - t0);
  }
  console.log(`${name}: median ${median(ms).toFixed(1)} ms, max ${Math.max(...ms).toFixed(1)} ms (${rounds} rounds)`);
}

await time('the whole view', () => responsibilityLoad(db, county, limit));
const top = await topCounters(db, county.id, PERSONS_PREFIX, limit, 'region_counters_resp_top');
await time('top carriers (counters)', () => topCounters(db, county.id, PERSONS_PREFIX, limit, 'region_counters_resp_top'));
const hashes = top.map((r) => r.metric.slice(PERSONS_PREFIX.length)).filter((k) => k.startsWith('c:')).map((k) => k.slice(2));
await time(`contact names of the top ${hashes.length}`, () => Promise.all(hashes.map((h) => contactByPhoneHash(db, county.path, h))));
await time('roles held by the persons under control', () => rolesHeldUnderControl(db, activeOrderPersonsQuery(db, county.path).union(redOrYellowPersonsQuery(db, county.path))));
await close();

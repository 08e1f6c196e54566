// The HQ's view of responsibility by name (issue 19): GET /responsibility/load — who carries how
// many persons, and the persons under control (an order in force, or red or yellow) with a
// responsible role missing — for the whole 250,000-person demo county, read by the commander.
// Target: p99 < 200 ms at county level with 10 connections. Baseline in the same run: GET
// /auth/me, the cheapest signed-in request, so the ratio says what the view itself costs on this
// (shared, noisy) machine.
//
// The demo county names nobody responsible, so members are added before the server starts (as if
// set over the outbreak): every person under control gets the five roles of 五包一 — the grid's
// worker and the village's secretary as accounts, the police officer, the village doctor and a
// family member as contacts — except that one in five misses one role; and --covered more persons
// keep members set while they were under control (orders released since: members stay).
// Contacts' phones are placeholders: the view groups contacts by the phone's keyed hash and shows
// the masked number; it never decrypts.
//
//   npx tsx bench/responsibility.ts                 # SQLite, demo county 250,000 people
//   npx tsx bench/responsibility.ts --postgres      # the same on PostgreSQL
//   options: --people 250000 --covered 20000 --duration 10 --runs 3 --connections 10
//            --database URL --data-dir DIR (reuse a database built by `npm run demo` and its data key)
//            --server-root DIR (the server of another tree, e.g. a `git archive` of an older commit, for old vs new)
import type { Kysely } from 'kysely';
import { openDatabase } from '../src/server/db/connect.ts';
import type { DB } from '../src/server/db/schema.ts';
import { rebuildResponsibilityCounters } from '../src/server/modules/responsibility/responsibility-counters.ts';
import { RESPONSIBLE_ROLES } from '../src/shared/responsibility.ts';
import { newId } from '../src/server/platform/ids.ts';
import { startDemoServer } from './lib/demo-server.ts';
import { argValue, deadline, emitResult, load, median } from './lib/harness.ts';

export const bench = { name: 'responsibility', target: 200 };

const argv = process.argv.slice(2);
const num = (name: string, dflt: number) => Number(argValue(argv, name) ?? dflt);
const opts = {
  postgres: argv.includes('--postgres'),
  people: num('--people', 250_000),
  covered: num('--covered', 20_000),
  durationSec: num('--duration', 10),
  runs: num('--runs', 3),
  connections: num('--connections', 10),
  database: argValue(argv, '--database'),
  dataDir: argValue(argv, '--data-dir'),
  serverRoot: argValue(argv, '--server-root'),
};
deadline(40 * 60_000, 'the responsibility benchmark');

let added = { persons: 0, members: 0, underControl: 0 };

/** Rows added behind the write paths' back are counted the way the nightly recount does it. */
async function recount(db: Kysely<DB>): Promise<void> {
  const t0 = Date.now();
  const county = await db.selectFrom('regions').select('path').where('level', '=', 'county').orderBy('id').executeTakeFirstOrThrow();
  await rebuildResponsibilityCounters(db, county.path);
  console.log(`who carries how many recounted in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

/** Members for the persons under control and --covered others, unless the database has some already (a reused one). */
async function addMembers(databaseUrl: string): Promise<void> {
  const t0 = Date.now();
  const { db, close } = openDatabase(databaseUrl, { sqliteReaders: 0 });
  try {
    const existing = await db.selectFrom('responsible_members').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    if (Number(existing.n) > 0) {
      console.log(`the database names ${Number(existing.n).toLocaleString()} responsible members already: none added`);
      await recount(db);
      return;
    }
    const controlled = new Set([
      ...(await db.selectFrom('quarantine_orders').select('person_id').where('status', '=', 'active').execute()).map((r) => r.person_id),
      ...(await db.selectFrom('person_risk').select('person_id').where('colour', 'in', ['red', 'yellow']).execute()).map((r) => r.person_id),
    ]);
    // Others, spread over the county: every n-th person by id.
    const all = await db.selectFrom('persons').select(['id', 'region_id']).where('left_on', 'is', null).orderBy('id').execute();
    const step = Math.max(1, Math.floor(all.length / Math.max(1, opts.covered)));
    const chosen = all.filter((p, i) => controlled.has(p.id) || (i % step === 0 && i / step < opts.covered));
    const paths = new Map((await db.selectFrom('regions').select(['id', 'path']).execute()).map((r) => [r.id, r.path]));
    const accountOf = new Map<string, string>();
    for (const u of await db.selectFrom('users').select(['id', 'region_id', 'role']).where('role', 'in', ['grid_worker', 'village_secretary']).execute()) accountOf.set(`${u.role}:${u.region_id}`, u.id);
    /** The first ancestor region (nearest first) with an account of this role. */
    const accountAbove = (regionId: number, role: string) => {
      const ids = (paths.get(regionId) ?? '').split('/').filter(Boolean).reverse();
      for (const id of ids) {
        const user = accountOf.get(`${role}:${id}`);
        if (user) return user;
      }
      return null;
    };
    const now = new Date().toISOString();
    const rows = chosen.flatMap((p, i) => {
      const missing = i % 5 === 0 ? RESPONSIBLE_ROLES[i % RESPONSIBLE_ROLES.length] : null;
      return RESPONSIBLE_ROLES.filter((role) => role !== missing).map((role) => {
        const user = role === 'grid_worker' ? accountAbove(p.region_id, 'grid_worker') : role === 'village_cadre' ? accountAbove(p.region_id, 'village_secretary') : null;
        // A contact: the police officer and the doctor serve many people of a village; the family member one.
        const phone = role === 'family' ? `139${String(i).padStart(8, '0')}` : `13${role === 'police' ? 7 : 8}${String((paths.get(p.region_id) ?? '').split('/')[3] ?? 0).padStart(8, '0')}`;
        return {
          id: newId(),
          person_id: p.id,
          role,
          user_id: user,
          name: user ? null : `${role}-${phone.slice(-4)}`,
          phone_enc: user ? null : 'bench-placeholder',
          phone_hash: user ? null : `bench-${phone}`,
          phone_masked: user ? null : `${phone.slice(0, 3)}****${phone.slice(-4)}`,
          from_at: now,
          to_at: null,
          set_by: null,
          ended_by: null,
          end_reason: null,
        };
      });
    });
    for (let i = 0; i < rows.length; i += 500) await db.insertInto('responsible_members').values(rows.slice(i, i + 500)).execute();
    added = { persons: chosen.length, members: rows.length, underControl: controlled.size };
    console.log(`${rows.length.toLocaleString()} responsible members of ${chosen.length.toLocaleString()} persons (${controlled.size.toLocaleString()} under control) added in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    await recount(db);
  } finally {
    await close();
  }
}

const server = await startDemoServer({ name: 'responsibility', postgres: opts.postgres, people: opts.people, database: opts.database, dataDir: opts.dataDir, serverRoot: opts.serverRoot, prepare: addMembers });
const commander = await server.bearer('commander');
const county = commander.user.regionId;

async function getLoad(name: string, path: string) {
  const runs = [];
  for (let i = 0; i < opts.runs; i++) {
    const r = await load({ url: server.base, path, method: 'GET', connections: opts.connections, durationSec: opts.durationSec, headers: commander.headers, next: () => ({ headers: {} }) });
    if (r.non2xx || r.errors) throw new Error(`${name}: ${r.non2xx} non-2xx, ${r.errors} errors (${r.timeouts} timeouts) ${JSON.stringify(r.statusCodes)}`);
    runs.push(r);
  }
  const p50 = median(runs.map((r) => r.p50));
  const p99 = median(runs.map((r) => r.p99));
  const rps = median(runs.map((r) => r.rps));
  console.log(`${name}: p50 ${p50} ms, p99 ${p99} ms, ${Math.round(rps)} req/s (${opts.connections} connections, median of ${opts.runs} × ${opts.durationSec} s)`);
  return { p50, p99, rps };
}

const view = await server.api('GET', `/api/v1/responsibility/load?regionId=${county}&limit=100`, undefined, commander.headers);
console.log(`the county's view: ${view.json.carriers.length} carriers shown, ${view.json.underControl} under control, ${view.json.incompleteCount} with a role missing`);
if (added.members && view.json.incompleteCount === 0) throw new Error('the view found no person under control with a role missing, though one in five misses one');
// Warm up: the first requests after start compile the routes and fill the caches, and the jobs a
// server runs when it starts (recounts, the risk colours) hold the writer for a while on a loaded
// machine: measure once GET /auth/me answers in under a second three times running (at most 3 min).
for (let quick = 0, tries = 0; quick < 3 && tries < 180; tries++) {
  const t0 = performance.now();
  await server.api('GET', '/api/v1/auth/me', undefined, commander.headers);
  const ms = performance.now() - t0;
  quick = ms < 1_000 ? quick + 1 : 0;
  if (ms >= 1_000) await new Promise((r) => setTimeout(r, 1_000));
}
for (let i = 0; i < 5; i++) {
  await server.api('GET', '/api/v1/auth/me', undefined, commander.headers);
  await server.api('GET', `/api/v1/responsibility/load?regionId=${county}&limit=100`, undefined, commander.headers);
}

const me = await getLoad('GET /auth/me (baseline)', '/api/v1/auth/me');
const hq = await getLoad('GET /responsibility/load (county)', `/api/v1/responsibility/load?regionId=${county}&limit=100`);
const ratio = hq.p50 / Math.max(me.p50, 1);
console.log(`  p50 ${ratio.toFixed(1)}× /auth/me's; target p99 < ${bench.target} ms: ${hq.p99 < bench.target ? 'met' : 'NOT met'}`);
await server.child.stop();
emitResult({ bench: bench.name, variant: `${server.dialect}/load-county`, p50Ms: hq.p50, p99Ms: hq.p99, rps: Math.round(hq.rps), baselineP50Ms: me.p50, baselineP99Ms: me.p99, ratioP50: Number(ratio.toFixed(1)), underControl: view.json.underControl, incomplete: view.json.incompleteCount, target: `p99 < ${bench.target} ms` });
process.exit(0);

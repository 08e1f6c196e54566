// Verification tasks under load (issue 18, Speed): the demo county with 100,000 verification
// tasks of one list spread over its grids; a grid's task list (p99 < 100 ms) as the grid's
// account and the county's list progress (< 50 ms) as the commander, 10 connections; the
// cheapest signed-in request (GET /auth/me) in the same run is the baseline. Progress and score
// read the lists' task counters (verification/task-counters.ts), recounted after the seeding.
//   npx tsx bench/verification-tasks.ts [--postgres] [--people 250000] [--tasks 100000]
//   options: --duration 5 --runs 3 --connections 10 --database URL --data-dir DIR
// The server is a child process; autocannon runs here, in a second process. Figures are medians.
import os from 'node:os';
import { openDatabase } from '../src/server/db/connect.ts';
import { bulkInsert } from '../src/server/db/fast-insert.ts';
import { newId } from '../src/server/platform/ids.ts';
import { rebuildVerificationCounters } from '../src/server/modules/verification/task-counters.ts';
import { argValue, deadline, demoCountyArgs, emitResult, load, median } from './lib/harness.ts';
import { startDemoServer } from './lib/demo-server.ts';

export const bench = { name: 'verification-tasks', target: 100 };
const argv = process.argv.slice(2);
const opts = demoCountyArgs(argv, { connections: 10 });
const taskCount = Number(argValue(argv, '--tasks') ?? 100_000);
deadline(40 * 60_000, 'the verification-tasks benchmark');
const LIST_ID = newId();
const OUTCOMES = ['present_controlled', 'left', 'not_found', 'wrong_info'];

/** One list over the county and its tasks, written straight into the database before the server starts. */
async function seedTasks(databaseUrl: string): Promise<void> {
  const database = openDatabase(databaseUrl);
  const db = database.db;
  const county = await db.selectFrom('regions').select(['id']).where('parent_id', 'is', null).executeTakeFirstOrThrow();
  const grids = (await db.selectFrom('regions').select('id').where('level', '=', 'grid').orderBy('id').execute()).map((r) => r.id);
  const creator = (await db.selectFrom('users').select('id').limit(1).executeTakeFirstOrThrow()).id;
  const now = Date.now();
  const iso = (ms: number) => new Date(ms).toISOString();
  await db.insertInto('verification_lists').values({
    id: LIST_ID, name: 'bench', kind: 'arrival', source: null, region_id: county.id, deadline_hours: 48, replaces_list_id: null, status: 'done', progress: 1000,
    total: taskCount, matched: 0, routed: taskCount, unrouted: 0, flagged: 0, tasks: taskCount, error: null, file_name: 'bench.csv', headers: null, mapping: null,
    upload_ref: null, format: 'csv', created_by: creator, created_at: iso(now), updated_at: iso(now), finished_at: iso(now), due_at: iso(now + 48 * 3_600_000), spot_check_share: 10, enterprise_code_id: null,
  }).execute();
  const day = new Date(now).toISOString().slice(0, 10).replace(/-/g, '');
  for (let start = 0; start < taskCount; start += 5_000) {
    const rows: Record<string, string | number | null>[] = [];
    for (let i = start; i < Math.min(taskCount, start + 5_000); i++) {
      const status = i % 4 === 0 ? 'open' : i % 4 === 1 ? 'checked' : i % 4 === 2 ? 'accepted' : 'sent_back';
      const closed = status === 'checked' || status === 'accepted';
      rows.push({
        id: newId(), number: `HC-${day}-B${String(i).padStart(6, '0')}`, list_id: LIST_ID, region_id: grids[i % grids.length] as number, name: `核查${i}`,
        id_number_enc: null, id_number_hash: null, id_number_masked: '3399**********123X', phone_enc: null, phone_hash: null, phone_masked: '139****0000',
        address: `某村${i % 97}组${i}号`, origin: '外地', arrived_on: null, travel: null, list_note: null, flags: null, person_key: `bench:${i}`, person_id: null,
        routed_by: 'address', route_reason: 'bench', route_score: 80, status, outcome: closed ? OUTCOMES[i % OUTCOMES.length] as string : null, outcome_note: null,
        moved_to: null, left_on: null, duplicate_of: null, recorded_by: closed ? creator : null, checked_at: closed ? iso(now - (i % 48) * 3_600_000) : null,
        reviewed_by: null, reviewed_at: null, review_note: null,
        // Every task of a list is due at the list's deadline.
        due_at: iso(now + 48 * 3_600_000), created_at: iso(now), updated_at: iso(now), version: 1, escalation_level: 0, escalated_to_region_id: null, escalated_at: null,
      });
    }
    await db.transaction().execute((tx) => bulkInsert(tx, 'verification_tasks', rows));
  }
  // Written around the server's writes: the counters are recounted as after any bulk load.
  const countyPath = (await db.selectFrom('regions').select('path').where('id', '=', county.id).executeTakeFirstOrThrow()).path;
  await rebuildVerificationCounters(db, countyPath);
  await database.close();
  console.log(`seeded ${taskCount.toLocaleString()} verification tasks over ${grids.length} grids`);
}

const server = await startDemoServer({ name: 'verification-tasks', postgres: opts.postgres, people: opts.people, database: opts.database, dataDir: opts.dataDir, prepare: seedTasks });
const { base, dialect } = server;

async function measure(label: string, path: string, headers: Record<string, string>) {
  const runs = [];
  for (let r = 0; r < opts.runs; r++) runs.push(await load({ url: base, path, method: 'GET', connections: opts.connections, durationSec: opts.durationSec, headers, next: () => ({ headers: {} }) }));
  // Timed-out requests count as failed; a run in which no request was answered reports 0 ms,
  // which is no answer, not a fast one (seen at load 26: "open only p99 0 ms").
  const bad = runs.reduce((n, r) => n + r.non2xx + r.errors + r.timeouts, 0);
  const silentRuns = runs.filter((r) => r.requests === 0).length;
  const result = { p50: median(runs.map((r) => r.p50)), p99: median(runs.map((r) => r.p99)), rps: Math.round(median(runs.map((r) => r.rps))), bad, answered: silentRuns === 0 };
  const load1 = os.loadavg()[0]?.toFixed(2);
  const notes = `${bad ? `  (${bad} failed!)` : ''}${silentRuns ? `  (${silentRuns} of ${runs.length} runs: no answer within ${opts.durationSec} s)` : ''}`;
  console.log(`${label.padEnd(36)} p50 ${String(result.p50).padStart(5)} ms  p99 ${String(result.p99).padStart(5)} ms  ${String(result.rps).padStart(5)} req/s  load ${load1}${notes}`);
  emitResult({ bench: bench.name, variant: `${dialect}/${label}`, p50Ms: result.p50, p99Ms: result.p99, rps: result.rps, load1 });
  return result;
}

console.log(`${dialect}, ${taskCount.toLocaleString()} tasks, ${opts.connections} connections, median of ${opts.runs} × ${opts.durationSec} s, load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
const county = await server.bearer('commander');
const grid = await server.bearer('g0001');
const base0 = await measure('baseline · GET /auth/me', '/api/v1/auth/me', county.headers);
const gridList = await measure('grid task list (50)', `/api/v1/verification-tasks?regionId=${grid.user.regionId}&limit=50`, grid.headers);
const gridOpen = await measure('grid task list, open only', `/api/v1/verification-tasks?regionId=${grid.user.regionId}&status=open&limit=50`, grid.headers);
const progress = await measure('county list progress', `/api/v1/verification-lists/${LIST_ID}/progress`, county.headers);
const scores = await measure('county score (考核)', '/api/v1/stats/scores', county.headers);
const ratio = (r: { p99: number; answered: boolean }) => (r.answered ? `${(r.p99 / Math.max(1, base0.p99)).toFixed(1)}×` : 'no answer');
console.log(`p99 vs baseline: grid list ${ratio(gridList)}, open ${ratio(gridOpen)}, progress ${ratio(progress)}, score ${ratio(scores)}`);
const verdict = (r: { p99: number; answered: boolean; bad: number }, target: number) => (r.answered && !r.bad && r.p99 < target ? 'met' : 'MISSED');
console.log(`targets: grid list p99 ${gridList.p99} ms < 100 ms ${verdict(gridList, 100)}; county progress p99 ${progress.p99} ms < 50 ms ${verdict(progress, 50)}`);
process.exit(0);

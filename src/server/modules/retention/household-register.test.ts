// The household register's purge after a stand-down whose county chose "purge" (issue 21, item
// 2), on SQLite and PostgreSQL: the dry run's counts are the purge's; households go with their
// people, visits, orders and change history, while people under open work wait; the counters
// and the nightly recount keep their numbers; a crash mid-batch leaves each household whole or
// gone, and the next run finishes; a "keep" stand-down leaves the register alone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, buildTestApp, signIn } from '../../../../test/support/app.ts';
import { addDays, dayIn } from '../../platform/time.ts';
import { readCounters } from '../stats/counters.ts';
import { unlinkTasksOf } from '../verification/verification.retention.ts';
import { bestPlan, fullScans, planText } from '../../../../test/support/query-plans.ts';
import { type PurgeDeps, claimPurge, runPurge } from './purge.service.ts';

let t: TestApp;
let commander: Record<string, string>;
let town: Record<string, string>;
let workerA: Record<string, string>;
let secretaryA: Record<string, string>;
let workerB: Record<string, string>;

beforeAll(async () => {
  t = await buildTestApp();
  commander = (await signIn(t.app, 'commander', t.tree.county)).headers;
  town = (await signIn(t.app, 'town_officer', t.tree.townA)).headers;
  workerA = (await signIn(t.app, 'grid_worker', t.tree.gridA)).headers;
  secretaryA = (await signIn(t.app, 'village_secretary', t.tree.villageA)).headers;
  workerB = (await signIn(t.app, 'grid_worker', t.tree.gridB)).headers;
});
afterAll(() => t.close());

const inject = (method: 'GET' | 'POST' | 'DELETE', url: string, headers: Record<string, string>, payload?: object) => t.app.inject({ method, url, headers, payload });
const purgeNow = async (extra: Partial<PurgeDeps> = {}) => {
  const claimed = await t.app.db.transaction().execute((tx) => claimPurge(tx, { userId: null, ip: null }, new Date()));
  return runPurge({ db: t.app.db, dataDir: t.app.config.dataDir, timeZone: t.app.config.timeZone, ...extra }, claimed.run);
};
const idOf = (res: { statusCode: number; body: string; json: <T>() => T }, status = 201) => {
  expect(res.statusCode, res.body).toBe(status);
  return res.json<{ id: string }>().id;
};

/** A household in `regionId` with `people` members (the first a returnee), and one visit. */
async function household(headers: Record<string, string>, regionId: number, people: number) {
  const id = idOf(await inject('POST', '/api/v1/households', headers, { regionId, address: `幸福路${Math.random().toString().slice(2, 6)}号` }));
  const members: string[] = [];
  for (let i = 0; i < people; i++) {
    members.push(idOf(await inject('POST', '/api/v1/persons', headers, { householdId: id, name: `居民${i}`, ...(i === 0 ? { category: 'returnee', origin: '湖北武汉', arrivedOn: dayIn(t.app.config.timeZone) } : { category: 'resident' }) })));
  }
  idOf(await inject('POST', '/api/v1/visits', headers, { householdId: id, outcome: 'verified', confirmedPersonIds: members }));
  return { id, members };
}

async function orderFor(personId: string, release: boolean) {
  const order = idOf(await inject('POST', '/api/v1/quarantines', workerA, { personId, reason: '密接', startOn: dayIn(t.app.config.timeZone) }));
  expect((await inject('POST', `/api/v1/quarantines/${order}/checks`, workerA, { temperature: 36.6 })).statusCode).toBe(201);
  if (release) expect((await inject('POST', `/api/v1/quarantines/${order}/release`, workerA, { note: '期满解除' })).statusCode).toBe(200);
  return order;
}

const rowsOf = async (table: 'households' | 'persons' | 'visits', column: 'id' | 'household_id', values: readonly string[]) =>
  values.length === 0 ? [] : await t.app.db.selectFrom(table).select(column).where(column, 'in', [...values]).execute();
const PEOPLE_METRICS = ['persons', 'key_persons', 'households'];
const countersOf = async () => {
  const all = await readCounters(t.app.db, [t.tree.county, t.tree.townA, t.tree.villageA, t.tree.gridA, t.tree.villageB, t.tree.gridB]);
  return new Map([...all].map(([id, bag]) => [id, Object.fromEntries(Object.entries(bag).filter(([m]) => PEOPLE_METRICS.some((p) => m === p || m.startsWith(`${p}.`))))]));
};
const registerRows = (rows: { kind: string; regionId: number; count: number }[]) => rows.filter((r) => r.kind === 'household_register');

describe('the household register after a stand-down', () => {
  it('keeps the register under a "keep" stand-down, purges it under "purge": the dry run says how many, people under open work wait, aggregates stay', async () => {
    const villageA = [await household(workerA, t.tree.gridA, 2), await household(workerA, t.tree.gridA, 3), await household(secretaryA, t.tree.gridA2, 1)];
    const held = await household(workerA, t.tree.gridA, 2);
    const openOrder = await orderFor(held.members[0] as string, false);
    const releasedOrder = await orderFor(villageA[0]?.members[1] as string, true);
    const villageB = await household(workerB, t.tree.gridB, 2);
    const stray = idOf(await inject('POST', '/api/v1/persons', workerA, { regionId: t.tree.gridA, name: '无户人员', category: 'floating' }));
    const reconcile = t.app.scheduledJobs.find((j) => j.name === 'reconcile-counters');
    await reconcile?.run(t.app.db, 'before');
    const before = await countersOf();
    expect(before.get(t.tree.villageA)).toMatchObject({ households: 4, persons: 9, 'persons.returnee': 4 });

    // "keep": the register is not touched, only the epidemic-only kinds are due.
    const ended = addDays(dayIn(t.app.config.timeZone), -60);
    const keep = idOf(await inject('POST', '/api/v1/stand-downs', town, { regionId: t.tree.villageA, endedOn: ended, register: 'keep' }));
    expect(registerRows((await inject('GET', '/api/v1/retention/purge-preview', commander)).json<{ rows: [] }>().rows)).toEqual([]);
    expect((await inject('DELETE', `/api/v1/stand-downs/${keep}`, town)).statusCode).toBe(204);

    // "purge": the village's households but the held one, and its person on no household.
    idOf(await inject('POST', '/api/v1/stand-downs', town, { regionId: t.tree.villageA, endedOn: ended, register: 'purge' }));
    // Registered after the stand-down was recorded: not the emergency's data, kept.
    const later = await household(workerA, t.tree.gridA, 1);
    const preview = (await inject('GET', '/api/v1/retention/purge-preview', commander)).json<{ rows: { kind: string; regionId: number; count: number }[]; total: number }>();
    expect(registerRows(preview.rows)).toEqual([expect.objectContaining({ kind: 'household_register', regionId: t.tree.townA, count: 3 + 1 })]);

    const removed = await purgeNow({ batchSize: 2 });
    expect(removed).toBe(preview.total);
    const run = await t.app.db.selectFrom('purge_run_counts').select(['kind', 'n']).where('kind', '=', 'household_register').execute();
    expect(run.reduce((s, r) => s + Number(r.n), 0)).toBe(4);

    const gone = villageA.map((h) => h.id);
    expect(await rowsOf('households', 'id', gone)).toEqual([]);
    expect(await rowsOf('persons', 'id', [...villageA.flatMap((h) => h.members), stray])).toEqual([]);
    expect(await rowsOf('visits', 'household_id', gone)).toEqual([]);
    expect(await t.app.db.selectFrom('quarantine_orders').select('id').where('id', '=', releasedOrder).execute()).toEqual([]);
    expect(await t.app.db.selectFrom('record_changes').select('entity_id').where('entity_id', 'in', gone).execute()).toEqual([]);
    // The held household, the later one and the other village's stay whole.
    expect(await rowsOf('persons', 'household_id', [held.id, later.id, villageB.id])).toHaveLength(2 + 1 + 2);
    expect(await rowsOf('visits', 'household_id', [held.id, later.id, villageB.id])).toHaveLength(3);

    // Aggregates: the counters as before the purge (plus the later household), and after the nightly recount.
    const expected = new Map(before);
    for (const id of [t.tree.county, t.tree.townA, t.tree.villageA, t.tree.gridA]) {
      const bag = { ...(before.get(id) ?? {}) };
      bag.households = (bag.households ?? 0) + 1;
      bag.persons = (bag.persons ?? 0) + 1;
      bag['persons.returnee'] = (bag['persons.returnee'] ?? 0) + 1;
      expected.set(id, bag);
    }
    expect(await countersOf()).toEqual(expected);
    await reconcile?.run(t.app.db, 'after');
    expect(await countersOf()).toEqual(expected);

    // The order released: the held household goes at the next run, though the stand-down's own purge has run.
    expect((await inject('POST', `/api/v1/quarantines/${openOrder}/release`, workerA, { note: '期满解除' })).statusCode).toBe(200);
    const next = (await inject('GET', '/api/v1/retention/purge-preview', commander)).json<{ rows: { kind: string; count: number }[] }>();
    expect(registerRows(next.rows as never)).toEqual([expect.objectContaining({ count: 1 })]);
    await purgeNow();
    expect(await rowsOf('households', 'id', [held.id, later.id, villageB.id])).toEqual([{ id: later.id }, { id: villageB.id }].sort((a, b) => (a.id < b.id ? -1 : 1)));
    await reconcile?.run(t.app.db, 'again');
    expect(await countersOf()).toEqual(expected);
  });

  it('leaves each household whole or gone when a batch fails mid-way; the next run finishes', async () => {
    for (let i = 0; i < 4; i++) await household(workerB, t.tree.gridB, 2);
    const inVillageB = async () => (await t.app.db.selectFrom('households').select('id').where('region_id', '=', t.tree.gridB).execute()).map((r) => r.id);
    const all = await inVillageB();
    expect(all.length).toBeGreaterThanOrEqual(4);
    const before = await countersOf();
    idOf(await inject('POST', '/api/v1/stand-downs', town, { regionId: t.tree.villageB, endedOn: addDays(dayIn(t.app.config.timeZone), -60), register: 'purge' }));
    const crash = (kind: string, batchNo: number) => {
      if (kind === 'household_register' && batchNo === 1) throw new Error('power cut');
    };
    await expect(purgeNow({ batchSize: 2, inBatch: crash })).rejects.toThrow('power cut');
    // The first batch of 2 went whole, the second rolled back whole.
    const left = await inVillageB();
    expect(left).toHaveLength(all.length - 2);
    for (const id of all) {
      const people = await rowsOf('persons', 'household_id', [id]);
      const visits = await rowsOf('visits', 'household_id', [id]);
      if (left.includes(id)) {
        expect(people).toHaveLength(2);
        expect(visits).toHaveLength(1);
      } else {
        expect(people).toEqual([]);
        expect(visits).toEqual([]);
      }
    }
    expect(await countersOf()).toEqual(before);
    await purgeNow({ batchSize: 2 });
    expect(await inVillageB()).toEqual([]);
    expect(await countersOf()).toEqual(before);
  });

  it('unlinks the removed people’s verification tasks through an index, not a scan of every task', async () => {
    // Each batch of the register's purge runs this; without an index it read all 200,000 tasks
    // of the demo county (225 ms of a 10-household batch at load 29).
    const plan = await bestPlan(t.app.db, unlinkTasksOf(t.app.db, ['01a2513f-288f-7788-8dfc-87b4ca61477e', '01a2513f-288f-7788-8dfc-87b4ca61477f']));
    expect(fullScans(plan, ['verification_tasks']), planText(plan)).toEqual([]);
    expect(plan.some((s) => s.index === 'verification_tasks_person_id'), planText(plan)).toBe(true);
  });
});

// The counters the dashboard reads must equal what a scan of the records says, at every level,
// after each kind of write: registering, editing a category, a person leaving on a visit, a
// household moving grid, a merge — and a rebuild from the records must change nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, buildTestApp, signIn } from '../../../../test/support/app.ts';
import { anIdNumber } from '../../../../test/support/people.ts';
import { subtreeRange } from '../../platform/access.ts';
import { rebuildPeopleCounters } from '../households/people-counters.ts';
import { CounterBatch, bumpDayCounters, readCounters, readDayCounters } from './counters.ts';
import { pathIds } from '../../../shared/region-path.ts';
import { gridCounts } from './grids.ts';

let t: TestApp;
let worker: Record<string, string>;
let workerB: Record<string, string>;
let leader: Record<string, string>;
beforeAll(async () => {
  t = await buildTestApp();
  worker = (await signIn(t.app, 'grid_worker', t.tree.gridA)).headers;
  workerB = (await signIn(t.app, 'grid_worker', t.tree.gridB)).headers;
  leader = (await signIn(t.app, 'town_officer', t.tree.townA)).headers;
});
afterAll(() => t.close());

const post = (url: string, headers: Record<string, string>, payload: object) => t.app.inject({ method: 'POST', url, headers, payload });

async function household(regionId: number, headers = worker) {
  const res = await post('/api/v1/households', headers, { regionId, address: `测试路${Math.random().toString(36).slice(2, 8)}号` });
  expect(res.statusCode).toBe(201);
  return res.json();
}
async function person(householdId: string, category: string, headers = worker, extra: object = {}) {
  const res = await post('/api/v1/persons', headers, { householdId, name: '张三', idNumber: anIdNumber(), category, origin: '外省', arrivedOn: '2026-11-01', employer: '某厂', ...extra });
  expect(res.statusCode).toBe(201);
  return res.json();
}

/** What a scan of the records says, for one region's subtree. */
async function scanned(regionId: number) {
  const { path } = await t.app.db.selectFrom('regions').select('path').where('id', '=', regionId).executeTakeFirstOrThrow();
  const [lo, hi] = subtreeRange(path);
  const ids = t.app.db.selectFrom('regions').select('id').where('path', '>=', lo).where('path', '<', hi);
  const people = await t.app.db.selectFrom('persons').select(['category', 'key_person']).where('region_id', 'in', ids).where('left_on', 'is', null).execute();
  const households = await t.app.db.selectFrom('households').select('id').where('region_id', 'in', ids).execute();
  const out: Record<string, number> = { persons: people.length, key_persons: people.filter((p) => p.key_person === 1).length, households: households.length };
  for (const p of people) out[`persons.${p.category}`] = (out[`persons.${p.category}`] ?? 0) + 1;
  return Object.fromEntries(Object.entries(out).filter(([, n]) => n !== 0));
}

async function counted(regionId: number) {
  const bag = (await readCounters(t.app.db, [regionId])).get(regionId) ?? {};
  return Object.fromEntries(Object.entries(bag).filter(([m, n]) => n !== 0 && /^(persons|key_persons|households)/.test(m)));
}

async function expectCountersMatchRecords() {
  const { tree } = t;
  for (const id of [tree.county, tree.townA, tree.villageA, tree.gridA, tree.gridA2, tree.villageB, tree.gridB, tree.townC]) {
    expect(await counted(id), `region ${id}`).toEqual(await scanned(id));
  }
}

describe('counters kept with each write', () => {
  it('follow registrations, edits, departures, moves and merges at every level', async () => {
    const a = await household(t.tree.gridA);
    const b = await household(t.tree.gridB, workerB);
    const p1 = await person(a.id, 'resident');
    await person(a.id, 'tenant', worker, { keyPerson: true, keyPersonReason: '社区矫正' });
    const p3 = await person(b.id, 'returnee', workerB);
    await expectCountersMatchRecords();
    expect(await counted(t.tree.county)).toMatchObject({ persons: 3, households: 2, key_persons: 1, 'persons.resident': 1 });

    // A category change and a key-person flag move one person between metrics.
    const edit = await t.app.inject({ method: 'PATCH', url: `/api/v1/persons/${p1.id}`, headers: worker, payload: { baseVersion: p1.version, category: 'floating', keyPerson: true, keyPersonReason: '重点关注' } });
    expect(edit.statusCode).toBe(200);
    await expectCountersMatchRecords();

    // Leaving on a visit (来登去销): no longer counted.
    const visit = await post('/api/v1/visits', workerB, { householdId: b.id, outcome: 'updated', leftPersonIds: [p3.id] });
    expect(visit.statusCode).toBe(201);
    await expectCountersMatchRecords();

    // A household moved to the sibling grid takes its count along.
    const move = await t.app.inject({ method: 'PATCH', url: `/api/v1/households/${a.id}`, headers: leader, payload: { baseVersion: a.version, regionId: t.tree.gridA2 } });
    expect(move.statusCode).toBe(200);
    expect(await counted(t.tree.gridA2)).toMatchObject({ households: 1 });

    // The person who left turns up in grid A: merged into a household there, living here again.
    const fresh = (await t.app.inject({ method: 'GET', url: `/api/v1/persons/${p3.id}`, headers: leader })).json();
    const c = await household(t.tree.gridA);
    const merge = await post(`/api/v1/persons/${p3.id}/merge`, leader, { householdId: c.id, baseVersion: fresh.version });
    expect(merge.statusCode).toBe(200);
    await expectCountersMatchRecords();
  });

  it('follow a village moved to another town, day counters included', async () => {
    const admin = (await signIn(t.app, 'admin', t.tree.county)).headers;
    const { path } = await t.app.db.selectFrom('regions').select('path').where('id', '=', t.tree.gridB).executeTakeFirstOrThrow();
    await t.app.db.transaction().execute((tx) => bumpDayCounters(tx, path, '2026-11-28', { 'reports.filed': 1 }));
    const move = await t.app.inject({ method: 'PATCH', url: `/api/v1/regions/${t.tree.villageB}`, headers: admin, payload: { parentId: t.tree.townC } });
    expect(move.statusCode, move.body).toBe(200);
    await expectCountersMatchRecords();
    const days = await readDayCounters(t.app.db, [t.tree.townA, t.tree.townC, t.tree.county], '2026-11-28', '2026-11-28');
    const filed = (id: number) => days.get(id)?.get('2026-11-28')?.['reports.filed'] ?? 0;
    expect([filed(t.tree.townA), filed(t.tree.townC), filed(t.tree.county)]).toEqual([0, 1, 1]);
    // And back, so the tests below see the tree as buildTestApp made it.
    const back = await t.app.inject({ method: 'PATCH', url: `/api/v1/regions/${t.tree.villageB}`, headers: admin, payload: { parentId: t.tree.townA } });
    expect(back.statusCode).toBe(200);
    await expectCountersMatchRecords();
  });

  it('a rebuild from the records leaves them as they were', async () => {
    const before = await t.app.db.selectFrom('region_counters').selectAll().orderBy('region_id').orderBy('metric').execute();
    await rebuildPeopleCounters(t.app.db, `/${t.tree.county}/`);
    const after = await t.app.db.selectFrom('region_counters').selectAll().orderBy('region_id').orderBy('metric').execute();
    const nonZero = (rows: typeof before) => rows.filter((r) => Number(r.value) !== 0).map((r) => ({ ...r, value: Number(r.value) }));
    expect(nonZero(after)).toEqual(nonZero(before));
  });

  it('a rebuild asked for a town repairs drift in its whole county', async () => {
    const { path } = await t.app.db.selectFrom('regions').select('path').where('id', '=', t.tree.townA).executeTakeFirstOrThrow();
    // Damage the town's and a grid's counters as a forgotten write path would.
    await t.app.db.updateTable('region_counters').set({ value: 99 }).where('region_id', 'in', [t.tree.gridA, t.tree.townA]).where('metric', '=', 'persons').execute();
    await rebuildPeopleCounters(t.app.db, path);
    await expectCountersMatchRecords();
  });
});

describe('counter helpers', () => {
  it('split a path into the region and its ancestors', () => {
    expect(pathIds('/1/7/30/')).toEqual([1, 7, 30]);
  });

  it('merge deltas per region and metric and drop the ones that cancel out', () => {
    const rows = new CounterBatch().add('/1/7/', { persons: 1, households: 1 }).add('/1/8/', { persons: -1, households: 0 }).entries();
    expect(rows).toEqual([
      { regionId: 1, metric: 'households', delta: 1 },
      { regionId: 7, metric: 'households', delta: 1 },
      { regionId: 7, metric: 'persons', delta: 1 },
      { regionId: 8, metric: 'persons', delta: -1 },
    ]);
  });

  it('count the grids under each region asked about', async () => {
    const regions = await t.app.db.selectFrom('regions').select(['id', 'path']).where('id', 'in', [t.tree.county, t.tree.townA, t.tree.villageA, t.tree.townC]).execute();
    const counts = await gridCounts(t.app.db, `/${t.tree.county}/`, regions);
    expect(Object.fromEntries(counts)).toEqual({ [t.tree.county]: 3, [t.tree.townA]: 3, [t.tree.villageA]: 2, [t.tree.townC]: 0 });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, buildTestApp, signIn } from '../../../../test/support/app.ts';
import { dayIn } from '../../platform/time.ts';
import { bumpCounters, bumpDayCounters, regionPathOf } from '../stats/counters.ts';

let t: TestApp;
let commander: Record<string, string>;
let today: string;

async function post(url: string, payload: object, headers: Record<string, string>) {
  const res = await t.app.inject({ method: 'POST', url, headers, payload });
  expect(res.statusCode, res.body).toBeLessThan(300);
  return res.json();
}

/** A household with people of the given categories, through the API (so counters are bumped). */
async function aHouseholdWith(regionId: number, categories: string[], keyPersons = 0) {
  const { headers } = await signIn(t.app, 'grid_worker', regionId);
  const household = await post('/api/v1/households', { regionId, address: `测试路${regionId}号` }, headers);
  for (const [i, category] of categories.entries()) {
    await post('/api/v1/persons', { householdId: household.id, name: `居民${i}`, category, ...(category === 'resident' ? {} : { origin: '湖北省武汉市', arrivedOn: '2026-11-20', employer: '东村纺织厂' }), ...(i < keyPersons ? { keyPerson: true, keyPersonReason: '测试' } : {}) }, headers);
  }
}

beforeAll(async () => {
  t = await buildTestApp();
  commander = (await signIn(t.app, 'commander', t.tree.county)).headers;
  today = dayIn(t.app.config.timeZone);
  await aHouseholdWith(t.tree.gridA, ['resident', 'resident', 'tenant'], 1);
  await aHouseholdWith(t.tree.gridA2, ['floating']);
  await aHouseholdWith(t.tree.gridB, ['returnee', 'migrant_worker']);
  // Checkpoints and reports are other modules' writes: their counters are bumped directly here.
  await t.app.db.transaction().execute(async (tx) => {
    await bumpCounters(tx, await regionPathOf(tx, t.tree.villageA), { checkpoints: 3, 'checkpoints.removed': 2 });
    await bumpCounters(tx, await regionPathOf(tx, t.tree.villageB), { checkpoints: 1 });
    await bumpDayCounters(tx, await regionPathOf(tx, t.tree.gridA), today, { 'reports.filed': 1, 'reports.on_time': 1, 'figures.householdsVisited': 4 });
    await bumpDayCounters(tx, await regionPathOf(tx, t.tree.gridB), today, { 'reports.filed': 1, 'reports.late': 1, 'reports.zero': 1 });
    await bumpDayCounters(tx, await regionPathOf(tx, t.tree.villageA), today, { 'checkpoints.removed': 2 });
  });
});
afterAll(() => t.close());

const get = (url: string, headers = commander) => t.app.inject({ method: 'GET', url, headers });

describe('GET /stats/summary', () => {
  it('counts the county’s subtree from the counters', async () => {
    const res = await get('/api/v1/stats/summary');
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json();
    expect(s.regionId).toBe(t.tree.county);
    expect(s.households).toBe(3);
    expect(s.persons.total).toBe(6);
    expect(s.persons.byCategory).toEqual({ resident: 2, floating: 1, returnee: 1, migrant_worker: 1, tenant: 1, visitor: 0 });
    expect(s.keyPersons).toBe(1);
    expect(s.checkpoints).toEqual({ total: 4, open: 2, removed: 2 });
    expect(s.reports).toEqual({ date: today, grids: 3, filed: 2, onTime: 1, late: 1, missing: 1, returned: 0, zero: 1 });
    expect(s.quarantines).toEqual({ active: 0, ending: 0, overdue: 0 });
    expect(s.tips.total).toBe(0);
    expect(Object.keys(s.tips.byStatus)).toHaveLength(7);
  });

  it('answers a village’s figures to its secretary, and refuses another village (403)', async () => {
    const { headers } = await signIn(t.app, 'village_secretary', t.tree.villageA);
    const own = (await get('/api/v1/stats/summary', headers)).json();
    expect(own).toMatchObject({ regionId: t.tree.villageA, households: 2, persons: { total: 4 }, checkpoints: { total: 3, removed: 2 } });
    expect(own.reports).toMatchObject({ grids: 2, filed: 1, missing: 1 });
    expect((await get(`/api/v1/stats/summary?regionId=${t.tree.villageB}`, headers)).statusCode).toBe(403);
    expect((await get(`/api/v1/stats/breakdown?regionId=${t.tree.townA}`, headers)).statusCode).toBe(403);
  });

  it('lets the read-only auditor read it', async () => {
    const { headers } = await signIn(t.app, 'auditor', t.tree.county);
    expect((await get('/api/v1/stats/summary', headers)).statusCode).toBe(200);
  });
});

describe('GET /stats/breakdown and /stats/trend', () => {
  it('gives each child region’s figures, equal to its own summary', async () => {
    const res = await get(`/api/v1/stats/breakdown?regionId=${t.tree.townA}`);
    expect(res.statusCode, res.body).toBe(200);
    const b = res.json();
    expect(b.children.map((c: { regionId: number }) => c.regionId)).toEqual([t.tree.villageA, t.tree.villageB]);
    for (const child of b.children) {
      const own = (await get(`/api/v1/stats/summary?regionId=${child.regionId}`)).json();
      expect(child).toEqual(own);
    }
    const villageB = b.children[1];
    expect(villageB).toMatchObject({ households: 1, persons: { total: 2 }, checkpoints: { total: 1, open: 1, removed: 0 } });
    expect(villageB.reports).toMatchObject({ grids: 1, filed: 1, late: 1, missing: 0 });
  });

  it('lists the county’s towns, including one with nothing yet', async () => {
    const b = (await get('/api/v1/stats/breakdown')).json();
    const townC = b.children.find((c: { regionId: number }) => c.regionId === t.tree.townC);
    expect(townC).toMatchObject({ households: 0, persons: { total: 0 }, reports: { grids: 0, missing: 0 } });
  });

  it('gives one entry a day with today’s reports and removals last', async () => {
    const res = await get('/api/v1/stats/trend?days=7');
    expect(res.statusCode, res.body).toBe(200);
    const trend = res.json();
    expect(trend.days).toHaveLength(7);
    expect(trend.to).toBe(today);
    const last = trend.days[6];
    expect(last).toMatchObject({ date: today, grids: 3, filed: 2, onTime: 1, late: 1, zero: 1, checkpointsRemoved: 2 });
    expect(last.figures.householdsVisited).toBe(4);
    expect(trend.days[0].filed).toBe(0);
    expect((await get('/api/v1/stats/trend?days=61')).statusCode).toBe(400);
  });
});

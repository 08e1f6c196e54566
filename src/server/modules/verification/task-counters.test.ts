// The verification task counters, on SQLite and PostgreSQL: after each kind of task change —
// take-in, bulk assignment of the pool, an outcome, a review, a move by hand, `left` for another
// grid, a person handed over — the counters kept with the writes equal a recount from the tasks,
// the list's page shows the pool's assignment at once, and the progress read from the counters
// equals the tasks counted one by one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, buildTestApp, signIn } from '../../../../test/support/app.ts';
import { anIdNumber } from '../../../../test/support/people.ts';
import { csvOf, takeInList } from '../../../../test/support/verification.ts';
import { rebuildVerificationCounters } from './task-counters.ts';

let t: TestApp;
type H = Record<string, string>;
let hq: H;
let workerA: H;
let workerB: H;
let personId: string;
let listId: string;
const registeredId = anIdNumber('19750505');

const get = (url: string, headers: H) => t.app.inject({ method: 'GET', url, headers });
const post = (url: string, payload: object, headers: H) => t.app.inject({ method: 'POST', url, headers, payload });
const tasks = async () => (await get(`/api/v1/verification-tasks?listId=${listId}&limit=100`, hq)).json().items as { id: string; name: string; regionId: number; status: string; routedBy: string | null }[];
const task = async (name: string) => (await tasks()).find((x) => x.name === name) as { id: string; regionId: number };

/** The verification counters as stored: `region metric` → value, zeros left out. */
async function stored(): Promise<Record<string, number>> {
  const rows = await t.app.db.selectFrom('region_counters').select(['region_id', 'metric', 'value']).where('metric', 'like', 'verification.%').execute();
  return Object.fromEntries(rows.filter((r) => Number(r.value) !== 0).map((r) => [`${r.region_id} ${r.metric}`, Number(r.value)]).sort(([a], [b]) => String(a).localeCompare(String(b))));
}

/** The counters kept by the writes so far, then recounted from the tasks: the same. */
async function expectCountersMatchRecount(): Promise<void> {
  const kept = await stored();
  const { path } = await t.app.db.selectFrom('regions').select('path').where('id', '=', t.tree.county).executeTakeFirstOrThrow();
  await rebuildVerificationCounters(t.app.db, path);
  expect(kept).toEqual(await stored());
  expect(Object.keys(kept).length).toBeGreaterThan(0);
}

beforeAll(async () => {
  t = await buildTestApp();
  hq = (await signIn(t.app, 'admin', t.tree.county)).headers;
  workerA = (await signIn(t.app, 'grid_worker', t.tree.gridA)).headers;
  workerB = (await signIn(t.app, 'grid_worker', t.tree.gridB)).headers;
  const hh = await post('/api/v1/households', { regionId: t.tree.gridA, address: '东村5组1号' }, workerA);
  expect(hh.statusCode, hh.body).toBe(201);
  const p = await post('/api/v1/persons', { regionId: t.tree.gridA, householdId: hh.json().id, name: '周登记', category: 'resident', idNumber: registeredId }, workerA);
  expect(p.statusCode, p.body).toBe(201);
  personId = p.json().id;
  const rows = [['姓名', '身份证号', '居住地址'], ['周登记', registeredId, ''], ['甲', '', '城关镇西村幸福路8号'], ['乙', '', '东村第二网格附近'], ['丙', '', '东村第二网格旁'], ['池一', '', '火星'], ['池二', '', '月球'], ['池三', '', '金星']];
  const { list } = await takeInList(t.app, t.tree.county, csvOf(rows), { kind: 'contact' }, { headers: hq });
  expect(list.status, list.error).toBe('done');
  listId = list.id;
});
afterAll(() => t.close());

describe('verification task counters', () => {
  it('count the tasks a list took in', async () => {
    expect((await task('周登记')).regionId).toBe(t.tree.gridA);
    await expectCountersMatchRecount();
  });

  it('follow a bulk assignment, and the list’s figures show it at once', async () => {
    const before = (await get(`/api/v1/verification-lists/${listId}`, hq)).json();
    const pool = (await tasks()).filter((x) => x.routedBy === null);
    expect(pool).toHaveLength(3);
    const res = await post('/api/v1/verification-tasks/assign', { taskIds: pool.slice(0, 2).map((x) => x.id), regionId: t.tree.gridB }, hq);
    expect(res.statusCode, res.body).toBe(200);
    const after = (await get(`/api/v1/verification-lists/${listId}`, hq)).json();
    expect(after).toMatchObject({ routed: before.routed + 2, unrouted: before.unrouted - 2, tasks: before.tasks });
    expect((await get(`/api/v1/verification-lists?regionId=${t.tree.county}`, hq)).json().items.find((l: { id: string }) => l.id === listId)).toMatchObject({ routed: after.routed, unrouted: 1 });
    await expectCountersMatchRecount();
  });

  it('follow an outcome, a review and a sent-back outcome', async () => {
    const b = await task('池一');
    expect((await post(`/api/v1/verification-tasks/${b.id}/outcome`, { outcome: 'not_found' }, workerB)).statusCode).toBe(200);
    // Wherever the address took it, the county's headquarters may record and another account review.
    const own = await task('甲');
    expect((await post(`/api/v1/verification-tasks/${own.id}/outcome`, { outcome: 'present_controlled' }, hq)).statusCode).toBe(200);
    const leaderB = (await signIn(t.app, 'grid_leader', t.tree.gridB)).headers;
    const commander = (await signIn(t.app, 'commander', t.tree.county)).headers;
    expect((await post(`/api/v1/verification-tasks/${b.id}/review`, { accept: true }, leaderB)).statusCode).toBe(200);
    expect((await post(`/api/v1/verification-tasks/${own.id}/review`, { accept: false, note: '再核实' }, commander)).statusCode).toBe(200);
    await expectCountersMatchRecount();
  });

  it('follow a move by hand, out of the pool too', async () => {
    const pooled = (await tasks()).find((x) => x.routedBy === null) as { id: string };
    const moved = await t.app.inject({ method: 'PATCH', url: `/api/v1/verification-tasks/${pooled.id}`, headers: hq, payload: { regionId: t.tree.townC } });
    expect(moved.statusCode, moved.body).toBe(200);
    expect((await get(`/api/v1/verification-lists/${listId}`, hq)).json()).toMatchObject({ unrouted: 0 });
    const again = await t.app.inject({ method: 'PATCH', url: `/api/v1/verification-tasks/${(await task('乙')).id}`, headers: hq, payload: { regionId: t.tree.gridA } });
    expect(again.statusCode, again.body).toBe(200);
    await expectCountersMatchRecount();
  });

  it('follow `left` for another grid of the county', async () => {
    const c = await task('丙');
    const res = await post(`/api/v1/verification-tasks/${c.id}/outcome`, { outcome: 'left', movedTo: t.tree.gridB, note: '搬去西村' }, hq);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ regionId: t.tree.gridB, status: 'open' });
    await expectCountersMatchRecount();
  });

  it('follow a person handed over to another grid: the open task goes with them', async () => {
    const proposed = await post(`/api/v1/persons/${personId}/handovers`, { toRegionId: t.tree.gridB, reason: '搬到西村' }, workerA);
    expect(proposed.statusCode, proposed.body).toBe(201);
    const accepted = await post(`/api/v1/handovers/${proposed.json().id}/accept`, {}, workerB);
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(await task('周登记')).toMatchObject({ regionId: t.tree.gridB, routedBy: 'manual' });
    await expectCountersMatchRecount();
  });

  it('give the progress the tasks counted one by one', async () => {
    const all = await t.app.db.selectFrom('verification_tasks as v').innerJoin('regions as r', 'r.id', 'v.region_id').select(['r.path', 'v.status', 'v.outcome']).where('v.list_id', '=', listId).execute();
    const res = await get(`/api/v1/verification-lists/${listId}/progress?regionId=${t.tree.county}`, hq);
    expect(res.statusCode, res.body).toBe(200);
    const rows = res.json().items as { regionId: number; total: number; checked: number; accepted: number; overdue: number; outcomes: Record<string, number> }[];
    for (const town of [t.tree.townA, t.tree.townC]) {
      const mine = all.filter((x) => x.path.split('/').includes(String(town)));
      const row = rows.find((r) => r.regionId === town);
      expect(row, String(town)).toMatchObject({
        total: mine.length,
        checked: mine.filter((x) => x.status === 'checked' || x.status === 'accepted').length,
        accepted: mine.filter((x) => x.status === 'accepted').length,
        overdue: 0,
      });
    }
    expect(rows.reduce((n, r) => n + r.total, 0)).toBe(all.length);
    expect(rows.find((r) => r.regionId === t.tree.townA)?.outcomes).toMatchObject({ not_found: 1 });
    // Past the list's deadline every open task is overdue.
    await t.app.db.updateTable('verification_lists').set({ due_at: new Date(Date.now() - 60_000).toISOString() }).where('id', '=', listId).execute();
    const late = (await get(`/api/v1/verification-lists/${listId}/progress?regionId=${t.tree.townA}`, hq)).json().items as typeof rows;
    const open = all.filter((x) => x.path.split('/').includes(String(t.tree.townA)) && (x.status === 'open' || x.status === 'sent_back')).length;
    expect(late.reduce((n, r) => n + r.overdue, 0)).toBe(open);
    expect(open).toBeGreaterThan(0);
  });
});

describe('destinations for `left` on the phone', () => {
  it('are the towns, villages and grids of the worker’s whole county, names only', async () => {
    const res = await get('/api/v1/verification-tasks/destinations', workerA);
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as { id: number; name: string; level: string; parentId: number | null }[];
    const ids = new Set(items.map((r) => r.id));
    for (const id of [t.tree.townA, t.tree.villageA, t.tree.gridA, t.tree.gridA2, t.tree.gridB, t.tree.townC]) expect(ids.has(id), String(id)).toBe(true);
    expect(ids.has(t.tree.county)).toBe(false);
    expect(Object.keys(items[0] ?? {}).sort()).toEqual(['id', 'level', 'name', 'parentId']);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/verification-tasks/destinations' })).statusCode).toBe(401);
  });
});

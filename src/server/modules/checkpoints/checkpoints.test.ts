import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, buildTestApp, signIn } from '../../../../test/support/app.ts';
import type { LiveEvent } from '../../platform/events.ts';
import { readCounters, readDayCounters } from '../stats/counters.ts';

let t: TestApp;
let officer: Record<string, string>;
const published: LiveEvent[] = [];
beforeAll(async () => {
  t = await buildTestApp();
  officer = (await signIn(t.app, 'town_officer', t.tree.townA)).headers;
  t.app.events.subscribe((e) => published.push(e));
});
afterAll(() => t.close());

const post = (url: string, payload: object, headers = officer) => t.app.inject({ method: 'POST', url, headers, payload });
const get = (url: string, headers = officer) => t.app.inject({ method: 'GET', url, headers });
const create = async (regionId: number, name: string, extra: object = {}) => {
  const res = await post('/api/v1/checkpoints', { regionId, name, place: `${name}路口`, ...extra });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string }>();
};
const counters = async (regionId: number) => (await readCounters(t.app.db, [regionId], 'checkpoints')).get(regionId) ?? {};
const removedEvents = async (id: string) =>
  (await t.app.db.selectFrom('checkpoint_events').selectAll().where('checkpoint_id', '=', id).where('kind', '=', 'removed').execute()).length;

describe('checkpoint registry', () => {
  it('registers a checkpoint once, however often the phone resends it', async () => {
    const id = '01932f6e-1c2a-7def-8a00-0000000000c1';
    const body = { id, regionId: t.tree.villageA, name: '东村路口卡口', place: '东村村口', lng: 120.123456, lat: 30.654321, inChargeName: '李主任', inChargePhone: '19900001111', staffOnDuty: 4, openedOn: '2024-05-01' };
    const first = await post('/api/v1/checkpoints', body);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ ...body, regionName: '东村', status: 'open', removedAt: null, overrideReason: null, version: 1 });
    const again = await post('/api/v1/checkpoints', body);
    expect(again.statusCode).toBe(201);
    expect(again.json().id).toBe(id);
    const other = await post('/api/v1/checkpoints', { ...body, name: '别的卡口' });
    expect(other.statusCode).toBe(409);
    expect(await t.app.db.selectFrom('checkpoints').selectAll().where('id', '=', id).execute()).toHaveLength(1);
    expect(await counters(t.tree.county)).toMatchObject({ checkpoints: 1 });
    expect(published.some((e) => e.type === 'checkpoint.changed' && e.data?.id === id)).toBe(true);
  });

  it('names the field of bad coordinates, a negative staff count and a wrong level', async () => {
    const bad = async (extra: object, path: string) => {
      const res = await post('/api/v1/checkpoints', { regionId: t.tree.villageA, name: '坏卡口', place: '某处', ...extra });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.details.map((d: { path: string }) => d.path)).toContain(path);
    };
    await bad({ lng: 200 }, 'lng');
    await bad({ lat: -91 }, 'lat');
    await bad({ staffOnDuty: -1 }, 'staffOnDuty');
    const commander = (await signIn(t.app, 'commander', t.tree.county)).headers;
    const county = await post('/api/v1/checkpoints', { regionId: t.tree.county, name: '县卡口', place: '高速口' }, commander);
    expect(county.statusCode).toBe(422);
    expect(county.json().error.details).toEqual([{ path: 'regionId', message: 'must be a town, village or grid' }]);
  });

  it('lists the subtree only and refuses another village’s checkpoint', async () => {
    await create(t.tree.villageB, '西村路口卡口');
    const secretaryA = (await signIn(t.app, 'village_secretary', t.tree.villageA)).headers;
    const list = await get('/api/v1/checkpoints', secretaryA);
    expect(list.statusCode).toBe(200);
    const items = list.json().items as { regionId: number }[];
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((c) => c.regionId === t.tree.villageA)).toBe(true);
    const westId = (await get('/api/v1/checkpoints?q=西村')).json().items[0].id;
    expect((await get(`/api/v1/checkpoints/${westId}`, secretaryA)).statusCode).toBe(403);
    expect((await post(`/api/v1/checkpoints/${westId}/removal`, { note: '撤', overrideReason: '试' }, secretaryA)).statusCode).toBe(403);
    const worker = (await signIn(t.app, 'patrol_member', t.tree.townA)).headers;
    expect((await post('/api/v1/checkpoints', { regionId: t.tree.villageA, name: 'x', place: 'y' }, worker)).statusCode).toBe(403);
  });
});

describe('removal', () => {
  it('refuses without coverage, naming the grids and the patrol team, and changes nothing', async () => {
    const { id } = await create(t.tree.gridA2, '东村二组卡口');
    const before = await counters(t.tree.county);
    const seen = published.length;
    const coverage = await get(`/api/v1/checkpoints/${id}/coverage`);
    expect(coverage.json()).toMatchObject({ ok: false, village: { id: t.tree.villageA, name: '东村' }, patrolTeams: [] });
    expect(coverage.json().gridsWithoutStaff.map((g: { regionId: number }) => g.regionId).sort()).toEqual([t.tree.gridA, t.tree.gridA2].sort());
    const res = await post(`/api/v1/checkpoints/${id}/removal`, { note: '撤除' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('COVERAGE_MISSING');
    expect(res.json().error.details.map((d: { path: string }) => d.path)).toEqual([`grid:${t.tree.gridA}`, `grid:${t.tree.gridA2}`, 'patrolTeam']);
    expect(await counters(t.tree.county)).toEqual(before);
    expect(await removedEvents(id)).toBe(0);
    expect((await get(`/api/v1/checkpoints/${id}`)).json().status).toBe('open');
    expect(published.length).toBe(seen);
  });

  it('removes with an override reason, recorded in the history and the audit; a second removal is ALREADY_REMOVED', async () => {
    const { id } = await create(t.tree.villageA, '东村北口卡口');
    const res = await post(`/api/v1/checkpoints/${id}/removal`, { note: '已撤除', overrideReason: '网格员明日到岗' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id, status: 'removed' });
    const detail = (await get(`/api/v1/checkpoints/${id}`)).json();
    expect(detail).toMatchObject({ status: 'removed', removalNote: '已撤除', overrideReason: '网格员明日到岗' });
    expect(detail.history[0]).toMatchObject({ kind: 'removed', note: '已撤除', overrideReason: '网格员明日到岗' });
    expect(detail.history.at(-1)).toMatchObject({ kind: 'opened' });
    const entry = await t.app.db.selectFrom('audit_log').selectAll().where('entity', '=', 'checkpoint').where('entity_id', '=', id).where('action', '=', 'remove').executeTakeFirstOrThrow();
    expect(JSON.parse(entry.details ?? '{}')).toMatchObject({ override: true, overrideReason: '网格员明日到岗' });
    const removedAt: string = res.json().removedAt;
    const days = await readDayCounters(t.app.db, [t.tree.county], '2000-01-01', '2999-12-31');
    const total = [...(days.get(t.tree.county)?.values() ?? [])].reduce((s, bag) => s + (bag['checkpoints.removed'] ?? 0), 0);
    expect(total).toBe(1);
    expect(removedAt).toMatch(/Z$/);
    const again = await post(`/api/v1/checkpoints/${id}/removal`, { note: '再撤', overrideReason: '重复' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('ALREADY_REMOVED');
    expect(await removedEvents(id)).toBe(1);
    const edit = await t.app.inject({ method: 'PATCH', url: `/api/v1/checkpoints/${id}`, headers: officer, payload: { staffOnDuty: 2 } });
    expect(edit.statusCode).toBe(409);
  });

  it('removes without an override once the village has grid staff and a patrol team', async () => {
    const { id } = await create(t.tree.gridB, '西村一组卡口');
    await signIn(t.app, 'grid_worker', t.tree.gridB);
    expect((await get(`/api/v1/checkpoints/${id}/coverage`)).json()).toMatchObject({ ok: false, gridsWithoutStaff: [], villagesWithoutPatrol: [{ regionId: t.tree.villageB }] });
    const team = await post('/api/v1/patrol-teams', { regionId: t.tree.townA, name: '城关镇督查队', kind: 'inspection', leaderName: '王队长', members: 6 });
    expect(team.statusCode, team.body).toBe(201);
    expect(team.json()).toMatchObject({ regionName: '城关镇', kind: 'inspection', active: true, members: 6 });
    expect((await get(`/api/v1/checkpoints/${id}/coverage`)).json()).toMatchObject({ ok: true, village: { id: t.tree.villageB }, patrolTeams: [{ name: '城关镇督查队' }] });
    const res = await post(`/api/v1/checkpoints/${id}/removal`, { note: '条件具备，撤除' });
    expect(res.statusCode, res.body).toBe(200);
    // Switching the team off brings the missing patrol back.
    const off = await t.app.inject({ method: 'PATCH', url: `/api/v1/patrol-teams/${team.json().id}`, headers: officer, payload: { active: false } });
    expect(off.json().active).toBe(false);
    const { id: other } = await create(t.tree.villageB, '西村南口卡口');
    expect((await get(`/api/v1/checkpoints/${other}/coverage`)).json().ok).toBe(false);
    expect((await get('/api/v1/patrol-teams')).json().items.length).toBe(1);
  });
});

describe('summary, edits and history', () => {
  it('counts N of M removed by town from the counters', async () => {
    const commander = (await signIn(t.app, 'commander', t.tree.county)).headers;
    const rows = await t.app.db.selectFrom('checkpoints').select(['status']).execute();
    const summary = (await get('/api/v1/checkpoints/summary', commander)).json();
    expect(summary.total).toBe(rows.length);
    expect(summary.removed).toBe(rows.filter((r) => r.status === 'removed').length);
    expect(summary.open).toBe(summary.total - summary.removed);
    const townA = summary.children.find((c: { regionId: number }) => c.regionId === t.tree.townA);
    const townC = summary.children.find((c: { regionId: number }) => c.regionId === t.tree.townC);
    expect(townA).toMatchObject({ name: '城关镇', total: rows.length, removed: summary.removed });
    expect(townC).toMatchObject({ total: 0, removed: 0 });
    const village = (await get(`/api/v1/checkpoints/summary?regionId=${t.tree.villageA}`)).json();
    expect(village.children.map((c: { regionId: number }) => c.regionId).sort()).toEqual([t.tree.gridA, t.tree.gridA2].sort());
  });

  it('edits an open checkpoint and keeps the change in its history; lists openings and removals newest first', async () => {
    const { id } = await create(t.tree.townA, '城关镇高速口卡口');
    const res = await t.app.inject({ method: 'PATCH', url: `/api/v1/checkpoints/${id}`, headers: officer, payload: { staffOnDuty: 8, inChargeName: '赵站长', lng: 120.5, lat: 30.5 } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ staffOnDuty: 8, inChargeName: '赵站长', lng: 120.5, version: 2 });
    const detail = (await get(`/api/v1/checkpoints/${id}`)).json();
    expect(detail.history[0]).toMatchObject({ kind: 'updated', fields: ['lng', 'lat', 'inChargeName', 'staffOnDuty'] });
    // The town's checkpoint answers for every village of the town.
    const coverage = (await get(`/api/v1/checkpoints/${id}/coverage`)).json();
    expect(coverage.village).toMatchObject({ id: t.tree.townA });
    expect(coverage.villagesWithoutPatrol.map((v: { regionId: number }) => v.regionId).sort()).toEqual([t.tree.villageA, t.tree.villageB].sort());

    const history = (await get('/api/v1/checkpoints/history?limit=3')).json();
    expect(history.items).toHaveLength(3);
    expect(history.items[0]).toMatchObject({ checkpointId: id, kind: 'opened', checkpointName: '城关镇高速口卡口' });
    const ats = history.items.map((i: { at: string }) => i.at);
    expect([...ats].sort().reverse()).toEqual(ats);
    const next = (await get(`/api/v1/checkpoints/history?limit=3&cursor=${history.nextCursor}`)).json();
    expect(next.items.length).toBeGreaterThan(0);
    expect(next.items.some((i: { id: string }) => history.items.some((h: { id: string }) => h.id === i.id))).toBe(false);
    expect(next.items.some((i: { kind: string }) => i.kind === 'removed')).toBe(true);
  });
});

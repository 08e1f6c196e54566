import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, buildTestApp, signIn } from '../../../../test/support/app.ts';
import type { LiveEvent } from '../../platform/events.ts';
import { addDays, dayIn } from '../../platform/time.ts';
import { readCounters, regionPathOf } from '../stats/counters.ts';
import { rebuildFamilyEventCounters } from './family-event-counters.ts';

let t: TestApp;
let secretary: Record<string, string>;
let today: string;
const published: LiveEvent[] = [];
beforeAll(async () => {
  t = await buildTestApp();
  secretary = (await signIn(t.app, 'village_secretary', t.tree.villageA)).headers;
  today = dayIn(t.app.config.timeZone);
  t.app.events.subscribe((e) => published.push(e));
});
afterAll(() => t.close());

const post = (url: string, payload: object, headers = secretary) => t.app.inject({ method: 'POST', url, headers, payload });
const get = (url: string, headers = secretary) => t.app.inject({ method: 'GET', url, headers });
const wedding = (extra: object = {}) => ({ regionId: t.tree.gridA, kind: 'wedding', hostName: '王大明', plannedOn: addDays(today, 10), place: '东村文化礼堂', expectedGuests: 200, ...extra });
const file = async (extra: object = {}, headers = secretary) => {
  const res = await post('/api/v1/family-events', wedding(extra), headers);
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string }>().id;
};
const counters = async (regionId: number) => (await readCounters(t.app.db, [regionId], 'family_events')).get(regionId) ?? {};
const rows = () => t.app.db.selectFrom('family_events').selectAll().execute();

describe('family events', () => {
  it('files an event once however often it is resent, keeps the phone encrypted and shows it masked', async () => {
    const id = '01932f6e-1c2a-7def-8a00-0000000000f1';
    const body = wedding({ id, hostPhone: '13812345678' });
    const first = await post('/api/v1/family-events', body);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ id, regionName: expect.any(String), kind: 'wedding', hostPhone: '138****5678', status: 'filed', decision: null, followUp: null, version: 1 });
    const again = await post('/api/v1/family-events', body);
    expect(again.statusCode).toBe(201);
    expect(again.json().id).toBe(id);
    const other = await post('/api/v1/family-events', { ...body, hostName: '别人' });
    expect(other.statusCode).toBe(409);
    const stored = await t.app.db.selectFrom('family_events').selectAll().where('id', '=', id).execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]?.host_phone_enc).not.toContain('13812345678');
    const list = await get(`/api/v1/family-events?regionId=${t.tree.villageA}`);
    expect(list.body).not.toContain('13812345678');
    expect(await counters(t.tree.county)).toMatchObject({ family_events: 1, 'family_events.wedding': 1, 'family_events.open': 1 });
    expect(published.some((e) => e.type === 'family_event.changed' && e.data?.id === id)).toBe(true);
    const entry = await t.app.db.selectFrom('audit_log').selectAll().where('entity', '=', 'family_event').where('entity_id', '=', id).execute();
    expect(entry.map((e) => e.action)).toEqual(['create']);
  });

  it('guides, then follows up; the history, counters and summary follow', async () => {
    const id = await file({ kind: 'banquet' });
    const early = await post(`/api/v1/family-events/${id}/follow-up`, { visitedOn: today, actualGuests: 0 });
    expect(early.statusCode, early.body).toBe(409);
    const guided = await post(`/api/v1/family-events/${id}/guidance`, { decision: 'postponed', guidance: '疫情期间延期举办' });
    expect(guided.statusCode, guided.body).toBe(200);
    expect(guided.json()).toMatchObject({ status: 'guided', decision: 'postponed', guidance: '疫情期间延期举办', guidedBy: expect.any(String) });
    expect((await post(`/api/v1/family-events/${id}/guidance`, { decision: 'simplified', guidance: '再来' })).statusCode).toBe(409);
    const future = await post(`/api/v1/family-events/${id}/follow-up`, { visitedOn: addDays(today, 1), actualGuests: 0 });
    expect(future.statusCode).toBe(422);
    expect(future.json().error.details).toEqual([{ path: 'visitedOn', message: 'cannot be in the future' }]);
    const done = await post(`/api/v1/family-events/${id}/follow-up`, { visitedOn: today, actualGuests: 0, note: '已延期，未聚集' });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: 'followed_up', followUp: { visitedOn: today, actualGuests: 0, note: '已延期，未聚集' } });
    const detail = await get(`/api/v1/family-events/${id}`);
    expect(detail.json().history.map((h: { kind: string }) => h.kind)).toEqual(['followed_up', 'guided', 'filed']);
    const summary = await get(`/api/v1/family-events/summary?regionId=${t.tree.villageA}`);
    expect(summary.statusCode, summary.body).toBe(200);
    expect(summary.json()).toMatchObject({ total: 2, open: 1, byKind: { wedding: 1, banquet: 1 }, byStatus: { filed: 1, followed_up: 1, guided: 0 }, byDecision: { postponed: 1 } });
  });

  it('closes an event cancelled at guidance; it cannot be followed up', async () => {
    const id = await file({ kind: 'funeral' });
    const before = await counters(t.tree.villageA);
    const res = await post(`/api/v1/family-events/${id}/guidance`, { decision: 'cancelled', guidance: '取消宴席' });
    expect(res.json()).toMatchObject({ status: 'cancelled' });
    expect((await counters(t.tree.villageA))['family_events.open']).toBe((before['family_events.open'] ?? 0) - 1);
    expect((await post(`/api/v1/family-events/${id}/follow-up`, { visitedOn: today, actualGuests: 0 })).statusCode).toBe(409);
  });

  it('names the field of bad input and saves nothing', async () => {
    const count = (await rows()).length;
    const bad = async (extra: object, status: number, path: string) => {
      const res = await post('/api/v1/family-events', wedding(extra));
      expect(res.statusCode, res.body).toBe(status);
      expect(res.json().error.details.map((d: { path: string }) => d.path)).toContain(path);
      expect(res.body).not.toContain('1381234');
    };
    await bad({ expectedGuests: 10_001 }, 400, 'expectedGuests');
    await bad({ expectedGuests: -1 }, 400, 'expectedGuests');
    await bad({ kind: 'party' }, 400, 'kind');
    await bad({ plannedOn: '2024-02-30' }, 400, 'plannedOn');
    await bad({ plannedOn: addDays(today, 400) }, 422, 'plannedOn');
    await bad({ hostPhone: '1381234' }, 400, 'hostPhone');
    await bad({ hostName: '' }, 400, 'hostName');
    await bad({ regionId: t.tree.villageA, kind: 'other', place: '' }, 400, 'place');
    const commander = (await signIn(t.app, 'commander', t.tree.county)).headers;
    const town = await post('/api/v1/family-events', wedding({ regionId: t.tree.townA }), commander);
    expect(town.statusCode).toBe(422);
    expect(town.json().error.details).toEqual([{ path: 'regionId', message: 'must be a village or grid' }]);
    const id = await file();
    const badGuide = await post(`/api/v1/family-events/${id}/guidance`, { decision: 'maybe', guidance: '' });
    expect(badGuide.statusCode).toBe(400);
    const paths = badGuide.json().error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['decision', 'guidance']));
    expect((await rows()).length).toBe(count + 1);
    expect((await get(`/api/v1/family-events/${id}`)).json().status).toBe('filed');
  });

  it('keeps to the subtree: lists, filters, and refuses another village’s event and patrol members’ writes', async () => {
    const secretaryB = (await signIn(t.app, 'village_secretary', t.tree.villageB)).headers;
    const westId = await file({ regionId: t.tree.gridB, hostName: '西村户主' }, secretaryB);
    const listA = await get('/api/v1/family-events');
    expect(listA.json().items.map((e: { id: string }) => e.id)).not.toContain(westId);
    expect((await get(`/api/v1/family-events/${westId}`)).statusCode).toBe(404);
    expect((await post(`/api/v1/family-events/${westId}/guidance`, { decision: 'simplified', guidance: '从简' })).statusCode).toBe(404);
    expect((await post('/api/v1/family-events', wedding({ regionId: t.tree.gridB }))).statusCode).toBe(403);
    const patrol = (await signIn(t.app, 'patrol_member', t.tree.villageA)).headers;
    expect((await post('/api/v1/family-events', wedding(), patrol)).statusCode).toBe(403);
    expect((await get('/api/v1/family-events', patrol)).statusCode).toBe(200);
    const worker = (await signIn(t.app, 'grid_worker', t.tree.gridA)).headers;
    expect((await post('/api/v1/family-events', wedding({ kind: 'other' }), worker)).statusCode).toBe(201);
    const funerals = await get('/api/v1/family-events?kind=funeral');
    expect(funerals.json().items.every((e: { kind: string }) => e.kind === 'funeral')).toBe(true);
    expect(funerals.json().items.length).toBe(1);
    const filed = await get('/api/v1/family-events?status=filed');
    expect(filed.json().items.every((e: { status: string }) => e.status === 'filed')).toBe(true);
    const range = await get(`/api/v1/family-events?from=${addDays(today, 11)}&to=${addDays(today, 20)}`);
    expect(range.json().items).toEqual([]);
    const paged = await get('/api/v1/family-events?limit=2');
    expect(paged.json().items).toHaveLength(2);
    const next = await get(`/api/v1/family-events?limit=2&cursor=${encodeURIComponent(paged.json().nextCursor)}`);
    expect(next.json().items[0].id < paged.json().items[1].id).toBe(true);
  });

  it('recounts to the same counters the writes kept', async () => {
    const before = { county: await counters(t.tree.county), village: await counters(t.tree.villageA), grid: await counters(t.tree.gridB) };
    await t.app.db.updateTable('region_counters').set({ value: 999 }).where('metric', 'like', 'family_events%').execute();
    await rebuildFamilyEventCounters(t.app.db, await regionPathOf(t.app.db, t.tree.townA));
    const strip = (bag: Record<string, number>) => Object.fromEntries(Object.entries(bag).filter(([, v]) => v !== 0));
    expect(strip(await counters(t.tree.county))).toEqual(strip(before.county));
    expect(strip(await counters(t.tree.villageA))).toEqual(strip(before.village));
    expect(strip(await counters(t.tree.gridB))).toEqual(strip(before.grid));
  });
});

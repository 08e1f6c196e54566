import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, aRegion, buildTestApp, signIn } from '../../../../test/support/app.ts';
import { entityBuilders } from '../../../../test/support/entity-builders.ts';
import type { LiveEvent } from '../../platform/events.ts';
import { tick } from '../../platform/jobs.ts';
import { addDays, dayIn } from '../../platform/time.ts';
import { zonedInstant } from '../../platform/zoned-time.ts';
import { readCounters } from '../stats/counters.ts';
import { quarantineMissedCheckJob } from './missed-check.job.ts';
import { rebuildQuarantineCounters } from './quarantine-counters.ts';
import { defaultEndOn, quarantineDueCounts } from './quarantine.service.ts';

let t: TestApp;
let worker: Record<string, string>;
let today: string;
const published: LiveEvent[] = [];
beforeAll(async () => {
  t = await buildTestApp();
  worker = (await signIn(t.app, 'grid_worker', t.tree.gridA)).headers;
  today = dayIn(t.app.config.timeZone);
  t.app.events.subscribe((e) => published.push(e));
});
afterAll(() => t.close());

const post = (url: string, payload: object, headers = worker) => t.app.inject({ method: 'POST', url, headers, payload });
const get = (url: string, headers = worker) => t.app.inject({ method: 'GET', url, headers });
const newPerson = async (regionId = t.tree.gridA, name = '隔离人') => {
  const res = await post('/api/v1/persons', { regionId, name, category: 'resident', phone: '13800138000' }, (await signIn(t.app, 'grid_worker', regionId)).headers);
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string }>().id;
};
const order = async (extra: object = {}, regionId = t.tree.gridA) => {
  const personId = await newPerson(regionId);
  const res = await post('/api/v1/quarantines', { personId, reason: '中高风险地区返乡', startOn: today, ...extra }, (await signIn(t.app, 'grid_worker', regionId)).headers);
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string; endOn: string; personId: string }>();
};
const active = async (regionId: number) => (await readCounters(t.app.db, [regionId], 'quarantines')).get(regionId)?.['quarantines.active'] ?? 0;
const detailPaths = (res: { json: () => { error: { details?: { path: string }[] } } }) => (res.json().error.details ?? []).map((d) => d.path);

describe('quarantine orders', () => {
  it('orders with the county period by default (an N-day order ends on day N), keeps counters and publishes', async () => {
    expect(defaultEndOn('2026-05-01', 14)).toBe('2026-05-14');
    const [county, grid] = [await active(t.tree.county), await active(t.tree.gridA)];
    const o = await order();
    expect(o).toMatchObject({ status: 'active', endOn: addDays(today, 13), personName: '隔离人', regionId: t.tree.gridA });
    expect(JSON.stringify(o)).not.toContain('13800138000');
    expect(await active(t.tree.county)).toBe(county + 1);
    expect(await active(t.tree.gridA)).toBe(grid + 1);
    expect(published).toContainEqual({ type: 'quarantine.changed', regionPath: expect.any(String), data: { id: o.id, status: 'active' } });
    const audit = await t.app.db.selectFrom('audit_log').selectAll().where('entity', '=', 'quarantine').where('entity_id', '=', o.id).execute();
    expect(audit.map((a) => a.action)).toEqual(['create']);

    const explicit = await order({ endOn: addDays(today, 6) });
    expect(explicit.endOn).toBe(addDays(today, 6));
  });

  it('refuses a second active order, an end before the start, a bad monitor and another village’s person', async () => {
    const o = await order();
    const again = await post('/api/v1/quarantines', { personId: o.personId, reason: '再次', startOn: today });
    expect(again.statusCode).toBe(409);
    expect(detailPaths(again)).toEqual(['personId']);

    const personId = await newPerson();
    const early = await post('/api/v1/quarantines', { personId, reason: '返乡', startOn: today, endOn: addDays(today, -1) });
    expect(early.statusCode).toBe(422);
    expect(detailPaths(early)).toEqual(['endOn']);

    const outsider = (await signIn(t.app, 'grid_worker', t.tree.gridB)).user.id;
    const badMonitor = await post('/api/v1/quarantines', { personId, reason: '返乡', startOn: today, monitorUserId: outsider });
    expect(badMonitor.statusCode).toBe(422);
    expect(detailPaths(badMonitor)).toEqual(['monitorUserId']);
    const auditor = (await signIn(t.app, 'auditor', t.tree.gridA)).user.id;
    expect((await post('/api/v1/quarantines', { personId, reason: '返乡', startOn: today, monitorUserId: auditor })).statusCode).toBe(422);
    const monitor = await signIn(t.app, 'grid_leader', t.tree.gridA);
    const ok = await post('/api/v1/quarantines', { personId, reason: '返乡', startOn: today, monitorUserId: monitor.user.id });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ monitorUserId: monitor.user.id, monitorName: '测试grid_leader' });

    const elsewhere = await newPerson(t.tree.gridB);
    const hidden = await post('/api/v1/quarantines', { personId: elsewhere, reason: '返乡', startOn: today });
    expect(hidden.statusCode).toBe(404);
  });

  it('lists the subtree with filters, and reads one order with checks and history (audited)', async () => {
    const o = await order({ endOn: addDays(today, 1) });
    const b = await order({}, t.tree.gridB);
    const town = (await signIn(t.app, 'town_officer', t.tree.townA)).headers;
    const list = (await get(`/api/v1/quarantines?regionId=${t.tree.townA}&status=active&endingBy=${addDays(today, 1)}`, town)).json<{ items: { id: string }[] }>();
    const ids = list.items.map((i) => i.id);
    expect(ids).toContain(o.id);
    expect(ids).not.toContain(b.id);
    const mine = (await get('/api/v1/quarantines')).json<{ items: { id: string; regionId: number }[] }>();
    expect(mine.items.every((i) => i.regionId === t.tree.gridA)).toBe(true);
    expect((await get(`/api/v1/quarantines/${b.id}`)).statusCode).toBe(404);

    await post(`/api/v1/quarantines/${o.id}/checks`, { temperature: 36.5, symptoms: ['cough'] });
    const detail = await get(`/api/v1/quarantines/${o.id}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.json()).toMatchObject({ id: o.id, checks: [{ temperature: 36.5, symptoms: ['cough'], fever: false }], events: [{ kind: 'ordered' }] });
    const reads = await t.app.db.selectFrom('audit_log').select('action').where('entity', '=', 'quarantine').where('entity_id', '=', o.id).execute();
    expect(reads.map((r) => r.action)).toContain('read');
  });
});

describe('checks, alerts and the order’s life', () => {
  it('records a check, raises an alert on a fever, and keeps health data out of the audit log', async () => {
    const o = await order();
    const normal = await post(`/api/v1/quarantines/${o.id}/checks`, { temperature: 36.8 });
    expect(normal.statusCode, normal.body).toBe(201);
    expect(normal.json()).toMatchObject({ temperature: 36.8, symptoms: [], fever: false, alert: false, day: today });
    const fever = await post(`/api/v1/quarantines/${o.id}/checks`, { temperature: 37.3, symptoms: ['fever', 'cough'], note: '咳嗽' });
    expect(fever.statusCode).toBe(201);
    expect(fever.json()).toMatchObject({ fever: true, alert: true });
    expect(published.some((e) => e.type === 'quarantine.alert' && e.data?.orderId === o.id && e.data?.kind === 'fever')).toBe(true);
    const entries = await t.app.db.selectFrom('audit_log').select('details').where('entity', '=', 'quarantine_check').execute();
    expect(entries.length).toBeGreaterThan(0);
    expect(JSON.stringify(entries)).not.toMatch(/37\.3|cough|咳嗽/);
  });

  it('names temperature when it is out of range or missing, and refuses an unknown symptom', async () => {
    const o = await order();
    for (const payload of [{ temperature: 33.9 }, { temperature: 43.1 }, {}]) {
      const res = await post(`/api/v1/quarantines/${o.id}/checks`, payload);
      expect(res.statusCode).toBe(400);
      expect(detailPaths(res).some((p) => p.includes('temperature'))).toBe(true);
      expect(res.body).not.toMatch(/33\.9|43\.1/);
    }
    expect((await post(`/api/v1/quarantines/${o.id}/checks`, { temperature: 36.5, symptoms: ['headache'] })).statusCode).toBe(400);
    expect((await post(`/api/v1/quarantines/${o.id}/checks`, { temperature: 34.0 })).statusCode).toBe(201);
    expect((await post(`/api/v1/quarantines/${o.id}/checks`, { temperature: 43.0 })).statusCode).toBe(201);
  });

  it('extends to a later end only, records a breach with an alert, and releases once', async () => {
    const o = await order();
    const shorter = await post(`/api/v1/quarantines/${o.id}/extension`, { endOn: o.endOn, reason: '复查' });
    expect(shorter.statusCode).toBe(422);
    expect(detailPaths(shorter)).toEqual(['endOn']);
    const ext = await post(`/api/v1/quarantines/${o.id}/extension`, { endOn: addDays(o.endOn, 7), reason: '复查阳性' });
    expect(ext.statusCode, ext.body).toBe(200);
    expect(ext.json().endOn).toBe(addDays(o.endOn, 7));

    const breach = await post(`/api/v1/quarantines/${o.id}/breaches`, { note: '擅自外出' });
    expect(breach.statusCode, breach.body).toBe(201);
    const alert = await t.app.db.selectFrom('quarantine_alerts').selectAll().where('id', '=', breach.json().alertId).executeTakeFirstOrThrow();
    expect(alert).toMatchObject({ kind: 'breach', order_id: o.id, region_id: t.tree.gridA });

    const before = await active(t.tree.county);
    const rel = await post(`/api/v1/quarantines/${o.id}/release`, { note: '期满解除' });
    expect(rel.statusCode, rel.body).toBe(200);
    expect(rel.json()).toMatchObject({ status: 'released' });
    expect(await active(t.tree.county)).toBe(before - 1);
    expect(published).toContainEqual({ type: 'quarantine.changed', regionPath: expect.any(String), data: { id: o.id, status: 'released' } });
    expect((await post(`/api/v1/quarantines/${o.id}/release`, { note: '再次' })).statusCode).toBe(409);
    expect((await post(`/api/v1/quarantines/${o.id}/checks`, { temperature: 36.5 })).statusCode).toBe(409);
    expect(await active(t.tree.county)).toBe(before - 1);
    const detail = (await get(`/api/v1/quarantines/${o.id}`)).json<{ events: { kind: string }[] }>();
    expect(detail.events.map((e) => e.kind).sort()).toEqual(['breach', 'extended', 'ordered', 'released']);
    // The person can be ordered again once released.
    expect((await post('/api/v1/quarantines', { personId: o.personId, reason: '再次返乡', startOn: today })).statusCode).toBe(201);
  });

  it('lists a region’s open alerts and acknowledges one (twice is no change)', async () => {
    const village = await aRegion(t.app, t.tree.townC, 'village', '隔离村');
    const grid = await aRegion(t.app, village, 'grid', '隔离网格');
    const alertId = await entityBuilders.quarantine_alert!(t.app, grid);
    const secretary = (await signIn(t.app, 'village_secretary', village)).headers;
    const town = (await signIn(t.app, 'town_officer', t.tree.townC)).headers;
    const open = (await get(`/api/v1/quarantines/alerts?regionId=${t.tree.townC}&open=true`, town)).json<{ items: { id: string; kind: string; personName: string }[] }>();
    expect(open.items.map((a) => a.id)).toEqual([alertId]);
    expect(open.items[0]).toMatchObject({ kind: 'fever', personName: '测试' });
    expect((await get(`/api/v1/quarantines/alerts?regionId=${t.tree.townC}&open=true`)).statusCode).toBe(403);
    const ack = await post(`/api/v1/quarantines/alerts/${alertId}/ack`, {}, secretary);
    expect(ack.statusCode, ack.body).toBe(200);
    expect(ack.json().acknowledgedAt).toEqual(expect.any(String));
    const again = await post(`/api/v1/quarantines/alerts/${alertId}/ack`, {}, town);
    expect(again.json().acknowledgedAt).toBe(ack.json().acknowledgedAt);
    expect((await get(`/api/v1/quarantines/alerts?regionId=${village}&open=true`, secretary)).json().items).toEqual([]);
    expect((await get(`/api/v1/quarantines/alerts?regionId=${village}&open=false`, secretary)).json().items).toHaveLength(1);
    expect((await post(`/api/v1/quarantines/alerts/${alertId}/ack`, {})).statusCode).toBe(404);
  });
  it('keeps a village’s alerts on the right town’s list when the village moves to another town', async () => {
    const village = await aRegion(t.app, t.tree.townC, 'village', '搬迁村');
    const grid = await aRegion(t.app, village, 'grid', '搬迁网格');
    const alertId = await entityBuilders.quarantine_alert!(t.app, grid);
    const admin = (await signIn(t.app, 'admin', t.tree.county)).headers;
    const listOf = async (regionId: number) => (await get(`/api/v1/quarantines/alerts?regionId=${regionId}&open=true&limit=500`, admin)).json<{ items: { id: string }[] }>().items.map((a) => a.id);
    expect(await listOf(t.tree.townC)).toContain(alertId);
    const moved = await t.app.inject({ method: 'PATCH', url: `/api/v1/regions/${village}`, headers: admin, payload: { parentId: t.tree.townA } });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(await listOf(t.tree.townC)).not.toContain(alertId);
    expect(await listOf(t.tree.townA)).toContain(alertId);
    expect(await listOf(village)).toContain(alertId);
    expect(await listOf(grid)).toContain(alertId);
    expect(await listOf(t.tree.county)).toContain(alertId);
  });
});

describe('the missed-check job, due counts and the report prefill', () => {
  it('raises one missed_check alert per order without a check that day, however often it ticks', async () => {
    const village = await aRegion(t.app, t.tree.townC, 'village', '漏检村');
    const grid = await aRegion(t.app, village, 'grid', '漏检网格');
    const day = '2026-03-10';
    const unchecked = await order({ startOn: '2026-03-01' }, grid);
    const checked = await order({ startOn: '2026-03-01' }, grid);
    await t.app.db
      .insertInto('quarantine_checks')
      .values({ id: '01932f6e-1c2a-7def-8a00-0000000000f1', order_id: checked.id, region_id: grid, day, at: '2026-03-10T01:00:00.000Z', temperature_enc: t.app.fieldCrypto.encrypt('36.5'), symptoms_enc: t.app.fieldCrypto.encrypt('[]'), note_enc: null, fever: 0, user_id: null })
      .execute();
    const events: LiveEvent[] = [];
    const job = quarantineMissedCheckJob({ timeZone: 'Asia/Shanghai', publish: (e) => events.push(e) });
    expect(job.runKeyAt(zonedInstant(day, '19:59', 'Asia/Shanghai'))).toBeNull();
    const due = zonedInstant(day, '20:00', 'Asia/Shanghai');
    expect(await tick(t.app.db, [job], due)).toEqual(['quarantine-missed-check']);
    expect(await tick(t.app.db, [job], zonedInstant(day, '22:00', 'Asia/Shanghai'))).toEqual([]);
    await job.run(t.app.db, day); // a retried run raises nothing twice
    const alerts = await t.app.db.selectFrom('quarantine_alerts').select(['order_id', 'kind']).where('region_id', '=', grid).where('day', '=', day).execute();
    expect(alerts).toEqual([{ order_id: unchecked.id, kind: 'missed_check' }]);
    expect(events.filter((e) => e.data?.orderId === unchecked.id)).toHaveLength(1);
  });

  it('counts orders ending today and overdue, and pre-fills the report’s quarantine figures', async () => {
    const village = await aRegion(t.app, t.tree.townC, 'village', '到期村');
    const grid = await aRegion(t.app, village, 'grid', '到期网格');
    await order({ startOn: addDays(today, -13) }, grid); // ends today
    await order({ startOn: addDays(today, -20), endOn: addDays(today, -2) }, grid); // overdue
    const later = await order({}, grid);
    const path = (await t.app.db.selectFrom('regions').select('path').where('id', '=', village).executeTakeFirstOrThrow()).path;
    expect(await quarantineDueCounts(t.app.db, path, today)).toEqual({ ending: 1, overdue: 1 });

    const h = (await signIn(t.app, 'grid_worker', grid)).headers;
    await post(`/api/v1/quarantines/${later.id}/checks`, { temperature: 38.2 }, h);
    await post(`/api/v1/quarantines/${later.id}/checks`, { temperature: 38.0 }, h);
    const prefill = await get(`/api/v1/daily-reports/prefill?regionId=${grid}&date=${today}`, h);
    expect(prefill.statusCode, prefill.body).toBe(200);
    expect(prefill.json().figures).toMatchObject({ underQuarantine: 3, abnormalHealth: 1 });
  });

  it('recounts quarantines.active from the orders to the same figures the writes kept', async () => {
    const kept = await readCounters(t.app.db, [t.tree.county, t.tree.townA, t.tree.gridA, t.tree.townC], 'quarantines');
    await t.app.db.updateTable('region_counters').set({ value: 999 }).where('metric', '=', 'quarantines.active').execute();
    const county = await t.app.db.selectFrom('regions').select('path').where('id', '=', t.tree.county).executeTakeFirstOrThrow();
    await rebuildQuarantineCounters(t.app.db, county.path);
    expect(await readCounters(t.app.db, [t.tree.county, t.tree.townA, t.tree.gridA, t.tree.townC], 'quarantines')).toEqual(kept);
    expect(kept.get(t.tree.county)?.['quarantines.active']).toBeGreaterThan(5);
  });
});

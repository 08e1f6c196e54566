// Rectification tasks: who sees them, closing with evidence, escalation and missed visits.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, buildTestApp, signIn } from '../../../../test/support/app.ts';
import { multipart } from '../../../../test/support/multipart.ts';
import { aPng } from '../../../../test/support/photos.ts';
import type { LiveEvent } from '../../platform/events.ts';
import { tick } from '../../platform/jobs.ts';
import { addDays, dayIn } from '../../platform/time.ts';
import { readCounters } from '../stats/counters.ts';
import { rebuildInspectionCounters } from './inspection-counters.ts';
import { ESCALATE_EVERY_DAYS, escalateOverdue, inspectionsHourlyJob, markMissedVisits } from './inspections.jobs.ts';

let t: TestApp;
type Headers = Record<string, string>;
let officer: Headers;
let commander: Headers;
let secretaryA: Headers;
let secretaryB: Headers;
let worker: { headers: Headers; id: string };
let otherWorker: Headers;
let officerC: Headers;
let townTeam: string;
let today: string;
const published: LiveEvent[] = [];
const DAY = 86_400_000;

const post = (url: string, payload: object, headers: Headers) => t.app.inject({ method: 'POST', url, headers, payload });
const get = (url: string, headers: Headers) => t.app.inject({ method: 'GET', url, headers });
const checklist = (issue?: string) => ['quarantine_control', 'key_persons', 'outsiders', 'anomalies'].map((item) => ({ item, result: item === issue ? 'issue' : 'ok' }));

async function upload(file: Buffer, headers: Headers) {
  const body = multipart(file, {}, 'evidence.png');
  return t.app.inject({ method: 'POST', url: '/api/v1/rectifications/photos', headers: { ...headers, ...body.headers }, payload: body.payload });
}

/** Records an ad-hoc inspection of `villageId` with one finding; returns the task's id. */
async function aTask(villageId: number, finding: object = {}): Promise<string> {
  const res = await post('/api/v1/inspections', { teamId: townTeam, regionId: villageId, checklist: checklist('anomalies'), findings: [{ item: 'anomalies', description: '村口聚集未劝散', ...finding }] }, officer);
  expect(res.statusCode, res.body).toBe(201);
  return res.json().findingList[0].rectificationId;
}
const openCount = async (regionId: number) => (await readCounters(t.app.db, [regionId])).get(regionId)?.['rectifications.open'] ?? 0;
const taskRow = (id: string) => t.app.db.selectFrom('rectifications').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
/** Moves a task's deadline into the past: due `daysAgo` days before now. */
const makeOverdue = (id: string, daysAgo = 1) => t.app.db.updateTable('rectifications').set({ due_at: new Date(Date.now() - daysAgo * DAY).toISOString() }).where('id', '=', id).execute();

beforeAll(async () => {
  t = await buildTestApp();
  today = dayIn(t.app.config.timeZone);
  t.app.events.subscribe((e) => published.push(e));
  officer = (await signIn(t.app, 'town_officer', t.tree.townA)).headers;
  commander = (await signIn(t.app, 'commander', t.tree.county)).headers;
  secretaryA = (await signIn(t.app, 'village_secretary', t.tree.villageA)).headers;
  secretaryB = (await signIn(t.app, 'village_secretary', t.tree.villageB)).headers;
  const w = await signIn(t.app, 'grid_worker', t.tree.gridA);
  worker = { headers: w.headers, id: w.user.id };
  otherWorker = (await signIn(t.app, 'grid_worker', t.tree.gridA2)).headers;
  officerC = (await signIn(t.app, 'town_officer', t.tree.townC)).headers;
  townTeam = (await post('/api/v1/patrol-teams', { regionId: t.tree.townA, name: '城关镇督查队', kind: 'inspection' }, officer)).json().id;
});
afterAll(() => t.close());

describe('who sees a rectification task', () => {
  it('shows it in the village’s subtree and to its owner, and to no one else', async () => {
    const owned = await aTask(t.tree.villageA, { ownerUserId: worker.id });
    const plain = await aTask(t.tree.villageA);
    for (const headers of [secretaryA, officer, commander, worker.headers]) expect((await get(`/api/v1/rectifications/${owned}`, headers)).statusCode).toBe(200);
    for (const headers of [secretaryB, otherWorker, officerC]) expect((await get(`/api/v1/rectifications/${owned}`, headers)).statusCode).toBe(404);
    expect((await get(`/api/v1/rectifications/${plain}`, worker.headers)).statusCode).toBe(404);
    const workerList = (await get('/api/v1/rectifications', worker.headers)).json().items.map((r: { id: string }) => r.id);
    expect(workerList).toContain(owned);
    expect(workerList).not.toContain(plain);
    const secList = (await get(`/api/v1/rectifications?regionId=${t.tree.villageA}`, secretaryA)).json().items.map((r: { id: string }) => r.id);
    expect(secList).toEqual(expect.arrayContaining([owned, plain]));
    expect((await get('/api/v1/rectifications', secretaryB)).json().items).toEqual([]);
    expect((await get(`/api/v1/rectifications?regionId=${t.tree.villageA}`, secretaryB)).statusCode).toBe(403);
    const mine = (await get(`/api/v1/rectifications?ownerUserId=${worker.id}&status=open`, officer)).json().items;
    expect(mine.map((r: { id: string }) => r.id)).toEqual([owned]);
  });
});

describe('closing a rectification task', () => {
  it('needs what was done and a stored photo of it, and saves nothing otherwise', async () => {
    const task = await aTask(t.tree.villageA);
    const before = await openCount(t.tree.townA);
    const noPhotos = await post(`/api/v1/rectifications/${task}/close`, { evidenceText: '已整改', photos: [] }, secretaryA);
    expect(noPhotos.statusCode).toBe(400);
    expect(noPhotos.json().error.details[0].path).toBe('photos');
    const noText = await post(`/api/v1/rectifications/${task}/close`, { photos: ['a'.repeat(64)] }, secretaryA);
    expect(noText.statusCode).toBe(400);
    expect(noText.json().error.details[0].path).toBe('evidenceText');
    const unknown = await post(`/api/v1/rectifications/${task}/close`, { evidenceText: '已整改', photos: ['a'.repeat(64)] }, secretaryA);
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().error.details[0].path).toBe('photos.0');
    expect((await taskRow(task)).status).toBe('open');
    expect(await openCount(t.tree.townA)).toBe(before);

    const photo = await upload(aPng(40), secretaryA);
    expect(photo.statusCode, photo.body).toBe(201);
    const sha = photo.json().sha256;
    expect((await upload(Buffer.from('no picture here, only text'), secretaryA)).statusCode).toBe(415);
    // Not readable before it closes a task: no task shows it yet.
    expect((await get(`/api/v1/rectifications/photos/${sha}`, secretaryA)).statusCode).toBe(404);
    const closed = await post(`/api/v1/rectifications/${task}/close`, { evidenceText: '已督促测温并安装门磁', photos: [sha] }, secretaryA);
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'closed', evidenceText: '已督促测温并安装门磁', evidencePhotos: [sha], overdue: false });
    expect(closed.json().closedAt).not.toBeNull();
    expect(await openCount(t.tree.townA)).toBe(before - 1);
    expect((await post(`/api/v1/rectifications/${task}/close`, { evidenceText: '再次', photos: [sha] }, secretaryA)).statusCode).toBe(409);
    const seen = await get(`/api/v1/rectifications/photos/${sha}`, officer);
    expect(seen.statusCode).toBe(200);
    expect(seen.headers['content-type']).toBe('image/jpeg');
    expect((await get(`/api/v1/rectifications/photos/${sha}`, secretaryB)).statusCode).toBe(404);
    expect(published.some((e) => e.type === 'rectification.changed' && e.data?.id === task)).toBe(true);
  });

  it('is for the owner or an account above the task’s current level', async () => {
    const task = await aTask(t.tree.villageA, { ownerUserId: worker.id });
    const sha = (await upload(aPng(41), worker.headers)).json().sha256;
    const close = (headers: Headers) => post(`/api/v1/rectifications/${task}/close`, { evidenceText: '已整改', photos: [sha] }, headers);
    expect((await close(otherWorker)).statusCode).toBe(404);
    expect((await close(secretaryB)).statusCode).toBe(404);
    // Escalated to the town: the village secretary no longer answers for it, the owner still does.
    await makeOverdue(task);
    await escalateOverdue(t.app.db, new Date(), () => undefined);
    expect((await close(secretaryA)).statusCode).toBe(403);
    expect((await close(worker.headers)).statusCode).toBe(200);
    const other = await aTask(t.tree.villageA);
    await makeOverdue(other);
    await escalateOverdue(t.app.db, new Date(), () => undefined);
    expect((await post(`/api/v1/rectifications/${other}/close`, { evidenceText: '已整改', photos: [sha] }, officer)).statusCode).toBe(200);
  });
});

describe('escalation of overdue tasks', () => {
  it('climbs one level when overdue and one more per further period, never twice for the same step', async () => {
    const task = await aTask(t.tree.villageB, { ownerUserId: (await signIn(t.app, 'grid_worker', t.tree.gridB)).user.id });
    expect(await escalateOverdue(t.app.db, new Date(), () => undefined)).toBe(0);
    await makeOverdue(task);
    const events: LiveEvent[] = [];
    const now = new Date();
    await escalateOverdue(t.app.db, now, (e) => events.push(e));
    await escalateOverdue(t.app.db, now, (e) => events.push(e));
    const once = await taskRow(task);
    expect(Number(once.escalation_level)).toBe(1);
    expect(once.escalated_to_region_id).toBe(t.tree.townA);
    expect(events.filter((e) => e.data?.id === task)).toHaveLength(1);
    const townPath = (await t.app.db.selectFrom('regions').select('path').where('id', '=', t.tree.townA).executeTakeFirstOrThrow()).path;
    expect(events[0]?.regionPath).toBe(townPath);
    const listed = (await get(`/api/v1/rectifications?regionId=${t.tree.villageB}&overdue=true`, officer)).json().items;
    expect(listed.find((r: { id: string }) => r.id === task)).toMatchObject({ overdue: true, escalationLevel: 1, escalatedToRegionId: t.tree.townA, escalatedToRegionName: '城关镇' });
    // Still open a period later: the county.
    const later = new Date(now.getTime() + ESCALATE_EVERY_DAYS * DAY + 60_000);
    await escalateOverdue(t.app.db, later, (e) => events.push(e));
    await escalateOverdue(t.app.db, new Date(later.getTime() + ESCALATE_EVERY_DAYS * DAY + 60_000), (e) => events.push(e));
    const top = await taskRow(task);
    expect(Number(top.escalation_level)).toBe(2);
    expect(top.escalated_to_region_id).toBe(t.tree.county);
    expect(events.filter((e) => e.data?.id === task)).toHaveLength(2);
    const summary = (await get(`/api/v1/inspections/summary?regionId=${t.tree.villageB}`, officer)).json();
    expect(summary.rectificationsOverdue).toBeGreaterThanOrEqual(1);
  });

  it('runs once an hour across instances and restarts (claimed in job_runs)', async () => {
    const task = await aTask(t.tree.villageB);
    await makeOverdue(task);
    const at = new Date();
    const first = await tick(t.app.db, [inspectionsHourlyJob({ publish: () => undefined })], at);
    // A second instance (or this one after a restart) in the same hour runs nothing.
    const second = await tick(t.app.db, [inspectionsHourlyJob({ publish: () => undefined })], new Date(at.getTime() + 1000));
    expect(first).toEqual(['inspections-hourly']);
    expect(second).toEqual([]);
    expect(Number((await taskRow(task)).escalation_level)).toBe(1);
  });
});

describe('two instances at once', () => {
  it('escalate a task one step and claim the hour once', async () => {
    const task = await aTask(t.tree.villageA);
    await makeOverdue(task);
    const events: LiveEvent[] = [];
    const now = new Date();
    await Promise.all([escalateOverdue(t.app.db, now, (e) => events.push(e)), escalateOverdue(t.app.db, now, (e) => events.push(e))]);
    expect(events.filter((e) => e.data?.id === task)).toHaveLength(1);
    expect(Number((await taskRow(task)).escalation_level)).toBe(1);
    const hour = new Date(now.getTime() + 3 * 3_600_000);
    const ran = await Promise.all([
      tick(t.app.db, [inspectionsHourlyJob({ publish: () => undefined })], hour),
      tick(t.app.db, [inspectionsHourlyJob({ publish: () => undefined })], hour),
    ]);
    expect(ran.flat()).toEqual(['inspections-hourly']);
  });
});

describe('missed visits', () => {
  it('marks a visit not recorded a day after its time as missed, once, and then shows it to the village', async () => {
    const schedule = (await post('/api/v1/inspections/schedules', { teamId: townTeam, from: addDays(today, 1), to: addDays(today, 2), villageIds: [t.tree.villageA] }, officer)).json();
    const visit = await t.app.db.selectFrom('inspections').select('id').where('schedule_id', '=', schedule.id).executeTakeFirstOrThrow();
    expect((await get(`/api/v1/inspections/${visit.id}`, secretaryA)).statusCode).toBe(404);
    await t.app.db.updateTable('inspections').set({ scheduled_at: new Date(Date.now() - 25 * 3_600_000).toISOString() }).where('id', '=', visit.id).execute();
    expect(await markMissedVisits(t.app.db, new Date(), () => undefined)).toBe(1);
    expect(await markMissedVisits(t.app.db, new Date(), () => undefined)).toBe(0);
    const seen = await get(`/api/v1/inspections/${visit.id}`, secretaryA);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().status).toBe('missed');
    // A missed visit may still be recorded late.
    const late = await post('/api/v1/inspections', { inspectionId: visit.id, checklist: checklist() }, officer);
    expect(late.statusCode, late.body).toBe(201);
  });
});

describe('counters', () => {
  it('are rebuilt from the records to the same figures', async () => {
    const county = (await t.app.db.selectFrom('regions').select('path').where('id', '=', t.tree.county).executeTakeFirstOrThrow()).path;
    const before = (await readCounters(t.app.db, [t.tree.county, t.tree.townA, t.tree.villageA, t.tree.villageB])).entries();
    const kept = [...before].map(([id, bag]) => [id, bag.inspections ?? 0, bag['rectifications.open'] ?? 0]);
    expect(kept[0]?.[1]).toBeGreaterThan(0);
    await t.app.db.updateTable('region_counters').set({ value: 999 }).where('metric', '=', 'inspections').execute();
    await rebuildInspectionCounters(t.app.db, county);
    const after = [...(await readCounters(t.app.db, [t.tree.county, t.tree.townA, t.tree.villageA, t.tree.villageB])).entries()].map(([id, bag]) => [id, bag.inspections ?? 0, bag['rectifications.open'] ?? 0]);
    expect(after).toEqual(kept);
  });
});

import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import { type TestApp, aRegion, buildTestApp, signIn } from '../../../../test/support/app.ts';
import { entityBuilders } from '../../../../test/support/entity-builders.ts';
import { HOSTILE_TEXTS as H, expectFormulaSafe, openXlsx } from '../../../../test/support/xlsx.ts';
import type { Actor } from '../../platform/access.ts';
import { tick } from '../../platform/jobs.ts';
import { addDays, dayIn } from '../../platform/time.ts';
import { readDayCounters } from '../stats/counters.ts';
import { REMINDER_JOB } from './reminders.job.ts';
import { fileReport } from './reports.service.ts';
import { zonedInstant } from '../../platform/zoned-time.ts';
import { filer } from '../tips/tip-test-helpers.ts';

let t: TestApp;
let today: string;
const TZ = 'Asia/Shanghai';
beforeAll(async () => {
  t = await buildTestApp();
  today = dayIn(t.app.config.timeZone);
});
afterAll(() => t.close());

type Headers = Record<string, string>;
const post = (url: string, payload: object, headers: Headers) => t.app.inject({ method: 'POST', url, headers, payload });
const get = (url: string, headers: Headers) => t.app.inject({ method: 'GET', url, headers });
const patch = (url: string, payload: object, headers: Headers) => t.app.inject({ method: 'PATCH', url, headers, payload });

async function aGrid(villageId: number, name: string) {
  return aRegion(t.app, villageId, 'grid', name);
}
async function actorFor(role: Actor['role'], regionId: number): Promise<Actor> {
  const { user, username } = await signIn(t.app, role, regionId);
  const r = await t.app.db.selectFrom('regions').select(['path', 'level']).where('id', '=', regionId).executeTakeFirstOrThrow();
  return { userId: user.id, username, displayName: username, role, regionId, regionPath: r.path, regionLevel: r.level, authKind: 'token', sessionId: '', csrfToken: null, mustChangePassword: false };
}
const dayCounters = async (regionId: number, day: string) => (await readDayCounters(t.app.db, [regionId], day, day)).get(regionId)?.get(day) ?? {};

describe('filing the daily report', () => {
  it('files on time or late by the deadline of the day in the county zone (service with a given now)', async () => {
    const grid = await aGrid(t.tree.villageA, '准时网格');
    const grid2 = await aGrid(t.tree.villageA, '迟报网格');
    const actor = await actorFor('grid_worker', t.tree.villageA);
    const day = '2026-03-10';
    const deps = (now: Date) => ({ ctx: { userId: actor.userId, ip: null }, actor, timeZone: TZ, deadline: '17:00', now });
    const onTime = await t.app.db.transaction().execute((tx) => fileReport(tx, deps(zonedInstant(day, '16:59', TZ)), { regionId: grid, date: day, figures: { householdsVisited: 3 } }));
    expect(onTime).toMatchObject({ created: true, report: { onTime: true, status: 'filed', version: 1 } });
    const late = await t.app.db.transaction().execute((tx) => fileReport(tx, deps(zonedInstant(day, '17:01', TZ)), { regionId: grid2, date: day, figures: {} }));
    expect(late.report.onTime).toBe(false);
    // At the deadline itself is still on time; a correction later keeps it on time.
    const corrected = await t.app.db.transaction().execute((tx) => fileReport(tx, deps(zonedInstant(day, '20:00', TZ)), { regionId: grid, date: day, figures: { householdsVisited: 4 } }));
    expect(corrected).toMatchObject({ created: false, report: { onTime: true, version: 2, figures: { householdsVisited: 4 } } });
    expect(await dayCounters(t.tree.villageA, day)).toMatchObject({ 'reports.filed': 2, 'reports.on_time': 1, 'reports.late': 1, 'figures.householdsVisited': 4 });
  });

  it('files through the API (201), judged by the deadline setting, and corrects on a second filing (200) keeping history', async () => {
    const admin = (await signIn(t.app, 'admin', t.tree.county)).headers;
    const worker = (await signIn(t.app, 'grid_worker', t.tree.gridA)).headers;
    expect((await patch('/api/v1/settings', { reportDeadline: '23:59' }, admin)).statusCode).toBe(200);
    const first = await post('/api/v1/daily-reports', { regionId: t.tree.gridA, date: today, figures: { householdsVisited: 5, newArrivals: 2 }, note: '正常' }, worker);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ regionId: t.tree.gridA, regionName: '东村第一网格', date: today, status: 'filed', onTime: true, zero: false, version: 1, note: '正常' });
    expect(first.json().figures).toEqual({ householdsVisited: 5, newArrivals: 2, departures: 0, underQuarantine: 0, abnormalHealth: 0, tipsReceived: 0 });
    const before = await dayCounters(t.tree.county, today);

    const again = await post('/api/v1/daily-reports', { regionId: t.tree.gridA, date: today, figures: { householdsVisited: 7, newArrivals: 1 } }, worker);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ id: first.json().id, version: 2, onTime: true, firstFiledAt: first.json().firstFiledAt });
    const after = await dayCounters(t.tree.county, today);
    expect(after['reports.filed']).toBe(before['reports.filed']);
    expect(after['figures.householdsVisited']).toBe((before['figures.householdsVisited'] ?? 0) + 2);
    expect(after['figures.newArrivals']).toBe((before['figures.newArrivals'] ?? 0) - 1);

    const read = await get(`/api/v1/daily-reports/${first.json().id}`, worker);
    expect(read.statusCode).toBe(200);
    expect(read.json().history.map((h: { kind: string; version: number }) => [h.kind, h.version])).toEqual([['filed', 1], ['corrected', 2]]);
    expect(read.json().history[0]).toMatchObject({ figures: { householdsVisited: 5 }, by: expect.any(String) });
    expect(read.json().filedBy).toEqual(expect.any(String));
    const audits = await t.app.db.selectFrom('audit_log').select('action').where('entity', '=', 'daily_report').where('entity_id', '=', first.json().id).execute();
    expect(audits.map((a) => a.action).sort()).toEqual(['correct', 'create']);

    // With a deadline at midnight, today's first filing is late.
    expect((await patch('/api/v1/settings', { reportDeadline: '00:00' }, admin)).statusCode).toBe(200);
    const lateOne = await post('/api/v1/daily-reports', { regionId: t.tree.gridA2, date: today, figures: {} }, (await signIn(t.app, 'grid_leader', t.tree.gridA2)).headers);
    expect(lateOne.statusCode).toBe(201);
    expect(lateOne.json().onTime).toBe(false);
    expect((await patch('/api/v1/settings', { reportDeadline: '17:00' }, admin)).statusCode).toBe(200);
  });

  it('takes a zero report, and refuses one with a non-zero figure naming it', async () => {
    const grid = await aGrid(t.tree.villageB, '零报告网格');
    const worker = (await signIn(t.app, 'grid_worker', grid)).headers;
    const bad = await post('/api/v1/daily-reports', { regionId: grid, date: today, zero: true, figures: { householdsVisited: 0, departures: 2 } }, worker);
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.details).toEqual([{ path: 'figures.departures', message: expect.any(String) }]);
    const zero = await post('/api/v1/daily-reports', { regionId: grid, date: today, zero: true, figures: {} }, worker);
    expect(zero.statusCode).toBe(201);
    expect(zero.json()).toMatchObject({ zero: true, figures: { householdsVisited: 0 } });
    expect((await dayCounters(grid, today))['reports.zero']).toBe(1);
  });

  it('refuses future days, days more than 7 back, non-grids, other regions, bad figures and wrong roles, naming the field', async () => {
    const worker = (await signIn(t.app, 'grid_worker', t.tree.gridB)).headers;
    const future = await post('/api/v1/daily-reports', { regionId: t.tree.gridB, date: addDays(today, 1), figures: {} }, worker);
    expect(future.statusCode).toBe(422);
    expect(future.json().error.details[0].path).toBe('date');
    const old = await post('/api/v1/daily-reports', { regionId: t.tree.gridB, date: addDays(today, -8), figures: {} }, worker);
    expect(old.statusCode).toBe(422);
    expect(old.json().error.details[0].path).toBe('date');
    const secretary = (await signIn(t.app, 'village_secretary', t.tree.villageB)).headers;
    const village = await post('/api/v1/daily-reports', { regionId: t.tree.villageB, date: today, figures: {} }, secretary);
    expect(village.statusCode).toBe(422);
    expect(village.json().error.details[0].path).toBe('regionId');
    const outside = await post('/api/v1/daily-reports', { regionId: t.tree.gridA, date: today, figures: {} }, worker);
    expect(outside.statusCode).toBe(403);
    const negative = await post('/api/v1/daily-reports', { regionId: t.tree.gridB, date: today, figures: { householdsVisited: -1 } }, worker);
    expect(negative.statusCode).toBe(400);
    expect(negative.json().error.details[0].path).toBe('figures.householdsVisited');
    const fraction = await post('/api/v1/daily-reports', { regionId: t.tree.gridB, date: today, figures: { newArrivals: 1.5 } }, worker);
    expect(fraction.statusCode).toBe(400);
    expect(fraction.json().error.details[0].path).toBe('figures.newArrivals');
    const unknown = await post('/api/v1/daily-reports', { regionId: t.tree.gridB, date: today, figures: { cats: 1 } }, worker);
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details[0].path).toBe('figures.cats');
    const patrol = (await signIn(t.app, 'patrol_member', t.tree.gridB)).headers;
    expect((await post('/api/v1/daily-reports', { regionId: t.tree.gridB, date: today, figures: {} }, patrol)).statusCode).toBe(403);
    // A missed day of the last week may still be filed, late.
    const lateDay = await post('/api/v1/daily-reports', { regionId: t.tree.gridB, date: addDays(today, -7), figures: {} }, worker);
    expect(lateDay.statusCode).toBe(201);
    expect(lateDay.json().onTime).toBe(false);
  });

  it('answers a resent filing (same Idempotency-Key) with the first answer, creating nothing new', async () => {
    const grid = await aGrid(t.tree.villageB, '重发网格');
    const worker = (await signIn(t.app, 'grid_worker', grid)).headers;
    const body = { regionId: grid, date: today, figures: { householdsVisited: 2 } };
    const first = await post('/api/v1/daily-reports', body, { ...worker, 'idempotency-key': 'report-file-0001' });
    const replay = await post('/api/v1/daily-reports', body, { ...worker, 'idempotency-key': 'report-file-0001' });
    expect([first.statusCode, replay.statusCode]).toEqual([201, 201]);
    expect(replay.headers['idempotency-replayed']).toBe('true');
    const correction = { ...body, figures: { householdsVisited: 3 } };
    const second = await post('/api/v1/daily-reports', correction, { ...worker, 'idempotency-key': 'report-file-0002' });
    const secondReplay = await post('/api/v1/daily-reports', correction, { ...worker, 'idempotency-key': 'report-file-0002' });
    expect([second.statusCode, secondReplay.statusCode]).toEqual([200, 200]);
    expect(secondReplay.json()).toEqual(second.json());
    const revisions = await t.app.db.selectFrom('daily_report_revisions').select('kind').where('report_id', '=', first.json().id).execute();
    expect(revisions.map((r) => r.kind)).toEqual(['filed', 'corrected']);
  });

  it('makes one report of two filings sent at once', async () => {
    const grid = await aGrid(t.tree.villageB, '并发网格');
    const worker = (await signIn(t.app, 'grid_worker', grid)).headers;
    const day = addDays(today, -1);
    const [a, b] = await Promise.all([1, 2].map((n) => post('/api/v1/daily-reports', { regionId: grid, date: day, figures: { householdsVisited: n } }, worker)));
    expect([a?.statusCode, b?.statusCode].sort()).toEqual([200, 201]);
    const rows = await t.app.db.selectFrom('daily_reports').select(['id', 'version']).where('region_id', '=', grid).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.version).toBe(2);
    expect((await dayCounters(grid, day))['reports.filed']).toBe(1);
  });
});

describe('sending a report back', () => {
  it('lets the village send it back with a reason, not the grid leader, not twice; filing again makes it filed', async () => {
    const grid = await aGrid(t.tree.villageA, '退回网格');
    const leader = (await signIn(t.app, 'grid_leader', grid)).headers;
    const secretary = (await signIn(t.app, 'village_secretary', t.tree.villageA)).headers;
    const day = addDays(today, -2);
    const filed = await post('/api/v1/daily-reports', { regionId: grid, date: day, figures: { householdsVisited: 9 } }, leader);
    expect(filed.statusCode).toBe(201);
    const id = filed.json().id;
    // A grid leader is not among the roles; a village secretary bound to the grid itself is not above it.
    expect((await post(`/api/v1/daily-reports/${id}/return`, { reason: '数字不对' }, leader)).statusCode).toBe(403);
    const secretaryOfGrid = (await signIn(t.app, 'village_secretary', grid)).headers;
    expect((await post(`/api/v1/daily-reports/${id}/return`, { reason: '数字不对' }, secretaryOfGrid)).statusCode).toBe(403);
    const tooShort = await post(`/api/v1/daily-reports/${id}/return`, { reason: '' }, secretary);
    expect(tooShort.statusCode).toBe(400);
    expect(tooShort.json().error.details[0].path).toBe('reason');

    const returned = await post(`/api/v1/daily-reports/${id}/return`, { reason: '走访户数与台账不符' }, secretary);
    expect(returned.statusCode, returned.body).toBe(200);
    expect(returned.json()).toMatchObject({ status: 'returned', returnReason: '走访户数与台账不符', version: 2 });
    expect((await post(`/api/v1/daily-reports/${id}/return`, { reason: '再退一次' }, secretary)).statusCode).toBe(409);
    expect(await dayCounters(grid, day)).toMatchObject({ 'reports.filed': 0, 'reports.returned': 1, 'figures.householdsVisited': 0 });
    const status = (await get(`/api/v1/daily-reports?regionId=${t.tree.villageA}&date=${day}`, secretary)).json();
    expect(status.missing.find((m: { regionId: number }) => m.regionId === grid)).toMatchObject({ returned: true });

    const refiled = await post('/api/v1/daily-reports', { regionId: grid, date: day, figures: { householdsVisited: 8 } }, leader);
    expect(refiled.statusCode).toBe(200);
    expect(refiled.json()).toMatchObject({ status: 'filed', version: 3, onTime: false });
    expect(await dayCounters(grid, day)).toMatchObject({ 'reports.filed': 1, 'reports.returned': 0, 'figures.householdsVisited': 8, 'reports.late': 1 });
    const history = (await get(`/api/v1/daily-reports/${id}`, secretary)).json().history;
    expect(history.map((h: { kind: string }) => h.kind)).toEqual(['filed', 'returned', 'filed']);
    expect(history[1]).toMatchObject({ reason: '走访户数与台账不符' });
  });
});

describe('roll-ups, status and exports', () => {
  let town: number;
  let villages: number[];
  let grids: number[];
  const day = () => addDays(today, -3);
  beforeAll(async () => {
    town = await aRegion(t.app, t.tree.county, 'town', '汇总镇');
    villages = [await aRegion(t.app, town, 'village', '甲村'), await aRegion(t.app, town, 'village', '乙村')];
    grids = [];
    for (const [i, v] of villages.entries()) for (let g = 1; g <= 3; g++) grids.push(await aGrid(v, `${i === 0 ? '甲' : '乙'}村第${g}网格`));
    // Four of six grids file, one zero, one is sent back; one of the missing has a grid worker with a work phone.
    for (const [i, grid] of grids.slice(0, 4).entries()) {
      const worker = (await signIn(t.app, 'grid_worker', grid)).headers;
      const res = await post('/api/v1/daily-reports', { regionId: grid, date: day(), zero: i === 3, figures: i === 3 ? {} : { householdsVisited: 10 + i, newArrivals: i } }, worker);
      expect(res.statusCode).toBe(201);
      if (i === 2) {
        const sec = (await signIn(t.app, 'village_secretary', villages[0] as number)).headers;
        expect((await post(`/api/v1/daily-reports/${res.json().id}/return`, { reason: '请补充说明' }, sec)).statusCode).toBe(200);
      }
    }
    const { user } = await signIn(t.app, 'grid_worker', grids[4] as number);
    await t.app.db.updateTable('users').set({ phone: '0571-88886666' }).where('id', '=', user.id).execute();
  });

  it('rolls up from the day counters to what a direct count of the reports says', async () => {
    const officer = (await signIn(t.app, 'town_officer', town)).headers;
    const res = await get(`/api/v1/daily-reports/rollup?regionId=${town}&date=${day()}`, officer);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    const rows = await t.app.db.selectFrom('daily_reports').selectAll().where('region_id', 'in', grids).where('day', '=', day()).execute();
    const filed = rows.filter((r) => r.status === 'filed');
    const sum = (name: string) => filed.reduce((s, r) => s + (JSON.parse(r.figures) as Record<string, number>)[name]!, 0);
    expect(body.region).toMatchObject({
      regionId: town,
      level: 'town',
      grids: 6,
      filed: filed.length,
      onTime: filed.filter((r) => r.on_time === 1).length,
      late: filed.filter((r) => r.on_time !== 1).length,
      returned: rows.filter((r) => r.status === 'returned').length,
      zero: filed.filter((r) => r.zero === 1).length,
      missing: 6 - filed.length,
      figures: { householdsVisited: sum('householdsVisited'), newArrivals: sum('newArrivals') },
    });
    expect(body.children.map((c: { name: string; filed: number; grids: number }) => [c.name, c.filed, c.grids])).toEqual([['甲村', 2, 3], ['乙村', 1, 3]]);
  });

  it('lists filed and missing grids with who is responsible and their work phone', async () => {
    const officer = (await signIn(t.app, 'town_officer', town)).headers;
    const res = await get(`/api/v1/daily-reports?regionId=${town}&date=${day()}`, officer);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.totals).toMatchObject({ grids: 6, filed: 3, missing: 3, returned: 1 });
    expect(body.filed.map((f: { regionId: number; onTime: boolean }) => f.regionId).sort()).toEqual([grids[0], grids[1], grids[3]].sort());
    const withPhone = body.missing.find((m: { regionId: number }) => m.regionId === grids[4]);
    expect(withPhone).toMatchObject({ parentNames: '汇总镇 乙村', returned: false, responsible: [{ role: 'grid_worker', phone: '0571-88886666' }] });
    expect(body.missing.find((m: { regionId: number }) => m.regionId === grids[2])).toMatchObject({ returned: true });
    // A grid without grid staff falls back to the village secretary.
    const noStaff = body.missing.find((m: { regionId: number }) => m.regionId === grids[5]);
    expect(noStaff.responsible).toEqual([]);
    await signIn(t.app, 'village_secretary', villages[1] as number);
    const again = (await get(`/api/v1/daily-reports?regionId=${town}&date=${day()}`, officer)).json();
    expect(again.missing.find((m: { regionId: number }) => m.regionId === grids[5]).responsible).toMatchObject([{ role: 'village_secretary' }]);
    const reminders = (await get(`/api/v1/daily-reports/reminders?regionId=${town}&date=${day()}`, officer)).json();
    expect(reminders).toMatchObject({ date: day(), remindedAt: null });
    expect(reminders.missing).toHaveLength(3);
  });

  it('downloads the roll-up workbook with its three sheets', async () => {
    const officer = (await signIn(t.app, 'town_officer', town)).headers;
    const res = await get(`/api/v1/daily-reports/rollup.xlsx?regionId=${town}&date=${day()}`, officer);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '未报网格', '已报网格']);
    const summary = wb.getWorksheet('汇总')!;
    expect(String(summary.getCell(1, 1).value)).toContain(day());
    expect(summary.getRow(2).getCell(1).value).toBe('区域');
    expect(summary.getRow(3).values).toEqual(expect.arrayContaining(['甲村', 3, 2]));
    expect(String(summary.getRow(5).getCell(1).value)).toContain('合计');
    expect(summary.getRow(5).getCell(3).value).toBe(3);
    const missing = wb.getWorksheet('未报网格')!;
    expect(missing.rowCount).toBe(2 + 3);
    expect(JSON.stringify(missing.getSheetValues())).toContain('0571-88886666');
    expect(wb.getWorksheet('已报网格')!.rowCount).toBe(2 + 3);
  });

  it('gives a trend ending today from the day counters', async () => {
    const officer = (await signIn(t.app, 'town_officer', town)).headers;
    const res = await get(`/api/v1/daily-reports/trend?regionId=${town}&days=7`, officer);
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items;
    expect(items).toHaveLength(7);
    expect(items[6].date).toBe(today);
    expect(items.find((i: { date: string }) => i.date === day())).toMatchObject({ grids: 6, filed: 3, missing: 3 });
    expect((await get(`/api/v1/daily-reports/trend?regionId=${town}&days=61`, officer)).statusCode).toBe(400);
  });
});

describe('the roll-up workbook and text that looks like a formula', () => {
  it('writes formula-like region and staff names and a +86 phone as text cells, unchanged', async () => {
    const town = await aRegion(t.app, t.tree.county, 'town', H.hyperlink);
    const village = await aRegion(t.app, town, 'village', H.dde);
    const missing = await aGrid(village, H.at);
    const filed = await aGrid(village, H.minus);
    await aGrid(village, H.tab);
    const worker = await signIn(t.app, 'grid_worker', missing);
    await t.app.db.updateTable('users').set({ display_name: H.cr, phone: '+86 138 0000 0000' }).where('id', '=', worker.user.id).execute();
    const filer = (await signIn(t.app, 'grid_worker', filed)).headers;
    expect((await post('/api/v1/daily-reports', { regionId: filed, date: today, figures: { householdsVisited: 2 } }, filer)).statusCode).toBe(201);

    const officer = (await signIn(t.app, 'town_officer', town)).headers;
    const res = await get(`/api/v1/daily-reports/rollup.xlsx?regionId=${town}&date=${today}`, officer);
    expect(res.statusCode).toBe(200);
    const file = await openXlsx(res.rawPayload);
    expectFormulaSafe(file, [...Object.values(H), '+86 138 0000 0000']);
    const row = file.book.getWorksheet('未报网格')?.getRow(3);
    expect([2, 5, 6].map((c) => row?.getCell(c).text)).toEqual([H.at, H.cr.replace('\r', '\n'), '+86 138 0000 0000']);
    // Figures stay numbers.
    expect(file.book.getWorksheet('已报网格')?.getRow(3).getCell(7).value).toBe(2);
  });
});

describe('pre-filled figures', () => {
  it('counts the grid’s visits, arrivals and departures of the day', async () => {
    const grid = await aGrid(t.tree.villageB, '预填网格');
    const micro = await aRegion(t.app, grid, 'microgrid', '预填微网格');
    const worker = (await signIn(t.app, 'grid_worker', grid)).headers;
    const hh = (await post('/api/v1/households', { regionId: micro, address: '预填路1号' }, worker)).json();
    const arrived = (await post('/api/v1/persons', { householdId: hh.id, name: '外来甲', category: 'floating' }, worker)).json();
    const resident = (await post('/api/v1/persons', { householdId: hh.id, name: '本地乙', category: 'resident' }, worker)).json();
    const visit = await post('/api/v1/visits', { householdId: hh.id, outcome: 'updated', confirmedPersonIds: [arrived.id], leftPersonIds: [resident.id] }, worker);
    expect(visit.statusCode, visit.body).toBe(201);
    const res = await get(`/api/v1/daily-reports/prefill?regionId=${grid}&date=${today}`, worker);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ regionId: grid, date: today, report: null, figures: { householdsVisited: 1, newArrivals: 1, departures: 1, underQuarantine: 0, abnormalHealth: 0, tipsReceived: 0 } });
    expect(res.json().deadline).toBe(zonedInstant(today, '17:00', t.app.config.timeZone).toISOString());
    expect((await get(`/api/v1/daily-reports/prefill?regionId=${grid}&date=${addDays(today, -1)}`, worker)).json().figures.householdsVisited).toBe(0);
    expect((await get(`/api/v1/daily-reports/prefill?regionId=${micro}&date=${today}`, worker)).statusCode).toBe(422);
  });

  it('counts the tips filed in the grid that day (tipsReceived)', async () => {
    const grid = await aGrid(t.tree.villageB, '举报预填网格');
    const other = await aGrid(t.tree.villageB, '举报预填邻格');
    const worker = (await signIn(t.app, 'grid_worker', grid)).headers;
    const tips = filer(t.app);
    const about = (n: number) => `预填第${n}条：村口有人聚集打牌，请来看看`;
    for (const n of [1, 2, 3]) await tips.file({ category: 'gathering', regionId: grid, description: about(n), place: `预填地点${n}` });
    await tips.file({ category: 'gathering', regionId: other, description: about(4), place: '预填地点4' });
    // One of the grid's three was filed the day before (at noon in the county's zone).
    const yesterday = addDays(today, -1);
    const moved = await t.app.db.selectFrom('tips').select('id').where('filed_region_id', '=', grid).orderBy('id').executeTakeFirstOrThrow();
    await t.app.db.updateTable('tips').set({ filed_at: zonedInstant(yesterday, '12:00', t.app.config.timeZone).toISOString() }).where('id', '=', moved.id).execute();

    const figures = async (day: string) => (await get(`/api/v1/daily-reports/prefill?regionId=${grid}&date=${day}`, worker)).json().figures;
    expect((await figures(today)).tipsReceived).toBe(2);
    expect((await figures(yesterday)).tipsReceived).toBe(1);
  });
});

describe('county settings', () => {
  it('reads for everyone, changes for admin and commander only, validates HH:MM, audits', async () => {
    const worker = (await signIn(t.app, 'grid_worker', t.tree.gridA)).headers;
    const commander = (await signIn(t.app, 'commander', t.tree.county)).headers;
    expect((await get('/api/v1/settings', worker)).json()).toMatchObject({ timeZone: t.app.config.timeZone, reportDeadline: '17:00', quarantineDays: 14 });
    expect((await patch('/api/v1/settings', { reminderTime: '15:30' }, worker)).statusCode).toBe(403);
    const bad = await patch('/api/v1/settings', { reportDeadline: '25:00' }, commander);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe('reportDeadline');
    expect((await patch('/api/v1/settings', { quarantineDays: 0 }, commander)).statusCode).toBe(400);
    const ok = await patch('/api/v1/settings', { reminderTime: '15:30', quarantineDays: 21 }, commander);
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await get('/api/v1/settings', worker)).json()).toMatchObject({ reminderTime: '15:30', quarantineDays: 21 });
    const entry = await t.app.db.selectFrom('audit_log').select('details').where('entity', '=', 'settings').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(JSON.parse(entry.details ?? '{}')).toMatchObject({ changed: ['reminderTime', 'quarantineDays'] });
    await patch('/api/v1/settings', { reminderTime: '16:00', quarantineDays: 14 }, commander);
  });
});

describe('the scheduled reminder', () => {
  it('snapshots the missing grids once per county and day, and tells the live views', async () => {
    const events: { type: string; regionPath: string; data?: Record<string, unknown> }[] = [];
    // The job as the app made it, reading the app's settings and telling the app's live views.
    const job = t.app.scheduledJobs.find((j) => j.name === REMINDER_JOB);
    if (!job) throw new Error(`the app has no ${REMINDER_JOB} job`);
    const stop = t.app.events.subscribe((e) => events.push(e));
    onTestFinished(stop);
    const day = '2026-05-04';
    const early = zonedInstant(day, '15:59', TZ);
    const due = zonedInstant(day, '16:00', TZ);
    // The first look starts reading the setting from the database; once it is read, 16:00 is due
    // and 15:59 is not (before, nothing is due, or a time this process read earlier holds).
    await vi.waitFor(() => {
      expect(job.runKeyAt(early)).toBeNull();
      expect(job.runKeyAt(due)).toBe(day);
    });
    expect(await tick(t.app.db, [job], due)).toEqual(['report-reminder']);
    expect(await tick(t.app.db, [job], zonedInstant(day, '18:00', TZ))).toEqual([]);
    await job.run(t.app.db, day); // a retried run adds nothing either
    const rows = await t.app.db.selectFrom('report_reminders').selectAll().where('day', '=', day).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ region_id: t.tree.county });
    expect(rows[0]?.missing_count).toBeGreaterThan(3);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'report.reminder', data: { date: day } });
    const headers = (await signIn(t.app, 'town_officer', t.tree.townA)).headers;
    const list = (await get(`/api/v1/daily-reports/reminders?regionId=${t.tree.townA}&date=${day}`, headers)).json();
    expect(list.remindedAt).toBe(rows[0]?.created_at);
  });
});

describe('live events and the scope test builder', () => {
  it('publishes report.changed after a filing commits, and the builder makes a report', async () => {
    const seen: { type: string; data?: Record<string, unknown> }[] = [];
    const stop = t.app.events.subscribe((e) => seen.push(e));
    const grid = await aGrid(t.tree.villageB, '事件网格');
    const id = await entityBuilders.daily_report!(t.app, grid);
    stop();
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(seen).toContainEqual({ type: 'report.changed', regionPath: expect.any(String), data: { regionId: grid, date: today, status: 'filed' } });
  });
});

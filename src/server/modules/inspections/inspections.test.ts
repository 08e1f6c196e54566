// Patrol team members, schedules, the visibility of pending visits, and recording inspections.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, aRegion, buildTestApp, signIn } from '../../../../test/support/app.ts';
import type { LiveEvent } from '../../platform/events.ts';
import { addDays, dayIn } from '../../platform/time.ts';
import { readCounters, readDayCounters } from '../stats/counters.ts';

let t: TestApp;
type Headers = Record<string, string>;
let officer: Headers;
let commander: Headers;
let secretaryA: Headers;
let secretaryAId: string;
let member: Headers;
let memberId: string;
let otherMember: Headers;
let gridWorker: Headers;
let officerC: Headers;
let townTeam: string;
let today: string;
let villageC: number;
const published: LiveEvent[] = [];

const post = (url: string, payload: object, headers: Headers) => t.app.inject({ method: 'POST', url, headers, payload });
const patch = (url: string, payload: object, headers: Headers) => t.app.inject({ method: 'PATCH', url, headers, payload });
const get = (url: string, headers: Headers) => t.app.inject({ method: 'GET', url, headers });
const count = async (table: 'inspections' | 'rectifications' | 'inspection_findings' | 'inspection_schedules' | 'patrol_team_members') =>
  Number((await t.app.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

type Result = 'ok' | 'issue' | 'na';
const checklist = (r: Partial<Record<string, Result>> = {}) =>
  ['quarantine_control', 'key_persons', 'outsiders', 'anomalies'].map((item) => ({ item, result: r[item] ?? 'ok' }));

async function aSchedule(teamId: string, headers: Headers, extra: object = {}) {
  const res = await post('/api/v1/inspections/schedules', { teamId, from: addDays(today, 1), to: addDays(today, 7), ...extra }, headers);
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}
async function visitsOf(scheduleId: string, headers = officer) {
  const res = await get(`/api/v1/inspections?scheduleId=${scheduleId}&limit=500`, headers);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items as { id: string; regionId: number; status: string; scheduledAt: string }[];
}

beforeAll(async () => {
  t = await buildTestApp();
  today = dayIn(t.app.config.timeZone);
  t.app.events.subscribe((e) => published.push(e));
  villageC = await aRegion(t.app, t.tree.townC, 'village', '南山村');
  officer = (await signIn(t.app, 'town_officer', t.tree.townA)).headers;
  commander = (await signIn(t.app, 'commander', t.tree.county)).headers;
  const sec = await signIn(t.app, 'village_secretary', t.tree.villageA);
  secretaryA = sec.headers;
  secretaryAId = sec.user.id;
  const m = await signIn(t.app, 'patrol_member', t.tree.townA);
  member = m.headers;
  memberId = m.user.id;
  otherMember = (await signIn(t.app, 'patrol_member', t.tree.townA)).headers;
  gridWorker = (await signIn(t.app, 'grid_worker', t.tree.gridA)).headers;
  officerC = (await signIn(t.app, 'town_officer', t.tree.townC)).headers;
  const team = await post('/api/v1/patrol-teams', { regionId: t.tree.townA, name: '城关镇督查队', kind: 'inspection', members: 7 }, officer);
  expect(team.statusCode, team.body).toBe(201);
  townTeam = team.json().id;
  const link = await post(`/api/v1/patrol-teams/${townTeam}/members`, { name: '李队长', role: 'leader', userId: memberId }, officer);
  expect(link.statusCode, link.body).toBe(201);
});
afterAll(() => t.close());

describe('inspection schedules', () => {
  it('covers every village of the town evenly, at hours of day and night', async () => {
    const schedule = await aSchedule(townTeam, officer, { visitsPerVillage: 3 });
    expect(schedule).toMatchObject({ teamId: townTeam, regionId: t.tree.townA, villages: 2, inspections: 6, visitsPerVillage: 3, cancelledAt: null });
    const visits = await visitsOf(schedule.id);
    expect(visits).toHaveLength(6);
    expect(visits.filter((v) => v.regionId === t.tree.villageA)).toHaveLength(3);
    expect(visits.filter((v) => v.regionId === t.tree.villageB)).toHaveLength(3);
    expect(visits.every((v) => v.status === 'scheduled')).toBe(true);
    const night = visits.filter((v) => {
      const h = Number(new Intl.DateTimeFormat('en-GB', { timeZone: t.app.config.timeZone, hour: '2-digit', hourCycle: 'h23' }).format(new Date(v.scheduledAt)));
      return h >= 20 || h < 6;
    }).length;
    expect(schedule.nightVisits).toBe(night);
    const list = await get(`/api/v1/inspections/schedules?teamId=${townTeam}`, officer);
    expect(list.json().items.map((s: { id: string }) => s.id)).toContain(schedule.id);
  });

  it('starting today, plans no visit in the part of today already gone', async () => {
    const res = await post('/api/v1/inspections/schedules', { teamId: townTeam, from: today, to: today, visitsPerVillage: 3 }, officer);
    // Late at night (after 23:30 county time) today is refused as too short.
    if (res.statusCode === 422) return expect(res.json().error.details[0].path).toBe('from');
    expect(res.statusCode, res.body).toBe(201);
    const visits = await visitsOf(res.json().id);
    expect(visits).toHaveLength(6);
    for (const v of visits) expect(Date.parse(v.scheduledAt)).toBeGreaterThan(Date.now());
  });

  it('limits a schedule to the chosen villages of the team’s region', async () => {
    const schedule = await aSchedule(townTeam, officer, { villageIds: [t.tree.villageB], visitsPerVillage: 2 });
    expect(schedule.villages).toBe(1);
    expect((await visitsOf(schedule.id)).every((v) => v.regionId === t.tree.villageB)).toBe(true);
  });

  it('refuses bad periods, foreign villages, unknown teams and the wrong callers, saving nothing', async () => {
    const before = await count('inspection_schedules');
    const url = '/api/v1/inspections/schedules';
    const cases: [object, number, string][] = [
      [{ teamId: townTeam, from: addDays(today, 5), to: addDays(today, 1) }, 422, 'from'],
      [{ teamId: townTeam, from: addDays(today, 1), to: addDays(today, 32) }, 422, 'to'],
      [{ teamId: townTeam, from: addDays(today, -1), to: addDays(today, 1) }, 422, 'from'],
      [{ teamId: townTeam, from: addDays(today, 1), to: addDays(today, 2), villageIds: [villageC] }, 422, 'villageIds.0'],
      [{ teamId: townTeam, from: addDays(today, 1), to: addDays(today, 2), visitsPerVillage: 11 }, 400, 'visitsPerVillage'],
    ];
    for (const [payload, status, path] of cases) {
      const res = await post(url, payload, officer);
      expect(res.statusCode, res.body).toBe(status);
      expect(res.json().error.details[0].path).toBe(path);
    }
    expect((await post(url, { teamId: '00000000-0000-7000-8000-000000000002', from: addDays(today, 1), to: addDays(today, 2) }, officer)).statusCode).toBe(404);
    expect((await post(url, { teamId: townTeam, from: addDays(today, 1), to: addDays(today, 2) }, secretaryA)).statusCode).toBe(403);
    expect((await post(url, { teamId: townTeam, from: addDays(today, 1), to: addDays(today, 2) }, officerC)).statusCode).toBe(403);
    expect(await count('inspection_schedules')).toBe(before);
  });

  it('cancels a schedule’s visits not yet made, once', async () => {
    const schedule = await aSchedule(townTeam, officer);
    const visits = await visitsOf(schedule.id);
    const done = await post('/api/v1/inspections', { inspectionId: visits[0]?.id, checklist: checklist() }, officer);
    expect(done.statusCode, done.body).toBe(201);
    const cancel = await post(`/api/v1/inspections/schedules/${schedule.id}/cancel`, {}, officer);
    expect(cancel.statusCode, cancel.body).toBe(200);
    expect(cancel.json().cancelledAt).not.toBeNull();
    expect((await visitsOf(schedule.id)).map((v) => v.status).sort()).toEqual(['cancelled', 'done']);
    expect((await post(`/api/v1/inspections/schedules/${schedule.id}/cancel`, {}, officer)).statusCode).toBe(409);
    expect((await post(`/api/v1/inspections/schedules/${schedule.id}/cancel`, {}, secretaryA)).statusCode).toBe(403);
  });
});

describe('who sees a pending visit', () => {
  let pending: { id: string; regionId: number };
  beforeAll(async () => {
    const schedule = await aSchedule(townTeam, officer, { villageIds: [t.tree.villageA] });
    pending = (await visitsOf(schedule.id))[0] as { id: string; regionId: number };
  });

  it('shows it to the team’s region and above, and to the team’s linked members', async () => {
    for (const headers of [officer, commander, member]) {
      const res = await get(`/api/v1/inspections/${pending.id}`, headers);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ status: 'scheduled', regionId: t.tree.villageA, checklist: [], findingList: [] });
    }
    const mine = await get('/api/v1/inspections?status=scheduled&limit=500', member);
    expect(mine.json().items.map((i: { id: string }) => i.id)).toContain(pending.id);
  });

  it('hides it from the inspected village’s secretary, its grid staff and a patrol member of another team', async () => {
    for (const headers of [secretaryA, gridWorker, otherMember, officerC]) {
      expect((await get(`/api/v1/inspections/${pending.id}`, headers)).statusCode).toBe(404);
      const list = await get('/api/v1/inspections?limit=500', headers);
      expect(list.statusCode).toBe(200);
      expect(list.json().items.filter((i: { status: string }) => i.status === 'scheduled')).toEqual([]);
    }
    const summary = await get(`/api/v1/inspections/summary?regionId=${t.tree.villageA}`, secretaryA);
    expect(summary.statusCode).toBe(200);
    expect(summary.json().scheduled).toBe(0);
    const officerSummary = await get(`/api/v1/inspections/summary?regionId=${t.tree.villageA}`, officer);
    expect(officerSummary.json().scheduled).toBeGreaterThan(0);
    const schedules = await get('/api/v1/inspections/schedules', secretaryA);
    expect(schedules.json().items).toEqual([]);
    // Recording it is no way round: the secretary may not record, and to a patrol member of
    // another team the visit does not exist.
    expect((await post('/api/v1/inspections', { inspectionId: pending.id, checklist: checklist() }, secretaryA)).statusCode).toBe(403);
    expect((await post('/api/v1/inspections', { inspectionId: pending.id, checklist: checklist() }, otherMember)).statusCode).toBe(404);
  });

  it('refuses another town’s team (403) or schedule (404) as a list filter instead of an empty list', async () => {
    const scheduleId = (await get(`/api/v1/inspections/schedules?teamId=${townTeam}`, officer)).json().items[0]?.id as string;
    expect(scheduleId).toBeDefined();
    const byTeam = await get(`/api/v1/inspections?teamId=${townTeam}`, officerC);
    expect(byTeam.statusCode, byTeam.body).toBe(403);
    expect(byTeam.json().error.details).toEqual([{ path: 'teamId', message: 'outside your region' }]);
    expect((await get(`/api/v1/inspections?scheduleId=${scheduleId}`, officerC)).statusCode).toBe(404);
    // The inspected village may not filter by the town's team or schedule either.
    expect((await get(`/api/v1/inspections?teamId=${townTeam}`, secretaryA)).statusCode).toBe(403);
    expect((await get(`/api/v1/inspections?scheduleId=${scheduleId}`, secretaryA)).statusCode).toBe(404);
    // The team's own town still filters by both.
    const own = await get(`/api/v1/inspections?teamId=${townTeam}&scheduleId=${scheduleId}&limit=500`, officer);
    expect(own.statusCode).toBe(200);
    expect(own.json().items.length).toBeGreaterThan(0);
  });

  it('shows it to the village once it is done', async () => {
    const done = await post('/api/v1/inspections', { inspectionId: pending.id, checklist: checklist(), summary: '一切正常' }, member);
    expect(done.statusCode, done.body).toBe(201);
    const seen = await get(`/api/v1/inspections/${pending.id}`, secretaryA);
    expect(seen.statusCode).toBe(200);
    expect(seen.json()).toMatchObject({ status: 'done', summary: '一切正常', findings: 0 });
    expect(seen.json().checklist).toHaveLength(4);
    expect((await get(`/api/v1/inspections/${pending.id}`, officerC)).statusCode).toBe(404);
  });

  it('lets a village secretary see the pending visits of the village’s own team', async () => {
    const team = (await post('/api/v1/patrol-teams', { regionId: t.tree.villageA, name: '东村劝导队', kind: 'persuasion' }, secretaryA)).json();
    const schedule = await aSchedule(team.id, officer);
    expect(schedule.villages).toBe(1);
    const visits = await visitsOf(schedule.id, secretaryA);
    expect(visits).toHaveLength(1);
    expect((await get(`/api/v1/inspections/${visits[0]?.id}`, gridWorker)).statusCode).toBe(404);
  });
});

describe('recording an inspection', () => {
  it('turns each finding into a task owned by the village secretary, due in 3 days, and counts it', async () => {
    const schedule = await aSchedule(townTeam, officer, { villageIds: [t.tree.villageA] });
    const [visit] = await visitsOf(schedule.id);
    const villageA = await t.app.db.selectFrom('regions').select('path').where('id', '=', t.tree.villageA).executeTakeFirstOrThrow();
    const before = (await readCounters(t.app.db, [t.tree.villageA, t.tree.townA, t.tree.county])).get(t.tree.townA) ?? {};
    const res = await post(
      '/api/v1/inspections',
      {
        inspectionId: visit?.id,
        checklist: checklist({ quarantine_control: 'issue', outsiders: 'na' }),
        findings: [
          { item: 'quarantine_control', description: '3号户隔离人员未按时测温' },
          { item: 'quarantine_control', description: '门磁未安装', deadline: addDays(today, 1) },
        ],
      },
      member,
    );
    expect(res.statusCode, res.body).toBe(201);
    const detail = res.json();
    expect(detail).toMatchObject({ status: 'done', findings: 2, scheduleId: schedule.id });
    expect(detail.findingList).toHaveLength(2);
    expect(detail.checklist.map((c: { item: string; result: string }) => `${c.item}:${c.result}`)).toEqual(['quarantine_control:issue', 'key_persons:ok', 'outsiders:na', 'anomalies:ok']);
    const task = (await get(`/api/v1/rectifications/${detail.findingList[0].rectificationId}`, secretaryA)).json();
    expect(task).toMatchObject({ ownerUserId: secretaryAId, deadline: addDays(today, 3), status: 'open', overdue: false, escalationLevel: 0, regionId: t.tree.villageA });
    const second = (await get(`/api/v1/rectifications/${detail.findingList[1].rectificationId}`, secretaryA)).json();
    expect(second.deadline).toBe(addDays(today, 1));
    const after = (await readCounters(t.app.db, [t.tree.townA])).get(t.tree.townA) ?? {};
    expect((after.inspections ?? 0) - (before.inspections ?? 0)).toBe(1);
    expect((after['rectifications.open'] ?? 0) - (before['rectifications.open'] ?? 0)).toBe(2);
    const day = (await readDayCounters(t.app.db, [t.tree.county], today, today)).get(t.tree.county)?.get(today) ?? {};
    expect(day.inspections).toBeGreaterThan(0);
    expect(villageA.path).toContain(`/${t.tree.villageA}/`);
    const again = await post('/api/v1/inspections', { inspectionId: visit?.id, checklist: checklist() }, member);
    expect(again.statusCode).toBe(409);
  });

  it('records an ad-hoc inspection of a village of the team’s region, and refuses one outside it', async () => {
    const ok = await post('/api/v1/inspections', { teamId: townTeam, regionId: t.tree.villageB, checklist: checklist() }, commander);
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ scheduleId: null, regionId: t.tree.villageB, status: 'done' });
    const before = await count('inspections');
    const outside = await post('/api/v1/inspections', { teamId: townTeam, regionId: villageC, checklist: checklist() }, commander);
    expect(outside.statusCode).toBe(422);
    expect(outside.json().error.details[0].path).toBe('regionId');
    expect(outside.json().error.message).toContain("outside the team's region");
    const notVillage = await post('/api/v1/inspections', { teamId: townTeam, regionId: t.tree.gridA, checklist: checklist() }, commander);
    expect(notVillage.statusCode).toBe(422);
    expect((await post('/api/v1/inspections', { teamId: townTeam, regionId: villageC, checklist: checklist() }, officer)).statusCode).toBe(403);
    const unknown = await post('/api/v1/inspections', { teamId: '00000000-0000-7000-8000-000000000003', regionId: t.tree.villageA, checklist: checklist() }, commander);
    expect(unknown.statusCode).toBe(404);
    expect((await post('/api/v1/inspections', { regionId: t.tree.villageA, checklist: checklist() }, commander)).json().error.details[0].path).toBe('teamId');
    expect(await count('inspections')).toBe(before);
  });

  it('refuses a checklist with an item twice, an issue without a finding or a finding without an issue', async () => {
    const before = [await count('inspections'), await count('rectifications'), await count('inspection_findings')];
    const base = { teamId: townTeam, regionId: t.tree.villageA };
    const twice = await post('/api/v1/inspections', { ...base, checklist: [...checklist().slice(0, 3), { item: 'quarantine_control', result: 'ok' }] }, officer);
    expect(twice.statusCode).toBe(422);
    expect(twice.json().error.details[0].path).toBe('checklist.3.item');
    const short = await post('/api/v1/inspections', { ...base, checklist: checklist().slice(0, 3) }, officer);
    expect(short.statusCode).toBe(400);
    const noFinding = await post('/api/v1/inspections', { ...base, checklist: checklist({ anomalies: 'issue' }) }, officer);
    expect(noFinding.statusCode).toBe(422);
    expect(noFinding.json().error.details[0].path).toBe('checklist.3.result');
    const stray = await post('/api/v1/inspections', { ...base, checklist: checklist(), findings: [{ item: 'outsiders', description: '外来人员未登记' }] }, officer);
    expect(stray.statusCode).toBe(422);
    expect(stray.json().error.details[0].path).toBe('findings.0.item');
    const future = await post('/api/v1/inspections', { ...base, at: new Date(Date.now() + 86_400_000).toISOString(), checklist: checklist() }, officer);
    expect(future.statusCode).toBe(422);
    const pastDeadline = await post('/api/v1/inspections', { ...base, checklist: checklist({ outsiders: 'issue' }), findings: [{ item: 'outsiders', description: 'x', deadline: addDays(today, -1) }] }, officer);
    expect(pastDeadline.statusCode).toBe(422);
    expect(pastDeadline.json().error.details[0].path).toBe('findings.0.deadline');
    expect([await count('inspections'), await count('rectifications'), await count('inspection_findings')]).toEqual(before);
  });

  it('needs an owner where the village has no secretary, and saves nothing without one', async () => {
    const schedule = await aSchedule(townTeam, officer, { villageIds: [t.tree.villageB] });
    const [visit] = await visitsOf(schedule.id);
    const before = [await count('rectifications'), await count('inspection_findings')];
    const payload = { inspectionId: visit?.id, checklist: checklist({ key_persons: 'issue' }), findings: [{ item: 'key_persons', description: '重点人员未见面核实' }] };
    const res = await post('/api/v1/inspections', payload, member);
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details[0].path).toBe('findings.0.ownerUserId');
    expect((await get(`/api/v1/inspections/${visit?.id}`, officer)).json().status).toBe('scheduled');
    expect([await count('rectifications'), await count('inspection_findings')]).toEqual(before);
    const stranger = await signIn(t.app, 'grid_worker', t.tree.gridA);
    const foreign = await post('/api/v1/inspections', { ...payload, findings: [{ ...payload.findings[0], ownerUserId: stranger.user.id }] }, member);
    expect(foreign.statusCode).toBe(422);
    const worker = await signIn(t.app, 'grid_worker', t.tree.gridB);
    const owned = await post('/api/v1/inspections', { ...payload, findings: [{ ...payload.findings[0], ownerUserId: worker.user.id }] }, member);
    expect(owned.statusCode, owned.body).toBe(201);
  });

  it('lets only the team’s members and the officers above it record', async () => {
    const payload = { teamId: townTeam, regionId: t.tree.villageA, checklist: checklist() };
    expect((await post('/api/v1/inspections', payload, otherMember)).statusCode).toBe(403);
    expect((await post('/api/v1/inspections', payload, gridWorker)).statusCode).toBe(403);
    expect((await post('/api/v1/inspections', payload, member)).statusCode).toBe(201);
  });
});

describe('traces and live events', () => {
  it('announces a schedule to the team’s region only, and audits every read of an inspection', async () => {
    const schedule = await aSchedule(townTeam, officer, { villageIds: [t.tree.villageA] });
    const townPath = (await t.app.db.selectFrom('regions').select('path').where('id', '=', t.tree.townA).executeTakeFirstOrThrow()).path;
    const event = published.find((e) => e.type === 'inspection_schedule.changed' && e.data?.id === schedule.id);
    expect(event?.regionPath).toBe(townPath);
    const [visit] = await visitsOf(schedule.id);
    await get(`/api/v1/inspections/${visit?.id}`, commander);
    const entries = await t.app.db.selectFrom('audit_log').select(['action', 'entity']).where('entity_id', '=', String(visit?.id)).execute();
    expect(entries).toContainEqual({ action: 'read', entity: 'inspection' });
    const unknown = await post('/api/v1/inspections', { inspectionId: '00000000-0000-7000-8000-000000000004', checklist: checklist() }, officer);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.details[0].path).toBe('inspectionId');
  });
});

describe('more of the same rules', () => {
  it('lets the county have an inspection team whose schedule covers every village of the county', async () => {
    const team = await post('/api/v1/patrol-teams', { regionId: t.tree.county, name: '县督查组', kind: 'inspection' }, commander);
    expect(team.statusCode, team.body).toBe(201);
    const persuasion = await post('/api/v1/patrol-teams', { regionId: t.tree.county, name: '县劝导队', kind: 'persuasion' }, commander);
    expect(persuasion.statusCode).toBe(422);
    const schedule = await aSchedule(team.json().id, commander, { visitsPerVillage: 2 });
    expect(schedule.villages).toBe(3);
    const visits = await visitsOf(schedule.id, commander);
    expect(new Set(visits.map((v) => v.regionId))).toEqual(new Set([t.tree.villageA, t.tree.villageB, villageC]));
    // The town below does not see the county's pending visits to its villages.
    expect((await get(`/api/v1/inspections/${visits[0]?.id}`, officer)).statusCode).toBe(404);
  });

  it('hides the team’s pending visits from a member once switched off', async () => {
    const account = await signIn(t.app, 'patrol_member', t.tree.townA);
    const link = await post(`/api/v1/patrol-teams/${townTeam}/members`, { name: '临时队员', role: 'volunteer', userId: account.user.id }, officer);
    const schedule = await aSchedule(townTeam, officer, { villageIds: [t.tree.villageA] });
    const [visit] = await visitsOf(schedule.id);
    expect((await get(`/api/v1/inspections/${visit?.id}`, account.headers)).statusCode).toBe(200);
    expect((await get('/api/v1/inspections/schedules', account.headers)).json().items.map((s: { id: string }) => s.id)).toContain(schedule.id);
    await patch(`/api/v1/patrol-teams/${townTeam}/members/${link.json().id}`, { active: false }, officer);
    expect((await get(`/api/v1/inspections/${visit?.id}`, account.headers)).statusCode).toBe(404);
    expect((await get('/api/v1/inspections/schedules', account.headers)).json().items).toEqual([]);
  });

  it('lists upcoming visits soonest first, page by page', async () => {
    const schedule = await aSchedule(townTeam, officer, { visitsPerVillage: 4 });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await get(`/api/v1/inspections?scheduleId=${schedule.id}&status=scheduled&limit=3${cursor ? `&cursor=${cursor}` : ''}`, officer);
      expect(res.statusCode, res.body).toBe(200);
      seen.push(...res.json().items.map((i: { scheduledAt: string }) => i.scheduledAt));
      cursor = res.json().nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(8);
    expect(seen).toEqual([...seen].sort());
    expect((await get('/api/v1/inspections?cursor=nonsense', officer)).statusCode).toBe(400);
  });

  it('records once under a repeated Idempotency-Key', async () => {
    const before = await count('inspections');
    const headers = { ...officer, 'idempotency-key': 'inspection-key-0001' };
    const payload = { teamId: townTeam, regionId: t.tree.villageB, checklist: checklist() };
    const first = await post('/api/v1/inspections', payload, headers);
    const again = await post('/api/v1/inspections', payload, headers);
    expect(first.statusCode).toBe(201);
    expect(again.json().id).toBe(first.json().id);
    expect(await count('inspections')).toBe(before + 1);
  });
});

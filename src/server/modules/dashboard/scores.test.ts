// The score (考核) beside the daily report's, on SQLite and PostgreSQL: reports on time over
// grid-days, verification tasks' completion and timeliness with overdue tasks against the
// region, per child region; scope and hostile queries.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, buildTestApp, signIn } from '../../../../test/support/app.ts';
import { csvOf, takeInList } from '../../../../test/support/verification.ts';
import { dayIn } from '../../platform/time.ts';
import { verificationScoreOf } from '../verification/score.service.ts';
import { reportScoreOf } from './scores.service.ts';

let t: TestApp;
type H = Record<string, string>;
let officer: H;
let reportOnTime: boolean;

beforeAll(async () => {
  t = await buildTestApp();
  officer = (await signIn(t.app, 'town_officer', t.tree.townA)).headers;
  const worker = (await signIn(t.app, 'grid_worker', t.tree.gridA)).headers;
  const filed = await t.app.inject({ method: 'POST', url: '/api/v1/daily-reports', headers: worker, payload: { regionId: t.tree.gridA, date: dayIn(t.app.config.timeZone), figures: {} } });
  expect(filed.statusCode, filed.body).toBe(201);
  reportOnTime = filed.json().onTime;
  // Two lists: east village's (one checked on time) and west village's, whose deadline passed
  // with both tasks still open (every task of a list is due at the list's deadline).
  const { list: east } = await takeInList(t.app, t.tree.townA, csvOf([['姓名', '居住地址'], ['甲', '东村第一网格1号'], ['乙', '东村第一网格2号']]), { kind: 'arrival' }, { headers: officer });
  const { list: west } = await takeInList(t.app, t.tree.townA, csvOf([['姓名', '居住地址'], ['丙', '西村第一网格3号'], ['丁', '西村第一网格4号']]), { kind: 'arrival' }, { headers: officer });
  const tasksOf = async (listId: string) => (await t.app.inject({ method: 'GET', url: `/api/v1/verification-tasks?listId=${listId}`, headers: officer })).json().items;
  const inA = await tasksOf(east.id);
  const inB = await tasksOf(west.id);
  expect([inA.map((x: { regionId: number }) => x.regionId), inB.map((x: { regionId: number }) => x.regionId)]).toEqual([[t.tree.gridA, t.tree.gridA], [t.tree.gridB, t.tree.gridB]]);
  const done = await t.app.inject({ method: 'POST', url: `/api/v1/verification-tasks/${inA[0].id}/outcome`, headers: worker, payload: { outcome: 'not_found' } });
  expect(done.statusCode, done.body).toBe(200);
  const past = new Date(Date.now() - 3_600_000).toISOString();
  await t.app.db.updateTable('verification_lists').set({ due_at: past }).where('id', '=', west.id).execute();
  await t.app.db.updateTable('verification_tasks').set({ due_at: past }).where('list_id', '=', west.id).execute();
});
afterAll(() => t.close());

describe('the score', () => {
  it('weighs completion and timeliness, overdue tasks against the region', () => {
    expect(verificationScoreOf({ total: 0, closed: 0, closedOnTime: 0, overdue: 0 }).score).toBeNull();
    expect(verificationScoreOf({ total: 4, closed: 4, closedOnTime: 4, overdue: 0 }).score).toBe(100);
    expect(verificationScoreOf({ total: 4, closed: 1, closedOnTime: 1, overdue: 2 }).score).toBe(29.2);
    expect(reportScoreOf(3, 1, 1, 0).score).toBe(33.3);
    expect(reportScoreOf(2, 1, 0, 2).score).toBe(50);
    expect(reportScoreOf(0, 7, 0, 0).score).toBeNull();
  });

  it('shows each child region’s report and verification components side by side', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/stats/scores?regionId=${t.tree.townA}&days=1`, headers: officer });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    const reported = reportOnTime ? { onTime: 1, late: 0 } : { onTime: 0, late: 1 };
    expect(body.region).toMatchObject({ regionId: t.tree.townA, reports: { due: 3, ...reported }, verification: { total: 4, closed: 1, closedOnTime: 1, overdue: 2, score: 29.2 } });
    const byId = new Map(body.children.map((c: { regionId: number }) => [c.regionId, c]));
    expect(byId.get(t.tree.villageA)).toMatchObject({ reports: { due: 2, score: reportOnTime ? 50 : 25 }, verification: { total: 2, closed: 1, overdue: 0, score: 75 } });
    expect(byId.get(t.tree.villageB)).toMatchObject({ reports: { due: 1, onTime: 0, score: 0 }, verification: { total: 2, closed: 0, overdue: 2, score: 0 } });
    const week = (await t.app.inject({ method: 'GET', url: `/api/v1/stats/scores?regionId=${t.tree.townA}`, headers: officer })).json();
    expect(week.region.reports.due).toBe(21);
  });

  it('stays inside the account’s subtree and refuses odd queries', async () => {
    const other = (await signIn(t.app, 'town_officer', t.tree.townC)).headers;
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/stats/scores?regionId=${t.tree.townA}`, headers: other })).statusCode).toBe(403);
    const own = (await t.app.inject({ method: 'GET', url: '/api/v1/stats/scores', headers: other })).json();
    expect(own.region).toMatchObject({ regionId: t.tree.townC, verification: { total: 0, score: null } });
    for (const q of ['days=0', 'days=91', 'days=x', `regionId=0${t.tree.townA}`, 'regionId=-1']) {
      expect((await t.app.inject({ method: 'GET', url: `/api/v1/stats/scores?${q}`, headers: officer })).statusCode, q).toBe(400);
    }
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/stats/scores' })).statusCode).toBe(401);
  });
});

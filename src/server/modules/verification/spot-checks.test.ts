// Spot checks (抽查) and the escalation of overdue verification tasks, through the API on SQLite
// and PostgreSQL: a town draws its share of closed tasks for its patrol team (never twice, even
// drawn at once), the team confirms or reopens (audited), scope and roles; overdue tasks climb
// one level per run of the hourly job, claimed once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, buildTestApp, signIn } from '../../../../test/support/app.ts';
import { csvOf, takeInList } from '../../../../test/support/verification.ts';
import { tick } from '../../platform/jobs.ts';
import { escalateOverdueTasks, verificationHourlyJob } from './verification.jobs.ts';

let t: TestApp;
type H = Record<string, string>;
let officer: H;
let officerC: H;
let worker: H;
let leader: H;
let listId: string;
let taskIds: string[];
let townTeam: string;
let townCTeam: string;
let teamMember: { headers: H; user: { id: string } };
let stranger: H;

const post = (url: string, payload: object, headers: H) => t.app.inject({ method: 'POST', url, headers, payload });
const get = (url: string, headers: H) => t.app.inject({ method: 'GET', url, headers });
const names = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => [`${prefix}${i}`, `东村第一网格${i + 1}号`]);

beforeAll(async () => {
  t = await buildTestApp();
  officer = (await signIn(t.app, 'town_officer', t.tree.townA)).headers;
  officerC = (await signIn(t.app, 'town_officer', t.tree.townC)).headers;
  worker = (await signIn(t.app, 'grid_worker', t.tree.gridA)).headers;
  leader = (await signIn(t.app, 'grid_leader', t.tree.gridA)).headers;
  const { list } = await takeInList(t.app, t.tree.townA, csvOf([['姓名', '居住地址'], ...names(20, '抽查')]), { kind: 'arrival', spotCheckShare: '25' }, { headers: officer });
  expect(list.status, list.error).toBe('done');
  expect(list.spotCheckShare).toBe(25);
  listId = list.id;
  const tasks = (await get(`/api/v1/verification-tasks?listId=${listId}&limit=100`, worker)).json().items;
  expect(tasks).toHaveLength(20);
  taskIds = tasks.map((x: { id: string }) => x.id);
  townTeam = (await post('/api/v1/patrol-teams', { regionId: t.tree.townA, name: '城关镇巡查队', kind: 'persuasion' }, officer)).json().id;
  townCTeam = (await post('/api/v1/patrol-teams', { regionId: t.tree.townC, name: '南山乡巡查队', kind: 'persuasion' }, officerC)).json().id;
  teamMember = await signIn(t.app, 'patrol_member', t.tree.townA);
  const added = await post(`/api/v1/patrol-teams/${townTeam}/members`, { name: '巡查员', role: 'cadre', userId: teamMember.user.id }, officer);
  expect(added.statusCode, added.body).toBe(201);
  stranger = (await signIn(t.app, 'patrol_member', t.tree.townA)).headers;
});
afterAll(() => t.close());

const close = async (ids: string[], headers = worker) => {
  for (const id of ids) {
    const res = await post(`/api/v1/verification-tasks/${id}/outcome`, { outcome: 'present_controlled' }, headers);
    expect(res.statusCode, res.body).toBe(200);
  }
};
const draw = (payload: object, headers = officer) => post(`/api/v1/verification-lists/${listId}/spot-checks`, payload, headers);
const spotCount = async () => Number((await t.app.db.selectFrom('verification_spot_checks').select((eb) => eb.fn.countAll<number>().as('n')).where('list_id', '=', listId).executeTakeFirstOrThrow()).n);

describe('drawing spot checks', () => {
  it('refuses other towns, other roles, a region that is not a town and a team of another town', async () => {
    expect((await draw({ regionId: t.tree.townA, teamId: townTeam }, officerC)).statusCode).toBe(403);
    expect((await draw({ regionId: t.tree.townC, teamId: townCTeam }, officerC)).statusCode).toBe(404);
    expect((await draw({ regionId: t.tree.townA, teamId: townTeam }, worker)).statusCode).toBe(403);
    const village = await draw({ regionId: t.tree.villageA, teamId: townTeam });
    expect(village.statusCode).toBe(422);
    expect(village.json().error.details[0].path).toBe('regionId');
    const team = await draw({ regionId: t.tree.townA, teamId: townCTeam });
    expect(team.statusCode).toBe(422);
    expect(team.json().error.details[0].path).toBe('teamId');
    expect((await draw({ regionId: t.tree.townA, teamId: townTeam, share: 0 })).statusCode).toBe(400);
    expect((await draw({ regionId: '1 or 1=1', teamId: townTeam })).statusCode).toBe(400);
    expect((await post(`/api/v1/verification-lists/not-a-list/spot-checks`, { regionId: t.tree.townA, teamId: townTeam }, officer)).statusCode).toBe(400);
    expect(await spotCount()).toBe(0);
  });

  it('draws nothing while nothing is closed, then the share of what is closed', async () => {
    const none = await draw({ regionId: t.tree.townA, teamId: townTeam });
    expect(none.statusCode, none.body).toBe(200);
    expect(none.json()).toMatchObject({ closed: 0, target: 0, drawn: 0 });
    await close(taskIds.slice(0, 8));
    const first = await draw({ regionId: t.tree.townA, teamId: townTeam });
    expect(first.json()).toMatchObject({ closed: 8, target: 2, drawn: 2 });
    const items = first.json().items;
    expect(items.every((s: { status: string; taskStatus: string }) => s.status === 'pending' && s.taskStatus === 'checked')).toBe(true);
    expect(JSON.stringify(items)).not.toMatch(/\d{17}[\dX]/);
  });

  it('never doubles the sample, drawn again or drawn at once', async () => {
    expect((await draw({ regionId: t.tree.townA, teamId: townTeam })).json()).toMatchObject({ target: 2, drawn: 0 });
    await close(taskIds.slice(8, 20));
    const answers = await Promise.all(Array.from({ length: 6 }, () => draw({ regionId: t.tree.townA, teamId: townTeam })));
    for (const a of answers) expect(a.statusCode, a.body).toBe(200);
    expect(answers.reduce((sum, a) => sum + a.json().drawn, 0)).toBe(3);
    expect(await spotCount()).toBe(5);
    const tasks = await t.app.db.selectFrom('verification_spot_checks').select('task_id').where('list_id', '=', listId).execute();
    expect(new Set(tasks.map((r) => r.task_id)).size).toBe(5);
  });

  it('follows the list’s share once it is changed', async () => {
    const patched = await t.app.inject({ method: 'PATCH', url: `/api/v1/verification-lists/${listId}`, headers: officer, payload: { spotCheckShare: 30 } });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json().spotCheckShare).toBe(30);
    expect((await t.app.inject({ method: 'PATCH', url: `/api/v1/verification-lists/${listId}`, headers: officerC, payload: { spotCheckShare: 30 } })).statusCode).toBe(404);
    expect((await draw({ regionId: t.tree.townA, teamId: townTeam })).json()).toMatchObject({ closed: 20, target: 6, drawn: 1 });
  });
});

describe('the spot check’s result', () => {
  let checks: any[];
  beforeAll(async () => {
    checks = (await get(`/api/v1/verification-lists/${listId}/spot-checks`, teamMember.headers)).json().items;
    expect(checks).toHaveLength(6);
  });

  it('is readable by the town and its team, not by another town nor a grid', async () => {
    expect((await get(`/api/v1/spot-checks/${checks[0].id}`, teamMember.headers)).statusCode).toBe(200);
    expect((await get(`/api/v1/spot-checks/${checks[0].id}`, officerC)).statusCode).toBe(404);
    expect((await get(`/api/v1/spot-checks/${checks[0].id}`, worker)).statusCode).toBe(403);
    expect((await get(`/api/v1/spot-checks/00000000-0000-4000-8000-000000000000`, officer)).statusCode).toBe(404);
    expect((await get(`/api/v1/spot-checks/${checks[0].id.toUpperCase()}`, officer)).statusCode).toBe(400);
  });

  it('is recorded only by a member of the team (or the town), once', async () => {
    expect((await post(`/api/v1/spot-checks/${checks[0].id}/result`, { confirm: true }, stranger)).statusCode).toBe(403);
    expect((await post(`/api/v1/spot-checks/${checks[0].id}/result`, { confirm: true }, officerC)).statusCode).toBe(404);
    const ok = await post(`/api/v1/spot-checks/${checks[0].id}/result`, { confirm: true }, teamMember.headers);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'confirmed', taskStatus: 'checked' });
    expect((await post(`/api/v1/spot-checks/${checks[0].id}/result`, { confirm: false, note: 'x' }, teamMember.headers)).statusCode).toBe(409);
    expect((await post(`/api/v1/spot-checks/${checks[1].id}/result`, { confirm: true, extra: 1 }, teamMember.headers)).statusCode).toBe(400);
  });

  it('reopens the task with the reason, audited; the grid checks again and a leader reviews', async () => {
    const noReason = await post(`/api/v1/spot-checks/${checks[1].id}/result`, { confirm: false }, teamMember.headers);
    expect(noReason.statusCode).toBe(422);
    expect(noReason.json().error.details[0].path).toBe('note');
    const res = await post(`/api/v1/spot-checks/${checks[1].id}/result`, { confirm: false, note: '本人不在家，邻居称已外出' }, teamMember.headers);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'reopened', taskStatus: 'open', outcome: null });
    const task = (await get(`/api/v1/verification-tasks/${checks[1].taskId}`, worker)).json();
    expect(task).toMatchObject({ status: 'open', outcome: null });
    expect(task.reviewNote).toContain('邻居称已外出');
    const audits = await t.app.db.selectFrom('audit_log').select(['action', 'user_id']).where('entity', '=', 'verification_task').where('entity_id', '=', checks[1].taskId).execute();
    expect(audits).toContainEqual({ action: 'reopen', user_id: teamMember.user.id });
    expect((await post(`/api/v1/verification-tasks/${checks[1].taskId}/outcome`, { outcome: 'left', movedTo: '外省' }, worker)).statusCode).toBe(200);
    expect((await post(`/api/v1/verification-tasks/${checks[1].taskId}/review`, { accept: true }, leader)).statusCode).toBe(200);
  });
});

describe('escalation of overdue tasks', () => {
  let overdueList: string;
  let taskId: string;
  beforeAll(async () => {
    const { list } = await takeInList(t.app, t.tree.townA, csvOf([['姓名', '居住地址'], ['逾期甲', '东村第二网格5号'], ['逾期乙', '东村第二网格6号']]), { kind: 'arrival', deadlineHours: '1' }, { headers: officer });
    overdueList = list.id;
    const items = (await get(`/api/v1/verification-tasks?listId=${overdueList}`, officer)).json().items;
    taskId = items[0].id;
    await close([items[1].id], officer);
  });
  const hours = (h: number) => new Date(Date.now() + h * 3_600_000);

  it('leaves a task alone before its deadline and a closed task always', async () => {
    expect(await escalateOverdueTasks(t.app.db, hours(0.5), () => undefined)).toBe(0);
  });

  it('climbs one level once overdue, once per run, and again after three days', async () => {
    const events: any[] = [];
    expect(await escalateOverdueTasks(t.app.db, hours(2), (e) => events.push(e))).toBe(1);
    expect(await escalateOverdueTasks(t.app.db, hours(3), (e) => events.push(e))).toBe(0);
    let task = (await get(`/api/v1/verification-tasks/${taskId}`, officer)).json();
    expect(task).toMatchObject({ escalationLevel: 1, escalatedToRegionId: t.tree.villageA });
    expect(events).toEqual([expect.objectContaining({ type: 'verification.escalated', data: { level: 1, regionId: t.tree.villageA, tasks: 1, ids: [taskId] } })]);
    expect(await escalateOverdueTasks(t.app.db, hours(2 + 24 * 3 + 1), () => undefined)).toBe(1);
    task = (await get(`/api/v1/verification-tasks/${taskId}`, officer)).json();
    expect(task).toMatchObject({ escalationLevel: 2, escalatedToRegionId: t.tree.townA });
    const escalated = (await get(`/api/v1/verification-tasks?listId=${overdueList}&escalated=true`, officer)).json().items;
    expect(escalated.map((x: { id: string }) => x.id)).toEqual([taskId]);
  });

  it('runs hourly from the scheduler, claimed once per hour', async () => {
    const job = verificationHourlyJob({ publish: () => undefined, clock: () => hours(24 * 7) });
    const at = new Date('2030-01-01T05:10:00Z');
    expect(await tick(t.app.db, [job], at)).toEqual(['verification-hourly']);
    expect(await tick(t.app.db, [job], new Date('2030-01-01T05:40:00Z'))).toEqual([]);
    const task = (await get(`/api/v1/verification-tasks/${taskId}`, officer)).json();
    expect(task).toMatchObject({ escalationLevel: 3, escalatedToRegionId: t.tree.county });
  });
});

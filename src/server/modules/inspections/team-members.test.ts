// Patrol team members: the member list, the team's member count, and which accounts may be linked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, buildTestApp, signIn } from '../../../../test/support/app.ts';
import { entityBuilders } from '../../../../test/support/entity-builders.ts';
import { UUID_RE } from '../../platform/ids.ts';

let t: TestApp;
type Headers = Record<string, string>;
let officer: Headers;
let commander: Headers;
let secretaryA: Headers;
let memberId: string;
let officerC: Headers;
let townTeam: string;

const post = (url: string, payload: object, headers: Headers) => t.app.inject({ method: 'POST', url, headers, payload });
const patch = (url: string, payload: object, headers: Headers) => t.app.inject({ method: 'PATCH', url, headers, payload });
const get = (url: string, headers: Headers) => t.app.inject({ method: 'GET', url, headers });
const count = async (table: 'patrol_team_members') => Number((await t.app.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

beforeAll(async () => {
  t = await buildTestApp();
  officer = (await signIn(t.app, 'town_officer', t.tree.townA)).headers;
  commander = (await signIn(t.app, 'commander', t.tree.county)).headers;
  secretaryA = (await signIn(t.app, 'village_secretary', t.tree.villageA)).headers;
  memberId = (await signIn(t.app, 'patrol_member', t.tree.townA)).user.id;
  officerC = (await signIn(t.app, 'town_officer', t.tree.townC)).headers;
  const team = await post('/api/v1/patrol-teams', { regionId: t.tree.townA, name: '城关镇督查队', kind: 'inspection', members: 7 }, officer);
  expect(team.statusCode, team.body).toBe(201);
  townTeam = team.json().id;
  const link = await post(`/api/v1/patrol-teams/${townTeam}/members`, { name: '李队长', role: 'leader', userId: memberId }, officer);
  expect(link.statusCode, link.body).toBe(201);
});
afterAll(() => t.close());

describe('patrol team members', () => {
  it('keeps the team’s member count equal to its active members', async () => {
    const url = `/api/v1/patrol-teams/${townTeam}/members`;
    const police = await post(url, { name: '王警官', role: 'police', phone: '13800000001', joinedOn: '2026-01-05' }, officer);
    expect(police.statusCode, police.body).toBe(201);
    expect(police.json()).toMatchObject({ teamId: townTeam, role: 'police', active: true, userId: null, joinedOn: '2026-01-05' });
    await post(url, { name: '赵医生', role: 'medical' }, officer);
    const teamOf = async () => (await get(`/api/v1/patrol-teams?limit=500`, officer)).json().items.find((x: { id: string }) => x.id === townTeam);
    expect((await teamOf()).members).toBe(3);
    const off = await patch(`${url}/${police.json().id}`, { active: false }, officer);
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json().active).toBe(false);
    expect((await teamOf()).members).toBe(2);
    const list = await get(url, officer);
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((x: { active: boolean }) => x.active)).toEqual([true, true, false]);
    expect(list.json().items[0]).toHaveProperty('userName');
  });

  it('links only an active, writable account bound to the team’s region or above, in the caller’s region', async () => {
    const url = `/api/v1/patrol-teams/${townTeam}/members`;
    const before = await count('patrol_team_members');
    const villageAccount = await signIn(t.app, 'patrol_member', t.tree.villageA);
    const below = await post(url, { name: '村干部', role: 'cadre', userId: villageAccount.user.id }, officer);
    expect(below.statusCode).toBe(422);
    expect(below.json().error.details[0].path).toBe('userId');
    const countyAccount = await signIn(t.app, 'commander', t.tree.county);
    expect((await post(url, { name: '县干部', role: 'cadre', userId: countyAccount.user.id }, officer)).statusCode).toBe(422); // outside the officer's region
    expect((await post(url, { name: '县干部', role: 'cadre', userId: countyAccount.user.id }, commander)).statusCode).toBe(201); // the commander's own region
    const auditor = await signIn(t.app, 'auditor', t.tree.townA);
    expect((await post(url, { name: '审计', role: 'other', userId: auditor.user.id }, officer)).statusCode).toBe(422);
    const off = await signIn(t.app, 'patrol_member', t.tree.townA);
    await t.app.db.updateTable('users').set({ active: 0 }).where('id', '=', off.user.id).execute();
    expect((await post(url, { name: '停用', role: 'other', userId: off.user.id }, officer)).statusCode).toBe(422);
    const twice = await post(url, { name: '李队长', role: 'leader', userId: memberId }, officer);
    expect(twice.statusCode).toBe(409);
    expect((await post(url, { name: '无名', role: 'cadre', userId: '00000000-0000-7000-8000-000000000009' }, officer)).statusCode).toBe(422);
    expect(await count('patrol_team_members')).toBe(before + 1);
  });

  it('answers 404 for an unknown team or member and 403 outside the caller’s region', async () => {
    expect((await get('/api/v1/patrol-teams/00000000-0000-7000-8000-000000000001/members', officer)).statusCode).toBe(404);
    const unknown = await patch(`/api/v1/patrol-teams/${townTeam}/members/00000000-0000-7000-8000-000000000001`, { name: 'x' }, officer);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.details[0].path).toBe('memberId');
    expect((await post(`/api/v1/patrol-teams/${townTeam}/members`, { name: '外人', role: 'cadre' }, secretaryA)).statusCode).toBe(403);
    expect((await get(`/api/v1/patrol-teams/${townTeam}/members`, officerC)).statusCode).toBe(403);
    const bad = await post(`/api/v1/patrol-teams/${townTeam}/members`, { name: '', role: 'boss' }, officer);
    expect(bad.statusCode).toBe(400);
  });
  it('keeps the member count from the member list once there is one', async () => {
    const res = await patch(`/api/v1/patrol-teams/${townTeam}`, { members: 40 }, officer);
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details[0].path).toBe('members');
  });

  it('gives the scope test real inspections and schedules to probe', async () => {
    expect(await entityBuilders.inspection?.(t.app, t.tree.gridB)).toMatch(UUID_RE);
    expect(await entityBuilders.inspection_schedule?.(t.app, t.tree.gridB)).toMatch(UUID_RE);
  });
});

// No role grants more than it holds: roles strictly below one's own, each bound to a region of
// its level inside one's subtree; accounts above or beside one's own are not one's to change.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../../shared/accounts.ts';
import { type TestApp, buildTestApp, signIn } from '../../../../test/support/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

let seq = 0;
const anAccount = (role: Role, regionId: number) => ({ username: `grant${++seq}`, displayName: '张三', role, regionId, password: 'plum-kettle-harbour-9' });
type Headers = Record<string, string>;
const create = (headers: Headers, payload: object) => t.app.inject({ method: 'POST', url: '/api/v1/users', headers, payload });
const patch = (headers: Headers, id: string, payload: object) => t.app.inject({ method: 'PATCH', url: `/api/v1/users/${id}`, headers, payload });
const stored = (id: string) => t.app.db.selectFrom('users').select(['role', 'region_id', 'password_hash']).where('id', '=', id).executeTakeFirstOrThrow();

describe('the attacks of issue 13', () => {
  it('refuses a village secretary creating a town officer bound to its village (403 on role, nothing saved)', async () => {
    const secretary = await signIn(t.app, 'village_secretary', t.tree.villageA);
    const payload = anAccount('town_officer', t.tree.villageA);
    const res = await create(secretary.headers, payload);
    expect(res.statusCode).toBe(403);
    expect(res.json().error.details).toEqual([{ path: 'role', message: 'not a role you may grant' }]);
    expect(await t.app.db.selectFrom('users').select('id').where('username', '=', payload.username).executeTakeFirst()).toBeUndefined();
  });

  it('refuses a village secretary promoting its grid worker to town officer', async () => {
    const secretary = await signIn(t.app, 'village_secretary', t.tree.villageA);
    const worker = await signIn(t.app, 'grid_worker', t.tree.gridA);
    const res = await patch(secretary.headers, worker.user.id, { role: 'town_officer' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.details[0].path).toBe('role');
    expect((await stored(worker.user.id)).role).toBe('grid_worker');
  });

  it('refuses a town officer creating a second town officer, or promoting a secretary to one', async () => {
    const officer = await signIn(t.app, 'town_officer', t.tree.townA);
    expect((await create(officer.headers, anAccount('town_officer', t.tree.townA))).statusCode).toBe(403);
    const secretary = await signIn(t.app, 'village_secretary', t.tree.villageA);
    const res = await patch(officer.headers, secretary.user.id, { role: 'town_officer', regionId: t.tree.townA });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.details[0]).toEqual({ path: 'role', message: 'not a role you may grant' });
  });
});

describe('who grants what', () => {
  it('lets each manager grant the roles below its own, on a region of the role’s level', async () => {
    const cases: [Role, number, Role, number][] = [
      ['village_secretary', t.tree.villageA, 'grid_leader', t.tree.gridA],
      ['village_secretary', t.tree.villageA, 'grid_worker', t.tree.gridA2],
      ['town_officer', t.tree.townA, 'village_secretary', t.tree.villageB],
      ['town_officer', t.tree.townA, 'patrol_member', t.tree.townA],
      ['commander', t.tree.county, 'town_officer', t.tree.townC],
      ['admin', t.tree.county, 'commander', t.tree.county],
      ['admin', t.tree.county, 'auditor', t.tree.county],
    ];
    for (const [managerRole, managerRegion, role, regionId] of cases) {
      const manager = await signIn(t.app, managerRole, managerRegion);
      const res = await create(manager.headers, anAccount(role, regionId));
      expect(res.statusCode, `${managerRole} grants ${role}`).toBe(201);
      expect(res.json()).toMatchObject({ role, regionId, mustChangePassword: true });
    }
  });

  it('keeps the auditor and the commander for an admin to grant, and admin for nobody', async () => {
    const commander = await signIn(t.app, 'commander', t.tree.county);
    for (const role of ['auditor', 'commander'] as const) {
      const res = await create(commander.headers, anAccount(role, t.tree.county));
      expect(res.statusCode).toBe(403);
      expect(res.json().error.details).toEqual([{ path: 'role', message: 'admin only' }]);
    }
    const admin = await signIn(t.app, 'admin', t.tree.county);
    expect((await create(admin.headers, anAccount('admin', t.tree.county))).statusCode).toBe(403);
  });

  it('leaves the patrol member to a town officer or above', async () => {
    const secretary = await signIn(t.app, 'village_secretary', t.tree.villageA);
    expect((await create(secretary.headers, anAccount('patrol_member', t.tree.villageA))).statusCode).toBe(403);
  });

  it('binds each role to its level: 422 on regionId naming the level', async () => {
    const officer = await signIn(t.app, 'town_officer', t.tree.townA);
    const cases: [Role, number, string][] = [
      ['grid_worker', t.tree.villageA, 'must be a grid for this role'],
      ['village_secretary', t.tree.gridA, 'must be a village for this role'],
      ['patrol_member', t.tree.villageA, 'must be a town for this role'],
    ];
    for (const [role, regionId, message] of cases) {
      const res = await create(officer.headers, anAccount(role, regionId));
      expect(res.statusCode, role).toBe(422);
      expect(res.json().error.details).toEqual([{ path: 'regionId', message }]);
    }
  });

  it('refuses a region outside the manager’s subtree (403 on regionId)', async () => {
    const secretary = await signIn(t.app, 'village_secretary', t.tree.villageA);
    const res = await create(secretary.headers, anAccount('grid_worker', t.tree.gridB));
    expect(res.statusCode).toBe(403);
    expect(res.json().error.details[0].path).toBe('regionId');
  });
});

describe('changing an account', () => {
  it('refuses a village secretary resetting a town officer’s password or editing a fellow secretary', async () => {
    const secretary = await signIn(t.app, 'village_secretary', t.tree.villageA);
    const officer = await signIn(t.app, 'town_officer', t.tree.townA);
    const before = (await stored(officer.user.id)).password_hash;
    // The officer is bound to the town, outside the village: refused by scope already.
    expect((await patch(secretary.headers, officer.user.id, { password: 'plum-kettle-harbour-7' })).statusCode).toBe(403);
    expect((await stored(officer.user.id)).password_hash).toBe(before);
    // A town officer wrongly bound inside the village (the old attack's leftover) is not the secretary's either.
    const planted = await signIn(t.app, 'town_officer', t.tree.villageA);
    const res = await patch(secretary.headers, planted.user.id, { password: 'plum-kettle-harbour-7' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.details).toEqual([{ path: 'id', message: 'not an account you manage' }]);
    const fellow = await signIn(t.app, 'village_secretary', t.tree.villageA);
    expect((await patch(secretary.headers, fellow.user.id, { displayName: '李四' })).statusCode).toBe(403);
  });

  it('refuses changing one’s own role, region, status or password through the account page', async () => {
    const admin = await signIn(t.app, 'admin', t.tree.county);
    for (const [field, value] of [['role', 'commander'], ['regionId', t.tree.townA], ['active', false], ['password', 'plum-kettle-harbour-7']] as const) {
      const res = await patch(admin.headers, admin.user.id, { [field]: value });
      expect(res.statusCode, field).toBe(403);
      expect(res.json().error.details[0].path).toBe(field);
    }
    expect((await patch(admin.headers, admin.user.id, { displayName: '王管理员' })).statusCode).toBe(200);
  });

  it('moves a role only with a region of its level, and audits the change with before and after', async () => {
    const admin = await signIn(t.app, 'admin', t.tree.county);
    const worker = await signIn(t.app, 'grid_worker', t.tree.gridA);
    const wrong = await patch(admin.headers, worker.user.id, { role: 'village_secretary' });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().error.details).toEqual([{ path: 'regionId', message: 'must be a village for this role' }]);
    const res = await patch(admin.headers, worker.user.id, { role: 'village_secretary', regionId: t.tree.villageB });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ role: 'village_secretary', regionId: t.tree.villageB });

    const auditor = await signIn(t.app, 'auditor', t.tree.county);
    const log = await t.app.inject({ method: 'GET', url: `/api/v1/audit?entity=user&entityId=${worker.user.id}`, headers: auditor.headers });
    const entry = log.json().items.find((e: { action: string }) => e.action === 'change_role');
    expect(entry).toMatchObject({
      userId: admin.user.id,
      regionId: t.tree.villageB,
      details: { before: { role: 'grid_worker', regionId: t.tree.gridA }, after: { role: 'village_secretary', regionId: t.tree.villageB } },
    });
  });

  it('re-enables an account only where its role may be bound', async () => {
    const officer = await signIn(t.app, 'town_officer', t.tree.townA);
    // A grid worker bound to a village (made before the rule), then disabled.
    const misbound = await signIn(t.app, 'grid_worker', t.tree.villageA);
    await t.app.db.updateTable('users').set({ active: 0 }).where('id', '=', misbound.user.id).execute();
    const res = await patch(officer.headers, misbound.user.id, { active: true });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details[0]).toEqual({ path: 'regionId', message: 'must be a grid for this role' });
    const fixed = await patch(officer.headers, misbound.user.id, { active: true, regionId: t.tree.gridA });
    expect(fixed.statusCode).toBe(200);
    expect(fixed.json()).toMatchObject({ active: true, regionId: t.tree.gridA });
  });
});

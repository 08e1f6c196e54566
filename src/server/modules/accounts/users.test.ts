import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PASSWORD, type TestApp, buildTestApp, signIn } from '../../../../test/support/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

const newUser = (regionId: number, username: string, role = 'grid_worker') => ({
  username,
  displayName: '张三',
  role,
  regionId,
  password: 'a-long-password-1',
});

describe('staff accounts', () => {
  it('lets a town officer create a grid worker in the town and list only the town’s accounts', async () => {
    const { headers } = await signIn(t.app, 'town_officer', t.tree.townA);
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/users', headers, payload: newUser(t.tree.gridA, 'wang.wu') });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ username: 'wang.wu', role: 'grid_worker', regionId: t.tree.gridA, active: true });
    expect(JSON.stringify(res.json())).not.toContain('password');
    await signIn(t.app, 'town_officer', t.tree.townC);
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/users?limit=500', headers });
    const regionIds = new Set(list.json().items.map((u: { regionId: number }) => u.regionId));
    expect(regionIds.has(t.tree.townC)).toBe(false);
  });

  it('keeps admin, commander and auditor roles for admins to grant', async () => {
    const { headers } = await signIn(t.app, 'town_officer', t.tree.townA);
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/users', headers, payload: newUser(t.tree.townA, 'sneaky', 'admin') });
    expect(res.statusCode).toBe(403);
    expect(await t.app.db.selectFrom('users').select('id').where('username', '=', 'sneaky').executeTakeFirst()).toBeUndefined();
  });

  it('refuses a taken username with 409 on the field', async () => {
    const { headers } = await signIn(t.app, 'admin', t.tree.county);
    await t.app.inject({ method: 'POST', url: '/api/v1/users', headers, payload: newUser(t.tree.gridA, 'li.si') });
    const dup = await t.app.inject({ method: 'POST', url: '/api/v1/users', headers, payload: newUser(t.tree.gridB, 'LI.SI') });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.details).toEqual([{ path: 'username', message: 'already taken' }]);
  });

  it('resets a password and disables an account, ending their sessions', async () => {
    const admin = (await signIn(t.app, 'admin', t.tree.county)).headers;
    const worker = await signIn(t.app, 'grid_worker', t.tree.gridA);
    const reset = await t.app.inject({ method: 'PATCH', url: `/api/v1/users/${worker.user.id}`, headers: admin, payload: { password: 'brand-new-password' } });
    expect(reset.statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: worker.headers })).statusCode).toBe(401);
    const oldPw = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: worker.username, password: TEST_PASSWORD } });
    expect(oldPw.statusCode).toBe(401);
    const newPw = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: worker.username, password: 'brand-new-password' } });
    expect(newPw.statusCode).toBe(200);

    const disable = await t.app.inject({ method: 'PATCH', url: `/api/v1/users/${worker.user.id}`, headers: admin, payload: { active: false } });
    expect(disable.json().active).toBe(false);
    const disabledLogin = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: worker.username, password: 'brand-new-password' } });
    expect(disabledLogin.statusCode).toBe(401);
  });

  it('refuses to move an account outside the editor’s subtree', async () => {
    const officer = (await signIn(t.app, 'town_officer', t.tree.townA)).headers;
    const worker = await signIn(t.app, 'grid_worker', t.tree.gridA);
    const res = await t.app.inject({ method: 'PATCH', url: `/api/v1/users/${worker.user.id}`, headers: officer, payload: { regionId: t.tree.townC } });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.details[0].path).toBe('regionId');
  });
});

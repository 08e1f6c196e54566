// Strong passwords, and every account changing its own: weak ones refused on every path that
// sets one, a manager's password replaced at first sign-in, the others' sessions ended.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../../shared/accounts.ts';
import { TEST_PASSWORD, type TestApp, buildTestApp, signIn } from '../../../../test/support/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

const STRONG = 'plum-kettle-harbour-9';
const STRONGER = 'quiet-orchard-lantern-42';
type Headers = Record<string, string>;

async function session(username: string, password: string) {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
  expect(res.statusCode).toBe(200);
  const cookie = String([res.headers['set-cookie']].flat().find((c) => String(c).startsWith('gg_session='))).split(';')[0] ?? '';
  return { headers: { cookie, 'x-csrf-token': res.json().csrfToken as string }, me: res.json() };
}
const changePassword = (headers: Headers, currentPassword: string, newPassword: string, extra: Headers = {}) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/password', headers: { ...headers, ...extra }, payload: { currentPassword, newPassword } });

describe('the strength rule', () => {
  it('refuses common, repeated and username passwords on create, naming the field and why, and saves nothing', async () => {
    const admin = await signIn(t.app, 'admin', t.tree.county);
    const cases = [
      ['1234567890', 'too easy to guess: a common password, word, name or keyboard pattern'],
      ['aaaaaaaaaa', 'too easy to guess: a common password, word, name or keyboard pattern'],
      ['qwertyuiop', 'too easy to guess: a common password, word, name or keyboard pattern'],
      ['zhang.wei01', 'must not contain the username'],
      ['My-ZHANG.WEI01-pass', 'must not contain the username'],
      ['short', 'at least 10 characters'],
    ] as const;
    for (const [password, message] of cases) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/users',
        headers: admin.headers,
        payload: { username: 'zhang.wei01', displayName: '张伟', role: 'grid_worker', regionId: t.tree.gridA, password },
      });
      expect(res.statusCode, password).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'VALIDATION_ERROR', details: [{ path: 'password', message }] });
      expect(res.json().error.message).not.toContain(password);
    }
    expect(await t.app.db.selectFrom('users').select('id').where('username', '=', 'zhang.wei01').executeTakeFirst()).toBeUndefined();
  });

  it('refuses a weak password on a manager’s reset and on one’s own change', async () => {
    const admin = await signIn(t.app, 'admin', t.tree.county);
    const worker = await signIn(t.app, 'grid_worker', t.tree.gridA);
    const reset = await t.app.inject({ method: 'PATCH', url: `/api/v1/users/${worker.user.id}`, headers: admin.headers, payload: { password: 'password123' } });
    expect(reset.statusCode).toBe(400);
    expect(reset.json().error.details[0].path).toBe('password');
    const own = await changePassword(worker.headers, TEST_PASSWORD, `${worker.username}-garden`);
    expect(own.statusCode).toBe(400);
    expect(own.json().error.details).toEqual([{ path: 'newPassword', message: 'must not contain the username' }]);
    const same = await changePassword(worker.headers, TEST_PASSWORD, TEST_PASSWORD);
    expect(same.json().error.details).toEqual([{ path: 'newPassword', message: 'must differ from the current password' }]);
  });
});

describe('changing one’s own password', () => {
  it('works for every role, grid workers, leaders and patrol members included', async () => {
    const roles: [Role, number][] = [
      ['grid_worker', t.tree.gridA], ['grid_leader', t.tree.gridA], ['patrol_member', t.tree.townA],
      ['village_secretary', t.tree.villageA], ['auditor', t.tree.county],
    ];
    for (const [role, regionId] of roles) {
      const account = await signIn(t.app, role, regionId);
      const res = await changePassword(account.headers, TEST_PASSWORD, STRONG);
      expect(res.statusCode, role).toBe(200);
      expect(res.json().user).toMatchObject({ username: account.username, mustChangePassword: false });
      const old = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: account.username, password: TEST_PASSWORD } });
      expect(old.statusCode, role).toBe(401);
      await session(account.username, STRONG);
    }
  });

  it('ends the account’s other sessions and tokens but keeps the one it was made in, and audits it', async () => {
    const worker = await signIn(t.app, 'grid_worker', t.tree.gridA);
    const phone = await session(worker.username, TEST_PASSWORD);
    const desk = await session(worker.username, TEST_PASSWORD);
    expect((await changePassword(desk.headers, TEST_PASSWORD, STRONG)).statusCode).toBe(200);
    const me = (headers: Headers) => t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers });
    expect((await me(worker.headers)).statusCode).toBe(401);
    expect((await me(phone.headers)).statusCode).toBe(401);
    expect((await me(desk.headers)).statusCode).toBe(200);
    const entries = await t.app.db.selectFrom('audit_log').select(['action', 'user_id']).where('entity_id', '=', worker.user.id).where('action', '=', 'change_password').execute();
    expect(entries).toEqual([{ action: 'change_password', user_id: worker.user.id }]);
  });

  it('refuses a wrong current password (422, audited) and stops guessing after five', async () => {
    const worker = await signIn(t.app, 'grid_worker', t.tree.gridA);
    for (let i = 0; i < 5; i++) {
      const res = await changePassword(worker.headers, `not-my-password-${i}`, STRONG);
      expect(res.statusCode).toBe(422);
      expect(res.json().error.details).toEqual([{ path: 'currentPassword', message: 'not your current password' }]);
    }
    const failures = await t.app.db.selectFrom('audit_log').select('id').where('user_id', '=', worker.user.id).where('action', '=', 'change_password_failed').execute();
    expect(failures).toHaveLength(5);
    const sixth = await changePassword(worker.headers, TEST_PASSWORD, STRONG);
    expect(sixth.statusCode).toBe(429);
    expect(Number(sixth.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('keeps no plain hash of the passwords with the idempotency key', async () => {
    const worker = await signIn(t.app, 'grid_worker', t.tree.gridA);
    const body = { currentPassword: TEST_PASSWORD, newPassword: STRONG };
    const res = await changePassword(worker.headers, body.currentPassword, body.newPassword, { 'idempotency-key': 'change-pw-key-1' });
    expect(res.statusCode).toBe(200);
    const row = await t.app.db.selectFrom('idempotency_keys').select('request_hash').where('key', '=', 'change-pw-key-1').executeTakeFirstOrThrow();
    const plain = createHash('sha256').update(`POST /api/v1/auth/password\n${JSON.stringify(body)}`).digest('base64url');
    expect(row.request_hash).not.toBe(plain);
  });
});

describe('a password a manager set', () => {
  it('must be replaced at the next sign-in: until then only who-am-I, change-password and sign-out answer', async () => {
    const officer = await signIn(t.app, 'town_officer', t.tree.townA);
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: officer.headers,
      payload: { username: 'new.worker', displayName: '新网格员', role: 'grid_worker', regionId: t.tree.gridA, password: STRONG },
    });
    expect(created.json().mustChangePassword).toBe(true);
    const { headers, me } = await session('new.worker', STRONG);
    expect(me.user.mustChangePassword).toBe(true);
    for (const [method, url, payload] of [['GET', '/api/v1/regions'], ['GET', '/api/v1/households'], ['POST', '/api/v1/auth/tokens', { name: 'x' }]] as const) {
      const res = await t.app.inject({ method, url, headers, payload });
      expect(res.statusCode, url).toBe(403);
      expect(res.json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    }
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers })).json().user.mustChangePassword).toBe(true);
    const changed = await changePassword(headers, STRONG, STRONGER);
    expect(changed.json().user.mustChangePassword).toBe(false);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/regions', headers })).statusCode).toBe(200);

    // A reset by the manager sets the flag again (and ends the sessions).
    await t.app.inject({ method: 'PATCH', url: `/api/v1/users/${created.json().id}`, headers: officer.headers, payload: { password: STRONG } });
    const again = await session('new.worker', STRONG);
    expect(again.me.user.mustChangePassword).toBe(true);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: again.headers })).statusCode).toBe(200);
  });
});

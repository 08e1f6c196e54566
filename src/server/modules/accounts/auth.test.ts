import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PASSWORD, type TestApp, buildTestApp, sameAnswerOf, signIn } from '../../../../test/support/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

function cookieOf(res: { headers: Record<string, unknown> }): string {
  const raw = [res.headers['set-cookie']].flat().find((c) => String(c).startsWith('gg_session='));
  return String(raw).split(';')[0] ?? '';
}

describe('browser sign-in', () => {
  it('sets an httpOnly SameSite cookie and tells who is signed in', async () => {
    const { username } = await signIn(t.app, 'grid_worker', t.tree.gridA);
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: TEST_PASSWORD } });
    expect(res.statusCode).toBe(200);
    const setCookie = String([res.headers['set-cookie']].flat()[0]);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: cookieOf(res) } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ user: { username, role: 'grid_worker' }, region: { id: t.tree.gridA }, authKind: 'session' });
  });

  it('refuses a cookie-authenticated write without the CSRF token', async () => {
    const { username } = await signIn(t.app, 'admin', t.tree.county);
    const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: TEST_PASSWORD } });
    const cookie = cookieOf(login);
    const payload = { parentId: t.tree.villageA, level: 'grid', code: '339901009001', name: '网格' };
    const without = await t.app.inject({ method: 'POST', url: '/api/v1/regions', headers: { cookie }, payload });
    expect(without.statusCode).toBe(403);
    expect(without.json().error.code).toBe('CSRF_MISMATCH');
    const withToken = await t.app.inject({
      method: 'POST',
      url: '/api/v1/regions',
      headers: { cookie, 'x-csrf-token': login.json().csrfToken },
      payload,
    });
    expect(withToken.statusCode).toBe(201);
  });

  it('ends the session on sign-out', async () => {
    const { username } = await signIn(t.app, 'grid_worker', t.tree.gridA);
    const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: TEST_PASSWORD } });
    const headers = { cookie: cookieOf(login), 'x-csrf-token': login.json().csrfToken };
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers })).statusCode).toBe(401);
  });

  it('gives the same answer for an unknown user and a wrong password', async () => {
    const { username } = await signIn(t.app, 'grid_worker', t.tree.gridA);
    const wrong = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: 'nope-nope-nope' } });
    const unknown = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'nobody', password: 'nope-nope-nope' } });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(sameAnswerOf(wrong)).toEqual(sameAnswerOf(unknown));
  });

  it('pauses an account at one address after 5 failures with a clear message and Retry-After, even with the right password', async () => {
    const { username } = await signIn(t.app, 'grid_worker', t.tree.gridA);
    for (let i = 0; i < 5; i++) {
      await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: `wrong-${i}-password` } });
    }
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: TEST_PASSWORD } });
    expect(res.statusCode).toBe(429);
    expect(res.json().error.message).toBe('Too many failed sign-ins for this account from this address. Try again in 1 minute.');
    // A minute from the fifth failure (a little less by now).
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(50);
    expect(Number(res.headers['retry-after'])).toBeLessThanOrEqual(60);
  });

  it('does not let 30 failures with made-up usernames from one address (an office behind NAT) lock the accounts signing in from it', async () => {
    for (let i = 0; i < 30; i++) {
      await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: '10.9.9.9', payload: { username: `ghost${i}`, password: 'wrong-password-1' } });
    }
    const { username } = await signIn(t.app, 'grid_worker', t.tree.gridA);
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: '10.9.9.9', payload: { username, password: TEST_PASSWORD } });
    expect(res.statusCode).toBe(200);
  });
});

describe('script tokens', () => {
  it('creates a bearer token from a browser session that works until revoked', async () => {
    const { username } = await signIn(t.app, 'town_officer', t.tree.townA);
    const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: TEST_PASSWORD } });
    const headers = { cookie: cookieOf(login), 'x-csrf-token': login.json().csrfToken };
    const created = await t.app.inject({ method: 'POST', url: '/api/v1/auth/tokens', headers, payload: { name: 'nightly export' } });
    expect(created.statusCode).toBe(201);
    const { id, token } = created.json();
    const bearer = { authorization: `Bearer ${token}` };
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer })).json().authKind).toBe('token');
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/auth/tokens', headers: bearer });
    expect(JSON.stringify(list.json())).not.toContain(token);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/auth/tokens/${id}`, headers: bearer })).statusCode).toBe(200);
    const after = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer });
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a token minting another token, so none outlives its maker (the 1-day → 366-day attack)', async () => {
    const { user, username } = await signIn(t.app, 'town_officer', t.tree.townA);
    const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: TEST_PASSWORD } });
    const browser = { cookie: cookieOf(login), 'x-csrf-token': login.json().csrfToken };
    const day = await t.app.inject({ method: 'POST', url: '/api/v1/auth/tokens', headers: browser, payload: { name: 'one day', expiresInDays: 1 } });
    expect(day.statusCode).toBe(201);
    const bearer = { authorization: `Bearer ${day.json().token}` };

    const minted = await t.app.inject({ method: 'POST', url: '/api/v1/auth/tokens', headers: bearer, payload: { name: 'a year', expiresInDays: 366 } });
    expect(minted.statusCode).toBe(403);
    expect(minted.json().error).toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/browser session/) });
    const tokens = await t.app.db.selectFrom('auth_sessions').select('name').where('user_id', '=', user.id).where('kind', '=', 'token').execute();
    expect(tokens.map((r) => r.name).sort()).toEqual(['one day', 'test']);

    // Revoking the day token leaves nothing of it behind.
    await t.app.inject({ method: 'DELETE', url: `/api/v1/auth/tokens/${day.json().id}`, headers: browser });
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer })).statusCode).toBe(401);
  });

  it('refuses a malformed Authorization header', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: 'Basic abc' } });
    expect(res.statusCode).toBe(401);
  });
});

// Logs carry no secrets or personal data, even at trace level and when a request fails.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, buildLoggingTestApp, signIn } from '../support/app.ts';

let t: TestApp;
let logs = '';
beforeAll(async () => {
  t = await buildLoggingTestApp((text) => {
    logs += text;
  });
});
afterAll(() => t.close());

describe('logs', () => {
  it('never contain passwords, session cookies, CSRF or bearer tokens', async () => {
    const admin = await signIn(t.app, 'admin', t.tree.county);
    const secretPassword = 'Sup3r-secret-passphrase';
    await t.app.inject({ method: 'POST', url: '/api/v1/users', headers: admin.headers, payload: { username: 'zhao.liu', displayName: '赵六', role: 'grid_worker', regionId: t.tree.gridA, password: secretPassword } });
    const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'zhao.liu', password: secretPassword } });
    const cookie = String([login.headers['set-cookie']].flat()[0]).split(';')[0] ?? '';
    await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } });
    const newPassword = 'Quiet-0rchard-lantern';
    await t.app.inject({ method: 'POST', url: '/api/v1/auth/password', headers: { cookie, 'x-csrf-token': login.json().csrfToken }, payload: { currentPassword: secretPassword, newPassword } });
    await t.app.inject({ method: 'POST', url: '/api/v1/auth/password', headers: { cookie, 'x-csrf-token': login.json().csrfToken }, payload: { currentPassword: 'wrong-Sup3r-current', newPassword: 'Another-0rchard-lamp' } });
    await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'zhao.liu', password: 'wrong-Sup3r-guess' } });
    await t.app.inject({ method: 'GET', url: '/api/v1/regions?q=secret-query-text', headers: admin.headers });
    expect(logs.length).toBeGreaterThan(0);
    for (const secret of [secretPassword, newPassword, 'wrong-Sup3r-current', 'Another-0rchard-lamp', 'wrong-Sup3r-guess', cookie.split('=')[1] ?? 'x', login.json().csrfToken, admin.headers.authorization.slice(7), 'secret-query-text']) {
      expect(logs).not.toContain(secret);
    }
  });
});

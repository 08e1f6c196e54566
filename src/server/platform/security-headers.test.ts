// Every answer tells the browser what the page may do: the staff console and the public pages,
// the API's JSON and its errors. Secure cookies follow an https public address by default.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PASSWORD, type TestApp, buildTestApp, signIn } from '../../../test/support/app.ts';
import { loadConfig } from '../config.ts';

let webRoot: string;
let t: TestApp;
beforeAll(async () => {
  webRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'gg-web-'));
  fs.writeFileSync(path.join(webRoot, 'index.html'), '<!doctype html><title>GridGuard</title>');
  fs.writeFileSync(path.join(webRoot, 'public.html'), '<!doctype html><title>Public</title>');
  fs.writeFileSync(path.join(webRoot, 'field.html'), '<!doctype html><title>Phone app</title>');
  fs.writeFileSync(path.join(webRoot, 'sw.js'), 'self.addEventListener("fetch", () => {});');
  t = await buildTestApp({ webRoot });
});
afterAll(async () => {
  await t.close();
  fs.rmSync(webRoot, { recursive: true, force: true });
});

/** The policy's directives by name. */
function csp(header: string | string[] | number | undefined): Map<string, string> {
  return new Map(
    String(header ?? '')
      .split(';')
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => {
        const [name = '', ...values] = d.split(/\s+/);
        return [name, values.join(' ')] as const;
      }),
  );
}

function expectLockedDown(headers: Record<string, string | string[] | number | undefined>) {
  const policy = csp(headers['content-security-policy']);
  expect(policy.get('script-src')).toBe("'self'");
  expect(policy.get('frame-ancestors')).toBe("'none'");
  expect(policy.get('object-src')).toBe("'none'");
  expect(policy.get('default-src')).toBe("'self'");
  expect(policy.has('upgrade-insecure-requests')).toBe(false);
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['x-frame-options']).toBe('DENY');
  expect(headers['referrer-policy']).toBe('no-referrer');
  expect(headers['permissions-policy']).toMatch(/(^|, )geolocation=\(self\)/);
  expect(headers['permissions-policy']).toMatch(/(^|, )microphone=\(\)/);
  expect(headers['strict-transport-security']).toBeUndefined();
}

describe('security headers', () => {
  it('sends the staff console and the phone app a strict policy: no inline script, never framed', async () => {
    for (const [url, title] of [['/', 'GridGuard'], ['/regions/12', 'GridGuard'], ['/login', 'GridGuard'], ['/field', 'Phone app'], ['/field/h/1', 'Phone app']]) {
      const page = await t.app.inject({ method: 'GET', url });
      expect(page.statusCode, url).toBe(200);
      expect(page.body).toContain(`<title>${title}</title>`);
      expectLockedDown(page.headers);
    }
  });

  it('sends the public pages and the service worker the same policy', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/p/tips/new' });
    expect(page.body).toContain('<title>Public</title>');
    expectLockedDown(page.headers);
    const worker = await t.app.inject({ method: 'GET', url: '/sw.js' });
    expect(worker.statusCode).toBe(200);
    expectLockedDown(worker.headers);
  });

  it('sends them with API answers and errors, also those refused before routing', async () => {
    expectLockedDown((await t.app.inject({ method: 'GET', url: '/healthz' })).headers);
    const badToken = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: 'Bearer nope' } });
    expect(badToken.statusCode).toBe(401);
    expectLockedDown(badToken.headers);
    const missing = await t.app.inject({ method: 'GET', url: '/api/v1/nothing-here' });
    expect(missing.statusCode).toBe(404);
    expectLockedDown(missing.headers);
  });

  it('adds HSTS and upgrade-insecure-requests only behind an https public address', async () => {
    const https = await buildTestApp({ publicUrl: 'https://fk.example.gov.cn' });
    try {
      const res = await https.app.inject({ method: 'GET', url: '/healthz' });
      expect(res.headers['strict-transport-security']).toBe('max-age=15552000');
      expect(csp(res.headers['content-security-policy']).has('upgrade-insecure-requests')).toBe(true);
    } finally {
      await https.close();
    }
  });
});

describe('secure cookies', () => {
  it('are on by default when GRIDGUARD_PUBLIC_URL is https, and an explicit setting wins', () => {
    expect(loadConfig({}).secureCookies).toBe(false);
    expect(loadConfig({ GRIDGUARD_PUBLIC_URL: 'http://10.1.2.3:3000' }).secureCookies).toBe(false);
    expect(loadConfig({ GRIDGUARD_PUBLIC_URL: 'https://fk.example.gov.cn' }).secureCookies).toBe(true);
    expect(loadConfig({ GRIDGUARD_PUBLIC_URL: 'https://fk.example.gov.cn', GRIDGUARD_SECURE_COOKIES: 'off' }).secureCookies).toBe(false);
    expect(loadConfig({ GRIDGUARD_PUBLIC_URL: 'http://10.1.2.3:3000', GRIDGUARD_SECURE_COOKIES: 'on' }).secureCookies).toBe(true);
  });

  it('mark the session cookie Secure behind an https public address', async () => {
    const { secureCookies, publicUrl } = loadConfig({ GRIDGUARD_PUBLIC_URL: 'https://fk.example.gov.cn' });
    const https = await buildTestApp({ secureCookies, publicUrl });
    try {
      const { username } = await signIn(https.app, 'grid_worker', https.tree.gridA);
      const login = await https.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: TEST_PASSWORD } });
      expect(login.statusCode, login.body).toBe(200);
      expect(String(login.headers['set-cookie'])).toMatch(/gg_session=[^;]+;.*\bSecure\b/);
    } finally {
      await https.close();
    }
    const plain = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: (await signIn(t.app, 'grid_worker', t.tree.gridA)).username, password: TEST_PASSWORD } });
    expect(String(plain.headers['set-cookie'])).not.toMatch(/\bSecure\b/);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, buildTestApp } from '../../../../test/support/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

describe('system', () => {
  it('answers /healthz once the database is reachable', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('documents the API as OpenAPI 3 from the same schemas that validate requests', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    const post = doc.paths['/api/v1/regions'].post;
    const schema = post.requestBody.content['application/json'].schema;
    expect(schema.required).toEqual(expect.arrayContaining(['parentId', 'level', 'code', 'name']));
    expect(schema.additionalProperties).toBe(false);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/users', '/api/v1/audit', '/api/v1/auth/login']));
    expect((await t.app.inject({ method: 'GET', url: '/api/docs' })).statusCode).toBeLessThan(400);
  });

  it('names the county for the sign-in page without an account', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/public/meta' });
    expect(res.json()).toEqual({ countyName: '示范县', timeZone: 'Asia/Shanghai' });
  });
});

describe('web app serving', () => {
  it('serves index.html for pages, 404 for missing assets, and compresses scripts', async () => {
    const fs = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const webRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'gg-web-'));
    fs.mkdirSync(path.join(webRoot, 'assets'));
    fs.writeFileSync(path.join(webRoot, 'index.html'), '<!doctype html><title>GridGuard</title>');
    fs.writeFileSync(path.join(webRoot, 'assets', 'app.js'), `console.log(${JSON.stringify('x'.repeat(5000))});`);
    const web = await buildTestApp({ webRoot });
    try {
      const page = await web.app.inject({ method: 'GET', url: '/regions/12' });
      expect(page.statusCode).toBe(200);
      expect(page.headers['content-type']).toMatch(/text\/html/);
      expect((await web.app.inject({ method: 'GET', url: '/assets/gone-123.js' })).statusCode).toBe(404);
      const script = await web.app.inject({ method: 'GET', url: '/assets/app.js', headers: { 'accept-encoding': 'gzip' } });
      expect(script.headers['content-encoding']).toBe('gzip');
    } finally {
      await web.close();
      fs.rmSync(webRoot, { recursive: true, force: true });
    }
  });

  it('serves the phone app (field.html) for /field pages, the staff app elsewhere, and keeps hashed scripts a year', async () => {
    const fs = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const webRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'gg-web-'));
    fs.mkdirSync(path.join(webRoot, 'assets'));
    fs.writeFileSync(path.join(webRoot, 'index.html'), '<!doctype html><title>staff</title>');
    fs.writeFileSync(path.join(webRoot, 'field.html'), '<!doctype html><title>phone</title>');
    fs.writeFileSync(path.join(webRoot, 'field-sw.js'), 'self.addEventListener("fetch", () => {});');
    fs.writeFileSync(path.join(webRoot, 'assets', 'field-DHv3yp-H.js'), 'export {};');
    fs.writeFileSync(path.join(webRoot, 'assets', 'plain.js'), 'export {};');
    const web = await buildTestApp({ webRoot });
    try {
      for (const url of ['/field', '/field/', '/field/h/0193a8e0-0000-7000-8000-000000000001', '/field/sync?x=1', '/field/login']) {
        const page = await web.app.inject({ method: 'GET', url });
        expect(page.statusCode, url).toBe(200);
        expect(page.body, url).toContain('phone');
        expect(page.headers['cache-control'], url).toBe('no-cache');
      }
      for (const url of ['/', '/login', '/households', '/fieldwork', '/reports/file']) {
        expect((await web.app.inject({ method: 'GET', url })).body, url).toContain('staff');
      }
      // Hashed names change with the content: a phone keeps them without asking again.
      expect((await web.app.inject({ method: 'GET', url: '/assets/field-DHv3yp-H.js' })).headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect((await web.app.inject({ method: 'GET', url: '/assets/plain.js' })).headers['cache-control']).toBe('public, max-age=0');
      // The pages and the phone app's service worker are asked for fresh every time.
      expect((await web.app.inject({ method: 'GET', url: '/field-sw.js' })).headers['cache-control']).toBe('no-cache');
      expect((await web.app.inject({ method: 'GET', url: '/field.html' })).headers['cache-control']).toBe('no-cache');
    } finally {
      await web.close();
      fs.rmSync(webRoot, { recursive: true, force: true });
    }
  });
});

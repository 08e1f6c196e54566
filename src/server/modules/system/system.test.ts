import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, buildTestApp, signIn } from '../../../../test/support/app.ts';

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
    const { headers } = await signIn(t.app, 'grid_worker', t.tree.gridA);
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/json', headers });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    const post = doc.paths['/api/v1/regions'].post;
    const schema = post.requestBody.content['application/json'].schema;
    expect(schema.required).toEqual(expect.arrayContaining(['parentId', 'level', 'code', 'name']));
    expect(schema.additionalProperties).toBe(false);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/users', '/api/v1/audit', '/api/v1/auth/login']));
    expect((await t.app.inject({ method: 'GET', url: '/api/docs', headers })).statusCode).toBeLessThan(400);
  });

  it('documents what every write takes: a JSON body, the parts of an upload, or nothing on purpose', async () => {
    const { headers } = await signIn(t.app, 'grid_worker', t.tree.gridA);
    const doc = (await t.app.inject({ method: 'GET', url: '/api/docs/json', headers })).json();
    // Writes that take no body at all: the path (and the caller) say everything.
    const bodiless = [
      'POST /api/v1/auth/logout',
      'DELETE /api/v1/auth/tokens/{id}',
      'POST /api/v1/imports/{id}/rerun',
      'DELETE /api/v1/regions/{id}/boundary',
      'POST /api/v1/quarantines/alerts/{id}/ack',
      'POST /api/v1/risk/recompute',
      'POST /api/v1/inspections/schedules/{id}/cancel',
      'POST /api/v1/arrival-codes/{id}/revoke',
      'POST /api/v1/arrival-codes/{id}/replace',
      'POST /api/v1/enterprise-codes/{id}/revoke',
      'DELETE /api/v1/volunteers/{id}',
      'POST /api/v1/responsible/messages/{id}/read',
      'POST /api/v1/retention/purge',
      'DELETE /api/v1/stand-downs/{id}',
    ];
    // Uploads (multipart/form-data): their parts, files as binary.
    const uploads: Record<string, string[]> = {
      'POST /api/v1/public/tips': ['data', 'photos'],
      'POST /api/v1/patrol-logs/photos': ['file'],
      'POST /api/v1/rectifications/photos': ['file'],
      'POST /api/v1/notices/{id}/images': ['photos'],
      'POST /api/v1/forms/{id}/scan': ['file', 'signedBy'],
      'POST /api/v1/imports/persons': ['file', 'regionId', 'mode'],
      'POST /api/v1/regions/import': ['file', 'mode'],
      'POST /api/v1/verification-lists': ['file', 'name', 'kind', 'regionId', 'source', 'deadlineHours', 'mapping', 'replacesListId', 'spotCheckShare'],
      'POST /api/v1/public/enterprises/upload': ['code', 'file'],
      'POST /api/v1/verification-lists/preview': ['file', 'source'],
    };
    const found: Record<string, string[]> = {};
    const withoutBody: string[] = [];
    for (const [path, operations] of Object.entries<Record<string, { requestBody?: { content: Record<string, { schema: { properties?: Record<string, object> } }> } }>>(doc.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const key = `${method.toUpperCase()} ${path}`;
        if (!['POST', 'PUT', 'PATCH', 'DELETE'].includes(method.toUpperCase())) continue;
        const form = operation.requestBody?.content['multipart/form-data'];
        if (form) found[key] = Object.keys(form.schema.properties ?? {});
        else if (!operation.requestBody) withoutBody.push(key);
      }
    }
    expect(found).toEqual(uploads);
    expect(withoutBody.sort()).toEqual(bodiless.sort());
    const binary = (part: { format?: string; items?: { format?: string } }) => part.format ?? part.items?.format;
    expect(binary(doc.paths['/api/v1/imports/persons'].post.requestBody.content['multipart/form-data'].schema.properties.file)).toBe('binary');
    // The public tip: its JSON alone, or the same JSON as the form's "data" part with up to 3 photos.
    const tip = doc.paths['/api/v1/public/tips'].post.requestBody.content;
    const tipForm = tip['multipart/form-data'].schema;
    expect(tipForm.properties.data).toEqual(tip['application/json'].schema);
    expect(tipForm.properties.photos).toMatchObject({ type: 'array', maxItems: 3, items: { type: 'string', format: 'binary' } });
    expect(tipForm.required).toEqual(['data']);
    const tipSchema = doc.components.schemas[String(tipForm.properties.data.$ref).split('/').pop() ?? ''];
    expect(tipSchema.required).toEqual(expect.arrayContaining(['category', 'regionId', 'description']));
  });

  it('shows the API documentation, its description and its scripts to signed-in staff only', async () => {
    const pages = ['/api/docs', '/api/docs/json', '/api/docs/yaml', '/api/docs/static/swagger-ui-bundle.js', '/api/docs/static/swagger-initializer.js'];
    const { headers } = await signIn(t.app, 'auditor', t.tree.county);
    for (const url of pages) {
      const anonymous = await t.app.inject({ method: 'GET', url });
      expect(anonymous.statusCode, url).toBe(401);
      expect(anonymous.json().error.code).toBe('UNAUTHENTICATED');
      expect((await t.app.inject({ method: 'GET', url, headers })).statusCode, url).toBe(200);
    }
  });

  it('shows the API documentation to anyone with GRIDGUARD_PUBLIC_DOCS=on', async () => {
    const open = await buildTestApp({ publicDocs: true });
    try {
      for (const url of ['/api/docs', '/api/docs/json', '/api/docs/static/swagger-ui-bundle.js']) {
        expect((await open.app.inject({ method: 'GET', url })).statusCode, url).toBe(200);
      }
    } finally {
      await open.close();
    }
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

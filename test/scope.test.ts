// Walks every registered API route and proves an account of grid A can neither read nor
// write grid B's data, nor a sibling grid's. A route added without a provable scope fails here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Access } from '../src/server/platform/access.ts';
import type { Role } from '../src/shared/accounts.ts';
import { type TestApp, buildTestApp, signIn } from './support/app.ts';
import { entityBuilders } from './support/entity-builders.ts';

// Public routes serve people without an account: each one here was added on purpose.
const PUBLIC_ROUTES = new Set([
  'POST /api/v1/auth/login',
  'GET /api/v1/public/meta',
  // The public side (issue 6): the region picker, tips, arrival self-registration, notices.
  'GET /api/v1/public/regions',
  'POST /api/v1/public/tips',
  'GET /api/v1/public/tips/:trackingCode',
  'GET /api/v1/public/arrivals/codes/:token',
  'POST /api/v1/public/arrivals',
  // Enterprises bringing workers back (issue 18): the registration code in the body is the key.
  'POST /api/v1/public/enterprises/session',
  'POST /api/v1/public/enterprises/workers',
  'POST /api/v1/public/enterprises/upload',
  'GET /api/v1/public/notices',
  'GET /api/v1/public/notices/topics',
  'GET /api/v1/public/notices/:id',
  'GET /api/v1/public/notice-images/:imageId',
]);
// Routes that touch only the caller's own account.
const SELF_ROUTES = new Set([
  'POST /api/v1/auth/logout',
  'GET /api/v1/auth/me',
  'POST /api/v1/auth/password',
  'POST /api/v1/auth/tokens',
  'GET /api/v1/auth/tokens',
  'DELETE /api/v1/auth/tokens/:id',
  'GET /api/v1/responsible/messages',
  'POST /api/v1/responsible/messages/:id/read',
]);
// Scoped routes that name no region in the request: they act in the caller's own region and
// check each row or record against it in the service (reason given for each).
const CALLER_REGION_ROUTES: Record<string, string> = {
  'POST /api/v1/regions/import': 'every row’s parent is checked against the caller’s subtree',
  'GET /api/v1/regions/import/template.xlsx': 'a blank template, no data',
  'GET /api/v1/regions/import/:id': 'jobs are visible to the user who started them only',
  'POST /api/v1/imports/persons': 'the regionId form field is checked against the caller’s subtree in the handler (multipart bodies are read after scope runs), and each row’s grid code too',
  'GET /api/v1/imports/persons/template.xlsx': 'a blank template, no data',
  'GET /api/v1/imports': 'lists only the caller’s own jobs',
  'GET /api/v1/imports/:id': 'jobs are visible to the user who started them (and admins of their subtree) only',
  'GET /api/v1/imports/:id/rejected.xlsx': 'jobs are visible to the user who started them (and admins of their subtree) only',
  'POST /api/v1/imports/:id/rerun': 'jobs are visible to the user who started them (and admins of their subtree) only',
  'GET /api/v1/settings': 'county-wide settings (deadline, reminder time), no regional data',
  'PATCH /api/v1/settings': 'county-wide settings, changed by the county’s admin or commander only',
  'GET /api/v1/retention': 'the county’s retention days per kind; the service refuses any account not bound to the county itself',
  'PUT /api/v1/retention': 'the county’s retention days, set by an account bound to the county itself only',
  'GET /api/v1/retention/purge-preview': 'counts by kind and town for the caller’s county; refused to any account not bound to the county itself',
  'GET /api/v1/retention/purge': 'the latest purge run’s status and counts by kind (no region data); county accounts only',
  'POST /api/v1/retention/purge': 'starts the purge of every county’s due data; county accounts only',
  'POST /api/v1/patrol-logs/photos': 'stores bytes only; a photo is served only through a log in the reader’s subtree',
  'GET /api/v1/risk/rules': 'the rules of the caller’s own county; no personal data',
  'PUT /api/v1/risk/rules': 'the caller’s own county, by its admin or commander (refused below the county)',
  'POST /api/v1/risk/recompute': 'recomputes the caller’s own county, by its admin or commander',
  'GET /api/v1/patrol-logs/photos/:sha256': 'served only when a log in the caller’s subtree shows the photo (404 otherwise)',
  'POST /api/v1/rectifications/photos': 'stores bytes only; a photo is served only through a rectification task the reader may see',
  'GET /api/v1/rectifications/photos/:sha256': 'served only when a task in the caller’s subtree (or owned by the caller) shows the photo (404 otherwise)',
  'GET /api/v1/rectifications/:id': 'a task is read in its village’s subtree or by its owner, who may be a grid worker below it: checked in the service (404 otherwise)',
  'POST /api/v1/verification-lists/preview': 'reads the uploaded file only and creates nothing; no regional data',
  'POST /api/v1/verification-lists': 'the regionId form field (and replacesListId’s list) is checked against the caller’s subtree in the service (multipart bodies are read after scope runs)',
  'PATCH /api/v1/verification-lists/:id': 'the list is read in the caller’s subtree in the service (readList; 404 otherwise), as the feedback workbook',
  'GET /api/v1/verification-lists/:id': 'a list is read in its region’s subtree or by accounts inside the region it covers: checked in the service (404 otherwise)',
  'GET /api/v1/verification-lists/:id/feedback.xlsx': 'the list’s region must lie in the caller’s subtree: checked in the service (404 otherwise)',
  'GET /api/v1/departures/neighbours': 'the names and codes of the counties on this installation and the configured neighbours: territory names, no regional records',
  'GET /api/v1/verification-tasks/destinations': 'the names of the towns, villages and grids of the caller’s own county (the phone’s picker for where a person went): territory names, no records',
  'POST /api/v1/volunteer-findings': 'a volunteer’s report is filed in the grid above the caller’s own micro-grid; it names no region',
  'GET /api/v1/handovers/:id': 'a hand-over names two regions: read when the caller’s region holds either side, checked in the service (404 otherwise)',
  'POST /api/v1/handovers/:id/accept': 'by the receiving side only: 404 when the caller holds neither side, 403 for the sender, checked in the service',
  'POST /api/v1/handovers/:id/refuse': 'by the receiving side only: 404 when the caller holds neither side, 403 for the sender, checked in the service',
  'POST /api/v1/persons/access-requests': 'the ID number is looked up among the persons of the caller’s subtree only, in the service (404 otherwise, as for nobody)',
  'POST /api/v1/rectifications/:id/close': 'the owner, or an account whose region holds the task’s current level: checked in the service (404/403 otherwise)',
};

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

function writerRole(access: Access): Role {
  const roles = 'roles' in access && access.roles ? access.roles : null;
  return roles?.find((r) => r !== 'auditor') ?? roles?.[0] ?? 'grid_worker';
}

async function tableCounts(): Promise<Record<string, number>> {
  const tables = ['regions', 'users', 'auth_sessions', 'audit_log', 'idempotency_keys', 'households', 'persons'] as const;
  const out: Record<string, number> = {};
  for (const table of tables) {
    const row = await t.app.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    out[table] = Number(row.n);
  }
  return out;
}

describe('region scope on every route', () => {
  it('declares access on every API route, and public or self routes only on purpose', () => {
    const catalog = t.app.routeCatalog;
    expect(catalog.length).toBeGreaterThan(10);
    for (const { method, url, access } of catalog) {
      const key = `${method} ${url}`;
      if ('public' in access) expect(PUBLIC_ROUTES, `${key} is public`).toContain(key);
      else if ('self' in access) expect(SELF_ROUTES, `${key} is self-only`).toContain(key);
      else if (access.scope.length === 0) expect(Object.keys(CALLER_REGION_ROUTES), `${key} names no region`).toContain(key);
    }
  });

  for (const target of ['gridB', 'gridA2'] as const) {
    it(`refuses a grid-A account every route that names ${target === 'gridB' ? 'another village’s grid' : 'a sibling grid'}`, async () => {
      const targetRegion = t.tree[target];
      // Accounts and target records are made first, so the counts below see only the probes.
      const probes: { label: string; method: string; url: string; query: Record<string, string>; headers: Record<string, string>; payload?: Record<string, unknown> }[] = [];
      for (const { method, url, access } of t.app.routeCatalog) {
        if ('public' in access || 'self' in access) continue;
        const { headers } = await signIn(t.app, writerRole(access), t.tree.gridA);
        for (const source of access.scope) {
          let path = url;
          const query: Record<string, string> = {};
          let payload: Record<string, unknown> | undefined;
          if ('param' in source) {
            const build = entityBuilders[source.entity];
            expect(build, `no entity builder for "${source.entity}" (test/support/entity-builders.ts)`).toBeDefined();
            if (!build) continue;
            path = url.replace(`:${source.param}`, await build(t.app, targetRegion));
          } else {
            // A body or query field names a region, or (with `entity`) a record in one.
            let value: string | number = targetRegion;
            if (source.entity) {
              const build = entityBuilders[source.entity];
              expect(build, `no entity builder for "${source.entity}" (test/support/entity-builders.ts)`).toBeDefined();
              if (!build) continue;
              value = await build(t.app, targetRegion);
            }
            if ('query' in source) query[source.query] = String(value);
            else payload = { [source.body]: value };
          }
          // Other path parameters: a well-formed id of nothing (a region's is a number).
          const regionParam = (name: string) => access.scope.some((s) => 'param' in s && s.param === name && s.entity === 'region');
          path = path.replace(/:(\w+)/g, (_, name: string) => (regionParam(name) ? '999999999' : '00000000-0000-7000-8000-000000000000'));
          probes.push({ label: `${method} ${url} via ${JSON.stringify(source)}`, method, url: path, query, headers, payload });
        }
      }
      const before = await tableCounts();
      const checked: string[] = [];
      for (const p of probes) {
        const res = await t.app.inject({ method: p.method as 'GET', url: p.url, query: p.query, headers: p.headers, ...(p.payload ? { payload: p.payload } : {}) });
        checked.push(`${p.label} → ${res.statusCode}`);
        expect([403, 404], `${p.label} answered ${res.statusCode}: ${res.body}`).toContain(res.statusCode);
      }
      expect(checked.length).toBeGreaterThan(5);
      // Nothing at all was written by any refused request.
      const after = await tableCounts();
      expect(after).toEqual(before);
    });
  }

  it('lets the grid-A account read its own grid and not list beyond it', async () => {
    const { headers } = await signIn(t.app, 'grid_worker', t.tree.gridA);
    const own = await t.app.inject({ method: 'GET', url: `/api/v1/regions/${t.tree.gridA}`, headers });
    expect(own.statusCode).toBe(200);
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/regions', headers });
    expect(list.json().items.map((r: { id: number }) => r.id)).toEqual([t.tree.gridA]);
    const parent = await t.app.inject({ method: 'GET', url: `/api/v1/regions/${t.tree.villageA}`, headers });
    expect(parent.statusCode).toBe(403);
  });
});

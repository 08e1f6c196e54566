// The public endpoints' rate limits, on the region picker (the one public route of the platform):
// per address, with a 429 that says what and when, Retry-After, and other addresses unaffected.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, buildTestApp, json, signIn } from '../../../test/support/app.ts';

describe('public region picker and the per-address limit', () => {
  let t: TestApp;
  // 'read' allows 120 a minute; scaled down to 6 so the test is quick.
  beforeAll(async () => {
    t = await buildTestApp({ publicLimitScale: 0.05 });
  });
  afterAll(() => t.close());

  const get = (url: string, remoteAddress = '203.0.113.7') => t.app.inject({ method: 'GET', url, remoteAddress });

  it('lists the county, then a region’s children, by name only, without an account', async () => {
    const roots = json(await get('/api/v1/public/regions', '203.0.113.1'));
    expect(roots.items).toEqual([expect.objectContaining({ id: t.tree.county, level: 'county', hasChildren: true })]);
    const towns = json(await get(`/api/v1/public/regions?parentId=${t.tree.county}`, '203.0.113.1'));
    expect(towns.items.map((r: { name: string }) => r.name).sort()).toEqual(['南山乡', '城关镇'].sort());
    const grids = json(await get(`/api/v1/public/regions?parentId=${t.tree.villageA}`, '203.0.113.1'));
    expect(grids.items).toHaveLength(2);
    expect(grids.items[0]).toEqual({ id: expect.any(Number), name: expect.any(String), level: 'grid', hasChildren: false });
    expect(Object.keys(grids.items[0]).sort()).toEqual(['hasChildren', 'id', 'level', 'name']);
    expect((await get('/api/v1/public/regions?parentId=999999', '203.0.113.1')).statusCode).toBe(404);
  });

  it('answers 429 with a clear message and Retry-After once an address passes its limit; others go on', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 8; i += 1) statuses.push((await get(`/api/v1/public/regions?parentId=${t.tree.county}`)).statusCode);
    expect(statuses.slice(0, 6)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(statuses.slice(6)).toEqual([429, 429]);
    const refused = await get('/api/v1/public/regions');
    expect(refused.statusCode).toBe(429);
    const body = json(refused);
    expect(body.error.code).toBe('TOO_MANY_REQUESTS');
    expect(body.error.message).toMatch(/^Too many requests from this address: at most 6 in a minute\. Try again in \d+ seconds\.$/);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    // Another address is not held back by this one's flood.
    expect((await get('/api/v1/public/regions', '198.51.100.9')).statusCode).toBe(200);
  });

  it('does not limit staff routes: a signed-in page from a flooding address still answers', async () => {
    for (let i = 0; i < 10; i += 1) await get('/api/v1/public/regions', '192.0.2.50');
    expect((await get('/api/v1/public/regions', '192.0.2.50')).statusCode).toBe(429);
    const staff = await signIn(t.app, 'commander', t.tree.county);
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: staff.headers, remoteAddress: '192.0.2.50' });
    expect(me.statusCode).toBe(200);
  });
});

describe('every public route is limited per address', () => {
  let t: TestApp;
  // Every limit scaled down to its floor of 1: the second request from an address is over it.
  beforeAll(async () => {
    t = await buildTestApp({ publicLimitScale: 0.000001 });
  });
  afterAll(() => t.close());

  it('answers the second request of an address with 429, on each public route (sign-in has its own throttle)', async () => {
    const routes = t.app.routeCatalog.filter((r) => 'public' in r.access && r.url !== '/api/v1/auth/login');
    expect(routes.length).toBeGreaterThanOrEqual(10);
    for (const [i, route] of routes.entries()) {
      // A fresh address per route: each route's own limit is what is tested.
      const remoteAddress = `192.0.2.${i + 1}`;
      const url = route.url.replace(/:[A-Za-z]+/g, 'x');
      const send = () => t.app.inject({ method: route.method as 'GET' | 'POST', url, remoteAddress, ...(route.method === 'POST' ? { payload: {} } : {}) });
      const first = await send();
      expect(first.statusCode, `${route.method} ${route.url} first`).not.toBe(429);
      const second = await send();
      expect(second.statusCode, `${route.method} ${route.url} second`).toBe(429);
      expect(second.json().error.code).toBe('TOO_MANY_REQUESTS');
    }
  });
});

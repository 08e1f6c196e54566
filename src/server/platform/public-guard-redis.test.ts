// With REDIS_URL the public limits are counted in Redis: two app instances (as behind a
// balancer) share one count per address. Needs Redis at 127.0.0.1:6379 (GG_TEST_REDIS_URL);
// without it this file says so and is left out, except under CI=true, where that fails.
import { randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, buildTestApp } from '../../../test/support/app.ts';
import { CROSS_INSTANCE_REDIS, redisReady, testRedisProblem } from '../../../test/support/redis.ts';

const problem = await testRedisProblem('Redis rate-limit test');

describe.runIf(!problem)('public limits counted in Redis across instances', () => {
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    // 'read' scaled to 6 a minute.
    a = await buildTestApp({ publicLimitScale: 0.05, ...CROSS_INSTANCE_REDIS });
    b = await buildTestApp({ publicLimitScale: 0.05, ...CROSS_INSTANCE_REDIS });
    await Promise.all([redisReady(a.app), redisReady(b.app)]);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  it('refuses the address on one instance once it used its limit across both', async () => {
    // A fresh address each run: counts from an earlier run (or the other database's run) never meet this one.
    const remoteAddress = `10.${randomInt(1, 250)}.${randomInt(1, 250)}.${randomInt(1, 250)}`;
    const get = (t: TestApp) => t.app.inject({ method: 'GET', url: '/api/v1/public/regions', remoteAddress });
    const statuses = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await get(a)).statusCode, (await get(b)).statusCode);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200]);
    const refused = await get(a);
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.message).toMatch(/^Too many requests from this address: at most 6 in a minute/);
    expect((await get(b)).statusCode).toBe(429);
  });
});

describe('a rate-limit store that does not answer', () => {
  let t: TestApp;
  beforeAll(async () => {
    // Nothing listens on port 1: every limit check fails.
    t = await buildTestApp({ publicLimitScale: 0.05, redisUrl: 'redis://127.0.0.1:1' });
  });
  afterAll(() => t.close());

  it('lets residents through (limits off until it answers) rather than failing their requests', async () => {
    const started = Date.now();
    for (let i = 0; i < 8; i += 1) {
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/public/regions', remoteAddress: '10.0.0.9' });
      expect(res.statusCode).toBe(200);
    }
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});

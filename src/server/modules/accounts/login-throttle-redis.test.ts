// With REDIS_URL the sign-in attempts are counted in Redis: two app instances (as behind a
// balancer, each here with its own database so nothing else is shared) check no more guesses
// together than one would. Needs Redis (test/support/redis.ts); a Redis that does not answer
// must leave sign-in throttled, counted in the database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PASSWORD, type TestApp, buildTestApp } from '../../../../test/support/app.ts';
import { CROSS_INSTANCE_REDIS, redisReady, testRedisProblem } from '../../../../test/support/redis.ts';
import { attemptSignIn, checkedAttempts, countOf, statusesOf } from '../../../../test/support/sign-in.ts';
import { ephemeralFieldCrypto } from '../../platform/crypto.ts';
import { newId } from '../../platform/ids.ts';
import { hashPassword } from '../../platform/passwords.ts';

const problem = await testRedisProblem('Redis sign-in throttle test');

/** The same account in an instance's database; returns its id there. */
async function anAccount(t: TestApp, username: string, passwordHash: string): Promise<string> {
  const now = new Date().toISOString();
  const id = newId();
  await t.app.db
    .insertInto('users')
    .values({ id, username, display_name: '测试', role: 'grid_worker', region_id: t.tree.gridA, password_hash: passwordHash, phone: null, active: 1, created_at: now, updated_at: now })
    .execute();
  return id;
}

const wrong = (i: number) => `wrong-password-${i}`;

describe.runIf(!problem)('sign-in attempts counted in Redis across instances', () => {
  let a: TestApp;
  let b: TestApp;
  let passwordHash: string;
  beforeAll(async () => {
    // One deployment: the instances share the data keyring, as they must to read the data.
    const fieldCrypto = ephemeralFieldCrypto();
    a = await buildTestApp(CROSS_INSTANCE_REDIS, undefined, { fieldCrypto });
    b = await buildTestApp(CROSS_INSTANCE_REDIS, undefined, { fieldCrypto });
    // Counted in Redis from the first guess: an instance whose connection is not ready yet, or
    // whose answer comes late on a loaded machine, counts in its own database (the Node 24 run did).
    await Promise.all([redisReady(a.app), redisReady(b.app)]);
    passwordHash = await hashPassword(TEST_PASSWORD);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  it('checks at most 5 of 100 simultaneous guesses sent to two instances, and the right password at guess 40 does not get in', async () => {
    const username = 'redisrace';
    const idInA = await anAccount(a, username, passwordHash);
    const idInB = await anAccount(b, username, passwordHash);
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, i) => attemptSignIn(i % 2 ? b.app : a.app, { username, password: i === 39 ? TEST_PASSWORD : wrong(i), ip: '198.51.100.40' })),
    );
    const statuses = statusesOf(answers);
    expect(answers[39]?.statusCode).toBe(429);
    expect(countOf(statuses, 200)).toBe(0);
    expect(countOf(statuses, 401)).toBeLessThanOrEqual(5);
    const [inA, inB] = [await checkedAttempts(a.app, idInA), await checkedAttempts(b.app, idInB)];
    expect(inA.failed + inB.failed).toBe(countOf(statuses, 401));
    expect(inA.succeeded + inB.succeeded).toBe(0);
  });

  it('pauses on one instance an account and address that failed 5 times on the other', async () => {
    const username = 'redispair';
    await anAccount(a, username, passwordHash);
    await anAccount(b, username, passwordHash);
    for (let i = 0; i < 5; i++) expect((await attemptSignIn(a.app, { username, password: wrong(i), ip: '198.51.100.41' })).statusCode).toBe(401);
    const res = await attemptSignIn(b.app, { username, password: TEST_PASSWORD, ip: '198.51.100.41' });
    expect(res.statusCode).toBe(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(50);
    // Another address is not paused, on either instance.
    expect((await attemptSignIn(b.app, { username, password: TEST_PASSWORD, ip: '198.51.100.42' })).statusCode).toBe(200);
  });
});

describe('a Redis that does not answer', () => {
  let t: TestApp;
  beforeAll(async () => {
    // Nothing listens on port 1: every Redis call fails at once.
    t = await buildTestApp({ redisUrl: 'redis://127.0.0.1:1' });
  });
  afterAll(() => t.close());

  it('leaves sign-in working and throttled, counted in the database', async () => {
    const username = 'noredis';
    const id = await anAccount(t, username, await hashPassword(TEST_PASSWORD));
    for (let i = 0; i < 5; i++) expect((await attemptSignIn(t.app, { username, password: wrong(i), ip: '198.51.100.43' })).statusCode).toBe(401);
    expect((await attemptSignIn(t.app, { username, password: TEST_PASSWORD, ip: '198.51.100.43' })).statusCode).toBe(429);
    expect((await attemptSignIn(t.app, { username, password: TEST_PASSWORD, ip: '198.51.100.44' })).statusCode).toBe(200);
    expect(await checkedAttempts(t.app, id)).toEqual({ failed: 5, succeeded: 1 });
    expect(await t.app.db.selectFrom('login_attempts').select('key').execute()).not.toHaveLength(0);
  });
});
